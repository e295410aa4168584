"""Packaging without building (test_bundle.py builds the bundle and checks it): what the
spec ships, the checker itself, the smoke test the bundle runs, the desktop entry, the
Windows installer and the icon."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import qa_desktop
from qa_desktop.ui.settings import WELCOME_DONE, AppSettings

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import bundle_contents  # noqa: E402
import check_bundle  # noqa: E402


def test_the_bundle_takes_name_and_version_from_the_package() -> None:
    assert qa_desktop.__version__ == bundle_contents.VERSION
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\n{bundle_contents.NAME} = "qa_desktop.cli:main"' in pyproject
    spec = (PACKAGING / "qa-desktop.spec").read_text(encoding="utf-8")
    assert qa_desktop.__version__ not in spec  # never repeated by hand


def test_the_bundle_ships_forms_resources_fonts_and_migrations() -> None:
    shipped = {target: source for source, target in bundle_contents.DATA_FOLDERS}
    assert shipped["forms"] == ROOT / "forms"
    assert shipped["resources"] == ROOT / "resources"
    assert list((ROOT / "resources" / "fonts").glob("*.ttf"))  # the fonts are in resources/
    assert (shipped["qa_desktop/store/migrations"] / "versions").is_dir()
    # The central schema: its .sql files (read with importlib.resources) and its migrations.
    files = {target: pattern for pattern, target in bundle_contents.DATA_FILES}
    central = files["qa_desktop/sync/central"]
    assert sorted(p.name for p in central.parent.glob(central.name)) == [
        "functions.sql",
        "roles.sql",
        "security.sql",
        "tables.sql",
    ]
    assert (shipped["qa_desktop/sync/central/migrations"] / "versions").is_dir()


def _fake_bundle(tmp_path: Path) -> Path:
    """A bundle laid out as PyInstaller lays it out, holding the data the spec lists."""
    bundle = tmp_path / "qa-desktop"
    inner = bundle / "_internal"
    for source, target in bundle_contents.DATA_FOLDERS:
        shutil.copytree(source, inner / target)
    for pattern, target in bundle_contents.DATA_FILES:
        (inner / target).mkdir(parents=True, exist_ok=True)
        for path in pattern.parent.glob(pattern.name):
            shutil.copy(path, inner / target)
    platforms = inner / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqoffscreen.so").write_bytes(b"")
    return bundle


def test_the_checker_finds_a_complete_bundle_complete(tmp_path) -> None:
    assert check_bundle.missing_parts(_fake_bundle(tmp_path)) == []


def test_the_checker_names_what_a_bundle_lacks(tmp_path) -> None:
    bundle = _fake_bundle(tmp_path)
    shutil.rmtree(bundle / "_internal" / "resources" / "fonts")
    for form in (bundle / "_internal" / "forms").glob("*.yaml"):
        form.unlink()
    assert check_bundle.missing_parts(bundle) == ["forms/*.yaml", "resources/fonts/*.ttf"]


def test_the_checker_refuses_a_folder_with_no_bundle(tmp_path, capsys) -> None:
    assert check_bundle.main([str(tmp_path)]) == 1
    assert "build it with: sh packaging/build.sh" in capsys.readouterr().err


def test_smoke_test_opens_a_store_offscreen_without_questions_and_exits(
    tmp_path, demo_template
) -> None:
    """What CI runs in the bundle (there with --demo), here through Python on a demo store:
    no welcome, no "who are you", the window shown, exit 0."""
    store = tmp_path / "demo.qadb"
    shutil.copy(demo_template, store)
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QA_DESKTOP_HOME=str(home))
    result = subprocess.run(
        [sys.executable, "-m", "qa_desktop", "--store", str(store), "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Between them, "My work usable" when the quick start filled My work first.
    assert lines[0] == check_bundle.SHOWN and lines[-1] == "qa-desktop: screens loaded"
    assert set(lines[1:-1]) <= {"qa-desktop: My work usable"}
    assert AppSettings(home / "data" / "settings.ini").get(WELCOME_DONE) is False


def test_the_desktop_entry_starts_the_program_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "qa-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == bundle_contents.NAME
    assert section["Icon"] == "qa-desktop"
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")


def test_the_linux_install_puts_entry_command_and_icon_in_place_and_keeps_data_on_removal(
    tmp_path,
) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    program = bundle / "qa-desktop"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data = tmp_path / "share"
    (data / "qa-desktop").mkdir(parents=True)
    (data / "qa-desktop" / "store.qadb").write_text("kept")
    env = dict(
        os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(data), QA_DESKTOP_PREFIX=str(tmp_path)
    )
    script = str(PACKAGING / "install-linux.sh")
    subprocess.run(["sh", script, str(bundle)], env=env, check=True, capture_output=True)
    installed = tmp_path / "opt" / "qa-desktop" / "qa-desktop"
    assert installed.exists() and (tmp_path / "bin" / "qa-desktop").resolve() == installed
    entry = (data / "applications" / "qa-desktop.desktop").read_text()
    assert f"\nExec={installed}\n" in entry
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "qa-desktop.svg").exists()

    subprocess.run(["sh", script, "--uninstall"], env=env, check=True, capture_output=True)
    assert not installed.exists() and not (data / "applications" / "qa-desktop.desktop").exists()
    assert (data / "qa-desktop" / "store.qadb").read_text() == "kept"


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in (PACKAGING / "qa-desktop.iss").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_the_windows_installer_has_a_start_menu_entry_and_an_icon_and_keeps_data() -> None:
    sections = _iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["AppVersion"] == "{#AppVersion}"  # given from the package at build time
    assert setup["SetupIconFile"].endswith("qa-desktop.ico")
    assert setup["PrivilegesRequired"] == "lowest"
    assert any(line.startswith('Name: "{group}\\') for line in sections["Icons"])
    assert any("..\\dist\\qa-desktop\\*" in line for line in sections["Files"])
    # Uninstalling never deletes people's stores, settings or logs.
    assert "UninstallDelete" not in sections
    assert not any("appdata" in line.lower() for lines in sections.values() for line in lines)


def test_the_icon_is_a_square_svg_that_qt_can_draw(qapp) -> None:
    from PySide6.QtGui import QIcon

    from qa_desktop.resources import app_icon_path

    root = ElementTree.parse(app_icon_path()).getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"
    pixmap = QIcon(str(app_icon_path())).pixmap(64, 64)
    assert not pixmap.isNull() and pixmap.width() == 64
    image = pixmap.toImage()
    assert image.pixelColor(32, 2).alpha() > 0  # drawn, not blank
