"""Each document format becomes sections with the document's own heading paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from knowledge.readers import UnsupportedDocument, read_document


def sections(path: Path) -> dict[tuple[str, ...], str]:
    return {s.path: s.text for s in read_document(path) if s.text}


def test_markdown_keeps_heading_paths_and_drops_the_title(tmp_path):
    doc = tmp_path / "dining.md"
    doc.write_text(
        "# Dining at Harbor View\n\nIntro text.\n\n## Tide Restaurant\n\nBy the lobby.\n\n"
        "### Breakfast\n\nServed weekdays 6:30–10:30.\n\n## Lantern Bar\n\nOn the roof.\n"
    )
    found = sections(doc)
    assert found == {
        ("Dining at Harbor View",): "Intro text.",
        ("Tide Restaurant",): "By the lobby.",
        ("Tide Restaurant", "Breakfast"): "Served weekdays 6:30–10:30.",
        ("Lantern Bar",): "On the roof.",
    }


def test_markdown_with_several_top_headings_keeps_them_all(tmp_path):
    doc = tmp_path / "faq.md"
    doc.write_text("# Parking\n\nValet only.\n\n# Pets\n\nDogs welcome.\n\n## Fees\n\n$35.\n")
    assert sections(doc) == {
        ("Parking",): "Valet only.",
        ("Pets",): "Dogs welcome.",
        ("Pets", "Fees"): "$35.",
    }


def test_markdown_heading_inside_code_is_not_a_heading(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text("# Notes\n\n## Wi-Fi\n\n```\n# not a heading\n```\n\n## Gym\n\nLevel 1.\n")
    found = sections(doc)
    assert set(found) == {("Wi-Fi",), ("Gym",)}
    assert "# not a heading" in found[("Wi-Fi",)]


def test_html_headings_and_paragraphs(tmp_path):
    doc = tmp_path / "wellness.html"
    doc.write_text(
        "<html><head><title>x</title><style>p {}</style></head><body>"
        "<h1>Wellness</h1><p>Relax.</p><h2>Pool</h2><p>Heated, <b>6:00–22:00</b>.</p>"
        "<ul><li>Towels provided</li></ul><h2>Spa</h2><p>Massage $120.</p>"
        "<script>alert('no')</script></body></html>"
    )
    assert sections(doc) == {
        ("Wellness",): "Relax.",
        ("Pool",): "Heated, 6:00–22:00 .\n\n- Towels provided",
        ("Spa",): "Massage $120.",
    }


def _pdf(path: Path, outline: bool) -> Path:
    pdf = FPDF()
    pdf.add_page()
    for level, heading, body in [
        (0, "Around Port Elise", "A guide to the neighbourhood."),
        (1, "Beaches", "Sandy Cove is fifteen minutes on foot."),
        (1, "Museums", "The Maritime Museum is closed on Tuesdays."),
    ]:
        if outline:
            pdf.start_section(heading, level=level)
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_pdf_outline_gives_the_headings(tmp_path):
    found = sections(_pdf(tmp_path / "area.pdf", outline=True))
    assert found == {
        ("Around Port Elise",): "A guide to the neighbourhood.",
        ("Beaches",): "Sandy Cove is fifteen minutes on foot.",
        ("Museums",): "The Maritime Museum is closed on Tuesdays.",
    }


def test_pdf_without_outline_is_read_page_by_page(tmp_path):
    found = sections(_pdf(tmp_path / "area.pdf", outline=False))
    assert list(found) == [("Page 1",)]
    assert "Sandy Cove is fifteen minutes on foot." in found[("Page 1",)]


def test_plain_text_setext_headings(tmp_path):
    doc = tmp_path / "transport.txt"
    doc.write_text(
        "Getting Around\n==============\n\nOn the waterfront.\n\nAirport shuttle\n"
        "---------------\n\nOn the hour 5:00–23:00.\n\nParking\n-------\n\nValet $28 per night.\n"
    )
    assert sections(doc) == {
        ("Getting Around",): "On the waterfront.",
        ("Airport shuttle",): "On the hour 5:00–23:00.",
        ("Parking",): "Valet $28 per night.",
    }


def test_plain_text_without_headings_is_one_section(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Breakfast is at 7.\nDinner at 18:00.\n")
    assert sections(doc) == {(): "Breakfast is at 7.\nDinner at 18:00."}


def test_unknown_format_is_refused(tmp_path):
    doc = tmp_path / "menu.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(UnsupportedDocument, match=r"menu\.docx"):
        read_document(doc)
