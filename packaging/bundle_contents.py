"""What goes into the bundle, in one place: read by qa-desktop.spec (PyInstaller) and by
check_bundle.py (CI's smoke test), so that the two cannot disagree.

Name and version come from the package; nothing here repeats them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from importlib import metadata
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
    (ROOT / "resources", "resources"),  # stylesheet, icons, fonts, the help
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
    "resources/help/guides/*.md",  # Help > Guide for your role
    "resources/help/whats-new.md",  # Help > What's new
    "qa_desktop/store/migrations/versions/0001_*.py",
    "qa_desktop/sync/central/migrations/versions/c0001_*.py",
    "qa_desktop/sync/central/roles.sql",
    "qa_desktop/sync/central/tables.sql",
    "qa_desktop/sync/central/functions.sql",
    "qa_desktop/sync/central/security.sql",
    "PySide6/**/platforms/*offscreen*",  # Qt without a display (the smoke test)
]

# Where the bundle keeps the licence texts (relative to its _internal folder), and the
# distributions whose texts it must always hold (the LGPL parts and Python itself), beyond
# every distribution the build found in the bundle (check_bundle.missing_licences).
LICENCES_FOLDER = "licences"
REQUIRED_LICENCES = ["PySide6_Essentials", "shiboken6", "psycopg", "psycopg-binary", "Python"]

# Qt and Python parts the application never uses: leaving them out keeps the bundle smaller
# and the build faster.
EXCLUDES = [
    "tkinter",
    "readline",  # would bring GNU readline (GPL-3.0) from the build machine; no console here
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


def _stem(path: str) -> str:
    """A path with its last part cut at its first dot: PySide6/QtCharts.abi3.so ->
    PySide6/QtCharts, six.py -> six."""
    folder, _, last = path.rpartition("/")
    last = last.split(".", 1)[0]
    return f"{folder}/{last}" if folder else last


def _owners() -> tuple[dict[str, str], dict[str, str]]:
    """Who installed what: each installed file's path and path stem -> its distribution, and each
    path's first part (a package folder, a wheel's ``.libs`` folder) -> the first
    distribution found with files there (PySide6/ holds both PySide6 wheels' files, so the
    stems decide there)."""
    stems: dict[str, str] = {}
    firsts: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        for file in dist.files or []:
            parts = file.parts
            if not parts or parts[0] in ("..", "bin") or "__pycache__" in parts:
                continue
            path = "/".join(parts)
            stems.setdefault(path, name)  # an exact path wins over a stem
            if not path.endswith(".pyi"):  # PySide6-Addons carries stubs for Essentials' modules
                stems.setdefault(_stem(path), name)
            firsts.setdefault(parts[0] if len(parts) > 1 else _stem(parts[0]), name)
    return stems, firsts


def collected_distributions(entries: Iterable[tuple[str, ...]]) -> list[str]:
    """The distributions that PyInstaller's Analysis collected code or data from, given its
    TOC entries (module names in ``a.pure``; paths inside the bundle in ``a.binaries`` and
    ``a.datas``). The standard library and the bundle's own files belong to none."""
    stems, firsts = _owners()
    found: set[str] = set()
    for entry in entries:
        name = entry[0].replace("\\", "/")
        if "/" in name:  # a file inside the bundle
            candidates = [name, _stem(name)]
            first = name.split("/", 1)[0]
        else:  # a module: PySide6.QtCharts
            module = name.replace(".", "/")
            candidates = [module, f"{module}/__init__"]
            first = _stem(name) if "." not in name else name.split(".", 1)[0]
        owner = next((stems[c] for c in candidates if c in stems), firsts.get(first))
        if owner is not None:
            found.add(owner)
    found.discard(NAME)
    return sorted(found, key=str.lower)


def system_library_notices(binaries: Iterable[tuple[str, ...]]) -> list[tuple[str, str]]:
    """(package, copyright file) for each system package whose shared libraries PyInstaller
    copied from the build machine (X11, xcb, GLib, cairo, fontconfig, OpenSSL...), as the
    distribution publishes it. Debian and Ubuntu only (dpkg); elsewhere an empty list, and
    the build says so."""
    sources: set[str] = set()
    for entry in binaries:
        if len(entry) > 1 and entry[1].startswith(("/lib", "/usr")):
            # dpkg knows a file by the name its package installed: /usr/lib, not /lib, on a
            # merged /usr, and the file a symlink points to as well as the symlink.
            for path in (entry[1], str(Path(entry[1]).resolve())):
                sources.add(path)
                if path.startswith("/lib"):
                    sources.add("/usr" + path)
    if not sources or shutil.which("dpkg") is None:
        return []
    found = subprocess.run(
        ["dpkg", "-S", *sorted(sources)], capture_output=True, text=True, check=False
    ).stdout  # "libx11-6:amd64: /usr/lib/...": paths it does not know are left out
    packages = sorted(
        {
            owner.strip().split(":", 1)[0]
            for line in found.splitlines()
            if ": " in line and not line.startswith("diversion")
            for owner in line.split(": ", 1)[0].split(",")
        }
    )
    notices = []
    for package in packages:
        copyright = Path("/usr/share/doc") / package / "copyright"
        if copyright.is_file():
            notices.append((package, copyright.read_text(encoding="utf-8", errors="replace")))
    return notices
