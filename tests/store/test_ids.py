"""Ids made in bulk are the ids ``new_id`` makes (random version 4 UUIDs as text), only in
ascending order: within one ``new_ids`` call, and across every slice taken from an IdRun."""

from __future__ import annotations

import re
import uuid

from qa_desktop.store.models import IdRun, new_id, new_ids

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _are_new_ids(ids: list[str]) -> bool:
    return all(UUID4.match(i) and str(uuid.UUID(i)) == i and uuid.UUID(i).version == 4 for i in ids)


def test_bulk_ids_are_new_ids_in_ascending_order() -> None:
    assert UUID4.match(new_id())
    ids = new_ids(5000)
    assert _are_new_ids(ids) and ids == sorted(ids) and len(set(ids)) == 5000
    assert new_ids(0) == []


def test_an_id_run_ascends_across_its_slices_then_makes_fresh_ids() -> None:
    run = IdRun(3000)
    slices = [run.take(n) for n in (1000, 0, 1500, 500)]
    taken = [i for s in slices for i in s]
    assert [len(s) for s in slices] == [1000, 0, 1500, 500]
    assert _are_new_ids(taken) and taken == sorted(taken) and len(set(taken)) == 3000
    more = run.take(10)  # past its count: fresh ids, not the same ones again
    assert _are_new_ids(more) and not set(more) & set(taken)
