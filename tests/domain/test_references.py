"""Audit references: QA- and seven Crockford base-32 characters from the record's UUID."""

from __future__ import annotations

import random
import re
import uuid

import pytest

from qa_desktop.domain.references import audit_reference

REFERENCE = re.compile(r"QA-[0-9A-HJKMNP-TV-Z]{7}")  # Crockford: no I, L, O or U


def seeded_uuids(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(count)]


def test_format() -> None:
    for record_id in [*seeded_uuids(1000, seed=1), str(uuid.uuid4())]:
        reference = audit_reference(record_id)
        assert REFERENCE.fullmatch(reference), reference
        assert not set(reference[3:]) & set("ILOU")


@pytest.mark.parametrize(
    ("top_bits", "expected"),
    [
        (0, "QA-0000000"),
        (1, "QA-0000001"),
        (9, "QA-0000009"),
        (10, "QA-000000A"),
        (17, "QA-000000H"),
        (18, "QA-000000J"),  # I is skipped
        (20, "QA-000000M"),  # L is skipped
        (22, "QA-000000P"),  # O is skipped
        (27, "QA-000000V"),  # U is skipped
        (31, "QA-000000Z"),
        (32, "QA-0000010"),
        (2**35 - 1, "QA-ZZZZZZZ"),
    ],
)
def test_the_first_35_bits_spell_the_reference(top_bits: int, expected: str) -> None:
    record_id = str(uuid.UUID(int=top_bits << (128 - 35)))
    assert audit_reference(record_id) == expected


def test_deterministic_whatever_way_the_uuid_is_written() -> None:
    record_id = "8f14e45f-ceea-467f-a9f2-7c1b2b6e3a51"
    expected = audit_reference(record_id)
    assert audit_reference(record_id) == expected
    assert audit_reference(record_id.upper()) == expected
    assert audit_reference(record_id.replace("-", "")) == expected
    assert audit_reference("{" + record_id + "}") == expected


def test_different_uuids_give_different_references() -> None:
    # 10,000 random (but seeded, so the test cannot flake) version 4 UUIDs, as the store makes
    ids = seeded_uuids(10_000, seed=20240601)
    assert len(set(ids)) == len(ids)
    references = {audit_reference(record_id) for record_id in ids}
    assert len(references) == len(ids)


@pytest.mark.parametrize("record_id", ["", "not-a-uuid", "QA-0000000", "1234"])
def test_not_a_uuid_is_refused(record_id: str) -> None:
    with pytest.raises(ValueError):
        audit_reference(record_id)
