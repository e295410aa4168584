"""User errors: a translatable template, filled with values that are never translated."""

from __future__ import annotations

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
