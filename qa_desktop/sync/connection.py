"""Reaching the central database: addresses, credentials and connections.

An address is written ``postgresql+psycopg://user@host:port/db`` (the SQLAlchemy form). The
password never appears in an address, a log or an error text: it is handed over separately.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from qa_desktop.errors import UserError

if TYPE_CHECKING:
    import psycopg


class CentralError(UserError):
    """The central database cannot be reached, refused us, or is not set up."""


class CentralUnreachable(CentralError):
    """No connection: offline is a normal state, sync tries again later."""


class SyncClash(CentralError):
    """A pulled record clashes with a local one; nothing is applied, nothing lost."""


class LoginRefused(CentralError):
    """The user name or password was refused."""


class ClientTooOld(CentralError):
    """The central database needs a newer QA Desktop; local changes stay where they are."""


@dataclass(frozen=True)
class CentralAddress:
    host: str
    port: int
    database: str
    user: str

    @classmethod
    def parse(cls, text: str) -> CentralAddress:
        try:
            url: URL = make_url(text.strip())
        except ArgumentError as exc:
            raise CentralError(
                "{address} is not a central database address. Write it as "
                "postgresql+psycopg://user@host:port/database.",
                address=_safe(text),
            ) from exc
        if not url.drivername.startswith("postgresql") or not url.database:
            raise CentralError(
                "{address} is not a central database address. Write it as "
                "postgresql+psycopg://user@host:port/database.",
                address=_safe(text),
            )
        return cls(url.host or "127.0.0.1", url.port or 5432, url.database, url.username or "")

    def with_user(self, user: str) -> CentralAddress:
        return CentralAddress(self.host, self.port, self.database, user)

    def display(self) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{self.database}"


def password_in(text: str) -> str | None:
    """A password written into an address (accepted, never shown), or None."""
    try:
        return make_url(text.strip()).password
    except ArgumentError:
        return None


def _safe(text: str) -> str:
    try:
        return make_url(text.strip()).render_as_string(hide_password=True)
    except ArgumentError:
        return "(the address given)"


def connect(
    address: CentralAddress, password: str | None = None, *, timeout: int = 5
) -> psycopg.Connection:
    """A connection to the central database, or CentralUnreachable with a clear message."""
    import psycopg  # here, not at the top: a start that does not sync never loads it

    try:
        return psycopg.connect(
            host=address.host,
            port=address.port,
            dbname=address.database,
            user=address.user,
            password=password or None,
            connect_timeout=timeout,
            application_name="qa-desktop",
        )
    except psycopg.OperationalError as exc:
        reason = "password" if "password" in str(exc) else "unreachable"
        if reason == "password":
            raise LoginRefused(
                "The central database refused the user name or password for {user}. "
                "Check them in Settings.",
                user=address.user,
            ) from None
        raise CentralUnreachable(
            "The central database at {host}:{port} cannot be reached. Your work is kept "
            "on this computer and will sync when it can.",
            host=address.host,
            port=address.port,
        ) from None
