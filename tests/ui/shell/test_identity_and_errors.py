"""Choosing who you are, remembering it, and the one error path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt

from qa_desktop.domain.roles import Role
from qa_desktop.errors import ValidationError
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.shell.identity import IdentityDialog
from tests.ui.conftest import open_window_as


def test_identity_dialog_filters_by_role_and_name(application, qtbot) -> None:
    people = application.services.directory.people()
    dialog = IdentityDialog(people)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(people)
    dialog.role.setCurrentIndex(dialog.role.findText("Heads of service"))
    heads = [p for p in people if p.role is Role.HEAD_OF_SERVICE]
    assert dialog.list.count() == len(heads) == 5
    qtbot.keyClicks(dialog.search, heads[2].name[:6])
    assert dialog.list.count() >= 1
    assert dialog.chosen_id() in {p.id for p in heads if p.name.startswith(heads[2].name[:6])}


def test_switch_person_starts_on_the_person_using_the_app(application, qtbot, monkeypatch) -> None:
    """File > Switch person: "Who are you?" has the current person chosen, not the first."""
    people = application.services.directory.people()
    current = next(p for p in people[5:] if p.role is Role.QA_OFFICER)
    window = application.show_window(application.services.directory.actor(current.id))
    qtbot.addWidget(window)
    application.settings.remember_identity(application.services.store_path, current.id)
    seen: list[str | None] = []

    def look(dialog: IdentityDialog) -> int:
        seen.append(dialog.chosen_id())
        return IdentityDialog.DialogCode.Rejected

    monkeypatch.setattr(IdentityDialog, "exec", look)
    assert application.choose_person(window, ask=True) is None
    assert seen == [current.id] and people[0].id != current.id


def test_the_chosen_person_is_remembered_per_store(application, qtbot, monkeypatch) -> None:
    people = application.services.directory.people()
    qa_officer = next(p for p in people if p.role is Role.QA_OFFICER)

    def choose(dialog: IdentityDialog) -> int:
        dialog.search.setText(qa_officer.name)
        return IdentityDialog.DialogCode.Accepted

    monkeypatch.setattr(IdentityDialog, "exec", choose)
    first = application.choose_person()
    assert first is not None and first.id == qa_officer.id

    def never(_dialog: IdentityDialog) -> int:
        raise AssertionError("asked twice")

    monkeypatch.setattr(IdentityDialog, "exec", never)
    again = application.choose_person()
    assert again is not None and again.id == qa_officer.id
    assert application.settings.identity_for(Path(application.services.store_path)) == qa_officer.id


def test_errors_reach_the_person_without_a_traceback(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)

    def fail() -> None:
        raise ValidationError("The audit {ref} cannot be opened.", ref="QA-TEST")

    application.runner.submit(fail)
    assert application.errors.last_message == "The audit QA-TEST cannot be opened."

    def crash() -> None:
        raise KeyError("internal detail")

    application.runner.submit(crash)
    message = application.errors.last_message
    assert message is not None and "did not expect" in message and "internal detail" not in message
    assert "Traceback" not in message
    assert window.isVisible()


def test_the_runner_works_off_the_gui_thread_and_answers_on_it(qtbot) -> None:
    import threading

    errors: list[BaseException] = []
    runner = Runner(errors.append)
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker"] = threading.current_thread()
        return "done"

    def done(result: str) -> None:
        seen["result"] = result
        seen["gui"] = threading.current_thread()

    with qtbot.waitSignal(
        runner.busy_changed, timeout=5000, check_params_cb=lambda busy: busy is False
    ):
        runner.submit(work, done)
    assert seen["result"] == "done"
    assert seen["worker"] is not threading.main_thread()
    assert seen["gui"] is threading.main_thread()
    assert errors == []
    assert isinstance(runner, QObject) and Qt is not None
