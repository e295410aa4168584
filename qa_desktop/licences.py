"""The licence of every open-source part the program ships, for Help > About and for the
bundle: for each distribution its name, version, licence and full text.

Texts come from the distribution's own metadata (the licence files in its ``.dist-info``)
where it has them. Where it has none (PySide6-Essentials, PySide6-Addons and shiboken6 ship
none) or where its wheel carries compiled libraries under other licences (psycopg-binary,
sqlcipher3), the texts are kept in ``resources/licences/`` and named in ``SHIPPED`` below.

The bundle build (``packaging/qa-desktop.spec``) writes what PyInstaller collected into a
``licences`` folder of the bundle with an ``index.json``; a bundled program reads that, as
PyInstaller does not keep the metadata. Run from source, the list is the project's
run-time dependencies, followed from its metadata.

No Qt and no SQL here: the spec runs it at build time.
"""

from __future__ import annotations

import json
import logging
import platform
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from qa_desktop.resources import resources_dir

log = logging.getLogger(__name__)

PROJECT = "qa-desktop"
PYTHON = "Python"  # the interpreter and standard library, shipped inside the bundle
INDEX = "index.json"

_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")

_QT = ("Qt-NOTICE.txt", "LGPL-3.0.txt", "GPL-3.0.txt")

# Texts kept in resources/licences/, by distribution (normalised name): (the licence as
# shipped, if the metadata names none, and the files), shown after the metadata's own files.
SHIPPED: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "pyside6-essentials": ("LGPL-3.0-only", _QT),
    "pyside6-addons": ("LGPL-3.0-only", _QT),
    "shiboken6": ("LGPL-3.0-only", _QT),
    # The wheel's libpq, OpenSSL, Kerberos, OpenLDAP, SASL, keyutils and libxcrypt.
    "psycopg-binary": (
        None,
        (
            "psycopg-binary-libraries.txt",
            "libpq-copyright.txt",
            "openssl-copyright.txt",
            "krb5-copyright.txt",
            "openldap-copyright.txt",
            "cyrus-sasl-copyright.txt",
            "Apache-2.0.txt",
            "LGPL-2.1.txt",
        ),
    ),
    # pysqlite's zlib licence is in the metadata; SQLCipher and OpenSSL are linked in.
    "sqlcipher3": ("Zlib", ("SQLCipher.txt", "Apache-2.0.txt")),
    PYTHON.lower(): ("PSF-2.0", ("Python-PSF-2.0.txt",)),
}


@dataclass(frozen=True)
class Licence:
    name: str  # as the distribution spells it
    version: str
    licence: str  # an SPDX expression where the metadata gives one, else its words
    text: str

    @property
    def title(self) -> str:
        return f"{self.name} {self.version}"


def normalise(name: str) -> str:
    """A distribution's name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def shipped_dir() -> Path:
    return resources_dir() / "licences"


def bundle_dir() -> Path | None:
    """The bundle's licences folder (written at build time), or None when run from source."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return None
    folder = Path(bundle) / "licences"
    return folder if (folder / INDEX).is_file() else None


def runtime_distributions(root: str = PROJECT) -> list[str]:
    """The distributions the project needs at run time, followed through their metadata:
    requirements behind an ``extra`` only when that extra is asked for, those behind a
    platform or version marker when they are installed (pip installed them because the
    marker held). The project itself is left out. Sorted by normalised name."""
    seen: dict[str, str] = {}
    pending: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while pending:
        name, extras = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = normalise(dist.metadata["Name"])
        if key in seen and not extras:
            continue
        seen[key] = dist.metadata["Name"]
        for requirement in dist.requires or []:
            spec, _, marker = requirement.partition(";")
            match = _NAME.match(spec)
            if match is None:
                continue
            wanted = _EXTRA.findall(marker)
            if wanted and not extras.intersection(wanted):
                continue
            asked = frozenset(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
            pending.append((match.group(1), asked))
    seen.pop(normalise(root), None)
    return sorted(seen.values(), key=normalise)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace").strip()


def _metadata_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = (meta.get_all("License-Expression") or [""])[0]
    if expression:
        return str(expression)
    words = str((meta.get_all("License") or [""])[0]).strip().splitlines()
    if words and len(words[0]) <= 80:
        return words[0]
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return classifiers[0].rsplit(" :: ", 1)[-1] if classifiers else ""


def _metadata_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence files in the distribution's metadata folder."""
    texts = []
    for file in dist.files or []:
        parts = file.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue  # licences of vendored copies inside the package: not ours to list
        if _LICENCE_FILE.search(file.name):
            texts.append((file.name, _read(Path(str(file.locate())))))
    return texts


def _join(texts: Iterable[tuple[str, str]]) -> str:
    return "\n\n".join(f"===== {name} =====\n\n{text}" for name, text in texts if text)


def licence_of(name: str) -> Licence:
    """One distribution's licence, from its metadata and the shipped texts. The text is
    empty if there is none: the bundle build refuses that."""
    key = normalise(name)
    shipped_licence, shipped_files = SHIPPED.get(key, (None, ()))
    texts: list[tuple[str, str]] = []
    if key == PYTHON.lower():
        shown, version, licence = PYTHON, platform.python_version(), ""
    else:
        dist = metadata.distribution(name)
        shown, version = dist.metadata["Name"], dist.version
        licence = _metadata_licence(dist)
        texts += _metadata_texts(dist)
    for file in shipped_files:
        path = shipped_dir() / file
        texts.append((file, _read(path) if path.is_file() else ""))
    return Licence(shown, version, licence or shipped_licence or "", _join(texts))


def collect(names: Iterable[str]) -> list[Licence]:
    """The licences of these distributions and of Python itself, in name order."""
    unique = {normalise(n): n for n in names if normalise(n) != PROJECT}
    unique.setdefault(PYTHON.lower(), PYTHON)
    return [licence_of(unique[key]) for key in sorted(unique)]


def write_bundle(folder: Path, licences: Iterable[Licence]) -> list[str]:
    """Writes each licence's text as ``<name>-<version>.txt`` and an index of them into a
    bundle's licences folder. Returns the names of those with no text (the build fails)."""
    folder.mkdir(parents=True, exist_ok=True)
    index = []
    empty = []
    for licence in licences:
        if not licence.text.strip():
            empty.append(licence.name)
            continue
        file = f"{normalise(licence.name)}-{licence.version}.txt"
        (folder / file).write_text(licence.text + "\n", encoding="utf-8")
        index.append(
            {
                "name": licence.name,
                "version": licence.version,
                "licence": licence.licence,
                "file": file,
            }
        )
    (folder / INDEX).write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return empty


def read_bundle(folder: Path) -> list[Licence]:
    """The licences a bundle's folder holds, in the index's order."""
    entries = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    return [
        Licence(
            entry["name"],
            entry["version"],
            entry["licence"],
            _read(folder / entry["file"]) if (folder / entry["file"]).is_file() else "",
        )
        for entry in entries
    ]


@cache
def bundled_licences() -> tuple[Licence, ...]:
    """What Help > About lists: the bundle's own index in a bundle, else the run-time
    dependencies of the installed project. Never raises: a part that cannot be read is
    logged and left out."""
    try:
        folder = bundle_dir()
        if folder is not None:
            return tuple(read_bundle(folder))
        return tuple(collect(runtime_distributions()))
    except (OSError, ValueError, KeyError, metadata.PackageNotFoundError):
        log.exception("could not list the licences of the bundled parts")
        return ()
