#!/usr/bin/env python3
"""Refresh the Indonesian catalogue from the code and compile it.

1. pyside6-lupdate scans app/views for tr()/translate() strings -> app/resources/i18n/sambung_id.ts
   (existing translations are kept).
2. Entries are filled from app/resources/i18n/id/*.json ({"English source": "Indonesian"}), the place
   where developers add translations next to their screens (a changed wording there replaces the
   catalogue's), else unfinished ones from the catalogue's own translation of the same source text
   (a string that moved to another screen keeps its words).
3. pyside6-lrelease compiles sambung_id.qm, and Qt's own words (qtbase_id.json: the file dialog,
   the standard buttons; Qt ships no Indonesian) into qtbase_id.qm.
Exit 1 (listing them) when a source string still has no Indonesian translation, 2 when
the Qt tools are missing.  Run it with the project's Python (.venv/bin/python): the
tools are looked up beside that interpreter first, never only on PATH.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "app" / "resources" / "i18n"
TS = I18N / "sambung_id.ts"
QM = I18N / "sambung_id.qm"
QT_WORDS = I18N / "qtbase_id.json"
QT_QM = I18N / "qtbase_id.qm"


class ToolMissing(RuntimeError):
    pass


def qt_tool(name: str) -> str:
    """The path of a PySide6 tool: beside this interpreter (a venv's bin/), else on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.prefix) / "bin", Path(sys.prefix) / "Scripts"):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.is_file():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"{name} not found beside {sys.executable} nor on PATH: "
                          "install PySide6 into this Python (pip install -e '.[test]')")
    return found


def glossary() -> dict[str, str]:
    merged: dict[str, str] = {}
    for f in sorted((I18N / "id").glob("*.json")):
        merged.update(json.loads(f.read_text(encoding="utf-8")))
    return merged


def glossary_conflicts() -> list[tuple[str, dict[str, str]]]:
    """Sources that two glossary files translate differently ({file: translation}): the catalogue
    has one translation per source text, so one file would silently win."""
    seen: dict[str, dict[str, str]] = {}
    for f in sorted((I18N / "id").glob("*.json")):
        for source, target in json.loads(f.read_text(encoding="utf-8")).items():
            seen.setdefault(source, {})[f.name] = target
    return [(source, files) for source, files in sorted(seen.items()) if len(set(files.values())) > 1]


def qt_words() -> dict[str, dict[str, str]]:
    """Qt's own source texts by context, with their Indonesian wording."""
    data = json.loads(QT_WORDS.read_text(encoding="utf-8"))
    return {ctx: words for ctx, words in data.items() if not ctx.startswith("_")}


def write_qt_words_ts(ts: Path) -> None:
    root = ET.Element("TS", version="2.1", language="id_ID")
    for ctx, words in qt_words().items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = ctx
        for source, target in words.items():
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = target
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)


def compile_qt_words(qm: Path = QT_QM) -> None:
    ts = qm.with_suffix(".ts.tmp")
    try:
        write_qt_words_ts(ts)
        subprocess.run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    finally:
        ts.unlink(missing_ok=True)


def translated(ts: Path) -> dict[str, str]:
    """Every finished translation in a catalogue, by source text."""
    found: dict[str, str] = {}
    for msg in ET.parse(ts).getroot().iter("message"):
        tr = msg.find("translation")
        if tr is not None and not tr.get("type") and (tr.text or "").strip():
            found[msg.findtext("source")] = tr.text
    return found


def untranslated(ts: Path = TS) -> list[tuple[str, str]]:
    missing = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                    continue
                missing.append((name, msg.findtext("source")))
    return missing


def refresh(ts: Path = TS) -> list[tuple[str, str]]:
    """Steps 1 and 2 on `ts`; the strings still without a translation."""
    known = translated(ts)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "views").rglob("*.py"))
    subprocess.run([qt_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)
    words, chosen = {**known, **glossary()}, glossary()
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "id_ID")
    for msg in root.iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source")
        if tr is None or tr.get("type") in ("obsolete", "vanished"):
            continue
        if src in chosen:
            tr.text = chosen[src]
            tr.attrib.pop("type", None)
        elif tr.get("type") == "unfinished" and src in words:
            tr.text = words[src]
            del tr.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return untranslated(ts)


def main() -> int:
    # Made beside the real files, then renamed over them: the app (or a test running beside the
    # Linux build) that reads a catalogue meanwhile gets the old one or the new one, never half.
    # Beside them, not in a temporary folder: the .ts names the sources relative to itself.
    part = {path: path.with_name(f"{path.stem}.part{path.suffix}") for path in (TS, QM, QT_QM)}
    try:
        shutil.copyfile(TS, part[TS])
        missing = refresh(part[TS])
        subprocess.run([qt_tool("pyside6-lrelease"), str(part[TS]), "-qm", str(part[QM])], check=True,
                       capture_output=True)
        compile_qt_words(part[QT_QM])
        for path, made in part.items():
            made.replace(path)
    except ToolMissing as exc:
        print(f"build_i18n: {exc}", file=sys.stderr)
        return 2
    finally:
        for made in part.values():
            made.unlink(missing_ok=True)
    for ctx, src in missing:
        print(f"no Indonesian translation: [{ctx}] {src!r}")
    for source, files in glossary_conflicts():
        print(f"translated differently: {source!r}: {files}")
    return 1 if missing or glossary_conflicts() else 0


if __name__ == "__main__":
    sys.exit(main())
