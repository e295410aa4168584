"""Renders resources/icons/qa-desktop.svg into the bitmaps installers want: a 256 px PNG
(Linux desktop entry, if SVG is not wanted) and a multi-size .ico (Windows). Output goes to
packaging/build/ (not kept in git).

    python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "qa-desktop.svg"
OUT = ROOT / "packaging" / "build"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    ok = image.save(str(OUT / "qa-desktop.png")) and image.save(str(OUT / "qa-desktop.ico"))
    print(f"icons written to {OUT}" if ok else "could not write the icons", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
