"""Every user-visible string under app/views has an Indonesian translation.

Runs scripts/build_i18n.py's own check on a scratch copy of the catalogue
(pyside6-lupdate over app/views, then the resources/i18n/id/*.json glossary), so
the test never rewrites the shipped .ts/.qm files.  The failure lists every
missing string with its context: add it to your screen's resources/i18n/id/*.json.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _build_i18n():
    spec = importlib.util.spec_from_file_location("build_i18n", ROOT / "scripts" / "build_i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_user_visible_string_in_views_has_an_indonesian_translation(tmp_path):
    if shutil.which("pyside6-lupdate") is None:
        pytest.fail("pyside6-lupdate is missing: PySide6 is not installed correctly")
    build = _build_i18n()
    ts = tmp_path / "sambung_id.ts"
    shutil.copy(build.TS, ts)       # keeps translations made directly in the catalogue
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "views").rglob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(ts)], cwd=ROOT, check=True,
                   capture_output=True)
    words = build.glossary()
    tree = ET.parse(ts)
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        if tr is not None and tr.get("type") == "unfinished" and msg.findtext("source") in words:
            tr.text = words[msg.findtext("source")]
            del tr.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    missing = build.untranslated(ts)
    assert not missing, "strings without an Indonesian translation:\n" + "\n".join(
        f"  [{ctx}] {src!r}" for ctx, src in missing)


def test_glossary_files_are_valid_json_objects_of_strings():
    build = _build_i18n()
    for source, target in build.glossary().items():
        assert isinstance(source, str) and isinstance(target, str) and target.strip(), source
