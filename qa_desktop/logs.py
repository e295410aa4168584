"""One rotating log file. Details of failures go here; secrets and children's details never
do (log record ids and references, not names or free text)."""

from __future__ import annotations

import logging
from pathlib import Path

from qa_desktop.paths import log_dir

LOG_NAME = "qa-desktop.log"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the program's logging to the rotating file (1 MB x 5). Returns its path.

    The app calls this off the GUI thread as it opens the store: ``logging.handlers``
    (with socket and pickle) would cost the first frame about 15 ms."""
    import logging.handlers

    path = log_file()
    root = logging.getLogger()
    for ours in [h for h in root.handlers if getattr(h, "_qa_desktop", None)]:
        if getattr(ours, "_qa_desktop", None) == path:
            return path
        root.removeHandler(ours)  # the log folder moved (tests give each their own)
        ours.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # a read-only home: log to stderr instead
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._qa_desktop = path  # type: ignore[attr-defined]  # our mark on the handler, read back above
    root.addHandler(handler)
    root.setLevel(level)
    return path
