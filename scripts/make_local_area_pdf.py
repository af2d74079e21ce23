"""Write knowledge/documents/harbor-view/local-area.pdf, the demo's one PDF document.

Hotels hand out their neighbourhood guide as a PDF; the demo keeps one so that ingestion reads
a real PDF with an outline (its bookmarks are the headings). Run with the dev dependencies:
`.venv/bin/python scripts/make_local_area_pdf.py`.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

TARGET = Path(__file__).parent.parent / "knowledge/documents/harbor-view/local-area.pdf"

GUIDE: list[tuple[int, str, str]] = [
    (
        0,
        "Around Port Elise",
        "A short guide to the neighbourhood of Harbor View Hotel, 12 Quay "
        "Street. The front desk is happy to suggest more and to book tables and tickets.",
    ),
    (
        1,
        "Old Town",
        "The cobbled streets of the old town start ten minutes' walk north along the "
        "quay. Do not miss the covered market, open every morning except Sunday, and the clock "
        "tower, which you can climb for a view of the whole bay.",
    ),
    (
        1,
        "Beaches",
        "Sandy Cove is the nearest beach, fifteen minutes on foot past the lighthouse. "
        "It has lifeguards in summer and a cafe that rents umbrellas and paddle boards.",
    ),
    (
        1,
        "Museums",
        "The Maritime Museum on the pier tells the story of Port Elise's fishing fleet "
        "and has a real lighthouse lens. It is closed on Tuesdays. Guests get a 10% discount with "
        "their room key.",
    ),
    (
        1,
        "Pharmacy and doctor",
        "The nearest pharmacy is on Quay Street, three doors from the "
        "hotel. For a doctor, ask the front desk: we can call one to the hotel at any hour. In an "
        "emergency dial 911.",
    ),
    (
        1,
        "Shopping",
        "Harbor Arcade, across the square, has a supermarket, a bookshop and an "
        "outdoor clothing store. Most shops open at 9:00 and close at 19:00.",
    ),
    (
        1,
        "Boat trips",
        "Harbor cruises leave from Pier 3 every two hours in season. Tickets are "
        "sold at the pier or at our front desk.",
    ),
]


def main() -> None:
    pdf = FPDF()
    pdf.set_title("Around Port Elise")
    pdf.add_page()
    for level, heading, body in GUIDE:
        pdf.start_section(heading, level=level)
        pdf.set_font("Helvetica", "B", 18 if level == 0 else 14)
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(TARGET))


if __name__ == "__main__":
    main()
