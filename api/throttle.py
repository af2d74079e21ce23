"""Rate limits per principal and per client address, answered with 429 and Retry-After.

A sliding-window counter (the `limits` library) over the shared storage: cheap (two counters
per key) and without the burst at window edges a fixed window allows. While Redis does not
answer, the same limits are counted in this process (api/shared.py): a request is never failed
for want of a counter.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse_many
from limits.strategies import SlidingWindowCounterRateLimiter

from api.errors import ApiError
from api.shared import SharedState


class RateLimits:
    def __init__(self, shared: SharedState) -> None:
        self.shared = shared
        self.limiter = SlidingWindowCounterRateLimiter(shared.storage)
        self.fallback = SlidingWindowCounterRateLimiter(shared.fallback_storage)
        self._parsed: dict[str, list[RateLimitItem]] = {}

    def items(self, spec: str) -> list[RateLimitItem]:
        parsed = self._parsed.get(spec)
        if parsed is None:
            parsed = self._parsed[spec] = parse_many(spec)
        return parsed

    def hit(self, scope: str, spec: str, key: str) -> None:
        """Count one request of `key` in `scope`; refuse it once a limit is reached."""
        if not spec:
            return
        for item in self.items(spec):
            reset = self.shared.guarded(
                lambda item=item: _count(self.limiter, item, scope, key),  # type: ignore[misc]
                lambda item=item: _count(self.fallback, item, scope, key),  # type: ignore[misc]
            )
            if reset:
                wait = max(1, math.ceil(reset - time.time()))
                raise ApiError(
                    429,
                    "rate_limited",
                    f"Too many requests ({item}); try again in {wait} s.",
                    {"Retry-After": str(wait)},
                )


def _count(
    limiter: SlidingWindowCounterRateLimiter, item: RateLimitItem, scope: str, key: str
) -> float:
    """0 if the request is within the limit, else the time its window frees up."""
    if limiter.hit(item, scope, key):
        return 0.0
    return limiter.get_window_stats(item, scope, key).reset_time
