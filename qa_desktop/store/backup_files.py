"""Where a store's backups are, without opening any: the folder beside the store and the
dated files in it. The engine asks this when it tells a wrong key from a damaged store, so it
imports nothing of the engine."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FOLDER = "backups"


@dataclass(frozen=True)
class Backup:
    path: Path
    day: date


def backup_folder(store_path: Path) -> Path:
    return store_path.parent / FOLDER


def backups_of(store_path: Path) -> list[Backup]:
    """The store's backups, newest first."""
    pattern = re.compile(
        re.escape(store_path.stem) + r"-(\d{4}-\d{2}-\d{2})" + re.escape(store_path.suffix) + "$"
    )
    found = []
    folder = backup_folder(store_path)
    if folder.is_dir():
        for path in folder.iterdir():
            match = pattern.match(path.name)
            if match:
                with contextlib.suppress(ValueError):
                    found.append(Backup(path, date.fromisoformat(match.group(1))))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def latest_backup(store_path: Path) -> Backup | None:
    found = backups_of(store_path)
    return found[0] if found else None
