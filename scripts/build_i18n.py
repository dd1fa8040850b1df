#!/usr/bin/env python3
"""Refresh the Indonesian catalogue from the code and compile it.

1. pyside6-lupdate scans app/views for tr()/translate() strings -> resources/i18n/sambung_id.ts
   (existing translations are kept).
2. Unfinished entries are filled from resources/i18n/id/*.json ({"English source": "Indonesian"}),
   the place where developers add translations next to their screens.
3. pyside6-lrelease compiles sambung_id.qm.
Exit 1 (listing them) when a source string still has no Indonesian translation.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS = I18N / "sambung_id.ts"
QM = I18N / "sambung_id.qm"


def glossary() -> dict[str, str]:
    merged: dict[str, str] = {}
    for f in sorted((I18N / "id").glob("*.json")):
        merged.update(json.loads(f.read_text(encoding="utf-8")))
    return merged


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


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "views").rglob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(TS.relative_to(ROOT))],
                   cwd=ROOT, check=True, capture_output=True)
    words = glossary()
    tree = ET.parse(TS)
    root = tree.getroot()
    root.set("language", "id_ID")
    for msg in root.iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source")
        if tr is not None and tr.get("type") == "unfinished" and src in words:
            tr.text = words[src]
            del tr.attrib["type"]
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True, capture_output=True)
    missing = untranslated()
    for ctx, src in missing:
        print(f"no Indonesian translation: [{ctx}] {src!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
