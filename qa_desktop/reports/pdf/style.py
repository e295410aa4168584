"""The house style of every document: colours, type sizes and paragraph styles."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts

# Colour-blind-safe pairs (background, text) for grade chips, the same as the app's
# (ui/labels.py GRADE_COLOURS; copied because documents are built without Qt). The chip
# always says the grade in words too.
GRADE_COLOURS: dict[Grade, tuple[str, str]] = {
    Grade.OUTSTANDING: ("#1b5e20", "#ffffff"),
    Grade.GOOD: ("#c8e6c9", "#1b3d1f"),
    Grade.REQUIRES_IMPROVEMENT: ("#ffe0b2", "#5d3200"),
    Grade.INADEQUATE: ("#b71c1c", "#ffffff"),
}
NO_GRADE_COLOURS = ("#eceff1", "#37474f")

INK = colors.HexColor("#1f2933")  # body text
ACCENT = colors.HexColor("#1f3a5f")  # headings, rules: a deep council blue
MUTED = colors.HexColor("#5f6b7a")  # labels, captions, furniture
RULE = colors.HexColor("#c9d1db")
PANEL = colors.HexColor("#f2f5f9")  # label column, table header background
MARKING = colors.HexColor("#7a1f1f")  # the protective marking
WATERMARK = colors.HexColor("#b71c1c")

PAGE_MARGIN_X = 18 * mm
PAGE_MARGIN_TOP = 26 * mm
PAGE_MARGIN_BOTTOM = 24 * mm

BODY_SIZE = 9.5


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=BODY_SIZE,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
        splitLongWords=1,
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD,
            fontSize=20,
            leading=24,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        "kicker": ParagraphStyle(
            "kicker",
            parent=body,
            fontName=BOLD,
            fontSize=7.8,
            leading=10,
            textColor=MUTED,
            spaceAfter=3,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=11, leading=15, textColor=MUTED, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "label": ParagraphStyle(
            "label",
            parent=body,
            fontName=BOLD,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            spaceAfter=1,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.8, leading=11.5, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=8.8, leading=11.5, spaceAfter=0
        ),
        "header_cell": ParagraphStyle(
            "header_cell",
            parent=body,
            fontName=BOLD,
            fontSize=8.3,
            leading=10.5,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        "chip": ParagraphStyle(
            "chip",
            parent=body,
            fontName=BOLD,
            fontSize=8.3,
            leading=10,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=0
        ),
        "small_italic": ParagraphStyle(
            "small_italic",
            parent=body,
            fontName=ITALIC,
            fontSize=8.3,
            leading=11,
            textColor=INK,
            spaceBefore=2,
            spaceAfter=0,
        ),
        "empty": ParagraphStyle(
            "empty", parent=body, fontName=ITALIC, textColor=MUTED, spaceAfter=4
        ),
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=12.5, spaceAfter=0),
    }


def grade_colours(grade: Grade | None) -> tuple[colors.Color, colors.Color]:
    background, text = GRADE_COLOURS[grade] if grade else NO_GRADE_COLOURS
    return colors.HexColor(background), colors.HexColor(text)
