"""The fault table: one row per fault, printed at the end of the run and kept as Markdown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

COLUMNS = (
    "fault", "requests", "errors by status", "acknowledged writes", "lost", "duplicated",
    "5xx other than 503", "/ready during the fault", "time to recover",
)  # fmt: skip


@dataclass
class Row:
    fault: str
    requests: int
    errors: Counter[int | str]
    acknowledged: int
    retried: int
    lost: int
    duplicated: int
    server_errors: int
    ready_during: Counter[int | str]
    recovered_in: float | None

    def cells(self) -> list[str]:
        return [
            self.fault,
            str(self.requests),
            _counts(self.errors) or "none",
            f"{self.acknowledged} ({self.retried} retried)",
            str(self.lost),
            str(self.duplicated),
            str(self.server_errors),
            _counts(self.ready_during) or "not polled",
            "not recovered" if self.recovered_in is None else f"{self.recovered_in:.1f} s",
        ]


def _counts(counter: Counter[int | str]) -> str:
    return ", ".join(f"{key}: {n}" for key, n in sorted(counter.items(), key=lambda i: str(i[0])))


ROWS: list[Row] = []


def text_table(rows: list[Row]) -> list[str]:
    table = [list(COLUMNS), *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in table
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return lines


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def write_markdown(rows: list[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    heading = (
        "# Fault suite\n\n`pytest -m faults`: a mixed load on a real `concierge serve` over "
        "PostgreSQL and Redis, one fault after another (docs/guarantees.md).\n\n"
    )
    path.write_text(heading + markdown_table(rows))
