"""Your own settings on this laptop (rules in ``domain/personal_settings.py``): each change
is kept at once and applied at once (the timed sync, the whole application's text size, the
layout audits open in)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox

from qa_desktop.domain.personal_settings import (
    SYNC_MINUTES_LEAST,
    SYNC_MINUTES_MOST,
    TEXT_SIZES,
    PersonalSettings,
    checked,
)
from qa_desktop.ui.settings import AppSettings


class PersonalSettingsBox(QGroupBox):
    changed = Signal(object)  # PersonalSettings, kept

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.setTitle(self.tr("Your settings on this laptop"))
        self._settings = settings
        current = settings.personal()
        self.sync_minutes = QSpinBox()
        self.sync_minutes.setObjectName("syncMinutes")
        self.sync_minutes.setRange(SYNC_MINUTES_LEAST, SYNC_MINUTES_MOST)
        self.sync_minutes.setSuffix(self.tr(" minutes"))
        self.sync_minutes.setValue(current.sync_minutes)
        self.sync_minutes.setAccessibleName(self.tr("Sync every (minutes)"))
        self.text_size = QComboBox()
        self.text_size.setObjectName("textSize")
        self.text_size.setAccessibleName(self.tr("Text size"))
        for size in TEXT_SIZES:
            label = self.tr("Standard") if size == TEXT_SIZES[0] else self.tr("Larger")
            self.text_size.addItem(f"{label} ({size}%)", size)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(current.text_size)))
        self.presenting = QCheckBox(self.tr("Open audits in the &presentation layout"))
        self.presenting.setObjectName("presenting")
        self.presenting.setChecked(current.presenting)
        about_presenting = QLabel(
            self.tr(
                "For a screen shared with the practitioner: larger text, and the questions "
                "beside the practitioner's reflection. F5 in an audit switches it too."
            )
        )
        about_presenting.setWordWrap(True)
        about_presenting.setObjectName("settingNote")
        kept = QLabel(
            self.tr(
                "Kept for your account on this laptop and applied at once. A sync that fails "
                "is tried again later, waiting longer each time, up to an hour."
            )
        )
        kept.setWordWrap(True)
        kept.setObjectName("settingNote")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Sync every:"), self.sync_minutes)
        form.addRow(self.tr("&Text size:"), self.text_size)
        form.addRow(self.presenting)
        form.addRow(about_presenting)
        form.addRow(kept)
        self.sync_minutes.valueChanged.connect(self._keep)
        self.text_size.currentIndexChanged.connect(self._keep)
        self.presenting.toggled.connect(self._keep)

    def chosen(self) -> PersonalSettings:
        return checked(
            PersonalSettings(
                self.sync_minutes.value(),
                int(self.text_size.currentData()),
                self.presenting.isChecked(),
            )
        )

    def _keep(self) -> None:
        personal = self.chosen()
        self._settings.keep_personal(personal)
        self.changed.emit(personal)
