"""The figures a report shows, computed from a run's JSON (`RunReport.as_json()` or `--json`).

Reports are built from the JSON, not from live objects, so a run written with `--json` last week
can be rendered, or compared, today. Prices are integer cents per million tokens (money is
integer cents everywhere); a cost is kept in millionths of a cent until it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evals.metrics import p50, p95, pass_hat_k

# Cents per million tokens (prompt, completion), as the providers list them; None when unknown.
PRICES: dict[str, tuple[int, int]] = {
    "openai:gpt-4o-mini": (15, 60),
    "openai:gpt-4o": (250, 1000),
    "openai:gpt-4.1": (200, 800),
    "openai:gpt-4.1-mini": (40, 160),
    "openai:gpt-4.1-nano": (10, 40),
    "offline": (0, 0),
    "none": (0, 0),
}


def price_of(model: str) -> tuple[int, int] | None:
    """The price of `model`; a recorded run (`recorded:<path>`) replays for free."""
    if model.startswith("recorded:"):
        return (0, 0)
    return PRICES.get(model)


def dollars(millionths_of_cents: int) -> str:
    return f"${millionths_of_cents / 100_000_000:.4f}"


@dataclass
class ScenarioFigures:
    id: str
    role: str
    tags: list[str]
    passes: int
    trials: int
    failed: list[str]
    prompt_tokens: int
    completion_tokens: int
    cost: int | None  # millionths of a cent; None when the price is unknown
    latency_mean: float
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.trials > 0 and self.passes == self.trials


@dataclass
class Group:
    name: str
    scenarios: int
    pass_hat: dict[str, float]


def scenario_figures(data: dict[str, Any]) -> list[ScenarioFigures]:
    price = price_of(str(data["summary"].get("model", "")))
    trials = int(data["summary"].get("trials", 1))
    figures = []
    for result in data["results"]:
        details = result.get("details", [])
        prompt = sum(int(t.get("prompt_tokens", 0)) for t in details)
        completion = sum(int(t.get("completion_tokens", 0)) for t in details)
        latencies = [float(s) for t in details for s in t.get("latencies", [])]
        cost = None if price is None else prompt * price[0] + completion * price[1]
        figures.append(
            ScenarioFigures(
                id=result["id"],
                role=str(result.get("role", "unknown")),
                tags=list(result.get("tags", [])),
                passes=int(result["passes"]),
                trials=max(int(result["trials"]), trials),
                failed=list(result.get("failed", [])),
                prompt_tokens=prompt,
                completion_tokens=completion,
                cost=cost,
                latency_mean=sum(latencies) / len(latencies) if latencies else 0.0,
                raw=result,
            )
        )
    return figures


def _pass_hat(items: list[ScenarioFigures], trials: int) -> dict[str, float]:
    counts = [(s.trials, s.passes) for s in items]
    values = {"1": pass_hat_k(counts, 1)}
    if trials > 1 and all(n >= trials for n, _ in counts):
        values[str(trials)] = pass_hat_k(counts, trials)
    return values


def groups(figures: list[ScenarioFigures], trials: int, by: str) -> list[Group]:
    """pass^k per role (`by="role"`) or per tag (`by="tag"`; a scenario counts in each tag)."""
    members: dict[str, list[ScenarioFigures]] = {}
    for item in figures:
        for name in [item.role] if by == "role" else item.tags:
            members.setdefault(name, []).append(item)
    return [
        Group(name, len(items), _pass_hat(items, trials)) for name, items in sorted(members.items())
    ]


def totals(data: dict[str, Any], figures: list[ScenarioFigures]) -> dict[str, Any]:
    latencies = [
        float(s) for f in figures for t in f.raw.get("details", []) for s in t["latencies"]
    ]
    costs = [f.cost for f in figures]
    return {
        "prompt_tokens": sum(f.prompt_tokens for f in figures),
        "completion_tokens": sum(f.completion_tokens for f in figures),
        "cost": None if any(c is None for c in costs) else sum(c for c in costs if c is not None),
        "latency_p50": p50(latencies),
        "latency_p95": p95(latencies),
    }
