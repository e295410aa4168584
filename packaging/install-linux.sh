#!/bin/sh
# Installs a built bundle for the current user on Linux: the program under
# ~/.local/opt/qa-desktop, a `qa-desktop` command in ~/.local/bin, the desktop entry and the
# icon, so that QA Desktop appears in the applications menu.
#
#   sh packaging/build.sh && sh packaging/install-linux.sh [BUNDLE]     (default dist/qa-desktop)
#   sh packaging/install-linux.sh --uninstall
#
# Uninstalling removes the program, the command, the entry and the icon; stores, settings and
# logs (~/.local/share/qa-desktop, ~/.local/state/qa-desktop) are left untouched.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
PREFIX="${QA_DESKTOP_PREFIX:-$HOME/.local}"
TARGET="$PREFIX/opt/qa-desktop"
COMMAND="$PREFIX/bin/qa-desktop"
ENTRY="$DATA/applications/qa-desktop.desktop"
ICON="$DATA/icons/hicolor/scalable/apps/qa-desktop.svg"

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$TARGET"
    rm -f "$COMMAND" "$ENTRY" "$ICON"
    echo "QA Desktop removed; your stores, settings and logs are kept."
    exit 0
fi

BUNDLE="${1:-$HERE/../dist/qa-desktop}"
if [ ! -x "$BUNDLE/qa-desktop" ]; then
    echo "No bundle at $BUNDLE: build it first with 'sh packaging/build.sh'." >&2
    exit 1
fi
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$(dirname "$ENTRY")" "$(dirname "$ICON")"
rm -rf "$TARGET"
cp -R "$BUNDLE" "$TARGET"
ln -sf "$TARGET/qa-desktop" "$COMMAND"
cp "$HERE/../resources/icons/qa-desktop.svg" "$ICON"
# The menu may not search ~/.local/bin, so the entry names the program by its full path.
sed -e "s|^Exec=.*|Exec=$TARGET/qa-desktop|" -e "s|^TryExec=.*|TryExec=$TARGET/qa-desktop|" \
    "$HERE/qa-desktop.desktop" > "$ENTRY"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
echo "QA Desktop installed: $COMMAND, and in the applications menu."
