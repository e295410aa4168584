"""The shipped fonts can stand in for the system's (a bundle on a machine with no fonts)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from qa_desktop.ui.fonts import register_shipped_fonts


def test_with_system_fonts_nothing_is_added(qapp) -> None:
    assert QFontDatabase.families()  # the test machine has fonts
    assert register_shipped_fonts() == []


def test_the_shipped_fonts_load_into_qt(qapp) -> None:
    families = register_shipped_fonts(only_if_none=False)
    assert families == ["DejaVu Sans"]
    assert "DejaVu Sans" in QFontDatabase.families()


def test_on_a_machine_without_fonts_the_app_brings_its_own(tmp_path) -> None:
    """fontconfig with no font folders at all, as on a minimal install."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>'
    )
    probe = (
        "from qa_desktop.app import _qapplication\n"
        "from PySide6.QtGui import QFontDatabase\n"
        "app = _qapplication()\n"
        "print(sorted(QFontDatabase.families()))\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ, FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root)
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert "'DejaVu Sans'" in result.stdout.splitlines()[-1]
