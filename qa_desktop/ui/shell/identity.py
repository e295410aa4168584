"""Who is using QA Desktop: chosen once per store, remembered, and changeable from the menu.

On the demo store any demo person can be chosen, so every role can be tried.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.roles import Role
from qa_desktop.services.setup.people import PersonInfo
from qa_desktop.ui.labels import role_label
from qa_desktop.ui.widgets.buddy import with_clear_button
from qa_desktop.ui.widgets.fit import FittedDialog

# The role filter: (label, test)
ROLE_FILTERS = (
    ("Everyone", lambda p: True),
    ("Auditors", lambda p: p.is_auditor),
    ("Practitioners", lambda p: p.role is Role.PRACTITIONER),
    ("Moderators", lambda p: p.is_moderator),
    ("Heads of service", lambda p: p.role is Role.HEAD_OF_SERVICE),
    ("QA officers", lambda p: p.role is Role.QA_OFFICER),
)


def describe_person(person: PersonInfo) -> str:
    parts = [role_label(person.role)]
    if person.is_auditor and person.role is not Role.PRACTITIONER:
        parts.append("auditor")
    if person.is_moderator:
        parts.append("moderator")
    where = person.team_name or person.service_name
    return f"{person.name} — {', '.join(parts)}" + (f" ({where})" if where else "")


class IdentityDialog(FittedDialog):
    def __init__(
        self,
        people: list[PersonInfo],
        parent: QWidget | None = None,
        *,
        current: str | None = None,
    ) -> None:
        """``current``: the person using the app now (Switch person), chosen at first."""
        super().__init__(parent)
        self._current = current
        self.setWindowTitle(self.tr("Who are you?"))
        self._people = people
        intro = QLabel(
            self.tr(
                "Choose who you are. What you can do in QA Desktop follows from your role. "
                "In the demo county you can be anyone, to try every role."
            )
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type part of a name or team"))
        with_clear_button(self.search)
        self.role = QComboBox()
        for label, _test in ROLE_FILTERS:
            self.role.addItem(self.tr(label))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("People"))
        form = QFormLayout()
        form.addRow(self.tr("&Find:"), self.search)
        form.addRow(self.tr("&Show:"), self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Continue"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._refill)
        self.role.currentIndexChanged.connect(self._refill)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(self._update_ok)
        self._refill()
        self.resize(560, 520)

    def _refill(self) -> None:
        text = self.search.text().strip().lower()
        test = ROLE_FILTERS[self.role.currentIndex()][1]
        self.list.clear()
        for person in self._people:
            label = describe_person(person)
            if test(person) and (not text or text in label.lower()):
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(self._row_of(self._current) if self._current else 0)
        self._update_ok()

    def _row_of(self, person_id: str) -> int:
        """The row of ``person_id`` in the list as filtered; the first row if not listed."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == person_id:
                return row
        return 0

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.list.currentItem() is not None
        )

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
