"""Reading and changing the settings the QA team publishes (stored as JSON in ``settings``)."""

from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy.orm import Session

from qa_desktop.domain.published_settings import PublishedSetting
from qa_desktop.errors import ValidationError
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder

T = TypeVar("T", int, float, str, bool)


def read_setting(session: Session, setting: PublishedSetting[T]) -> T:
    row = session.get(m.Setting, setting.key)
    if row is None:
        return setting.default
    try:
        return setting.check(json.loads(row.value))
    except (ValueError, TypeError):
        return setting.default


def write_setting(recorder: Recorder, setting: PublishedSetting[T], value: T) -> None:
    try:
        value = setting.check(value)
    except ValueError as exc:
        raise ValidationError("{problem}.", problem=str(exc)) from None
    row = recorder.session.get(m.Setting, setting.key)
    encoded = json.dumps(value)
    if row is None:
        recorder.insert(m.Setting, key=setting.key, value=encoded)
    else:
        recorder.update(row, value=encoded)
