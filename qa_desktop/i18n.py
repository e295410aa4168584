"""Translation for text outside QObjects (the command line, error templates).

Screens use ``self.tr()``; everything else calls :func:`tr` with a context, so that Qt's
tools (lupdate/lrelease) and a translator loaded at start treat all text the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qa_desktop.errors import UserError


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def error_text(error: UserError) -> str:
    """An error's message, translated, with its values filled in."""
    return error.render(lambda template: tr("errors", template))
