"""Reading a hotel's documents into sections: a heading path and the text under it.

Hotels write in whatever they have: Markdown, a web page, a PDF brochure, a plain text file.
Each reader keeps the document's own structure (its headings), because a passage is only useful
to a guest, and checkable by staff, when it says where it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt
from pypdf import PdfReader


@dataclass(frozen=True)
class Section:
    """Text under one heading; `path` is the headings from the top, `level` the last one's."""

    path: tuple[str, ...]
    level: int
    text: str


class UnsupportedDocument(ValueError):
    """A file whose format the knowledge base does not read."""


def read_document(path: Path) -> list[Section]:
    """The sections of one document, with a lone top-level title dropped from the paths."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedDocument(f"{path.name}: not a document the knowledge base reads ({known})")
    return _without_title(reader(path))


def _without_title(sections: list[Section]) -> list[Section]:
    """Drop a document title from the heading paths: "Tide Restaurant > Breakfast", not
    "Dining at Harbor View > Tide Restaurant > Breakfast". Text under the title keeps it."""
    headed = [s for s in sections if s.path]
    if not headed or len(headed[0].path) != 1:
        return sections
    title = headed[0].path[0]
    alone = sum(1 for s in headed if len(s.path) == 1) == 1
    if not alone or any(s.path[0] != title for s in headed) or len(headed) == 1:
        return sections
    return [Section(s.path[1:] or s.path, s.level, s.text) for s in sections]


class _Outline:
    """Heading paths as a document's headings arrive in order, at any depth."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> tuple[str, ...]:
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, title))
        return self.path

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._stack)

    @property
    def level(self) -> int:
        return self._stack[-1][0] if self._stack else 0


def _tidy(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in lines)).strip()


def read_markdown(path: Path) -> list[Section]:
    """Headings from markdown-it's parse (ATX and setext alike); text kept as written."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tokens = MarkdownIt("commonmark").parse(source)
    outline = _Outline()
    sections: list[Section] = []
    body_start = 0
    current: tuple[tuple[str, ...], int] = ((), 0)
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None or token.level != 0:
            continue
        start, end = token.map
        sections.append(Section(current[0], current[1], _tidy(lines[body_start:start])))
        title = tokens[index + 1].content.strip()
        current = (outline.enter(int(token.tag[1]), title), int(token.tag[1]))
        body_start = end
    sections.append(Section(current[0], current[1], _tidy(lines[body_start:])))
    return sections


_BLOCKS = ("p", "li", "pre", "blockquote", "td", "th", "dt", "dd", "address")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def read_html(path: Path) -> list[Section]:
    """h1 to h6 are the headings; paragraphs, list items and cells are the text."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "nav", "head"]):
        hidden.decompose()
    outline = _Outline()
    sections: list[Section] = []
    current: tuple[tuple[str, ...], int] = ((), 0)
    texts: list[str] = []
    for element in soup.find_all([*_HEADINGS, *_BLOCKS]):
        if not isinstance(element, Tag) or element.find_parent(_BLOCKS) is not None:
            continue
        text = " ".join(element.get_text(" ").split())
        if element.name in _HEADINGS:
            sections.append(Section(current[0], current[1], "\n\n".join(texts)))
            level = int(element.name[1])
            current, texts = (outline.enter(level, text), level), []
        elif text:
            texts.append(("- " if element.name == "li" else "") + text)
    sections.append(Section(current[0], current[1], "\n\n".join(texts)))
    return sections


def read_pdf(path: Path) -> list[Section]:
    """The PDF's outline (bookmarks) gives the headings; without one, each page is a section."""
    reader = PdfReader(path)
    pages = [page.extract_text() or "" for page in reader.pages]
    entries = _outline_entries(reader, reader.outline, 1)
    if not entries:
        return [
            Section((f"Page {number}",), 1, _unwrap(text))
            for number, text in enumerate(pages, start=1)
        ]
    text = "\n".join(pages)
    outline = _Outline()
    sections: list[Section] = []
    position = 0
    current: tuple[tuple[str, ...], int] = ((), 0)
    for level, title in entries:
        found = re.search(r"^\s*" + re.escape(title) + r"\s*$", text[position:], re.MULTILINE)
        if found is None:
            continue
        sections.append(
            Section(current[0], current[1], _unwrap(text[position : position + found.start()]))
        )
        current = (outline.enter(level, title), level)
        position += found.end()
    sections.append(Section(current[0], current[1], _unwrap(text[position:])))
    return sections


def _outline_entries(reader: PdfReader, items: Any, level: int) -> list[tuple[int, str]]:
    entries: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            entries.extend(_outline_entries(reader, item, level + 1))
        else:
            entries.append((level, str(item.title).strip()))
    return entries


def _unwrap(text: str) -> str:
    """Join the lines a PDF wrapped; keep blank lines as paragraph breaks."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


_UNDERLINE = re.compile(r"^(=+|-+)\s*$")


def read_text(path: Path) -> list[Section]:
    """Plain text: a line underlined with === or --- is a heading (level 1 or 2)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    outline = _Outline()
    sections: list[Section] = []
    current: tuple[tuple[str, ...], int] = ((), 0)
    body: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and _UNDERLINE.match(following):
            sections.append(Section(current[0], current[1], _tidy(body)))
            level = 1 if following.startswith("=") else 2
            current, body = (outline.enter(level, line.strip()), level), []
            index += 2
            continue
        body.append(line)
        index += 1
    sections.append(Section(current[0], current[1], _tidy(body)))
    return sections


READERS: dict[str, Callable[[Path], list[Section]]] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".txt": read_text,
}
