"""Finding and reading audits."""

from __future__ import annotations

from dataclasses import dataclass, replace

from qa_desktop.domain.forms import FormDefinition
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.actors import Actor, Caller
from qa_desktop.services.audit.feedback import FeedbackDetail, audit_feedback
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.store.engine import Store
from qa_desktop.store.queries import audits as queries
from qa_desktop.store.queries.audits import AuditFilter, AuditRecord, AuditRow, PageKey

__all__ = [
    "AuditFilter",
    "AuditList",
    "AuditPage",
    "AuditRecord",
    "AuditRow",
    "AuditService",
    "AuditView",
    "PageKey",
]


def _for(flt: AuditFilter, actor: Caller) -> AuditFilter:
    """A person without the right to see every audit sees those they take part in."""
    if isinstance(actor, Actor) and not actor.can(Capability.VIEW_ALL_AUDITS):
        return replace(flt, involving_person_id=actor.id)
    return flt


@dataclass(frozen=True)
class AuditList:
    rows: list[AuditRow]
    total: int  # how many match; rows may hold fewer (the filter's limit)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


@dataclass(frozen=True)
class AuditPage:
    """One page of a list of audits, newest first."""

    rows: list[AuditRow]
    next: PageKey | None  # where the next page starts; None: no more
    total: int | None  # how many match in all, counted with the first page only


@dataclass(frozen=True)
class AuditView:
    record: AuditRecord
    form: FormDefinition
    # What the family said (services/feedback.py); None: not for this person to read.
    feedback: tuple[FeedbackDetail, ...] | None = None


class AuditService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self, flt: AuditFilter, actor: Caller) -> AuditList:
        """Audits the actor may see: a person without the right to see every audit, those
        they take part in; the system (the command line), every audit."""
        with self._store.reader() as session:
            rows, total = queries.list_audits(session, _for(flt, actor))
        return AuditList(rows, total)

    def page(self, flt: AuditFilter, actor: Caller, after: PageKey | None = None) -> AuditPage:
        """A page of the audits the actor may see (as ``list``), starting after ``after``;
        the first page (``after`` None) also says how many there are in all. No page is
        capped by ``flt.limit``: a list pages on until the last."""
        flt = _for(flt, actor)
        with self._store.reader() as session:
            found = queries.audit_page(session, flt, after)
            total = queries.count_audits(session, flt) if after is None else None
        return AuditPage(found.rows, found.next, total)

    def view(self, audit_id: str, actor: Caller) -> AuditView:
        """One audit to read. A person's access is checked, and the family feedback comes
        with it when they may read it; the system (the command line) reads every audit, never
        with the family feedback (there is no person to check it for)."""
        with self._store.reader() as session:
            record = queries.audit_record(session, audit_id)
            if record is None:
                raise ValidationError("That audit is no longer in this store.")
            if not actor.can(Capability.VIEW_ALL_AUDITS) and actor.id not in record.people_involved:
                raise PermissionRefused("You can open only the audits you take part in.")
            feedback = (
                audit_feedback(session, audit_id, actor) if isinstance(actor, Actor) else None
            )
        form = form_from_source(
            record.form_source, f"{record.row.form_title} v{record.row.form_version}"
        )
        return AuditView(record, form, feedback)
