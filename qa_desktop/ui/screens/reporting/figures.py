"""What the Reports dashboard shows for a period and a slice, in plain Python (no Qt): the
headline tiles (their figure, caption and the audits behind them), the heading, what a click
on a table row lists, and how figures are written. The screen only translates and draws it.

Text is given as a :class:`Phrase`: an English template and its values. The screen
translates the template (in its own context), words marked :class:`Words`, grades and
phrases inside the phrase, then fills the values in, so these rules are tested without a
window.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from qa_desktop.domain.calendar import FinancialQuarter
from qa_desktop.domain.dashboard import Dashboard, monthly_target_applies
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import MONTH_NAMES, kind_of, span_words
from qa_desktop.services.reporting import Drill

PhraseValue: TypeAlias = "str | int | float | Grade | Phrase"


class Words(str):
    """English words inside a phrase that the screen translates too (a section's title)."""

    __slots__ = ()


@dataclass(frozen=True)
class Phrase:
    template: str
    values: Mapping[str, PhraseValue] = field(default_factory=dict)

    def english(self) -> str:
        """The phrase untranslated (tests)."""

        def word(value: PhraseValue) -> object:
            if isinstance(value, Grade):
                return value.label
            return value.english() if isinstance(value, Phrase) else value

        return self.template.format(**{k: word(v) for k, v in self.values.items()})


@dataclass(frozen=True)
class Tile:
    """One headline figure: press it to list the audits behind it (``drill``)."""

    key: str
    caption: Phrase
    value: Phrase
    drill_label: Phrase
    drill: Drill
    change: Phrase | None = None  # against the period before, in words ("+4.0 points on ...")
    arrow: str = ""  # ▲ or ▼ beside those words (never instead of them); none for no change


# The tiles, in the order the screen lays them out; each key's caption before any figures.
TILE_CAPTIONS: tuple[tuple[str, str], ...] = (
    ("completed", "audits completed"),
    ("standard", "questions at standard"),
    ("moderation", "moderated"),
    ("agreement", "grades agreed"),
    ("inadequate", "Inadequate"),
    ("moved_up", "moved up at re-audit"),
    ("overdue", "actions overdue"),
    ("voice", "child's voice recorded"),
)
NO_FIGURE = "—"  # shown before the figures come, and for a share of nothing


def percent(value: float | None) -> str:
    """A share to one place ("87.5%"); a share of nothing is a dash, never 0%."""
    return NO_FIGURE if value is None else f"{value:.1f}%"


def compliance_axis(values: Sequence[float], standard: float) -> tuple[int, int]:
    """The compliance chart's scale: from a round ten below the lowest figure (and below the
    standard, so its line shows) to 100, so that differences between questions show."""
    lowest = min([*values, standard])
    low = math.floor(lowest / 10) * 10
    if low >= lowest:  # a bar of exactly 70 needs room to be seen
        low -= 10
    return max(0, low), 100


def _just(value: PhraseValue) -> Phrase:
    return Phrase("{value}", {"value": value})


def previous_name(dash: Dashboard) -> Phrase:
    """What the period compared with is called: "2026/27-Q2", "October", "the 30 days
    before"."""
    before = dash.previous_period
    kind = kind_of(before)
    if kind == "quarter":
        return _just(FinancialQuarter.containing(before.start).label)
    if kind == "month":
        name = Words(MONTH_NAMES[before.start.month - 1])
        if before.start.year == dash.period.start.year:
            return _just(name)
        return Phrase("{month} {year}", {"month": name, "year": str(before.start.year)})
    return Phrase("the {days} days before", {"days": before.days})


def change_words(
    now: float | None, then: float | None, previous: Phrase, *, points: bool
) -> tuple[Phrase, str]:
    """The change of a figure against the period before, in words, and its arrow: "+4.0
    points on 2026/27-Q2" (shares) or "-3 on October" (counts)."""
    values: dict[str, PhraseValue] = {"previous": previous}
    if now is None or then is None:
        return Phrase("nothing to compare with in {previous}", values), ""
    difference = round(now - then, 1) if points else round(now - then)
    if difference == 0:
        return Phrase("no change on {previous}", values), ""
    values["change"] = f"{difference:+.1f}" if points else f"{difference:+d}"
    template = "{change} points on {previous}" if points else "{change} on {previous}"
    return Phrase(template, values), "▲" if difference > 0 else "▼"


def tiles(dash: Dashboard) -> tuple[Tile, ...]:
    """The headline figures of a dashboard, keyed as in :data:`TILE_CAPTIONS`, each with its
    change against the period before where that period's figures came with it."""
    shown = _tiles(dash)
    b = dash.before
    if b is None:
        return shown
    m, i = dash.moderation, dash.inadequate
    pairs: dict[str, tuple[float | None, float | None, bool]] = {
        "completed": (dash.plan.completed, b.completed, False),
        "standard": (
            dash.questions_meeting_standard,
            dash.questions_meeting_standard_before,
            False,
        ),
        "moderation": (m.coverage, b.coverage, True),
        "agreement": (m.agreement, b.agreement, True),
        "inadequate": (i.inadequate, b.inadequate, False),
        "moved_up": (i.moved_up_percent, b.moved_up_percent, True),
        "overdue": (dash.actions.overdue, b.overdue, False),
        "voice": (dash.voice.percent, dash.voice_before, True),
    }
    previous = previous_name(dash)
    result = []
    for tile in shown:
        now, then, points = pairs[tile.key]
        words, arrow = change_words(now, then, previous, points=points)
        result.append(replace(tile, change=words, arrow=arrow))
    return tuple(result)


def _tiles(dash: Dashboard) -> tuple[Tile, ...]:
    p, m, i, a, v = dash.plan, dash.moderation, dash.inadequate, dash.actions, dash.voice
    with_figure = sum(1 for q in dash.compliance if q.percent is not None)
    captions = dict(TILE_CAPTIONS)
    # The monthly target plans the county's programme: only a county-wide slice has one.
    completed_caption = (
        Phrase("audits completed (target {target})", {"target": p.target})
        if monthly_target_applies(dash.slice) and p.target
        else Phrase(captions["completed"])
    )
    return (
        Tile(
            "completed",
            completed_caption,
            _just(p.completed),
            Phrase("Audits completed"),
            Drill("completed"),
        ),
        Tile(
            "standard",
            Phrase(captions["standard"]),
            Phrase(
                "{met} of {total}", {"met": dash.questions_meeting_standard, "total": with_figure}
            ),
            Phrase("Compliance per question"),
            Drill("compliance"),
        ),
        Tile(
            "moderation",
            Phrase(captions["moderation"]),
            Phrase(
                "{moderated} ({share})", {"moderated": m.moderated, "share": percent(m.coverage)}
            ),
            Phrase("Moderated audits"),
            Drill("moderated"),
        ),
        Tile(
            "agreement",
            Phrase(captions["agreement"]),
            _just(percent(m.agreement)),
            Phrase("Moderation changed a grade"),
            Drill("moderated", value="disagreed"),
        ),
        Tile(
            "inadequate",
            Phrase(captions["inadequate"]),
            _just(i.inadequate),
            Phrase("Inadequate audits"),
            Drill("inadequate"),
        ),
        Tile(
            "moved_up",
            Phrase(captions["moved_up"]),
            Phrase(
                "{moved} of {reaudited} ({share})",
                {
                    "moved": i.moved_up,
                    "reaudited": i.reaudited,
                    "share": percent(i.moved_up_percent),
                },
            ),
            Phrase("Moved up at re-audit"),
            Drill("inadequate", value="moved_up"),
        ),
        Tile(
            "overdue",
            Phrase(captions["overdue"]),
            _just(a.overdue),
            Phrase("Audits with overdue actions"),
            Drill("actions", value="overdue"),
        ),
        Tile(
            "voice",
            Phrase(captions["voice"]),
            _just(percent(v.percent)),
            Phrase("Voice of the child not recorded"),
            Drill("voice", key=",".join(v.question_ids), value="missing"),
        ),
    )


def heading(dash: Dashboard, slice_text: str) -> Phrase:
    """The line above the figures: the period (so far, when it is not over), the slice, what
    it is compared with."""
    return Phrase(
        "{period} · {slice} · compared with {previous} · standard {standard:.0f}%",
        {
            "period": period_phrase(dash),
            "slice": Words(slice_text),
            "previous": span_words(dash.previous_period.start, dash.previous_period.end),
            "standard": dash.standard,
        },
    )


def period_phrase(dash: Dashboard) -> Phrase:
    """ "1 October to 31 December 2026", or while it is not over "1 October to 6 December
    2026, quarter not finished"."""
    so_far = dash.counted_to
    if so_far is None:
        return _just(span_words(dash.period.start, dash.period.end))
    return Phrase(
        "{span}, {kind} not finished",
        {"span": span_words(dash.period.start, so_far), "kind": Words(kind_of(dash.period))},
    )


def listed(label: Phrase, shown: int, total: int, truncated: bool) -> Phrase:
    """What the list of audits behind a figure says about itself."""
    values: dict[str, PhraseValue] = {"label": label, "shown": shown, "total": total}
    if truncated:
        return Phrase("{label}: the newest {shown} of {total} audits", values)
    return Phrase("{label}: {total} audits", values)


# -- what a click on a chart or a table row lists --------------------------------------------


def question_drill(question_id: str) -> tuple[Phrase, Drill]:
    return (
        Phrase("Answered No to {question}", {"question": question_id}),
        Drill("question", question_id, "no"),
    )


def grade_drill(section_id: str, title: str, grade: Grade) -> tuple[Phrase, Drill]:
    return (
        Phrase("{section}: {grade}", {"section": Words(title), "grade": grade}),
        Drill("grade", section_id, grade.value),
    )


def compliance_row(dash: Dashboard, row: int) -> tuple[Phrase, Drill] | None:
    """A row of the compliance table: the audits that answered No to its question."""
    if not 0 <= row < len(dash.compliance):
        return None
    return question_drill(dash.compliance[row].question_id)


def grades_row(dash: Dashboard, row: int) -> tuple[Phrase, Drill] | None:
    """A row of the grades table: that area's (or the overall) Inadequate audits."""
    if not 0 <= row < len(dash.grades):
        return None
    found = dash.grades[row]
    return grade_drill(found.section_id, found.section_title, Grade.INADEQUATE)


def moderation_row(dash: Dashboard, row: int) -> tuple[Phrase, Drill] | None:
    """A row of the moderation table: the first is every moderated audit, then one auditor's."""
    auditors = dash.moderation.by_auditor
    if row == 0:
        return Phrase("Moderated audits"), Drill("moderated")
    if 0 < row <= len(auditors):
        auditor = auditors[row - 1]
        return (
            Phrase("Moderated audits by {auditor}", {"auditor": auditor.auditor}),
            Drill("moderated", auditor.auditor_id),
        )
    return None


def themes_row(dash: Dashboard, row: int) -> tuple[Phrase, Drill] | None:
    """A row of the themes table: the audits whose "even better if" mentions that theme."""
    if not 0 <= row < len(dash.themes) or not dash.themes[row].matches:
        return None  # the comments matched to no theme are counted, not listed
    theme = dash.themes[row]
    return (
        Phrase("Even better if: {theme}", {"theme": Words(theme.phrase)}),
        Drill("theme", "|".join(theme.matches)),
    )
