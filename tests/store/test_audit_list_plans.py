"""The Audits list reads its indexes, not its tables: the statements the list's queries run
are asked for SQLite's plan (EXPLAIN QUERY PLAN), which names the indexes of migrations 0013
and 0015. Without them a team's page read every audit of the team through every join before
sorting (80 ms at 100,000 audits) and its count looked up every audit row (60 ms)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from qa_desktop.services.audit.listing import AuditFilter
from qa_desktop.store.engine import Store
from qa_desktop.store.queries.audits import audit_page, count_audits


def plans(store: Store, work: Callable[[Any], object]) -> list[str]:
    """The plan of each statement ``work`` runs, one text per statement."""
    ran: list[tuple[str, Any]] = []

    def heard(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            ran.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", heard)
    try:
        with store.reader() as session:
            work(session)
    finally:
        event.remove(store.engine, "before_cursor_execute", heard)
    found = []
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in ran:
            rows = cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            found.append(" | ".join(str(row[-1]) for row in rows))
    finally:
        raw.close()
    return found


def test_a_teams_count_and_page_ids_come_from_indexes_alone(store: Store) -> None:
    team = AuditFilter(team_id="a-team")
    (count_plan,) = plans(store, lambda s: count_audits(s, team))
    assert "COVERING INDEX ix_cases_team_listed" in count_plan
    assert "COVERING INDEX ix_audits_case_listed" in count_plan
    (page_plan,) = plans(store, lambda s: audit_page(s, team))
    # The page's ids by the same indexes; the nine joins only for the page's own rows.
    assert "COVERING INDEX ix_cases_team_listed" in page_plan
    assert "COVERING INDEX ix_audits_case_listed" in page_plan


def test_every_audit_is_paged_by_walking_the_lists_order(store: Store) -> None:
    (page_plan,) = plans(store, lambda s: audit_page(s, AuditFilter()))
    assert "SCAN audits USING INDEX ix_audits_listed" in page_plan
