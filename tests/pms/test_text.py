"""The text rules every schema shares: one line or prose, never a control character."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from pms.text import Line, Prose


class Note(BaseModel):
    title: Line = Field(max_length=20)
    body: Prose = Field("", max_length=50)


@pytest.mark.parametrize(
    "title",
    ["Harbor\x00View", "tab\there", "two\nlines", "esc\x1b[31m", "del\x7f", "nel\x85", "\ud800"],
)
def test_one_line_refuses_every_control_character(title: str) -> None:
    with pytest.raises(ValidationError, match="title"):
        Note(title=title)


@pytest.mark.parametrize("body", ["a\x00b", "bell\x07", "vt\x0bff\x0c", "c1\x9b", "\udfff"])
def test_prose_refuses_control_characters_other_than_line_breaks_and_tabs(body: str) -> None:
    with pytest.raises(ValidationError, match="body"):
        Note(title="ok", body=body)


def test_prose_keeps_line_breaks_and_tabs_and_any_script() -> None:
    note = Note(title="Müller – 東京 😀", body="Line one,\r\nline two.\n\tIndented. ‏שלום‎")
    assert note.body == "Line one,\r\nline two.\n\tIndented. ‏שלום‎"
    assert note.title == "Müller – 東京 😀"


def test_the_length_is_counted_in_characters_not_bytes() -> None:
    assert Note(title="é" * 20).title == "é" * 20
    with pytest.raises(ValidationError, match="at most 20 characters"):
        Note(title="é" * 21)


def test_the_refusal_names_the_character() -> None:
    with pytest.raises(ValidationError) as refused:
        Note(title="a\x00b")
    assert "U+0000" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        Note(title="a\nb")
    assert "a line break" in str(refused.value)
