"""Errors that reach a person.

Every error a person may see is a :class:`UserError`: a message template in UK English plus
the values that fill it. The interface translates the template (``QCoreApplication.translate``
with the context ``"errors"``) before filling it, so the words can be translated while the
values (file names, line numbers, references) stay as they are. Nothing secret may be put in
the parameters: they are written to the log.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


class UserError(Exception):
    """A failure a person can understand and act on."""

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params: Mapping[str, Any] = params
        super().__init__(self.render())

    def render(self, translate: Translate = _identity) -> str:
        return translate(self.template).format(**self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt as it is, without its __init__ (subclasses take other arguments, and the
        # rendered text is no template): an error can come back from another process.
        return _rebuilt, (type(self), self.args), self.__dict__


def _rebuilt(kind: type[UserError], args: tuple[Any, ...]) -> UserError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    return error


class StoreError(UserError):
    """The local store is missing, damaged, locked or from a newer version."""


class StoreLost(StoreError):
    """The store is missing or damaged: a backup can take its place (not so for a store that
    is locked, or made by a newer version, which restoring an older copy would lose)."""


class FormError(UserError):
    """A form file is malformed; the message names file, line and field."""


class ValidationError(UserError):
    """Input that breaks a rule (a missing rationale, a refused transition, a bad filter)."""


class PermissionRefused(ValidationError):
    """The person's role does not allow this."""
