"""Rate limits per principal and per client address, answered with 429 and Retry-After.

A sliding-window counter (the `limits` library) over the shared storage: cheap (two counters
per key) and without the burst at window edges a fixed window allows.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import Storage
from limits.strategies import SlidingWindowCounterRateLimiter

from api.errors import ApiError


class RateLimits:
    def __init__(self, storage: Storage) -> None:
        self.limiter = SlidingWindowCounterRateLimiter(storage)
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
            if not self.limiter.hit(item, scope, key):
                stats = self.limiter.get_window_stats(item, scope, key)
                wait = max(1, math.ceil(stats.reset_time - time.time()))
                raise ApiError(
                    429,
                    "rate_limited",
                    f"Too many requests ({item}); try again in {wait} s.",
                    {"Retry-After": str(wait)},
                )
