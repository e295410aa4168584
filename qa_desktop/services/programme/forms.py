"""Publishing forms into the store, and reading a stored form version back.

A form version is identified by its key and version number. Publishing a file whose
(key, version) is already stored with other content is refused once audits use that version:
a form version in use is never changed in place (change the file's version number instead).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_desktop.domain.forms import FormDefinition
from qa_desktop.errors import FormError
from qa_desktop.formdefs import FORMS_DIR, load_form_text, shipped_form_files
from qa_desktop.services.actors import Caller
from qa_desktop.services.clock import Clock
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishResult:
    added: tuple[str, ...]  # "key v1"
    updated: tuple[str, ...]
    unchanged: int


def checksum(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@lru_cache(maxsize=128)
def form_from_source(source: str, name: str = "stored form") -> FormDefinition:
    """The form a stored source text defines (cached: sources never change in place)."""
    return load_form_text(source, name)


def publish_sources(
    session: Session, sources: Iterable[tuple[str, str]], clock: Clock, actor: Caller
) -> PublishResult:
    """Store each (name, YAML text) as a form version, written as ``actor`` (the system for
    the shipped forms of a new store). All or nothing: errors raise."""
    recorder = Recorder(session, actor.id, clock())
    added: list[str] = []
    updated: list[str] = []
    unchanged = 0
    for name, source in sources:
        form = load_form_text(source, name)
        digest = checksum(source)
        stored_form = session.scalar(select(m.Form).where(m.Form.key == form.key))
        if stored_form is None:
            stored_form = recorder.insert(
                m.Form, key=form.key, title=form.title, kind=form.kind.value
            )
            session.flush()
        elif (stored_form.title, stored_form.kind) != (form.title, form.kind.value):
            recorder.update(stored_form, title=form.title, kind=form.kind.value)
        version = session.scalar(
            select(m.FormVersion).where(
                m.FormVersion.form_id == stored_form.id, m.FormVersion.version == form.version
            )
        )
        label = f"{form.key} v{form.version}"
        if version is None:
            recorder.insert(
                m.FormVersion,
                form_id=stored_form.id,
                version=form.version,
                source=source,
                checksum=digest,
                published_at=recorder.now,
            )
            added.append(label)
        elif version.checksum == digest:
            unchanged += 1
        else:
            in_use = session.scalar(
                select(func.count())
                .select_from(m.Audit)
                .where(m.Audit.form_version_id == version.id)
            )
            if in_use:
                raise FormError(
                    "{file}: {key} version {version} is already used by {count} audit(s) and "
                    "cannot be changed in place. Give the file a new version number.",
                    file=name,
                    key=form.key,
                    version=form.version,
                    count=in_use,
                )
            recorder.update(version, source=source, checksum=digest, published_at=recorder.now)
            updated.append(label)
    return PublishResult(tuple(added), tuple(updated), unchanged)


def shipped_sources(folder: Path = FORMS_DIR) -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in shipped_form_files(folder)]


@dataclass(frozen=True)
class FormVersionInfo:
    id: str
    key: str
    title: str
    kind: str
    version: int


def latest_versions(session: Session) -> list[FormVersionInfo]:
    """The newest version of every form."""
    newest = (
        select(m.FormVersion.form_id, func.max(m.FormVersion.version).label("version"))
        .group_by(m.FormVersion.form_id)
        .subquery()
    )
    stmt = (
        select(m.FormVersion, m.Form)
        .join(m.Form, m.FormVersion.form_id == m.Form.id)
        .join(
            newest,
            (newest.c.form_id == m.FormVersion.form_id)
            & (newest.c.version == m.FormVersion.version),
        )
        .order_by(m.Form.title)
    )
    return [
        FormVersionInfo(v.id, f.key, f.title, f.kind, v.version) for v, f in session.execute(stmt)
    ]
