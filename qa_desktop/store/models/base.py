"""The declarative base, the naming convention and the id helpers every table uses."""

from __future__ import annotations

import os
from typing import ClassVar

from sqlalchemy import (
    ForeignKey,
    MetaData,
    String,
    Table,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
OVERALL = "overall"  # the section id under which overall grades are kept


def new_id() -> str:
    """A random (version 4) UUID as text; formatted by hand, as bulk writes make hundreds of
    thousands and ``str(uuid.uuid4())`` cost a tenth of a historic import."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_ids(count: int) -> list[str]:
    """``count`` ids made as ``new_id`` makes them (random version 4 UUIDs), from one read of
    the system's randomness, in ascending order: rows written in that order land side by side
    in the indexes they are keyed by, instead of all over them (a bulk write's pages stay in
    the cache, and the commit writes fewer of them)."""
    return sorted(_formatted(_random_ids(count).hex()))


class IdRun:
    """``count`` ids made as ``new_id`` makes them, ascending over the whole run and handed
    out in order a slice at a time: a bulk write in many chunks (a 50,000-row import is 25)
    then keeps each index growing at one end across all of them, not only within each one.
    Held as 16 bytes an id until taken; past ``count``, ``take`` makes fresh ids."""

    def __init__(self, count: int) -> None:
        raw = _random_ids(count)
        # Bytes sort as their hex text does ("0"-"9" before "a"-"f"), dashes at fixed places.
        self._blob = b"".join(sorted(raw[i : i + 16] for i in range(0, 16 * count, 16)))
        self._taken = 0

    def take(self, count: int) -> list[str]:
        start, end = self._taken, self._taken + 16 * count
        if end > len(self._blob):
            return new_ids(count)
        self._taken = end
        return _formatted(self._blob[start:end].hex())


def _random_ids(count: int) -> bytes:
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # RFC 4122 variant
    return bytes(raw)


def _formatted(h: str) -> list[str]:
    """Ids as text from their hex digits, 32 an id."""
    return [
        f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
        for i in range(0, len(h), 32)
    ]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __table__: ClassVar[Table]  # every model is a plain table (the base's type is any FROM)


def _id() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Mapped[str]:
    return mapped_column(String(36), ForeignKey(target), nullable=nullable, index=index)
