"""Every screen as a screen reader meets it: each control has a name, each empty table says
what would be in it, each status that changes is announced; and the stylesheet's focus ring
and selection colours reach WCAG's contrast (3:1 for the ring and a selection against what is
around them, 4.5:1 for selected text)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.resources import stylesheet
from qa_desktop.services.changes import Change
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui.announce import StatusLabel, announce, listen
from qa_desktop.ui.screens.workspace.styles import STYLE as WORKSPACE_STYLE
from qa_desktop.ui.shell.main_window import MainWindow
from qa_desktop.ui.widgets.empty import EMPTY_TEXT, set_empty_text, text_place
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSlider,
)
# Parts of a control that assistive technology reaches through the control itself.
COMPOSITE = (QAbstractSpinBox, QComboBox, QTabBar, QCalendarWidget, QScrollBar)


def _name(widget: QWidget) -> str:
    """The name assistive technology gives: for a combo box or a spin box only its own or
    its label's (Qt falls back to the current value, which names nothing)."""
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        if widget.accessibleName().strip():
            return widget.accessibleName().strip()
        labels = [
            label.text()
            for label in widget.window().findChildren(QLabel)
            if label.buddy() is widget
        ]
        return labels[0].replace("&", "").strip() if labels else ""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def _inside_composite(widget: QWidget, top: QWidget) -> bool:
    if widget.objectName() == "qt_tableview_cornerbutton":
        return True  # selects the whole table by mouse; never reached by Tab
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, COMPOSITE):
            return True
        if isinstance(parent, QAbstractScrollArea) and widget in (
            parent.verticalScrollBar(),
            parent.horizontalScrollBar(),
        ):
            return True
        parent = parent.parentWidget()
    return False


def _where(widget: QWidget) -> str:
    path = []
    w: QWidget | None = widget
    while w is not None:
        path.append(f"{type(w).__name__}#{w.objectName()}" if w.objectName() else type(w).__name__)
        w = w.parentWidget()
    return " < ".join(path[:5])


def unnamed(top: QWidget) -> list[str]:
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if _inside_composite(widget, top):
            continue
        if isinstance(widget, QAbstractItemView) and isinstance(
            widget.parentWidget(), QAbstractItemView
        ):
            continue  # a table's headers are parts of the table
        if not _name(widget):
            found.append(_where(widget))
    return found


def silent_tables(top: QWidget) -> list[str]:
    """Empty tables and lists that say nothing (a list of choices is never empty here)."""
    found = []
    for view in top.findChildren(QAbstractItemView):
        if isinstance(view.parentWidget(), QComboBox | QAbstractItemView) or _inside_composite(
            view, top
        ):
            continue
        model = view.model()
        if model is None or model.rowCount() > 0:
            continue
        text = view.property(EMPTY_TEXT)
        if not text or view.accessibleDescription() != text:
            found.append(_where(view))
    return found


class Statuses:
    """Every change of a label's text made while the screens work, and what was announced.

    ``QLabel.setText`` is wrapped for the test: a label whose text changes after it was
    first given one is telling something; unless it is a heading (named below) or the
    detail of a record chosen, that is a status and must be heard."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.heard: list[tuple[QObject, str]] = []
        self.changed: dict[int, tuple[QLabel, str]] = {}
        self._first: set[int] = set()
        real = QLabel.setText
        statuses = self

        def set_text(label: QLabel, text: str) -> None:
            before = label.text()
            real(label, text)
            key = id(label)
            if key not in statuses._first and not before:
                statuses._first.add(key)  # its first text: the label being filled in
            elif text and text != before:
                statuses.changed[key] = (label, text)

        monkeypatch.setattr(QLabel, "setText", set_text)

    def hear(self, source: QObject, text: str) -> None:
        self.heard.append((source, text))

    def unannounced(self) -> list[str]:
        said = {id(source) for source, _text in self.heard}
        return [
            f"{_where(label)}: {text!r}"
            for key, (label, text) in self.changed.items()
            if key not in said and isValid(label) and not _not_a_status(label)
        ]


# Labels whose text changes but that tell no status: headings and the window's person.
NOT_STATUSES = {"screenTitle", "whoLabel"}


def _not_a_status(label: QLabel) -> bool:
    return label.objectName() in NOT_STATUSES or bool(label.property("heading"))


def _person(application: Application, role: Role) -> Actor:
    person = next(p for p in application.services.directory.people() if p.role is role)
    return application.services.directory.actor(person.id)


def _every_screen(window: MainWindow) -> Iterator[QWidget]:
    """Each screen shown, each of its tabs shown (so that each loads)."""
    from PySide6.QtWidgets import QTabWidget

    for index in range(window.nav.count()):
        window.go_to(index)
        screen = window.nav_screen(index)
        for tabs in screen.findChildren(QTabWidget):
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
        yield screen


WHO = [
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.HEAD_OF_SERVICE,
    Role.QA_OFFICER,
]


@pytest.mark.parametrize("role", WHO, ids=[r.value for r in WHO])
def test_every_screen_names_its_controls_and_announces_its_statuses(
    application: Application, qtbot, role: Role, monkeypatch: pytest.MonkeyPatch
) -> None:
    statuses = Statuses(monkeypatch)
    with listen(statuses.hear):
        window = application.show_window(_person(application, role))
        qtbot.addWidget(window)
        problems: list[str] = []
        for screen in _every_screen(window):
            problems += [f"unnamed: {w}" for w in unnamed(screen)]
            problems += [f"empty and silent: {w}" for w in silent_tables(screen)]
        application.runner.announce(~Change.NONE)
        for _screen in _every_screen(window):
            pass  # each shown again after every part of the store changed
        problems += [f"not announced: {w}" for w in statuses.unannounced()]
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))


def test_the_workspace_names_its_controls_and_announces_saving(
    application: Application, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    workspace = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(workspace)
    statuses = Statuses(monkeypatch)
    with listen(statuses.hear):
        problems = [f"unnamed: {w}" for w in unnamed(workspace)]
        problems += [f"empty and silent: {w}" for w in silent_tables(workspace)]
        evidence = workspace.areas[0].rows[0].evidence
        evidence.setFocus()
        qtbot.keyClicks(evidence, "Seen at home")
        workspace.flush()
    assert problems == [], "\n".join(problems)
    said = [text for source, text in statuses.heard if source is workspace.save_status]
    assert said and said[-1] == workspace.save_status.text()
    assert statuses.unannounced() == []


def test_a_status_label_announces_each_new_text_once(qtbot) -> None:
    label = StatusLabel()
    qtbot.addWidget(label)
    heard: list[str] = []
    with listen(lambda _source, text: heard.append(text)):
        label.setText("Saving…")
        label.setText("Saving…")
        label.setText("<b>All changes saved</b>")
        label.setText("")
        announce(label, "")
    assert heard == ["Saving…", "All changes saved"]


def test_an_empty_table_says_so_and_stops_once_it_has_rows(qtbot) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    model = QStandardItemModel(0, 1)
    view.setModel(model)
    set_empty_text(view, "No audits yet: start one with Audit > New audit.")
    assert view.accessibleDescription().startswith("No audits yet")
    model.appendRow(QStandardItem("QA-1"))
    assert view.accessibleDescription() == ""
    model.removeRows(0, 1)
    assert view.accessibleDescription().startswith("No audits yet")


def test_an_empty_tables_sentence_starts_at_the_top_where_it_does_not_fit() -> None:
    """A table squeezed short (the Meetings list at 200%) showed the middle of its sentence,
    cut above and below; now its first lines, from the top. Where it fits: the middle."""
    from PySide6.QtCore import QRect, Qt

    tall, flags = text_place(QRect(0, 0, 800, 300), 40)
    assert tall == QRect(12, 12, 776, 276) and flags & Qt.AlignmentFlag.AlignVCenter
    short, flags = text_place(QRect(0, 0, 800, 30), 40)
    assert short.top() == 2 and flags & Qt.AlignmentFlag.AlignTop
    assert not flags & Qt.AlignmentFlag.AlignVCenter


# --- colours ---


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rules(sheet: str) -> dict[str, dict[str, str]]:
    """selector -> {property: value}, a selector list split into its selectors."""
    rules: dict[str, dict[str, str]] = {}
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        props = dict(
            (k.strip(), v.strip())
            for k, _, v in (p.partition(":") for p in body.split(";") if ":" in p)
        )
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(props)
    return rules


def _colour(value: str) -> str:
    found = re.search(r"#[0-9a-fA-F]{6}", value)
    assert found, value
    return found.group(0).lower()


WHITE = "#ffffff"


def test_the_focus_ring_stands_out_from_what_it_is_drawn_on() -> None:
    app_rules, ws_rules = _rules(stylesheet()), _rules(WORKSPACE_STYLE)
    navigation = _colour(app_rules["QListWidget#navigation"]["background"])
    rings = [
        (_colour(app_rules["QTableView:focus"]["border"]), WHITE),
        (_colour(app_rules["QLineEdit:focus"]["border"]), WHITE),
        (_colour(app_rules["QListWidget#navigation::item:focus"]["outline"]), navigation),
        (
            _colour(app_rules["QListWidget#navigation::item:selected:focus"]["outline"]),
            _colour(app_rules["QListWidget#navigation::item:selected"]["background"]),
        ),
    ]
    ws_focus = ws_rules["QPlainTextEdit:focus"]
    rings.append((_colour(ws_focus["border"]), _colour(ws_focus["background"])))
    rings.append((_colour(ws_focus["border"]), WHITE))
    for ring, background in rings:
        assert contrast(ring, background) >= 3.0, (ring, background)


def test_selections_stand_out_and_their_text_is_readable() -> None:
    rules = _rules(stylesheet())
    views = rules["QAbstractItemView"]
    selected = _colour(views["selection-background-color"])
    assert contrast(selected, WHITE) >= 3.0
    assert contrast(selected, _colour(views["alternate-background-color"])) >= 3.0
    assert contrast(_colour(views["selection-color"]), selected) >= 4.5
    nav = rules["QListWidget#navigation::item:selected"]
    navigation = _colour(rules["QListWidget#navigation"]["background"])
    assert contrast(_colour(nav["background"]), navigation) >= 3.0
    assert contrast(_colour(nav["color"]), _colour(nav["background"])) >= 4.5


def _visible_label_of(field: QWidget) -> QLabel | None:
    """The label shown with ``field`` (not hidden itself: seen whenever the field is)."""
    labels = [
        label
        for label in field.window().findChildren(QLabel)
        if label.buddy() is field and not label.isHidden() and label.text().strip()
    ]
    return labels[0] if labels else None


def test_evidence_notes_and_moderation_reasons_have_real_labels(
    application: Application, qtbot
) -> None:
    """A label that stays when the field holds text (a placeholder goes, and is faint)."""
    from qa_desktop.domain.grades import Grade
    from qa_desktop.ui.shell.main_window import NAV_MODERATION
    from tests.followup_helpers import cast, in_moderation

    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    workspace = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(workspace)
    workspace.show()
    row = workspace.areas[0].rows[0]
    workspace.pages.setCurrentWidget(workspace.areas[0])
    label = _visible_label_of(row.evidence)
    assert label is not None and "Evidence note" in label.text()
    assert row.evidence.placeholderText() == ""

    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.GOOD)
    window = application.show_window(cast(services, audit_id).moderator)
    qtbot.addWidget(window)
    window.go_to(NAV_MODERATION)
    screen = window.moderation
    screen.queue.selectRow(
        next(i for i, r in enumerate(screen.queue_model.rows()) if r.audit_id == audit_id)
    )
    screen.moderate_button.click()
    assert screen.form.rows
    for area in screen.form.rows:
        label = _visible_label_of(area.reason)
        assert label is not None and "Reason" in label.text()
        assert area.reason.placeholderText() == ""
        assert _name(area.reason).startswith("Reason for the")


def test_placeholder_text_is_never_the_only_label(application: Application, qtbot) -> None:
    """A field with a placeholder also has a name that is not the placeholder's."""
    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    workspace = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(workspace)
    tops: list[QWidget] = [workspace, *(window.nav_screen(i) for i in range(window.nav.count()))]
    for top in tops:
        for field in top.findChildren(QLineEdit) + top.findChildren(QPlainTextEdit):
            hint = field.placeholderText()
            if hint and not _inside_composite(field, top):
                assert _name(field) and _name(field) != hint, _where(field)
    QApplication.processEvents()


def test_the_board_papers_dialog_names_its_controls_and_announces_its_status(
    application: Application, qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = application.show_window(_person(application, Role.TEAM_MANAGER))
    qtbot.addWidget(window)
    window.board_papers_action.trigger()
    dialog = window.papers_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    statuses = Statuses(monkeypatch)
    with listen(statuses.hear):
        problems = []
        for index in range(dialog.paper.count()):  # each paper shows its own controls
            dialog.paper.setCurrentIndex(index)
            problems += [f"unnamed: {w}" for w in unnamed(dialog)]
        dialog.file.setText(str(tmp_path / "card.pdf"))
        dialog.paper.setCurrentIndex(1)
        dialog.make_button.click()  # "Making the paper…", then where it was saved
        dialog.file.setText("")
        dialog.make_button.click()  # why nothing was saved
    problems += [f"not announced: {w}" for w in statuses.unannounced()]
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))
    said = [text for source, text in statuses.heard if source is dialog.status]
    assert said[-2].startswith("Saved card.pdf") and said[-1].startswith("Nothing was saved")
