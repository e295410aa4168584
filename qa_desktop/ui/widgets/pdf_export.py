"""Exporting a PDF from a screen: ask where, write it on the background runner while a busy
bar shows, then offer to open the file or the folder it is in.

Screens (the audit viewer, the meeting notes, reports) give it the work to run; the work
returns an :class:`~qa_desktop.services.audit.documents.ExportedDocument`. Failures go to the
application's one error path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QWidget,
)

from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.runner import Runner

ExportWork = Callable[[Path], ExportedDocument]


class _Failed:
    """A failure carried back from the worker, re-raised on the GUI thread after the bar
    has been reset (so the runner hands it to the error path)."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class PdfExportBar(QWidget):
    """A row under a screen: a busy bar while a PDF is written, then Open and Show in folder."""

    exported = Signal(object)  # the Path written

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.last_path: Path | None = None
        # Replaceable in tests: how a path is chosen, and how a file or folder is opened.
        self.choose_path: Callable[[str, Path], Path | None] = self._ask_for_path
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the builder reports no steps
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName(self.tr("Writing the PDF"))
        self.status = StatusLabel()
        self.status.setObjectName("exportStatus")
        self.open_file = QPushButton(self.tr("&Open PDF"))
        self.open_folder = QPushButton(self.tr("Show in &folder"))
        self.open_file.clicked.connect(self._open_file)
        self.open_folder.clicked.connect(self._open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.open_file)
        layout.addWidget(self.open_folder)
        self._show_result(False)
        self.progress.hide()

    @property
    def busy(self) -> bool:
        return self.progress.isVisible()

    def export(self, title: str, suggested_name: str, work: ExportWork) -> None:
        """Ask where to save (``title`` heads the dialog), then run ``work(path)``."""
        if self.busy:
            return
        chosen = self.choose_path(title, documents_folder() / _safe_name(suggested_name))
        if chosen is None:
            return
        if chosen.suffix.lower() != ".pdf":
            chosen = chosen.with_name(chosen.name + ".pdf")
        self._show_result(False)
        self.status.setText(self.tr("Writing {name}…").format(name=chosen.name))
        self.progress.show()

        def run() -> ExportedDocument | _Failed:
            try:
                return work(chosen)
            except Exception as exc:
                return _Failed(exc)

        self._runner.submit(run, self._finished)

    def _finished(self, result: ExportedDocument | _Failed) -> None:
        self.progress.hide()
        if isinstance(result, _Failed):
            self.status.setText(self.tr("The PDF was not saved."))
            raise result.error
        self.last_path = result.path
        self.status.setText(self.tr("Saved {name}").format(name=result.path.name))
        self.status.setToolTip(str(result.path))
        self._show_result(True)
        self.open_file.setFocus()
        self.exported.emit(result.path)

    def _show_result(self, visible: bool) -> None:
        self.open_file.setVisible(visible)
        self.open_folder.setVisible(visible)

    def _open_file(self) -> None:
        if self.last_path is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_path)))

    def _open_folder(self) -> None:
        if self.last_path is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_path.parent)))

    def _ask_for_path(self, title: str, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, str(suggested), self.tr("PDF documents (*.pdf)")
        )
        return Path(chosen) if chosen else None


def _safe_name(name: str) -> str:
    """A file name without characters that no file system accepts."""
    return "".join("-" if c in '<>:"/\\|?*' else c for c in name).strip()
