"""Facts about the open store for Help > About and support calls, and the licences of the
open-source parts the program ships: plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from qa_desktop.licences import Licence, bundled_licences
from qa_desktop.services.programme.forms import latest_versions
from qa_desktop.store.engine import Store


@dataclass(frozen=True)
class FormInUse:
    key: str
    title: str
    version: int


@dataclass(frozen=True)
class StoreFacts:
    sqlite_version: str
    forms: tuple[FormInUse, ...]


def store_facts(store: Store) -> StoreFacts:
    """The SQLite library the store runs on (SQLCipher's, which encrypts it), and the newest
    version of each form in it."""
    with store.reader() as session:
        if store.engine.dialect.name == "sqlite":
            version = str(session.execute(text("select sqlite_version()")).scalar())
            cipher = session.execute(text("PRAGMA cipher_version")).scalar()
            if cipher:
                version = f"{version} (SQLCipher {cipher}, encrypted)"
        else:  # a store on another database (tests): say which
            version = store.engine.dialect.name
        forms = tuple(FormInUse(f.key, f.title, f.version) for f in latest_versions(session))
    return StoreFacts(version, forms)


def open_source_licences() -> tuple[Licence, ...]:
    """Every distribution the program ships (Python included) with its version, licence and
    text: the bundle's own list in a bundle, else the installed run-time dependencies. Read
    once and kept; never raises (an empty tuple, the reason in the log)."""
    return bundled_licences()
