"""The page of settings the QA team publishes (moderation share, meeting and re-audit
intervals, monthly target, standard, feedback aim): everyone reads them; the QA team changes
them. They are rows of the ``settings`` table, so they sync to every laptop as forms do, and
the central database accepts a change to them from the QA team only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qa_desktop.domain.published_settings import ON_SETTINGS_PAGE
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import Caller, require
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.services.published import read_setting, write_setting
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

REFUSAL = "The published settings are changed by the QA team."


@dataclass(frozen=True)
class PublishedValue:
    key: str
    label: str
    value: int | float | bool
    default: int | float | bool
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class PublishedPage:
    values: tuple[PublishedValue, ...]
    may_change: bool  # the QA team: the page is a form; for everyone else, read-only

    def value_of(self, key: str) -> int | float | bool:
        return next(v.value for v in self.values if v.key == key)


class PublishedSettingsService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def page(self, actor: Caller) -> PublishedPage:
        with self._store.reader() as session:
            values = tuple(
                PublishedValue(
                    s.key,
                    s.label,
                    read_setting(session, s),
                    s.default,
                    s.minimum,
                    s.maximum,
                )
                for s in ON_SETTINGS_PAGE
            )
        return PublishedPage(values, actor.can(Capability.MANAGE_PROGRAMME))

    @writes(Change.SETTINGS)
    def publish(self, values: Mapping[str, Any], actor: Caller) -> PublishedPage:
        """Publish the values given (by key); all or nothing: every value out of its limits
        is named in one message and none is written. Unchanged values write nothing."""
        require(actor, Capability.MANAGE_PROGRAMME, REFUSAL)
        by_key = {s.key: s for s in ON_SETTINGS_PAGE}
        unknown = sorted(set(values) - set(by_key))
        if unknown:
            raise ValidationError("{key} is not a published setting.", key=unknown[0])
        problems: list[str] = []
        checked: dict[str, Any] = {}
        for key, value in values.items():
            try:
                checked[key] = by_key[key].check(value)
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise ValidationError(
                "Nothing was published: {problems}.", problems="; ".join(problems)
            )
        with self._store.session() as session:
            recorder = Recorder(session, actor.id, self._clock())
            for key, value in checked.items():
                if read_setting(session, by_key[key]) != value:
                    write_setting(recorder, by_key[key], value)
        return self.page(actor)
