"""The themes of "even better if" comments, as a QA officer would write them.

The themes are data the QA team can change (``forms/themes.csv``): each is a whole phrase
("Plans are SMART: owners, timescales and a contingency") with the words and phrases that
mark a comment as being about it. A comment counts once for every theme it mentions, however
often it repeats the words; a comment that mentions none is counted as not matched, so the
table shows how much the list leaves out. Matching is a case-blind search for each phrase in
the comment, the same test the store makes when it lists the audits behind a theme.

Why a list, not words picked out by the computer: word pairs counted from the comments
("owners dates", "smart owners") read as machine output and split one theme into several;
a short list the QA team keeps reads as their own findings and can be checked by anyone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

NOT_MATCHED = "Not matched to a theme"


@dataclass(frozen=True)
class ThemeDefinition:
    name: str  # the theme as a QA officer writes it
    phrases: tuple[str, ...]  # lower case; a comment containing any of them is about it

    def matches(self, comment: str) -> bool:
        text = comment.lower()
        return any(phrase in text for phrase in self.phrases)


@dataclass(frozen=True)
class Theme:
    phrase: str  # the theme's name (NOT_MATCHED for comments about none)
    comments: int  # how many comments mention it
    matches: tuple[str, ...] = ()  # the phrases that mark it (none for NOT_MATCHED)


def parse_themes(text: str) -> tuple[ThemeDefinition, ...]:
    """The list of themes from CSV ``theme, phrases`` (phrases separated by ``;``); a
    ValueError names the row that is wrong."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or {"theme", "phrases"} - set(reader.fieldnames):
        raise ValueError("the first row must name the columns theme and phrases")
    found: list[ThemeDefinition] = []
    names: set[str] = set()
    for number, row in enumerate(reader, start=2):
        name = (row.get("theme") or "").strip()
        phrases = tuple(
            p.strip().lower() for p in (row.get("phrases") or "").split(";") if p.strip()
        )
        if not name or not phrases:
            raise ValueError(f"row {number} needs a theme and at least one phrase")
        if name in names:
            raise ValueError(f"row {number}: the theme '{name}' is listed twice")
        names.add(name)
        found.append(ThemeDefinition(name, phrases))
    return tuple(found)


def themes(
    comments: Iterable[tuple[str, int]], definitions: Iterable[ThemeDefinition]
) -> list[Theme]:
    """How many comments (given as text and how many times that text occurs) mention each
    theme, most first; themes no comment mentions are left out; the comments that mention
    none come last."""
    known = list(definitions)
    counts = dict.fromkeys((d.name for d in known), 0)
    unmatched = 0
    for text, times in comments:
        hit = False
        for definition in known:
            if definition.matches(text):
                counts[definition.name] += times
                hit = True
        if not hit and text.strip():
            unmatched += times
    order = {d.name: i for i, d in enumerate(known)}
    ranked = sorted(
        (Theme(d.name, counts[d.name], d.phrases) for d in known if counts[d.name]),
        key=lambda t: (-t.comments, order[t.phrase]),
    )
    if unmatched:
        ranked.append(Theme(NOT_MATCHED, unmatched))
    return ranked
