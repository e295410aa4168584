"""Writing a programme document (a learning review, a thematic report) where a person asked:
all or nothing, through a temporary file beside it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from qa_desktop.services.audit.documents import ExportedDocument, ExportError


def write_pdf(path: Path, data: bytes) -> ExportedDocument:
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(
            "Could not save the PDF: the folder {folder} does not exist.", folder=str(folder)
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=".qa-programme-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise ExportError(
            "Could not save the PDF as {path}: {reason}. Choose another place and try again.",
            path=str(target),
            reason=exc.strerror or type(exc).__name__,
        ) from exc
    return ExportedDocument(target, len(data))
