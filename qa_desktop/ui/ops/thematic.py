"""Thematic audits: operations that need more than one service call in a job."""

from __future__ import annotations

from collections.abc import Callable

from qa_desktop.services.container import Services
from qa_desktop.services.programme.form_editing import QuestionEdit
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui.ops import write_job
from qa_desktop.ui.runner import Failed, Runner


def make_theme_form(
    runner: Runner,
    services: Services,
    thematic_id: str,
    form: tuple[str, str, str],
    questions: tuple[QuestionEdit, ...],
    actor: Actor,
    *,
    on_done: Callable[[None], None] | None = None,
    on_error: Failed | None = None,
) -> None:
    """Make the theme's own form (``form`` is its key, title and template) and set it on the
    thematic audit, in one job: a form is never left made but not chosen. Announces what both
    writes declare."""
    key, title, template = form
    editing, thematic = services.form_editing, services.thematic

    def work() -> None:
        editing.create(key, title, template, questions, actor)
        thematic.set_form(thematic_id, key, actor)

    write_job(runner, work, (editing.create, thematic.set_form), on_done=on_done, on_error=on_error)
