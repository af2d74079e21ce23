"""Chunks: what is embedded, indexed and returned as a passage, one per heading (or part of one).

A chunk's id depends only on where it sits (document, heading path, part number), and its
content hash on what it says, so re-ingesting a document finds unchanged chunks by id and
skips them by hash: only what changed is embedded again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.readers import Section, read_document

# A section longer than this is split at paragraph boundaries; hotel documents rarely need it.
MAX_CHARS = 1200
SEPARATOR = " > "


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str
    heading: str
    text: str
    hash: str

    @property
    def indexed_text(self) -> str:
        """What BM25 and the embedder see: the heading says what the passage is about."""
        return f"{self.heading}\n{self.text}" if self.heading else self.text


def chunk_document(path: Path) -> list[Chunk]:
    """The chunks of one document file; `source` is its file name."""
    return chunk_sections(path.name, read_document(path))


def chunk_sections(source: str, sections: list[Section]) -> list[Chunk]:
    chunks: list[Chunk] = []
    fallback = Path(source).stem.replace("-", " ").replace("_", " ").capitalize()
    for section in sections:
        text = reflow(section.text)
        if not text:
            continue
        heading = SEPARATOR.join(section.path) or fallback
        for part, piece in enumerate(_split(text)):
            place = f"{source}\n{heading}\n{part}"
            chunk_id = f"{source}#{_digest(place)[:12]}"
            chunks.append(Chunk(chunk_id, source, heading, piece, _digest(f"{heading}\n{piece}")))
    return chunks


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")


def reflow(text: str) -> str:
    """One line per paragraph or list item, so a fact is never cut by a line the writer wrapped."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = " ".join(raw.split())
            if not line:
                continue
            if lines and not _LIST_ITEM.match(raw):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _split(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    pieces: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        if current and len(current) + len(paragraph) + 2 > MAX_CHARS:
            pieces.append(current)
            current = paragraph
        else:
            current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        pieces.append(current)
    return pieces
