"""Stateless judges. Each looks at one aspect of a trial and returns a verdict with its reasons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from evals.scenario import Expect
from pms.snapshot import snapshot_diff, state_hash


@dataclass(frozen=True)
class JudgeResult:
    component: str
    passed: bool
    reasons: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "passed": self.passed,
            "reasons": list(self.reasons),
            "diff": list(self.diff),
        }


def communicate(replies: Iterable[str], expect: Expect) -> JudgeResult:
    """Every expected output appears, and no forbidden one does, in the concatenated replies."""
    text = "\n".join(replies).casefold()
    reasons = [
        f"missing output: {wanted!r}" for wanted in expect.outputs if wanted.casefold() not in text
    ]
    reasons += [
        f"forbidden output present: {banned!r}"
        for banned in expect.forbidden_outputs
        if banned.casefold() in text
    ]
    return JudgeResult("COMMUNICATE", not reasons, reasons)


def db_state(
    actual: dict[str, Any],
    expected: dict[str, Any],
    *,
    limit: int = 50,
    hashes: tuple[str, str] | None = None,
) -> JudgeResult:
    """The conversation's final state equals the reference actions' final state.

    `hashes` are the two states' hashes (actual, expected) when the caller has them: hashing a
    seeded hotel's state takes about 20 ms, and a reference is shared by many trials.
    """
    actual_hash, expected_hash = hashes or (state_hash(actual), state_hash(expected))
    if actual_hash == expected_hash:
        return JudgeResult("DB", True)
    diff = snapshot_diff(expected, actual, limit=limit, added="unexpected", removed="missing")
    return JudgeResult(
        "DB",
        False,
        [
            "the database differs from the reference state: rows missing, unexpected, "
            "or changed (reference -> actual)"
        ],
        diff,
    )
