"""The optional ``descriptors`` of a section: all four grades described, or an error that
names the file, line and field."""

from __future__ import annotations

import pytest

from qa_desktop.domain.grades import Grade
from qa_desktop.errors import FormError
from qa_desktop.formdefs import load_form_text

FORM = """\
key: t
version: 1
title: T
kind: thematic
sections:
  - id: S
    title: Supervision
    descriptors:
      outstanding: Exceptional.
      good: Regular and reflective.
      requires_improvement: Irregular.
{inadequate}
    questions:
      - id: S1
        text: Is supervision recorded?
"""


def test_a_section_says_what_each_grade_looks_like() -> None:
    form = load_form_text(FORM.format(inadequate="      inadequate: None at all."), "t.yaml")
    section = form.sections[0]
    assert section.descriptor(Grade.GOOD) == "Regular and reflective."
    assert section.descriptor(Grade.INADEQUATE) == "None at all."
    assert [g for g, _ in section.descriptors] == Grade.best_first()
    assert section.descriptor(None) == ""


def test_a_missing_grade_is_named_with_its_line() -> None:
    with pytest.raises(FormError, match=r"t\.yaml, line 9.*descriptors.*'inadequate' is missing"):
        load_form_text(FORM.format(inadequate=""), "t.yaml")
