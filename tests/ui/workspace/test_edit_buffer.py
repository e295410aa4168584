"""The workspace's edit buffer, without a window: what is saved and when, what each box and
the navigation show, and when "All changes saved" may be said."""

from __future__ import annotations

from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import FieldRef, Progress, Suggestions
from qa_desktop.ui.screens.workspace.edit_buffer import EditBuffer, Save, SaveMark
from qa_desktop.ui.screens.workspace.rationale import RationaleGate

GRADE = FieldRef.area("A", "grade")
RATIONALE = FieldRef.area("A", "rationale")
EVIDENCE = FieldRef.answer("A1", "evidence")
ANSWER = FieldRef.answer("A1")
OVERALL = FieldRef.audit("overall_grade")
OVERALL_RATIONALE = FieldRef.audit("overall_rationale")


def suggesting(grade: Grade | None, overall: Grade | None = None) -> Suggestions:
    return Suggestions({"A": Progress(4, 4, 75.0, grade, False)}, overall)


def buffer(suggested: Grade | None = Grade.REQUIRES_IMPROVEMENT) -> EditBuffer:
    buf = EditBuffer(RationaleGate(suggesting(suggested)))
    buf.load({GRADE: None, RATIONALE: "", EVIDENCE: "", ANSWER: None, OVERALL: None})
    return buf


def saved_all(buf: EditBuffer, saves: list[Save]) -> None:
    """The background worker writes each save and confirms it."""
    for save in saves:
        buf.started(save)
    for save in saves:
        buf.finished(save.ref)


def test_typing_waits_for_the_flush_and_a_choice_saves_at_once_after_it() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "Home visit")
    assert buf.mark is SaveMark.EDITING and buf.saved(EVIDENCE) == ""
    assert buf.shown(EVIDENCE) == "Home visit"
    saves = buf.choose(ANSWER, "yes")
    assert saves == [Save(EVIDENCE, "", "Home visit"), Save(ANSWER, None, "yes")]
    assert not buf.pending and buf.saved(EVIDENCE) == "Home visit"


def test_an_unchanged_value_is_not_saved_again() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "")
    assert buf.flush() == []  # "" and nothing are the same to the store
    assert buf.choose(ANSWER, "no") == [Save(ANSWER, None, "no")]
    assert buf.choose(ANSWER, "no") == []


def test_saved_is_said_only_once_every_save_is_confirmed() -> None:
    buf = buffer()
    assert buf.mark is SaveMark.SAVED
    buf.type(EVIDENCE, "Seen")
    assert buf.mark is SaveMark.EDITING
    [save] = buf.flush()
    buf.started(save)
    assert buf.mark is SaveMark.SAVING
    buf.finished(EVIDENCE)
    assert buf.mark is SaveMark.SAVED
    [answer] = buf.choose(ANSWER, "yes")
    buf.started(answer)
    buf.failed(ANSWER)
    assert buf.mark is SaveMark.FAILED
    assert buf.saved(ANSWER) is None  # the store kept what it had
    assert buf.load({ANSWER: None}) == []  # the reload after it: no change from elsewhere
    assert buf.mark is SaveMark.FAILED  # and it does not make it "saved"
    buf.started(answer)
    buf.finished(ANSWER)
    assert buf.mark is SaveMark.SAVED


def test_a_grade_that_needs_a_rationale_is_held_shown_and_not_called_saved() -> None:
    buf = buffer()
    assert buf.choose(GRADE, "good") == []  # Good always needs its rationale
    assert buf.held == {GRADE: "good"}
    assert buf.mark is SaveMark.HELD  # not "All changes saved"
    assert buf.shown(GRADE) == "good"  # the box keeps the choice
    assert buf.saved(GRADE) is None  # the navigation shows what is saved: nothing yet


def test_a_reload_keeps_the_held_grade_and_what_is_typed() -> None:
    buf = buffer()
    buf.choose(GRADE, "good")
    buf.type(EVIDENCE, "Half typed")
    buf.load({GRADE: None, RATIONALE: "", EVIDENCE: ""})  # back from Sign-off
    assert buf.shown(GRADE) == "good" and buf.shown(EVIDENCE) == "Half typed"


def test_writing_the_rationale_saves_the_held_grade_after_it() -> None:
    buf = buffer()
    buf.choose(GRADE, "good")
    buf.type(RATIONALE, "Clear analysis of risk.")
    saves = buf.flush()
    assert saves == [Save(RATIONALE, "", "Clear analysis of risk."), Save(GRADE, None, "good")]
    assert not buf.held
    saved_all(buf, saves)
    assert buf.mark is SaveMark.SAVED
    assert buf.shown(GRADE) == buf.saved(GRADE) == "good"


def test_a_blank_rationale_keeps_the_grade_held() -> None:
    buf = buffer()
    buf.choose(GRADE, "inadequate")
    buf.type(RATIONALE, "   ")
    assert buf.flush() == [Save(RATIONALE, "", "   ")]
    assert buf.held == {GRADE: "inadequate"}


def test_choosing_not_graded_or_the_suggested_grade_releases_the_hold() -> None:
    buf = buffer()
    buf.choose(GRADE, "good")
    assert buf.choose(GRADE, None) == [] and not buf.held  # nothing to save: it was empty
    buf.choose(GRADE, "good")
    saves = buf.choose(GRADE, "requires_improvement")  # the suggestion needs no rationale
    assert saves == [Save(GRADE, None, "requires_improvement")] and not buf.held


def test_the_overall_grade_has_its_own_rationale() -> None:
    buf = EditBuffer(RationaleGate(suggesting(None, Grade.GOOD)))
    buf.load({OVERALL: None, OVERALL_RATIONALE: "", RATIONALE: ""})
    assert buf.choose(OVERALL, "outstanding") == []
    buf.type(RATIONALE, "An area's rationale")  # not the overall one
    assert [s.ref for s in buf.flush()] == [RATIONALE] and OVERALL in buf.held
    buf.type(OVERALL_RATIONALE, "Exceptional direct work.")
    assert [s.ref for s in buf.flush()] == [OVERALL_RATIONALE, OVERALL]


def test_undo_writes_past_the_gate_and_clears_a_hold() -> None:
    buf = buffer()
    buf.choose(GRADE, "good")
    buf.apply(GRADE, "requires_improvement")
    assert not buf.held and buf.shown(GRADE) == buf.saved(GRADE) == "requires_improvement"


def test_discard_forgets_what_can_no_longer_be_saved() -> None:
    buf = buffer()
    buf.choose(GRADE, "good")
    buf.type(EVIDENCE, "Typed")
    buf.discard()
    assert buf.mark is SaveMark.SAVED and buf.shown(GRADE) is None and buf.shown(EVIDENCE) == ""


# -- another laptop's change, come by a sync ----------------------------------------------------


def test_a_change_from_elsewhere_to_a_field_being_typed_is_held_as_a_choice() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "Mine")
    assert buf.load({EVIDENCE: "Theirs", ANSWER: None}) == [EVIDENCE]
    assert buf.choices == {EVIDENCE: "Theirs"}
    assert buf.shown(EVIDENCE) == "Mine" and buf.saved(EVIDENCE) == "Theirs"
    assert buf.flush() == []  # the pause, the focus leaving: nothing saved over theirs
    assert buf.choose(ANSWER, "yes") == [Save(ANSWER, None, "yes")]  # nor by a choice after it
    assert buf.mark is SaveMark.CHOICE  # never "All changes saved" while it waits
    buf.type(EVIDENCE, "Mine, longer")  # typing on keeps it a choice
    assert buf.flush() == [] and buf.choices == {EVIDENCE: "Theirs"}


def test_keep_mine_saves_the_typed_text_over_theirs() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "Mine")
    buf.load({EVIDENCE: "Theirs"})
    assert buf.keep_mine(EVIDENCE) == [Save(EVIDENCE, "Theirs", "Mine")]
    assert not buf.choices and not buf.pending and buf.saved(EVIDENCE) == "Mine"
    assert buf.mark is SaveMark.SAVED


def test_use_theirs_drops_the_typed_text() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "Mine")
    buf.load({EVIDENCE: "Theirs"})
    buf.use_theirs(EVIDENCE)
    assert buf.shown(EVIDENCE) == "Theirs" and not buf.pending and not buf.choices
    assert buf.flush() == [] and buf.mark is SaveMark.SAVED


def test_typed_text_equal_to_theirs_is_no_choice() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "Same")
    assert buf.load({EVIDENCE: "Same"}) == [EVIDENCE]
    assert not buf.choices and not buf.pending and buf.mark is SaveMark.SAVED
    buf.type(EVIDENCE, "Mine")
    buf.load({EVIDENCE: "Theirs"})
    buf.type(EVIDENCE, "Theirs")  # typed back to theirs: nothing left to choose
    assert not buf.choices and buf.flush() == []


def test_a_reload_read_before_a_save_from_here_is_no_change_from_elsewhere() -> None:
    buf = buffer()
    buf.type(EVIDENCE, "Mine")
    [save] = buf.flush()
    buf.started(save)
    assert buf.load({EVIDENCE: ""}) == []  # behind the save on its way
    assert buf.saved(EVIDENCE) == "Mine"
    buf.finished(EVIDENCE)
    assert buf.load({EVIDENCE: "Mine"}) == []  # itself, come back by the sync
    assert buf.load({EVIDENCE: "Theirs"}) == [EVIDENCE]  # a change from elsewhere


def test_the_first_load_is_no_change_and_discard_forgets_the_choices() -> None:
    buf = EditBuffer()
    assert buf.load({EVIDENCE: "Stored"}) == []
    buf.type(EVIDENCE, "Mine")
    buf.load({EVIDENCE: "Theirs"})
    buf.discard()
    assert not buf.choices and buf.mark is SaveMark.SAVED
