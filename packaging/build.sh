#!/bin/sh
# Builds the one-folder bundle dist/qa-desktop/ (Linux; on Windows run the same steps in
# PowerShell, see packaging/README.md). One command, from anywhere:
#
#   sh packaging/build.sh
#
# It installs what is missing (the app's .venv from requirements/lock.txt via
# scripts/setup.sh, PyInstaller included; binutils for PyInstaller on Debian), renders the
# icons, and runs PyInstaller on packaging/qa-desktop.spec. About 80 s on a 2-core machine; the bundle is about 260 MB.
set -eu
cd "$(dirname "$0")/.."

if command -v dpkg >/dev/null 2>&1 && ! command -v objdump >/dev/null 2>&1; then
    echo "Installing binutils (PyInstaller reads libraries with objdump)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq binutils >/dev/null
fi
# The .venv from the lock file, hashes checked (PyInstaller is in it), then the project with
# --no-deps: the bundle holds exactly the versions in requirements/lock.txt.
sh scripts/setup.sh
QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
.venv/bin/pyinstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/qa-desktop.spec
echo "Bundle: dist/qa-desktop/ (start it with dist/qa-desktop/qa-desktop --demo)"
