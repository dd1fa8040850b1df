"""Every user-visible string under app/views has an Indonesian translation.

Runs scripts/build_i18n.py's own check on a scratch copy of the catalogue
(pyside6-lupdate over app/views, then the app/resources/i18n/id/*.json glossary), so
the test never rewrites the shipped .ts/.qm files.  The failure lists every
missing string with its context: add it to your screen's app/resources/i18n/id/*.json.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build_i18n():
    spec = importlib.util.spec_from_file_location("build_i18n", ROOT / "scripts" / "build_i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_user_visible_string_in_views_has_an_indonesian_translation(tmp_path):
    build = _build_i18n()
    ts = tmp_path / "sambung_id.ts"
    shutil.copy(build.TS, ts)       # keeps translations made directly in the catalogue
    missing = build.refresh(ts)     # the project's own lupdate (beside this interpreter), not PATH's
    assert not missing, "strings without an Indonesian translation:\n" + "\n".join(
        f"  [{ctx}] {src!r}" for ctx, src in missing)


def test_qt_tools_are_found_beside_the_interpreter_without_path(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    tool = Path(_build_i18n().qt_tool("pyside6-lupdate"))
    assert tool.is_file() and tool.parent == Path(sys.executable).parent


def test_glossary_files_are_valid_json_objects_of_strings():
    build = _build_i18n()
    for source, target in build.glossary().items():
        assert isinstance(source, str) and isinstance(target, str) and target.strip(), source


def test_the_shipped_catalogue_is_compiled_from_the_current_translations(tmp_path):
    """The .qm that ships holds every translation the .ts and the glossary have (else a new string
    shows in English): run scripts/build_i18n.py and commit both files when this fails."""
    import subprocess
    import xml.etree.ElementTree as ET
    build = _build_i18n()
    ts = tmp_path / "sambung_id.ts"
    shutil.copy(build.TS, ts)
    build.refresh(ts)

    def messages(path):
        return {(m.findtext("source"), (m.find("translation").text or "")) for m in ET.parse(path).getroot().iter("message")
                if m.find("translation") is not None and not m.find("translation").get("type")}
    assert messages(ts) == messages(build.TS), "app/resources/i18n/sambung_id.ts is behind the code"
    qm = tmp_path / "sambung_id.qm"
    subprocess.run([build.qt_tool("pyside6-lrelease"), str(build.TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == build.QM.read_bytes(), "app/resources/i18n/sambung_id.qm is not compiled from the .ts"
