# Shared by scripts/demo and scripts/test: a project virtualenv with Sambung installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SAMBUNG_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {   # apt_install CMD:PKG ... ; installs the packages whose command is missing
  local missing=()
  for pair in "$@"; do
    local cmd="${pair%%:*}" pkg="${pair##*:}"
    command -v "$cmd" >/dev/null 2>&1 || ls $cmd >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo ">> installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_venv() {   # ensure_venv EXTRAS
  # Qt's xcb platform plugin needs these client libraries on a bare Debian.
  apt_install "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0:libxcb-cursor0" \
              "/usr/lib/x86_64-linux-gnu/libxkbcommon-x11.so.0:libxkbcommon-x11-0" \
              "/usr/lib/x86_64-linux-gnu/libEGL.so.1:libegl1" \
              "/usr/lib/x86_64-linux-gnu/libpulse.so.0:libpulse0" \
              "/usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4:libxcb-icccm4" \
              "/usr/lib/x86_64-linux-gnu/libxcb-image.so.0:libxcb-image0" \
              "/usr/lib/x86_64-linux-gnu/libxcb-keysyms.so.1:libxcb-keysyms1" \
              "/usr/lib/x86_64-linux-gnu/libxcb-render-util.so.0:libxcb-render-util0" \
              "/usr/lib/x86_64-linux-gnu/libxcb-shape.so.0:libxcb-shape0" \
              "/usr/lib/x86_64-linux-gnu/libxcb-xkb.so.1:libxcb-xkb1"
  if [ ! -x "$VENV/bin/python" ]; then
    echo ">> creating virtualenv $VENV"
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.sambung-${1//,/-}-$(sha1sum "$ROOT/pyproject.toml" | cut -c1-12)"
  if [ ! -e "$stamp" ]; then
    echo ">> installing Sambung and its dependencies ($1)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$ROOT[$1]"
    touch "$stamp"
  fi
}
