"""The tables the local store keeps for reports, declared once.

Each family is one derived table (``Family``: its columns, its CREATE TABLE and indexes, the
triggers that keep it, how to rebuild it and drop it), in the order they derive from one
another: a roll-up comes after the table it adds up. SQLite triggers keep every one in step
with each change, whoever makes it (a screen, an import, sync); none is ever synced.

- ``report_answer_counts``: answers per day, team, form version, audit type, question and
  answer; ``report_answer_day_counts`` its county-wide roll-up per day,
  ``report_answer_month_counts`` per month (:mod:`.answer_counts`).
- ``report_grade_team_counts``: confirmed grades per team, day, form version, type and
  section; ``report_grade_counts`` county-wide, ``report_grade_month_counts`` per month
  (:mod:`.grade_counts`).
- ``report_better_team_counts``: "even better if" comments per team, day, form version and
  type; ``report_better_counts`` county-wide (:mod:`.better_counts`).
- ``report_audits``: one narrow row per audit (:mod:`.audit_facts`);
  ``report_audit_month_counts`` the completed ones per month, team, form version, type and
  auditor, ``report_audit_due_months`` those due per month, team, form version and type
  (:mod:`.audit_months`).
- ``report_meetings``: one narrow row per reflective meeting, with its re-audit
  (:mod:`.meeting_facts`).
- ``report_actions``: one narrow row per action; ``report_action_counts`` per team, due date
  and state (:mod:`.action_facts`).

This is what the tables are now. The migrations froze the SQL they ran in their own files;
a change here needs a new migration bringing stores to it (the schema tests compare the two).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from qa_desktop.store.page_cache import larger_page_cache
from qa_desktop.store.reporting import (
    action_facts,
    answer_counts,
    audit_facts,
    audit_months,
    better_counts,
    grade_counts,
    meeting_facts,
)
from qa_desktop.store.reporting.family import Family

FAMILIES: tuple[Family, ...] = (
    answer_counts.COUNTS,
    answer_counts.DAY,
    answer_counts.MONTH,
    grade_counts.TEAM,
    grade_counts.COUNTY,
    grade_counts.MONTH,
    better_counts.TEAM,
    better_counts.COUNTY,
    audit_facts.FAMILY,
    audit_months.COMPLETED,
    audit_months.DUE,
    meeting_facts.FAMILY,
    action_facts.FAMILY,
    action_facts.COUNTS,
)

BY_NAME: dict[str, Family] = {family.name: family for family in FAMILIES}


def _run(connection: Connection, statements: Iterable[str]) -> None:
    for statement in statements:
        connection.execute(text(statement))


def create(connection: Connection) -> None:
    """Make every derived table, its indexes and triggers, and fill it from the records."""
    _run(connection, (s for family in FAMILIES for s in family.create))
    _run(connection, (s for family in FAMILIES for s in family.triggers))
    rebuild(connection)


def rebuild(connection: Connection) -> None:
    """Recompute every derived table from the records (sources before their roll-ups)."""
    _run(connection, (s for family in FAMILIES for s in family.rebuild))


def drop(connection: Connection) -> None:
    """Remove every derived table and its triggers (roll-ups first)."""
    _run(connection, (s for family in reversed(FAMILIES) for s in family.drop))


@contextmanager
def rebuilt_once(connection: Connection) -> Iterator[None]:
    """Many rows written at once (a historic import, a first sync): the triggers stay away
    while the block writes and every derived table is rebuilt once at its end, instead of
    each row moving its counts one statement at a time.

    The triggers are dropped and made again from the store's own SQL, in the caller's
    transaction: if the block fails, the rollback brings them back with everything else.

    The connection's page cache is larger meanwhile (``store/page_cache.py``): rows keyed by
    random ids land all over their indexes, and every page that falls out of a small cache is
    decrypted again when it is next needed (the rebuild of a 10,000-audit county took 25 s
    with the default 8 MB, 9 s with 64 MB)."""
    driver = connection.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        driver.execute("BEGIN")  # DDL would otherwise run outside the transaction
    with larger_page_cache(connection):
        ours = {name for family in FAMILIES for name in family.trigger_names}
        saved = [
            (name, sql)
            for name, sql in connection.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
            )
            if name in ours
        ]
        _run(connection, (f"DROP TRIGGER {name}" for name, _sql in saved))
        yield
        for _name, sql in saved:
            connection.exec_driver_sql(sql)  # the store's own text, run as it is
        rebuild(connection)
