#!/usr/bin/env bash
# Build the Linux one-folder program: dist/sambung/sambung (+ its libraries and resources).
# Usage: packaging/build_linux.sh [PYTHON]   (default: python3, or $PYTHON)
# Installs PyInstaller into that Python when missing and compiles the translations first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${1:-${PYTHON:-python3}}"
cd "$ROOT"
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo ">> installing PyInstaller"
  "$PY" -m pip install -q "pyinstaller>=6.5"
fi
echo ">> compiling translations"
"$PY" scripts/build_i18n.py >/dev/null || echo "   (some strings have no Indonesian translation yet; see scripts/build_i18n.py)"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/sambung.spec
cp packaging/sambung.desktop app/resources/icons/sambung.png dist/sambung/
end=$(date +%s)
echo ">> built dist/sambung in $((end - start)) s, $(du -sh dist/sambung | cut -f1)"
