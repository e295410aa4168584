"""What goes into the bundle, in one place: read by qa-desktop.spec (PyInstaller) and by
check_bundle.py (CI's smoke test), so that the two cannot disagree.

Name and version come from the package; nothing here repeats them.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _package_version() -> str:
    # Read, not imported: the spec runs before the package's dependencies are looked at.
    text = (ROOT / "qa_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise RuntimeError("qa_desktop/__init__.py has no __version__")
    return match.group(1)


NAME = "qa-desktop"  # the console script's name in pyproject.toml, and the bundle's
VERSION = _package_version()

# (source folder, folder inside the bundle): the data the program reads at run time.
DATA_FOLDERS: list[tuple[Path, str]] = [
    (ROOT / "forms", "forms"),  # the shipped audit forms
    (ROOT / "resources", "resources"),  # stylesheet, icons, fonts (PDFs embed them)
    (ROOT / "qa_desktop" / "store" / "migrations", "qa_desktop/store/migrations"),
    (ROOT / "qa_desktop" / "sync" / "central" / "migrations", "qa_desktop/sync/central/migrations"),
]

# (source files as a glob pattern, folder inside the bundle): single data files the program
# reads at run time beside its modules.
DATA_FILES: list[tuple[Path, str]] = [
    # the central schema, read with importlib.resources
    (ROOT / "qa_desktop" / "sync" / "central" / "*.sql", "qa_desktop/sync/central"),
]

# Files a working bundle must hold (relative to its _internal folder), beyond the code.
REQUIRED_GLOBS = [
    "forms/*.yaml",
    "resources/styles/app.qss",
    "resources/icons/qa-desktop.svg",
    "resources/fonts/*.ttf",
    "qa_desktop/store/migrations/versions/0001_*.py",
    "qa_desktop/sync/central/migrations/versions/c0001_*.py",
    "qa_desktop/sync/central/roles.sql",
    "qa_desktop/sync/central/tables.sql",
    "qa_desktop/sync/central/functions.sql",
    "qa_desktop/sync/central/security.sql",
    "PySide6/**/platforms/*offscreen*",  # Qt without a display (the smoke test)
]

# Qt and Python parts the application never uses: leaving them out keeps the bundle smaller
# and the build faster.
EXCLUDES = [
    "tkinter",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtQuick",
    "PySide6.QtQml",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "PySide6.QtBluetooth",
    "PySide6.QtPositioning",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtTest",
    "PySide6.scripts",
    "pytest",
    "pytestqt",
    "IPython",
    "pygments",  # reached only through optional imports
    "setuptools",
    "pkg_resources",
    "numpy",
    "matplotlib",
]
