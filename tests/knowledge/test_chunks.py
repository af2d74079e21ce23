"""Chunks: one per heading, with source and heading path, ids by place and hashes by content."""

from __future__ import annotations

from knowledge.chunks import MAX_CHARS, chunk_document, chunk_sections, reflow
from knowledge.readers import Section


def test_a_chunk_per_heading_with_source_and_heading_path(tmp_path):
    doc = tmp_path / "dining.md"
    doc.write_text(
        "# Dining\n\n## Tide Restaurant\n\nLobby level.\n\n### Breakfast\n\nFrom 6:30.\n\n"
        "### Dinner\n\nFrom 18:00.\n\n## Empty\n\n"
    )
    chunks = chunk_document(doc)
    assert [(c.source, c.heading, c.text) for c in chunks] == [
        ("dining.md", "Tide Restaurant", "Lobby level."),
        ("dining.md", "Tide Restaurant > Breakfast", "From 6:30."),
        ("dining.md", "Tide Restaurant > Dinner", "From 18:00."),
    ]
    assert chunks[1].indexed_text == "Tide Restaurant > Breakfast\nFrom 6:30."
    assert all(c.id.startswith("dining.md#") for c in chunks)
    assert len({c.id for c in chunks}) == 3


def test_ids_follow_the_place_and_hashes_follow_the_content():
    before = chunk_sections(
        "a.md", [Section(("Pool",), 2, "Open 6:00."), Section(("Gym",), 2, "24h.")]
    )
    after = chunk_sections(
        "a.md", [Section(("Pool",), 2, "Open 7:00."), Section(("Gym",), 2, "24h.")]
    )
    assert [c.id for c in before] == [c.id for c in after]
    assert before[0].hash != after[0].hash
    assert before[1].hash == after[1].hash
    # The same heading in another document is another chunk.
    other = chunk_sections("b.md", [Section(("Pool",), 2, "Open 6:00.")])
    assert other[0].id != before[0].id


def test_wrapped_lines_are_joined_so_a_fact_is_never_split():
    text = "Please book 12\nhours ahead.\n\n- Visa\n- Amex\n\nNew paragraph."
    assert reflow(text) == "Please book 12 hours ahead.\n\n- Visa\n- Amex\n\nNew paragraph."


def test_a_long_section_is_split_at_paragraphs_under_one_heading():
    paragraph = "Word " * 100
    text = "\n\n".join(f"{paragraph.strip()} {n}." for n in range(6))
    chunks = chunk_sections("long.md", [Section(("Rules",), 2, text)])
    assert len(chunks) > 1
    assert all(len(c.text) <= MAX_CHARS for c in chunks)
    assert {c.heading for c in chunks} == {"Rules"}
    assert len({c.id for c in chunks}) == len(chunks)


def test_text_without_heading_is_named_after_the_file():
    chunks = chunk_sections("house-rules.txt", [Section((), 0, "No parties.")])
    assert chunks[0].heading == "House rules"
