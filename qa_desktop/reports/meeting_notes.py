"""Reflective meeting notes as an A4 PDF: marked OFFICIAL-SENSITIVE on every page, numbered
pages, title and author metadata, embedded fonts, and text a PDF reader extracts in reading
order. Fed by plain data; knows nothing of the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

MARKING = "OFFICIAL-SENSITIVE"
# TrueType fonts embedded in the document, looked for where systems keep them.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "arialbd.ttf"),
    ("/Library/Fonts/Arial.ttf", "Arial Bold.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "Arial Bold.ttf"),
)


# The document's words in UK English; the interface passes them translated.
LABELS: dict[str, str] = {
    "title": "Reflective meeting notes: {reference}",
    "page": "Page {number}",
    "audit": "Audit",
    "case": "Case",
    "team": "Team",
    "head": "Head of service",
    "due": "Due by",
    "held": "Held on",
    "signed": "Signed off on",
    "reaudit": "Re-audit due",
    "attendees": "Attendees",
    "barriers": "Barriers and challenges",
    "lived": "The child's lived experience",
    "actions": "SMART actions",
    "what": "What",
    "who": "Who",
    "when": "By when",
    "status": "Status",
    "open": "Open",
    "done": "Done",
}


@dataclass(frozen=True)
class NotesAction:
    description: str
    owner: str
    due_on: date
    status: str


@dataclass(frozen=True)
class MeetingNotesData:
    audit_reference: str
    case_reference: str
    team: str
    head_of_service: str
    due_on: date
    held_on: date | None
    signed_off_on: date | None
    reaudit_due_on: date | None
    attendees: str
    barriers: str
    lived_experience: str
    actions: tuple[NotesAction, ...]
    author: str  # who exported it


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab: embedded TrueType where found."""
    for regular, bold in FONT_CANDIDATES:
        regular_path = Path(regular)
        bold_path = regular_path.with_name(bold)
        if regular_path.exists() and bold_path.exists():
            pdfmetrics.registerFont(TTFont("NotesRegular", str(regular_path)))
            pdfmetrics.registerFont(TTFont("NotesBold", str(bold_path)))
            pdfmetrics.registerFontFamily(
                "NotesRegular",
                normal="NotesRegular",
                bold="NotesBold",
                italic="NotesRegular",
                boldItalic="NotesBold",
            )
            return "NotesRegular", "NotesBold"
    return "Helvetica", "Helvetica-Bold"  # not embedded: the reader substitutes it


def _day(value: date | None) -> str:
    return value.strftime("%d %B %Y") if value else "—"


def _text(value: str) -> str:
    return escape(value.strip() or "—").replace("\n", "<br/>")


def build_meeting_notes(
    data: MeetingNotesData, path: Path, labels: dict[str, str] | None = None
) -> Path:
    regular, bold = fonts()
    words = {**LABELS, **(labels or {})}
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12, spaceBefore=8)
    title_style = ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=20)
    title = words["title"].format(reference=data.audit_reference)

    def page(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(bold, 9)
        canvas.setFillColor(colors.black)
        width, height = A4
        canvas.drawCentredString(width / 2, height - 12 * mm, MARKING)
        canvas.drawCentredString(width / 2, 10 * mm, MARKING)
        canvas.setFont(regular, 8)
        canvas.drawRightString(width - 18 * mm, 10 * mm, words["page"].format(number=document.page))
        canvas.restoreState()

    facts = [
        (words["audit"], data.audit_reference),
        (words["case"], data.case_reference),
        (words["team"], data.team),
        (words["head"], data.head_of_service),
        (words["due"], _day(data.due_on)),
        (words["held"], _day(data.held_on)),
        (words["signed"], _day(data.signed_off_on)),
        (words["reaudit"], _day(data.reaudit_due_on)),
    ]
    fact_table = Table(
        [[Paragraph(escape(k), body), Paragraph(escape(v), body)] for k, v in facts],
        colWidths=[45 * mm, 120 * mm],
    )
    fact_table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), regular)])
    )
    story = [
        Paragraph(escape(title), title_style),
        Spacer(1, 4 * mm),
        fact_table,
        Paragraph(escape(words["attendees"]), heading),
        Paragraph(_text(data.attendees), body),
        Paragraph(escape(words["barriers"]), heading),
        Paragraph(_text(data.barriers), body),
        Paragraph(escape(words["lived"]), heading),
        Paragraph(_text(data.lived_experience), body),
        Paragraph(escape(words["actions"]), heading),
    ]
    rows = [
        [Paragraph(f"<b>{escape(words[k])}</b>", body) for k in ("what", "who", "when", "status")]
    ]
    rows += [
        [
            Paragraph(_text(a.description), body),
            Paragraph(escape(a.owner), body),
            Paragraph(_day(a.due_on), body),
            Paragraph(escape(words.get(a.status, a.status)), body),
        ]
        for a in data.actions
    ]
    actions = Table(rows, colWidths=[80 * mm, 40 * mm, 30 * mm, 20 * mm], repeatRows=1)
    actions.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ]
        )
    )
    story.append(actions)
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        title=title,
        author=data.author,
        subject=MARKING,
        creator="QA Desktop",
        initialFontName=regular,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    document.build(story, onFirstPage=page, onLaterPages=page)
    return path
