"""Where QA Desktop keeps its files: the user's data and log folders (platformdirs), or the
folder named by ``QA_DESKTOP_HOME`` (tests and portable installs use it)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "qa-desktop"


def _home() -> Path | None:
    value = os.environ.get("QA_DESKTOP_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    return (
        home / "data" if home else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    )


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def default_store_path() -> Path:
    return data_dir() / "store.qadb"


def demo_store_path() -> Path:
    return data_dir() / "demo-county.qadb"
