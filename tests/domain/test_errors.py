"""User errors: a translatable template, filled with values that are never translated."""

from __future__ import annotations

import pickle

import pytest

from qa_desktop.errors import FormError, PermissionRefused, StoreError, UserError, ValidationError


def test_message_is_the_filled_template() -> None:
    error = ValidationError(
        "An audit that is {state} cannot be {action}.", state="closed", action="submitted"
    )
    assert str(error) == "An audit that is closed cannot be submitted."
    assert error.template == "An audit that is {state} cannot be {action}."
    assert dict(error.params) == {"state": "closed", "action": "submitted"}


def test_render_translates_the_template_but_not_the_values() -> None:
    error = FormError("{file}: line {line}: bad field", file="learning.yaml", line=12)
    translations = {"{file}: line {line}: bad field": "{file}: llinell {line}: maes gwael"}
    rendered = error.render(lambda text: translations.get(text, text))
    assert rendered == "learning.yaml: llinell 12: maes gwael"


@pytest.mark.parametrize(
    ("kind", "parents"),
    [
        (StoreError, (UserError,)),
        (FormError, (UserError,)),
        (ValidationError, (UserError,)),
        (PermissionRefused, (ValidationError, UserError)),
    ],
)
def test_hierarchy(kind: type[UserError], parents: tuple[type[UserError], ...]) -> None:
    error = kind("x")
    for parent in parents:
        assert isinstance(error, parent)
    assert isinstance(error, Exception)


class _Named(ValidationError):
    """A subclass that takes other arguments than a template, as some do."""

    def __init__(self, field: str, template: str, /, **params: object) -> None:
        self.field = field
        super().__init__(template, **params)


def test_an_error_comes_back_whole_from_another_process() -> None:
    # Joining's first sync runs in a process of its own; its errors are pickled back. The
    # rendered text holds braces (from a value) and the subclass takes a field first: neither
    # may be taken for a template again.
    error = _Named("path", "{path} is a folder, not a store file.", path="/home/{me}/audits")

    back = pickle.loads(pickle.dumps(error))

    assert type(back) is _Named and back.field == "path"
    assert str(back) == "/home/{me}/audits is a folder, not a store file."
    assert back.template == "{path} is a folder, not a store file."
    assert dict(back.params) == {"path": "/home/{me}/audits"}
    assert back.render() == str(error)
