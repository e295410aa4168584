"""Files shipped beside the code: stylesheets, icons, fonts (also inside a PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def stylesheet() -> str:
    path = resources_dir() / "styles" / "app.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def app_icon_path() -> Path:
    """The application's icon (SVG; the Windows installer uses an .ico made from it)."""
    return resources_dir() / "icons" / "qa-desktop.svg"
