"""The newest local migration, read from the revision files without alembic or SQLAlchemy
(both slow to import): a store already at it needs no migrating, and the quick start reads
only such a store."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")

_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['\"]([\w.-]+)['\"]|(None))\s*$", re.M
)


def head_from_files(folder: Path = MIGRATIONS) -> str | None:
    """The newest migration, read from the files without alembic; None if unsure (a merge,
    several heads, a form this reader does not know): then alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (folder / "versions").glob("*.py"):
        found = dict(
            (m.group(1), m.group(2))
            for m in _REVISION_LINE.finditer(path.read_text(encoding="utf-8"))
        )
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            if path.name != "__init__.py":
                return None
            continue
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
