"""The plain parts a document is described with (no reportlab here, so that the services can
describe a document without loading reportlab until one is built)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from qa_desktop.domain.grades import Grade

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class DocumentInfo:
    """What a document is: its metadata and page furniture. Plain text, already translated."""

    title: str
    subject: str
    author: str
    reference: str = ""  # shown at the right of the running header (e.g. QA-7K2M9QF)
    form_version: str = ""  # shown in the footer (e.g. "Learning audit, version 3")
    draft: bool = False  # a DRAFT watermark on every page
    marking: str = MARKING
    keywords: str = ""


@dataclass(frozen=True)
class Chip:
    """A grade shown as a coloured chip that also says the grade in words."""

    grade: Grade | None
    text: str | None = None  # defaults to the grade's label, or "Not graded"

    @property
    def label(self) -> str:
        if self.text is not None:
            return self.text
        return self.grade.label if self.grade else "Not graded"


@dataclass(frozen=True)
class Styled:
    """Text in one of the house styles ("cell", "cell_bold", "small", "small_italic")."""

    text: str
    style: str = "cell"


# A table cell: text, a grade chip, styled text, any flowable, or several of them stacked.
Cell = Union[str, Chip, Styled, "Flowable", list["Cell"], tuple["Cell", ...], None]
