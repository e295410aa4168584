"""The settings the QA team publishes to everyone: a form for the QA team, read-only with a
line saying who may change them for everyone else."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.programme.published_settings import PublishedPage, PublishedValue
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.wrapped_check import wrapped_check

LARGEST = 1_000_000  # a setting with no maximum (a seed, a target)


def _label(value: PublishedValue) -> str:
    return QCoreApplication.translate("PublishedSettings", value.label)


class PublishedSettingsBox(QGroupBox):
    shown = Signal()
    published = Signal()

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Published by the QA team"))
        self._services, self._runner, self._actor = services, runner, actor
        self.page: PublishedPage | None = None
        self.fields: dict[str, QAbstractSpinBox | QCheckBox] = {}
        self.who_may = QLabel()
        self.who_may.setWordWrap(True)
        self.who_may.setObjectName("settingNote")
        self.status = StatusLabel()
        self.status.setObjectName("publishedStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Publishing"))
        self.publish_button = QPushButton(self.tr("P&ublish to everyone"))
        self.publish_button.setObjectName("publishSettings")
        self.publish_button.clicked.connect(self.publish)
        self.publish_button.hide()
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.who_may)
        runner.subscribe(self, Change.SETTINGS, lambda _what: self.load())

    def load(self) -> None:
        ops.read(self._runner, self._services.published.page, self._actor, on_done=self.show_page)

    def show_page(self, page: PublishedPage) -> None:
        self.page = page
        if not self.fields:
            for value in page.values:
                shown, field = self._field(value, page.may_change)
                self.fields[value.key] = field
                if isinstance(field, QCheckBox):
                    self.form.addRow(shown)  # its words beside it, wrapped
                else:
                    self.form.addRow(_label(value) + ":", field)
            self.form.addRow(self.publish_button)
            self.form.addRow(self.status)
        for value in page.values:
            field = self.fields[value.key]
            if isinstance(field, QCheckBox):
                field.setChecked(bool(value.value))
            elif isinstance(field, QSpinBox):
                field.setValue(int(value.value))
            elif isinstance(field, QDoubleSpinBox):
                field.setValue(float(value.value))
        self.publish_button.setVisible(page.may_change)
        self.who_may.setText(
            self.tr(
                "These apply to everyone and arrive on every laptop with its next sync. "
                "You may change them: Publish to everyone sends them."
            )
            if page.may_change
            else self.tr(
                "These apply to everyone and arrive with each sync. Only the QA team (a QA "
                "officer) may change them; ask them if one should be different."
            )
        )
        self.shown.emit()

    def _field(
        self, value: PublishedValue, may_change: bool
    ) -> tuple[QWidget, QAbstractSpinBox | QCheckBox]:
        """The row to show and the field in it (a tick box's row holds its words too)."""
        name = _label(value)
        if isinstance(value.default, bool):
            row, check = wrapped_check(name)
            check.setEnabled(may_change)
            return row, check
        most = value.maximum if value.maximum is not None else LARGEST
        spin: QSpinBox | QDoubleSpinBox
        if isinstance(value.default, float):
            spin = QDoubleSpinBox()
            spin.setDecimals(1)
            spin.setRange(value.minimum or 0.0, most)
        else:
            spin = QSpinBox()
            spin.setRange(int(value.minimum or 0), int(most))
        spin.setAccessibleName(name)
        spin.setReadOnly(not may_change)
        if not may_change:
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
            spin.setToolTip(self.tr("Only the QA team may change this."))
            spin.setAccessibleDescription(self.tr("Read-only: only the QA team may change this."))
        return spin, spin

    def values(self) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for key, field in self.fields.items():
            if isinstance(field, QCheckBox):
                chosen[key] = field.isChecked()
            elif isinstance(field, QSpinBox | QDoubleSpinBox):
                chosen[key] = field.value()
        return chosen

    def publish(self) -> None:
        self.status.setText(self.tr("Publishing…"))
        ops.write(
            self._runner,
            self._services.published.publish,
            self.values(),
            self._actor,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, page: PublishedPage) -> None:
        self.status.setText(self.tr("Published. Every laptop has them after its next sync."))
        self.show_page(page)
        self.published.emit()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.status.setText(self.tr("Nothing was published."))
            self._runner.report(exc)  # the one error path
            return
        self.status.setText(error_text(exc))
