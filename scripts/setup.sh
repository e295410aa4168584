#!/bin/sh
# Installs what QA Desktop needs on a Debian or Ubuntu machine, then the project itself in a
# virtual environment at .venv. Safe to run again: it installs only what is missing.
#
#   sh scripts/setup.sh        the application, its test tools and PyInstaller (requirements/lock.txt)
#   sh scripts/setup.sh test   the same, and binutils, which the bundle test needs
set -eu
cd "$(dirname "$0")/.."

# Qt's runtime libraries (offscreen and X11), fonts (without them text is invisible),
# poppler-utils (tests read PDFs back), and venv support for Debian's Python.
PACKAGES="libgl1 libegl1 libglib2.0-0 libfontconfig1 fonts-dejavu-core libxkbcommon0 libdbus-1-3
libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
libxcb-util1 libxcb-xfixes0 libxcb-xkb1 poppler-utils"

# The tests build the bundle: PyInstaller reads libraries with objdump (binutils).
if [ "${1:-}" = "test" ]; then
    PACKAGES="$PACKAGES binutils"
fi

PYTHON="${PYTHON:-python3}"
missing=""
if command -v dpkg >/dev/null 2>&1; then
    for package in $PACKAGES; do
        dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
    done
    if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
        missing="$missing python3-venv"
    fi
fi
if [ -n "$missing" ]; then
    echo "Installing system packages:$missing"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "QA Desktop needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version)." >&2
    exit 1
}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# Every dependency at the version and with the hashes in the lock file (README, "Dependencies":
# how to refresh it), so that two builds a month apart ship the same code. One lock for the
# application, its tests and the bundle build: what the tests ran on is what the bundle ships.
.venv/bin/python -m pip install -q --require-hashes -r requirements/lock.txt
# Then the project itself, with nothing more: its build backend (setuptools) is in the lock too.
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
