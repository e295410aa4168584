"""The licence of every open-source part the program ships: from the distributions'
metadata, or from resources/licences/ where the metadata has none (the Qt wheels), written
into the bundle with an index that a bundled program reads back."""

from __future__ import annotations

import json
import shutil
import sys
from importlib import metadata
from pathlib import Path

import pytest

from qa_desktop import licences

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_contents  # noqa: E402
import check_bundle  # noqa: E402


@pytest.fixture(scope="module")
def shipped() -> dict[str, licences.Licence]:
    found = licences.collect(licences.runtime_distributions())
    return {licences.normalise(licence.name): licence for licence in found}


def test_the_run_time_parts_are_followed_from_the_metadata_without_the_test_tools(
    shipped: dict[str, licences.Licence],
) -> None:
    for part in ("pyside6-essentials", "pyside6-addons", "shiboken6", "psycopg-binary"):
        assert part in shipped  # shiboken6 and psycopg-binary only through other parts
    for part in ("sqlalchemy", "sqlcipher3", "reportlab", "keyring", "jeepney", "python"):
        assert part in shipped
    for tool in ("pytest", "pytest-qt", "pyinstaller", "ruff", "pypdf", "qa-desktop"):
        assert tool not in shipped


def test_every_part_has_its_version_a_licence_and_a_text(
    shipped: dict[str, licences.Licence],
) -> None:
    for key, licence in shipped.items():
        assert licence.text.strip(), f"{licence.name} has no licence text"
        assert licence.licence, f"{licence.name} names no licence"
        if key != "python":
            assert licence.version == metadata.version(licence.name)


def test_the_qt_wheels_carry_the_lgpl_the_gpl_it_builds_on_and_qt_s_notice(
    shipped: dict[str, licences.Licence],
) -> None:
    for part in ("pyside6-essentials", "pyside6-addons", "shiboken6"):
        text = shipped[part].text
        assert "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3" in text
        assert "GNU GENERAL PUBLIC LICENSE\n                       Version 3" in text
        assert "The Qt Company" in text and "download.qt.io" in text


def test_compiled_libraries_inside_wheels_have_their_own_licences(
    shipped: dict[str, licences.Licence],
) -> None:
    psycopg_binary = shipped["psycopg-binary"].text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in psycopg_binary  # its own, from the metadata
    assert "PostgreSQL Global Development Group" in psycopg_binary  # libpq
    assert "Apache License" in psycopg_binary  # OpenSSL
    assert "ZETETIC LLC" in shipped["sqlcipher3"].text
    assert "Redistribution and use in source and binary forms" in shipped["reportlab"].text
    assert "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in shipped["python"].text


def test_the_bundle_s_folder_reads_back_as_written_and_a_bundled_program_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = licences.collect(["PySide6_Essentials", "shiboken6", "reportlab"])
    folder = tmp_path / "licences"
    assert licences.write_bundle(folder, written) == []
    assert licences.read_bundle(folder) == written
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    licences.bundled_licences.cache_clear()
    try:
        assert licences.bundled_licences() == tuple(written)
    finally:
        licences.bundled_licences.cache_clear()


def test_a_part_with_no_text_is_named_and_left_out_of_the_bundle(tmp_path: Path) -> None:
    parts = [licences.Licence("nameless", "1.0", "MIT", ""), *licences.collect(["six"])]
    assert licences.write_bundle(tmp_path, parts) == ["nameless"]
    index = json.loads((tmp_path / licences.INDEX).read_text(encoding="utf-8"))
    assert [entry["name"] for entry in index] == ["Python", "six"]


def test_the_spec_finds_the_distributions_behind_what_pyinstaller_collected() -> None:
    entries = [
        ("PySide6.QtCore", "", "EXTENSION"),  # Essentials, though Addons has a QtCore.pyi
        ("PySide6/QtCharts.abi3.so", "", "EXTENSION"),  # Addons
        ("psycopg_binary.libs/libpq-e9b5c9ac.so.5.18", "", "BINARY"),  # a wheel's own library
        ("six", "", "PYMODULE"),  # a single-file module
        ("holidays/countries/united_kingdom.py", "", "DATA"),
        ("json", "", "PYMODULE"),  # the standard library: Python's own
        ("qa_desktop.app", "", "PYMODULE"),  # the project: not a dependency
    ]
    assert bundle_contents.collected_distributions(entries) == [
        "holidays",
        "psycopg-binary",
        "PySide6_Addons",
        "PySide6_Essentials",
        "six",
    ]


def _bundle_with_licences(tmp_path: Path, names: list[str]) -> Path:
    bundle = tmp_path / "qa-desktop"
    folder = bundle / "_internal" / bundle_contents.LICENCES_FOLDER
    licences.write_bundle(folder, licences.collect(names))
    return bundle


def test_the_checker_accepts_a_bundle_with_every_licence(tmp_path: Path) -> None:
    bundle = _bundle_with_licences(
        tmp_path, ["PySide6_Essentials", "shiboken6", "psycopg", "psycopg-binary"]
    )
    assert check_bundle.missing_licences(bundle) == []


def test_the_checker_names_a_missing_text_and_a_missing_lgpl_part(tmp_path: Path) -> None:
    bundle = _bundle_with_licences(tmp_path, ["PySide6_Essentials", "psycopg", "psycopg-binary"])
    folder = bundle / "_internal" / bundle_contents.LICENCES_FOLDER
    for text in folder.glob("psycopg-[0-9]*.txt"):
        text.unlink()
    missing = check_bundle.missing_licences(bundle)
    assert missing[0].startswith("licences/psycopg-") and missing[0].endswith("(psycopg)")
    assert missing[1:] == ["the licence of shiboken6"]


def test_the_checker_names_a_bundle_without_licences(tmp_path: Path) -> None:
    assert check_bundle.missing_licences(tmp_path) == ["licences/index.json"]


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="system packages are read with dpkg")
def test_system_libraries_pyinstaller_copies_bring_their_packages_copyright_files() -> None:
    zlib = next(
        path
        for path in ("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1")
        if Path(path).exists()
    )
    entries = [
        ("libz.so.1", zlib, "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/not/a/system/library.so", "BINARY"),
    ]
    notices = bundle_contents.system_library_notices(entries)
    assert [package for package, _ in notices] == ["zlib1g"]
    assert "Jean-loup Gailly" in notices[0][1]
    assert "readline" in bundle_contents.EXCLUDES  # GNU readline (GPL-3.0) stays out
