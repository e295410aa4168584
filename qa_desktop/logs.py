"""One rotating log file. Details of failures go here; secrets and children's details never
do (log record ids and references, not names or free text)."""

from __future__ import annotations

import io
import logging
import os
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

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """Each log file made 0600 (a rollover makes a new one), the folder 0700."""

        def _open(self) -> io.TextIOWrapper:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            # "a", as the rotating handler always opens its file (and the fd appends)
            return open(fd, "a", encoding=self.encoding, errors=self.errors)

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.chmod(0o700)
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # a read-only home: log to stderr instead
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._qa_desktop = path  # type: ignore[attr-defined]  # our mark on the handler, read back above
    root.addHandler(handler)
    root.setLevel(level)
    return path
