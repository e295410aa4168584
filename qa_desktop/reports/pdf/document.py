"""The common document builder: every PDF the product makes goes through it.

A document is A4 with the protective marking (OFFICIAL-SENSITIVE) at the top and bottom of
every page, a running header, "Page N of M", the form version and a short content fingerprint
in the footer, title/author/subject in the PDF metadata, embedded fonts, and an optional DRAFT
watermark. Callers feed plain text and grades through small helpers (headings, key-value
tables, labelled free text, grade chips, tables that split across pages with their header row
repeated) and call :meth:`DocumentBuilder.build`.

The fingerprint is a hash of everything the helpers were given (not the date it was made), so
two copies of the same record carry the same fingerprint and a changed record a different one.
Text is drawn in reading order (header, body top to bottom, footer) so that a PDF reader or a
screen reader extracts it as it is read.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from qa_desktop.reports.pdf import style as st
from qa_desktop.reports.pdf.fonts import BOLD, REGULAR, markup, printable, register_fonts
from qa_desktop.reports.pdf.parts import Cell, Chip, DocumentInfo, Styled
from qa_desktop.resources import resources_dir

PAGE_WIDTH, PAGE_HEIGHT = A4
CONTENT_WIDTH = PAGE_WIDTH - 2 * st.PAGE_MARGIN_X
_FRAME_HEIGHT = PAGE_HEIGHT - st.PAGE_MARGIN_TOP - st.PAGE_MARGIN_BOTTOM
# Tables split between rows; a row too tall for the space left splits inside itself, but only
# into pieces at least this tall (about four lines), so short rows are never cut in two.
_MIN_ROW_PIECE = 48
NOT_RECORDED = "Not recorded"
# Tables draw empty cells with their own font; name ours so no other font is referenced.
_FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)


class DocumentBuilder:
    """Collects a document's content through small helpers, then builds the PDF."""

    def __init__(self, info: DocumentInfo) -> None:
        register_fonts()
        self.info = info
        self._story: list[Flowable] = []
        self._digest = hashlib.sha256()
        self._note(info.title, info.subject, info.reference, info.form_version, str(info.draft))
        self._styles = st.styles()

    # -- content -------------------------------------------------------------------------

    def title_block(self, title: str, subtitle: str = "", kicker: str = "") -> None:
        """The document's title at the top of the first page, with an optional subtitle below
        and a small kicker above (e.g. "Children's social care · Quality assurance")."""
        self._note(kicker, title, subtitle)
        if kicker:
            self._story.append(_Para(markup(kicker.upper()), self._styles["kicker"]))
        self._story.append(_Para(markup(title), self._styles["title"]))
        if subtitle:
            self._story.append(_Para(markup(subtitle), self._styles["subtitle"]))
        else:
            self._story.append(Spacer(1, 6))

    def heading(self, text: str, level: int = 1, chip: Chip | None = None) -> None:
        """A heading (level 1: a part of the document, level 2: within it), optionally with a
        grade chip at its right. Headings never end a page."""
        self._note(f"h{level}", text, chip.label if chip else "")
        style = self._styles["h1" if level <= 1 else "h2"]
        paragraph = _Para(markup(text), style)
        # A heading never ends a page: it moves to the next when few lines would follow it.
        self._story.append(CondPageBreak((28 if level <= 1 else 20) * mm))
        if chip is None and level > 1:
            self._story.append(paragraph)
            return
        cells: list[Any] = [paragraph, self._chip(chip) if chip else ""]
        chip_width = self._chip_width(chip) if chip else 0
        table = Table(
            [cells],
            colWidths=[CONTENT_WIDTH - chip_width, chip_width],
            hAlign="LEFT",
        )
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if level <= 1:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.2, st.ACCENT))
        table.setStyle(TableStyle([_FONT, *commands]))
        table.spaceBefore = style.spaceBefore
        table.spaceAfter = style.spaceAfter
        self._story.append(table)

    def paragraph(self, text: str, style: str = "body", empty: str = "") -> None:
        """Free text; blank lines start new paragraphs, and long text flows across pages.
        When there is no text, ``empty`` (if given) is shown in italics."""
        self._note(text)
        if not text.strip() and empty:
            self._note(empty)
            self._story.append(_Para(markup(empty), self._styles["empty"]))
            return
        self._story.extend(self._paragraphs(text, style))

    def labelled_text(self, label: str, text: str, empty: str = NOT_RECORDED) -> None:
        """A small label above free text (e.g. "What is working well"), or ``empty`` in
        italics when there is no text."""
        self._note(label, text)
        self._story.append(CondPageBreak(20 * mm))
        self._story.append(_Para(markup(label), self._styles["label"]))
        if text.strip():
            self._story.extend(self._paragraphs(text, "body"))
        else:
            self._story.append(_Para(markup(empty), self._styles["empty"]))
        self._story.append(Spacer(1, 3))

    def key_values(self, pairs: Sequence[tuple[str, Cell]], columns: int = 2) -> None:
        """A header table of labels and values, ``columns`` pairs to a row. A value too long
        for its column (or on several lines) takes a whole row, so that it reads as one."""
        self._note(*(f"{k}={self._cell_text(v)}" for k, v in pairs))
        if not pairs:
            return
        label_width = CONTENT_WIDTH * (0.2 if columns == 1 else 0.16 if columns == 2 else 0.12)
        value_width = CONTENT_WIDTH / columns - label_width
        rows: list[list[Any]] = []
        spans: list[tuple[int, int]] = []  # (row, column): a last value that fills its row
        row: list[Any] = []

        def finish_row() -> None:
            if row:
                if len(row) < 2 * columns:
                    spans.append((len(rows), len(row) - 1))
                rows.append(row + [""] * (2 * columns - len(row)))
                row.clear()

        for label, value in pairs:
            cells = [
                _Para(markup(label), self._styles["header_cell"]),
                self._cell(value, "cell"),
            ]
            wide = columns > 1 and self._too_wide(value, value_width - 10)
            if wide:
                finish_row()
            row.extend(cells)
            if wide or len(row) == 2 * columns:
                finish_row()
        finish_row()
        table = _Table(
            rows,
            colWidths=[label_width, value_width] * columns,
            hAlign="LEFT",
            splitInRow=_MIN_ROW_PIECE,
        )
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, st.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
        for column in range(0, 2 * columns, 2):
            commands.append(("BACKGROUND", (column, 0), (column, -1), st.PANEL))
        for index, column in spans:
            commands += [
                ("SPAN", (column, index), (-1, index)),
                ("BACKGROUND", (column, index), (-1, index), colors.white),
            ]
        table.setStyle(TableStyle([_FONT, *commands]))
        table.spaceAfter = 8
        self._story.append(table)

    @staticmethod
    def _too_wide(value: Cell, width: float) -> bool:
        if not isinstance(value, str):
            return False
        if "\n" in value:
            return True
        return stringWidth(printable(value), REGULAR, st.styles()["cell"].fontSize) > width

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float] | None = None,
        empty: str = "",
    ) -> None:
        """A table with a header row repeated on every page it spans; rows, and long cells
        within a row, split across pages. ``widths`` are fractions of the text width."""
        self._note(*header)
        for row in rows:
            self._note(*(self._cell_text(c) for c in row))
        if not rows:
            if empty:
                self._note(empty)
                self._story.append(_Para(markup(empty), self._styles["empty"]))
            return
        fractions = list(widths) if widths else [1 / len(header)] * len(header)
        data: list[list[Any]] = [[_Para(markup(h), self._styles["header_cell"]) for h in header]]
        data += [[self._cell(c, "cell") for c in row] for row in rows]
        table = _Table(
            data,
            colWidths=[CONTENT_WIDTH * f for f in fractions],
            repeatRows=1,
            hAlign="LEFT",
            splitInRow=_MIN_ROW_PIECE,
        )
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), st.PANEL),
            ("LINEBELOW", (0, 0), (-1, 0), 1, st.ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, st.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        table.setStyle(TableStyle([_FONT, *commands]))
        table.spaceAfter = 8
        self._story.append(table)

    def note(self, text: str, tone: str = "info", label: str = "") -> None:
        """A boxed note that stands out (tone "info", "warning" or "alert"): a recorded
        disagreement, a safeguarding escalation, why a document is a draft."""
        self._note(label, text)
        background, edge = {
            "info": (st.PANEL, st.ACCENT),
            "warning": (colors.HexColor("#fff4e5"), colors.HexColor("#b26a00")),
            "alert": (colors.HexColor("#fdecea"), colors.HexColor("#b71c1c")),
        }[tone]
        parts: list[Flowable] = []
        if label:
            parts.append(_Para(markup(label), self._styles["cell_bold"]))
        parts += self._paragraphs(text, "note") if text.strip() else []
        table = _Table([[p] for p in parts], colWidths=[CONTENT_WIDTH], splitInRow=_MIN_ROW_PIECE)
        table.setStyle(
            TableStyle(
                [
                    _FONT,
                    ("BACKGROUND", (0, 0), (-1, -1), background),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, edge),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, 0), 6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ]
            )
        )
        table.spaceBefore = 2
        table.spaceAfter = 8
        self._story.append(table)

    def chip(self, chip: Chip) -> Flowable:
        """A grade chip to place in a table or beside a heading (it is not added by itself)."""
        return self._chip(chip)

    def spacer(self, height_mm: float = 4) -> None:
        self._story.append(Spacer(1, height_mm * mm))

    def page_break(self) -> None:
        self._story.append(PageBreak())

    def keep_together(self, build: Callable[[], None]) -> None:
        """Keep what ``build`` adds on one page where it fits (it still splits if it cannot)."""
        start = len(self._story)
        build()
        # The group moves as a whole: the headings' own conditional breaks are not needed.
        group = [f for f in self._story[start:] if not isinstance(f, CondPageBreak)]
        del self._story[start:]
        self._story.append(KeepTogether(group))

    def add(self, flowable: Flowable, *fingerprint_text: str) -> None:
        """Any reportlab flowable; pass the text it shows so the fingerprint covers it."""
        self._note(*fingerprint_text)
        self._story.append(flowable)

    # -- output --------------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """A short hash of the content, grouped for reading aloud: ``3F2A-91C0-77DE``."""
        hexed = self._digest.hexdigest()[:12].upper()
        return "-".join(hexed[i : i + 4] for i in range(0, 12, 4))

    def build(self, path: Path | None = None) -> bytes:
        """Lay out the pages; write them to ``path`` if given, and return the PDF bytes."""
        buffer = io.BytesIO()
        info = self.info
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=st.PAGE_MARGIN_X,
            rightMargin=st.PAGE_MARGIN_X,
            topMargin=st.PAGE_MARGIN_TOP,
            bottomMargin=st.PAGE_MARGIN_BOTTOM,
            title=printable(info.title),
            author=printable(info.author),
            subject=printable(info.subject),
            keywords=[printable(info.keywords)],  # reportlab joins the list with commas
            creator="QA Desktop",
            lang="en-GB",
            initialFontName=REGULAR,
        )
        frame = Frame(
            st.PAGE_MARGIN_X,
            st.PAGE_MARGIN_BOTTOM,
            CONTENT_WIDTH,
            _FRAME_HEIGHT,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates(
            [PageTemplate(id="page", frames=[frame], onPage=partial(_page_header, info))]
        )
        footer = partial(_page_footer, info, self.fingerprint)
        story = list(self._story) or [Spacer(1, 1)]
        doc.build(story, canvasmaker=partial(_NumberedCanvas, decorate=footer))
        data = buffer.getvalue()
        if path is not None:
            Path(path).write_bytes(data)
        return data

    # -- helpers -------------------------------------------------------------------------

    def _note(self, *texts: str) -> None:
        for text in texts:
            self._digest.update(text.encode("utf-8", "surrogatepass"))
            self._digest.update(b"\x1f")

    def _paragraphs(self, text: str, style: str) -> list[Flowable]:
        blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
        return [_Para(markup(b), self._styles[style]) for b in blocks if b.strip()]

    def _cell(self, value: Cell, style: str) -> Any:
        if value is None:
            return ""
        if isinstance(value, Chip):
            return self._chip(value)
        if isinstance(value, Styled):
            return _Para(markup(value.text), self._styles[value.style])
        if isinstance(value, Flowable):
            return value
        if isinstance(value, list | tuple):
            return [self._cell(v, style) for v in value if v is not None and v != ""]
        return _Para(markup(value), self._styles[style])

    @classmethod
    def _cell_text(cls, value: Cell) -> str:
        if isinstance(value, Chip):
            return value.label
        if isinstance(value, Styled):
            return value.text
        if isinstance(value, str):
            return value
        if isinstance(value, list | tuple):
            return "\x1e".join(cls._cell_text(v) for v in value)
        return ""

    def _chip_width(self, chip: Chip) -> float:
        return _ChipFlowable.natural_width(printable(chip.label))

    def _chip(self, chip: Chip) -> Flowable:
        background, ink = st.grade_colours(chip.grade)
        return _ChipFlowable(printable(chip.label), background, ink)


class _Para(Paragraph):
    """A paragraph that remembers its line breaks for the width it was last laid out at:
    tables lay their cells out several times at the same width (to measure, to split, to
    draw), and breaking the lines again each time was a third of a document's build."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class _ChipFlowable(Flowable):
    """A rounded, coloured label; its text shrinks a little rather than overflow a cell."""

    SIZE = 8.3
    PAD = 6.5

    def __init__(self, text: str, background: colors.Color, ink: colors.Color) -> None:
        super().__init__()
        self.text = text
        self.background = background
        self.ink = ink
        self.size = self.SIZE
        self.hAlign = "LEFT"

    @classmethod
    def natural_width(cls, text: str) -> float:
        return stringWidth(text, BOLD, cls.SIZE) + 2 * cls.PAD

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        natural = self.natural_width(self.text)
        self.size = self.SIZE
        if natural > availWidth > 2 * self.PAD:
            self.size = max(6.0, self.SIZE * (availWidth - 2 * self.PAD) / (natural - 2 * self.PAD))
        self.width = min(natural, stringWidth(self.text, BOLD, self.size) + 2 * self.PAD)
        self.height = self.size + 6.5
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.background)
        canvas.roundRect(0, 0, self.width, self.height, 3, stroke=0, fill=1)
        canvas.setFillColor(self.ink)
        canvas.setFont(BOLD, self.size)
        canvas.drawString(self.PAD, (self.height - self.size * 0.72) / 2, self.text)


class _Table(Table):
    """A table whose rows split inside themselves only into pieces of a readable height, except
    at the top of a page, where anything goes rather than fail (a row taller than a page)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if parts or availHeight < _FRAME_HEIGHT - 1 or self.splitInRow <= 1:
            return parts
        minimum = self.splitInRow
        self.splitInRow = 1
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = minimum
        for part in parts:  # the parts are made with the setting of the moment
            if isinstance(part, Table):
                part.splitInRow = minimum
        return parts


# -- page furniture ------------------------------------------------------------------------


@cache
def draft_watermark() -> tuple[ImageReader, tuple[int, int]]:
    """The DRAFT watermark as a transparent picture (made once per process)."""
    font = ImageFont.truetype(str(resources_dir() / "fonts" / "DejaVuSans-Bold.ttf"), 180)
    left, top, right, bottom = font.getbbox("DRAFT")
    size = (int(right - left) + 8, int(bottom - top) + 8)  # whole pixels (a TrueType box is)
    image = Image.new("RGBA", size, (183, 28, 28, 0))
    ImageDraw.Draw(image).text((4 - left, 4 - top), "DRAFT", font=font, fill=(183, 28, 28, 30))
    return ImageReader(image), image.size


def _page_header(info: DocumentInfo, canvas: Canvas, _doc: BaseDocTemplate) -> None:
    """Drawn first on every page: the marking, the running header, the DRAFT watermark."""
    canvas.saveState()
    if info.draft:
        # A picture, not text, so that it stays out of the text a reader extracts; the
        # running header says DRAFT in words.
        image, (width, height) = draft_watermark()
        width_pt = 165 * mm
        height_pt = width_pt * height / width
        canvas.saveState()
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(52)
        canvas.drawImage(image, -width_pt / 2, -height_pt / 2, width_pt, height_pt, mask="auto")
        canvas.restoreState()
    canvas.setFillColor(st.MARKING)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 10 * mm, printable(info.marking))
    canvas.setFillColor(st.MUTED)
    canvas.setFont(REGULAR, 7.8)
    top = PAGE_HEIGHT - 17 * mm
    canvas.drawString(st.PAGE_MARGIN_X, top, printable(info.title))
    # Always something at the right, so every page's header reads the same way.
    right = printable(info.reference or info.subject)
    if info.draft:
        right = f"DRAFT · {right}" if right else "DRAFT"
    canvas.drawRightString(PAGE_WIDTH - st.PAGE_MARGIN_X, top, right)
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    canvas.line(st.PAGE_MARGIN_X, top - 2.5 * mm, PAGE_WIDTH - st.PAGE_MARGIN_X, top - 2.5 * mm)
    canvas.restoreState()


def _page_footer(
    info: DocumentInfo, fingerprint: str, canvas: Canvas, page: int, pages: int
) -> None:
    """Drawn last on every page, once the number of pages is known."""
    canvas.saveState()
    base = 15 * mm
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    canvas.line(st.PAGE_MARGIN_X, base + 4 * mm, PAGE_WIDTH - st.PAGE_MARGIN_X, base + 4 * mm)
    canvas.setFillColor(st.MUTED)
    canvas.setFont(REGULAR, 7.8)
    left = [printable(info.form_version)] if info.form_version else []
    left.append(f"Fingerprint {fingerprint}")
    canvas.drawString(st.PAGE_MARGIN_X, base, "  ·  ".join(left))
    canvas.setFont(BOLD, 7.8)
    canvas.drawRightString(PAGE_WIDTH - st.PAGE_MARGIN_X, base, f"Page {page} of {pages}")
    canvas.setFillColor(st.MARKING)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(PAGE_WIDTH / 2, 8 * mm, printable(info.marking))
    canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say "Page N of M"."""

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._decorate = decorate

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset; the stubs leave it out

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        super().save()
