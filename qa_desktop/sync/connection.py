"""Reaching the central database: addresses, credentials and connections.

An address is written ``postgresql+psycopg://user@host:port/db`` (the SQLAlchemy form), with
``?sslmode=...&sslrootcert=FILE`` where TLS needs saying. The password never appears in an
address, a log or an error text: it is handed over separately.

TLS: a host that is not this computer (loopback) defaults to ``verify-full``: encrypted, the
certificate signed by a trusted root (``sslrootcert``, else libpq's ``~/.postgresql/root.crt``)
and naming the host. A mode that asks for TLS is never quietly given a plain connection:
libpq refuses, and the connection is checked again after it is made.

Bounded waits: every connection has TCP keepalives, so a laptop that drops off is noticed in
about a minute instead of two hours (the system default); pushes set their own lock and
statement timeouts (``client.py``); client logins get an idle-in-transaction timeout on the
server (``central/admin.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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


class CentralBusy(CentralUnreachable):
    """The central database did not answer in time (another laptop's push holding it)."""


class InsecureConnection(CentralError):
    """TLS was asked for and cannot be had, or the server's certificate is not trusted."""


class LoginRefused(CentralError):
    """The user name or password was refused."""


class ClientTooOld(CentralError):
    """The central database needs a newer QA Desktop; local changes stay where they are."""


LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
TLS_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
KEEPALIVES = {  # libpq: first probe after 30 s idle, then every 10 s, given up after 3
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


@dataclass(frozen=True)
class CentralAddress:
    host: str
    port: int
    database: str
    user: str
    sslmode: str | None = None  # None: verify-full, or prefer on this computer (loopback)
    sslrootcert: str | None = None

    @property
    def tls_mode(self) -> str:
        if self.sslmode:
            return self.sslmode
        return "prefer" if self.host in LOOPBACK else "verify-full"

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
        query = {k: v if isinstance(v, str) else v[-1] for k, v in url.query.items()}
        sslmode = query.get("sslmode") or None
        if sslmode is not None and sslmode not in TLS_MODES:
            raise CentralError(
                "{mode} is not a TLS mode. Write sslmode as one of: {modes}.",
                mode=sslmode,
                modes=", ".join(TLS_MODES),
            )
        return cls(
            url.host or "127.0.0.1",
            url.port or 5432,
            url.database,
            url.username or "",
            sslmode,
            query.get("sslrootcert") or None,
        )

    def with_user(self, user: str) -> CentralAddress:
        return CentralAddress(
            self.host, self.port, self.database, user, self.sslmode, self.sslrootcert
        )

    def display(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        text = f"postgresql+psycopg://{self.user}@{host}:{self.port}/{self.database}"
        query = [
            f"{k}={v}"
            for k, v in (("sslmode", self.sslmode), ("sslrootcert", self.sslrootcert))
            if v
        ]
        return text + ("?" + "&".join(query) if query else "")


class AddressField(CentralError):
    """One field of the central server's address is wrong; ``field`` names it."""

    def __init__(self, field: str, template: str, /, **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)


_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+|[A-Za-z0-9.\-]+)$")


def address_from_fields(
    server: str,
    port: str | int,
    database: str,
    login: str,
    tls_mode: str = "",
    root_certificate: str = "",
) -> CentralAddress:
    """The address made from the Central server dialog's fields, each checked with a message
    naming it (``AddressField.field``: server, port, database, login, tls). An empty TLS mode
    is the default: verify-full, or prefer on this computer."""
    server, database, login = server.strip(), database.strip(), login.strip()
    if not server:
        raise AddressField("server", "Server: give the central database's server name.")
    if not _HOST.match(server):
        raise AddressField(
            "server",
            'Server: "{server}" is not a server name; write only the name (such as '
            "qa.council.gov.uk) or its IP address, without postgresql:// or a port.",
            server=server,
        )
    text = str(port).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise AddressField(
            "port", 'Port: give a number from 1 to 65535 (usually 5432), not "{port}".', port=text
        )
    if not database:
        raise AddressField("database", "Database: give the central database's name.")
    if not _NAME.match(database):
        raise AddressField(
            "database",
            'Database: "{database}" has characters a database name cannot have here; use '
            "letters, digits, dots, dashes and underscores.",
            database=database,
        )
    if not login:
        raise AddressField("login", "Login name: give your login name on the central database.")
    if not _NAME.match(login):
        raise AddressField(
            "login",
            'Login name: "{login}" has characters a login name cannot have here; use letters, '
            "digits, dots, dashes and underscores (the password has a field of its own).",
            login=login,
        )
    mode = tls_mode.strip() or None
    if mode is not None and mode not in TLS_MODES:
        raise AddressField(
            "tls",
            "TLS mode: choose one of {modes}.",
            modes=", ".join(TLS_MODES),
        )
    return CentralAddress(
        server.strip("[]"), int(text), database, login, mode, root_certificate.strip() or None
    )


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

    tls: dict[str, str] = {"sslmode": address.tls_mode}
    if address.sslrootcert:
        tls["sslrootcert"] = address.sslrootcert
    # libpq parameters: psycopg hands on any keyword it does not name itself.
    libpq: dict[str, Any] = {**tls, **KEEPALIVES}
    try:
        conn = psycopg.connect(
            host=address.host,
            port=address.port,
            dbname=address.database,
            user=address.user,
            password=password or None,
            connect_timeout=timeout,
            application_name="qa-desktop",
            **libpq,
        )
    except psycopg.OperationalError as exc:
        text = str(exc)
        if "SSL was required" in text or "does not support SSL" in text:
            raise InsecureConnection(
                "The central database at {host}:{port} does not offer an encrypted (TLS) "
                "connection, and this address requires one (sslmode={mode}). Nothing was "
                "sent. Ask the central database's administrator to turn TLS on.",
                host=address.host,
                port=address.port,
                mode=address.tls_mode,
            ) from None
        if "certificate" in text or "root.crt" in text or "sslrootcert" in text:
            raise InsecureConnection(
                "The central database at {host}:{port} could not prove who it is: its "
                "certificate is not trusted here, or does not name this host (sslmode={mode}). "
                "Nothing was sent. Check the address's sslrootcert (the council's root "
                "certificate) with the administrator.",
                host=address.host,
                port=address.port,
                mode=address.tls_mode,
            ) from None
        if "does not exist" in text and "database" in text:
            # The server answered: this is a wrong address, not being offline.
            raise CentralError(
                "The central database server at {host}:{port} has no database named "
                "{database}. Check the address's database name with the QA team.",
                host=address.host,
                port=address.port,
                database=address.database,
            ) from None
        reason = "password" if "password" in text else "unreachable"
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
    if address.tls_mode in ("require", "verify-ca", "verify-full") and not conn.pgconn.ssl_in_use:
        conn.close()  # never reached through libpq; checked all the same
        raise InsecureConnection(
            "The central database at {host}:{port} answered without TLS although this address "
            "requires it. Nothing was sent.",
            host=address.host,
            port=address.port,
        )
    return conn
