"""What got better and worse between two runs (their `--json` files).

A scenario is compared by its pass rate (passes / trials), so runs with different trial counts
still compare; scenarios in only one run are listed apart, not counted as changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Comparison:
    pass_hat: dict[str, tuple[float | None, float | None]]
    better: list[tuple[str, float, float]] = field(default_factory=list)
    worse: list[tuple[str, float, float]] = field(default_factory=list)
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)
    unchanged: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "pass_hat": {k: {"before": a, "after": b} for k, (a, b) in self.pass_hat.items()},
            "better": [{"id": i, "before": a, "after": b} for i, a, b in self.better],
            "worse": [{"id": i, "before": a, "after": b} for i, a, b in self.worse],
            "only_before": self.only_before,
            "only_after": self.only_after,
            "unchanged": self.unchanged,
        }


def _rates(run: dict[str, Any]) -> dict[str, float]:
    return {r["id"]: r["passes"] / r["trials"] if r["trials"] else 0.0 for r in run["results"]}


def compare(before: dict[str, Any], after: dict[str, Any]) -> Comparison:
    old, new = _rates(before), _rates(after)
    hats_before = before["summary"].get("pass_hat", {})
    hats_after = after["summary"].get("pass_hat", {})
    result = Comparison(
        {k: (hats_before.get(k), hats_after.get(k)) for k in sorted({*hats_before, *hats_after})}
    )
    for scenario in sorted(old.keys() & new.keys()):
        a, b = old[scenario], new[scenario]
        if b > a:
            result.better.append((scenario, a, b))
        elif b < a:
            result.worse.append((scenario, a, b))
        else:
            result.unchanged += 1
    result.only_before = sorted(old.keys() - new.keys())
    result.only_after = sorted(new.keys() - old.keys())
    return result
