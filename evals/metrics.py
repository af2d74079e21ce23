"""pass^k (tau-bench) and latency percentiles."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def pass_hat_k(counts: Iterable[tuple[int, int]], k: int) -> float:
    """Mean over scenarios of C(c, k) / C(n, k), for (n trials, c passes) per scenario.

    The chance that k trials drawn without replacement from a scenario's n all passed. Every
    scenario needs n >= k; with no scenarios the result is 0.0.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    values = []
    for n, c in counts:
        if not 0 <= c <= n:
            raise ValueError(f"passes ({c}) must be between 0 and trials ({n})")
        if n < k:
            raise ValueError(f"pass^{k} needs at least {k} trials per scenario, not {n}")
        values.append(math.comb(c, k) / math.comb(n, k))
    return sum(values) / len(values) if values else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; 0.0 for no values."""
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def p50(values: Sequence[float]) -> float:
    return percentile(values, 50)


def p95(values: Sequence[float]) -> float:
    return percentile(values, 95)
