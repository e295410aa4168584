"""What a person may edit in an audit, from the rulebook (``qa_desktop/domain/rights.py``).

The workspace works out a person's relations to the audit itself (its auditor, trained as
one; its practitioner) and asks the rulebook about every field for the state the audit is in:
the services refuse what it refuses, and the workspace's snapshot carries the answer so that
the screens enable exactly those fields. The QA team's right to correct any record belongs to
its own screens (the programme, the imports), not to the workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from qa_desktop.domain import rights
from qa_desktop.domain.rights import Op, Relation
from qa_desktop.domain.roles import Capability
from qa_desktop.services.audit.workspace_data import FieldRef, Target
from qa_desktop.services.setup.people import Actor

# The record each kind of workspace field is kept in.
TARGET_TABLES: Final = {
    Target.ANSWER: "answers",
    Target.AREA: "section_reviews",
    Target.AUDIT: "audits",
}


@dataclass(frozen=True)
class AuditRights:
    """A person's relations to one audit, and its state: what the rulebook lets them do."""

    relations: frozenset[Relation] = frozenset()
    state: str = rights.NO_AUDIT

    def may(self, table: str, op: Op, field: str | None = None) -> bool:
        return rights.may(self.relations, table, op, field, self.state)

    def may_edit(self, ref: FieldRef) -> bool:
        """Whether this field may be written now (its row made first, if need be)."""
        table = TARGET_TABLES[ref.target]
        if not self.may(table, Op.CHANGE, ref.field):
            return False
        return ref.target is Target.AUDIT or self.may(table, Op.CREATE)

    @property
    def may_add_actions(self) -> bool:
        return self.may("actions", Op.CREATE)

    @property
    def may_sign_off_as_practitioner(self) -> bool:
        return self.may("audits", Op.CHANGE, "practitioner_signed_at") and (
            Relation.PRACTITIONER in self.relations
        )


def audit_relations(
    actor: Actor, auditor_id: str | None, practitioner_id: str | None
) -> frozenset[Relation]:
    """The person's relations to the audit itself."""
    held: set[Relation] = set()
    if auditor_id == actor.id and actor.can(Capability.AUDIT):
        held.add(Relation.AUDITOR)
    if practitioner_id == actor.id:
        held.add(Relation.PRACTITIONER)
    return frozenset(held)


def audit_rights(
    actor: Actor, auditor_id: str | None, practitioner_id: str | None, state: str
) -> AuditRights:
    return AuditRights(audit_relations(actor, auditor_id, practitioner_id), state)
