#!/usr/bin/env bash
# Compile the Windows installer with NSIS (runs on Linux: Debian `apt-get install nsis`).
# Usage: packaging/windows/build_installer.sh [DIST [OUTDIR]]
#   DIST    the PyInstaller one-folder build made on Windows (default dist/sambung)
#   OUTDIR  where Sambung-Setup-<version>.exe goes (default dist/installer)
# The version is app/__init__.py's __version__; extra makensis options can follow in
# $MAKENSIS_FLAGS (e.g. "-DTARGET=x86-unicode").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="$(realpath -m "${1:-$ROOT/dist/sambung}")"
OUTDIR="$(realpath -m "${2:-$ROOT/dist/installer}")"
VERSION="$(sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' "$ROOT/app/__init__.py")"
if [ -z "$VERSION" ]; then
  echo "no __version__ in app/__init__.py" >&2
  exit 1
fi
command -v makensis >/dev/null || { echo "makensis not found (Debian: apt-get install nsis)" >&2; exit 1; }
start=$(date +%s)
# shellcheck disable=SC2086  # MAKENSIS_FLAGS is a list of options
makensis -V2 -DVERSION="$VERSION" -DDIST="$DIST" -DOUTDIR="$OUTDIR" ${MAKENSIS_FLAGS:-} \
  "$ROOT/packaging/windows/sambung.nsi"
end=$(date +%s)
echo ">> built $OUTDIR/Sambung-Setup-$VERSION.exe in $((end - start)) s"
