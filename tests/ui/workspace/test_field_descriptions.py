"""What a field says to assistive technology: why it cannot be changed while it cannot, and a
badge's "Changed by ..." whatever the order the two arrive in (on the other laptop a pull
can mark a field just before the page makes it editable again)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.ui.screens.workspace.bindings import TextBinding
from qa_desktop.ui.screens.workspace.conflict_badge import FieldBadge

REASON = "Signed off: the audit cannot be changed."
CHANGED = "Changed by Test Auditor just now"


def _field(qtbot) -> tuple[QWidget, TextBinding, QPlainTextEdit]:
    """A page (held by the test: the box is its child) with one text field and its binding."""
    page = QWidget()
    qtbot.addWidget(page)
    box = QPlainTextEdit(page)
    return page, TextBinding(FieldRef.answer("q1", "evidence"), box), box


def test_a_field_made_editable_again_no_longer_says_why_it_was_not(qtbot) -> None:
    _page, binding, box = _field(qtbot)
    binding.set_editable(False, REASON)
    assert box.accessibleDescription() == box.toolTip() == REASON
    binding.set_editable(True)
    assert box.accessibleDescription() == box.toolTip() == ""


def test_a_badge_shown_before_the_field_is_made_editable_keeps_its_words(qtbot) -> None:
    _page, binding, box = _field(qtbot)
    badge = FieldBadge(binding, "Changed")
    badge.show_message(CHANGED)
    binding.set_editable(True)
    assert box.accessibleDescription() == box.toolTip() == CHANGED
    binding.set_editable(False, REASON)
    binding.set_editable(True)
    assert box.accessibleDescription() == ""  # the reason went; the badge's words it replaced
