"""The common document builder: page furniture, metadata, fonts, text that survives."""

from __future__ import annotations

import re

import pytest

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.pdf import Chip, DocumentBuilder, DocumentInfo
from qa_desktop.reports.pdf.fonts import printable
from tests.reports.pdfread import embedded_fonts, flowing_text, pages_text, reader


def _info(**changes: object) -> DocumentInfo:
    values: dict[str, object] = {
        "title": "Audit record QA-7K2M9QF",
        "subject": "Learning audit of case 400123",
        "author": "Dana Whitfield",
        "reference": "QA-7K2M9QF",
        "form_version": "Learning audit, version 3",
    }
    values.update(changes)
    return DocumentInfo(**values)  # type: ignore[arg-type]


def _long_document(info: DocumentInfo | None = None) -> DocumentBuilder:
    builder = DocumentBuilder(info or _info())
    builder.title_block("Audit record", "Case 400123 (JB)")
    builder.key_values([("Case", "400123 (JB)"), ("Grade", Chip(Grade.GOOD))])
    for part in range(1, 4):
        builder.heading(f"Part {part}", chip=Chip(Grade.REQUIRES_IMPROVEMENT))
        builder.labelled_text("What is working well", "Steady practice. " * 300)
    return builder


def test_every_page_carries_the_marking_top_and_bottom_and_its_number() -> None:
    pages = pages_text(_long_document().build())
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "OFFICIAL-SENSITIVE"
        assert lines[-1] == "OFFICIAL-SENSITIVE"
        assert lines[-2].endswith(f"Page {number} of {len(pages)}")


def test_metadata_names_title_author_and_subject() -> None:
    meta = reader(_long_document().build()).metadata
    assert meta is not None
    assert meta.title == "Audit record QA-7K2M9QF"
    assert meta.author == "Dana Whitfield"
    assert meta.subject == "Learning audit of case 400123"


def test_every_font_is_embedded() -> None:
    fonts = embedded_fonts(_long_document().build())
    assert fonts, "the document uses no font at all"
    assert all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts)


def test_draft_is_said_on_every_page_only_when_asked() -> None:
    draft = pages_text(_long_document(_info(draft=True)).build())
    final = pages_text(_long_document(_info(draft=False)).build())
    assert all("DRAFT" in page for page in draft)
    assert not any("DRAFT" in page for page in final)


def test_the_fingerprint_follows_the_content_not_the_copy() -> None:
    first, second = _long_document(), _long_document()
    changed = _long_document()
    changed.paragraph("One more sentence.")
    assert first.fingerprint == second.fingerprint
    assert changed.fingerprint != first.fingerprint
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", first.fingerprint)
    pages = pages_text(first.build())
    assert all(f"Fingerprint {first.fingerprint}" in page for page in pages)
    assert all("Learning audit, version 3" in page for page in pages)


def test_long_text_breaks_across_pages_without_losing_a_word() -> None:
    words = [f"w{n:05d}" for n in range(6000)]
    builder = DocumentBuilder(_info())
    builder.heading("Evidence")
    builder.labelled_text("Evidence", " ".join(words[:3000]) + "\n\n" + " ".join(words[3000:]))
    data = builder.build()
    assert len(pages_text(data)) > 3
    found = re.findall(r"w\d{5}", flowing_text(data))
    assert found == words


def test_a_long_table_repeats_its_header_and_keeps_every_row_in_order() -> None:
    builder = DocumentBuilder(_info())
    rows = [[f"Action {n:03d}", "Sam Okafor", "1 Dec 2026"] for n in range(150)]
    # One cell longer than a page must split inside its row rather than fail or be cut.
    rows[40][0] = " ".join(f"x{n:04d}" for n in range(1500))
    builder.table(["What", "Who", "By when"], rows, [0.6, 0.25, 0.15])
    data = builder.build()
    pages = pages_text(data)
    assert len(pages) >= 3
    assert all(re.search(r"What\s+Who\s+By when", page) for page in pages)
    text = flowing_text(data)
    assert re.findall(r"Action \d{3}", text) == [f"Action {n:03d}" for n in range(150) if n != 40]
    assert re.findall(r"x\d{4}", text) == [f"x{n:04d}" for n in range(1500)]


def test_content_reads_in_the_order_it_was_written() -> None:
    builder = DocumentBuilder(_info())
    builder.title_block("Reflective meeting notes", "Follows audit QA-7K2M9QF")
    builder.key_values([("Date", "20 November 2026"), ("Chair", "Dana Whitfield")], columns=1)
    builder.heading("Barriers and challenges")
    builder.paragraph("Caseloads rose over the summer.")
    builder.heading("Agreed actions")
    builder.table(["What", "Who"], [["Review the plan", "Sam Okafor"]])
    text = flowing_text(builder.build())
    order = [
        "Reflective meeting notes",
        "Follows audit QA-7K2M9QF",
        "Date 20 November 2026",
        "Chair Dana Whitfield",
        "Barriers and challenges",
        "Caseloads rose over the summer.",
        "Agreed actions",
        "Review the plan Sam Okafor",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_typographic_and_non_latin_characters_survive() -> None:
    builder = DocumentBuilder(_info(author="Zoë Ó Brádaigh"))
    sample = "“Quoted” – ‘single’ — Zoë Ó Brádaigh, Łucja Wójcik, Αλεξάνδρα, Дмитрий, 5 × 3 ≥ 10 … £20 €5"
    builder.paragraph(sample)
    builder.key_values([("Name", "Siobhán Ní Bhriain")])
    data = builder.build()
    text = flowing_text(data)
    assert sample in text
    assert "Siobhán Ní Bhriain" in text
    assert reader(data).metadata.author == "Zoë Ó Brádaigh"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Thumbs up 👍 from the child", "Thumbs up [thumbs up sign] from the child"),
        ("Family 👩‍👧 together", "Family [woman][girl] together"),
        ("Heart ❤️ sent", "Heart ❤ sent"),
        ("Smile 😀", "Smile [grinning face]"),
        ("Decomposed e\u0301 accent", "Decomposed é accent"),
        ("Bell \x07 rang", "Bell  rang"),
        ("Says 你好 世界 today", "Says [text in Chinese or Japanese] today"),
        ("Mother: नमस्ते दुनिया.", "Mother: [text in Devanagari]."),
        ("Name שלום עולם, aged 9", "Name [text in Hebrew], aged 9"),
        ("أحمد", "[text in Arabic]"),
        ("Ελένη and Дмитрий", "Ελένη and Дмитрий"),
    ],
)
def test_characters_the_font_lacks_are_named_never_boxes(written: str, read: str) -> None:
    assert printable(written) == read
    builder = DocumentBuilder(_info(title=f"Title {written}"))
    builder.paragraph(written)
    builder.table(["Said"], [[written]])
    data = builder.build()
    text = flowing_text(data)
    assert text.count(" ".join(read.split())) == 2  # the paragraph and the table cell
    header = " ".join(pages_text(data)[0].split())
    assert " ".join(f"Title {read}".split()) in header  # the running header
    assert "\ufffd" not in text


def test_the_fonts_ship_with_their_licence() -> None:
    from qa_desktop.resources import resources_dir

    folder = resources_dir() / "fonts"
    licence = (folder / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (folder / name).stat().st_size > 100_000


def test_a_long_header_value_takes_a_whole_row_and_keeps_its_place() -> None:
    builder = DocumentBuilder(_info())
    long_value = (
        "Sam Okafor (Practitioner); Rhea Mallory (Team manager); Jo Baptiste (Adult worker)"
    )
    builder.key_values(
        [("Audit", "QA-7K2M9QF"), ("Participants", long_value), ("Due", "1 December 2026")]
    )
    data = builder.build()
    assert f"Audit QA-7K2M9QF Participants {long_value} Due 1 December 2026" in flowing_text(data)
    # Each value reads on its own line in the page layout: none is broken beside another.
    layout = pages_text(data)[0]
    assert any(
        "Participants" in line and long_value in " ".join(line.split())
        for line in layout.splitlines()
    )


def test_page_breaks_kept_blocks_and_added_flowables() -> None:
    from reportlab.platypus import Paragraph

    from qa_desktop.reports.pdf.style import styles

    builder = DocumentBuilder(_info())
    builder.paragraph("First page.")
    builder.page_break()
    builder.paragraph("Second page. " * 320)  # leaves room for the heading, not the block

    def block() -> None:
        builder.heading("Kept together", level=2)
        builder.paragraph("Line one of the block.\nLine two.\nLine three.\nLine four.")

    builder.keep_together(block)
    before = builder.fingerprint
    builder.spacer(2)
    builder.add(Paragraph("An extra flowable", styles()["body"]), "An extra flowable")
    assert builder.fingerprint != before
    pages = pages_text(builder.build())
    assert "First page." in pages[0] and "Second page." not in pages[0]
    block_pages = [i for i, page in enumerate(pages) if "Kept together" in page]
    assert block_pages and all("Line four." in pages[i] for i in block_pages)
    assert "An extra flowable" in pages[-1]
