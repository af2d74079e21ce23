"""State several API processes share: rate-limit counters, guests' proofs, completions threads.

With Redis configured every process reads and writes the same counters, so two processes behind
one load balancer limit as one. Without it (the embedded default) all of it lives in this
process, and the log says so at start-up: right for one process, wrong for several.

Redis trouble never fails a request. While Redis does not answer, each process falls back to
its own copy (limits are counted per process), logs the outage once, counts it in /metrics and
reports `degraded` on /ready; it tries Redis again every `retry_seconds` and returns to it as
soon as it answers. Nothing that must outlive Redis is kept only there: sign-outs are on the
staff account in the database (pms/access/staff.py), and what a guest proved is also kept in
the process that saw the proof (see `RedisShared.add_verified`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

import redis
from limits.storage import MemoryStorage, RedisStorage, Storage
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger("concierge.api")

T = TypeVar("T")

_VERIFIED = "concierge:verified:"
_VALUE = "concierge:value:"


class SharedHealth:
    """Whether Redis answers, as this process last saw it: one warning per outage, counted."""

    def __init__(self, description: str, retry_seconds: float) -> None:
        self.description = description
        self.retry_seconds = retry_seconds
        self.degraded = False
        self.outages = 0
        self.fallbacks = 0
        self._retry_at = 0.0
        self._lock = threading.Lock()

    def should_try(self) -> bool:
        """Go to Redis now? Always when it answered last; after an outage, every retry_seconds."""
        return not self.degraded or time.monotonic() >= self._retry_at

    def failed(self, error: Exception) -> None:
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_seconds
            if self.degraded:
                return
            self.degraded = True
            self.outages += 1
        log.warning(
            "Redis (%s) does not answer (%s: %s): rate limits, guests' proofs and completions "
            "threads are kept in this process until it does.",
            self.description,
            type(error).__name__,
            error,
        )

    def answered(self) -> None:
        if not self.degraded:
            return
        with self._lock:
            if not self.degraded:
                return
            self.degraded = False
        log.warning("Redis (%s) answers again: shared limits resume.", self.description)

    def fell_back(self) -> None:
        with self._lock:
            self.fallbacks += 1


class SharedState(Protocol):
    # Where rate limits are counted, and where they are counted while that does not answer.
    storage: Storage
    fallback_storage: Storage
    description: str
    health: SharedHealth

    def guarded(self, remote: Callable[[], T], local: Callable[[], T]) -> T:
        """`remote()` (against Redis) unless Redis does not answer; then `local()`."""
        ...

    def ready(self) -> bool: ...

    def add_verified(self, subject: str, code: str, seconds: int) -> None: ...

    def verified(self, subject: str) -> frozenset[str]: ...

    def put(self, key: str, value: str, seconds: int) -> None: ...

    def get(self, key: str) -> str | None: ...


class LocalShared:
    """The in-process state: correct for one API process only (and Redis's stand-in)."""

    def __init__(self) -> None:
        self.storage: Storage = MemoryStorage()
        self.fallback_storage: Storage = self.storage
        self.description = "this process only (no Redis configured)"
        self.health = SharedHealth(self.description, 0.0)
        self._verified: dict[str, tuple[float, frozenset[str]]] = {}
        self._values: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def guarded(self, remote: Callable[[], T], local: Callable[[], T]) -> T:
        return local()

    def add_verified(self, subject: str, code: str, seconds: int) -> None:
        with self._lock:
            now = time.monotonic()
            self._verified = {k: v for k, v in self._verified.items() if v[0] > now}
            _, codes = self._verified.get(subject, (0.0, frozenset()))
            self._verified[subject] = (now + seconds, codes | {code})

    def put(self, key: str, value: str, seconds: int) -> None:
        with self._lock:
            now = time.monotonic()
            if len(self._values) > 10_000:
                self._values = {k: v for k, v in self._values.items() if v[0] > now}
            self._values[key] = (now + seconds, value)

    def get(self, key: str) -> str | None:
        until, value = self._values.get(key, (0.0, ""))
        return value if until > time.monotonic() else None

    def verified(self, subject: str) -> frozenset[str]:
        until, codes = self._verified.get(subject, (0.0, frozenset()))
        return codes if until > time.monotonic() else frozenset()

    def ready(self) -> bool:
        return True


class RedisShared:
    """Redis, with this process's own copy to fall back on while Redis does not answer."""

    def __init__(self, url: str, retry_seconds: float = 2.0) -> None:
        # One quick retry (a pooled connection may be stale after Redis restarts), no backoff:
        # redis-py's default retries for seconds, and every request would wait that long.
        self.client = redis.Redis.from_url(
            url, socket_timeout=2, socket_connect_timeout=2, retry=Retry(NoBackoff(), 1)
        )
        self.storage: Storage = RedisStorage(url, connection_pool=self.client.connection_pool)
        self.local = LocalShared()
        self.fallback_storage: Storage = self.local.storage
        self.description = f"Redis at {redis_location(url)}"
        self.health = SharedHealth(self.description, retry_seconds)

    def guarded(self, remote: Callable[[], T], local: Callable[[], T]) -> T:
        if self.health.should_try():
            try:
                result = remote()
            except redis.RedisError as error:
                self.health.failed(error)
            else:
                self.health.answered()
                return result
        self.health.fell_back()
        return local()

    def add_verified(self, subject: str, code: str, seconds: int) -> None:
        # Kept here as well: a Redis outage, or a restart that lost its data, does not undo a
        # proof for the process that saw it (another process asks the guest to prove it again).
        self.local.add_verified(subject, code, seconds)

        def remote() -> None:
            key = _VERIFIED + subject
            with self.client.pipeline() as pipe:
                pipe.sadd(key, code)
                pipe.expire(key, max(1, seconds))
                pipe.execute()

        self.guarded(remote, lambda: None)

    def verified(self, subject: str) -> frozenset[str]:
        def remote() -> frozenset[str]:
            members: set[bytes] = self.client.smembers(_VERIFIED + subject)  # type: ignore[assignment]
            return frozenset(m.decode() for m in members)

        return self.local.verified(subject) | self.guarded(remote, frozenset)

    def put(self, key: str, value: str, seconds: int) -> None:
        self.local.put(key, value, seconds)

        def remote() -> None:
            self.client.set(_VALUE + key, value.encode(), ex=max(1, seconds))

        self.guarded(remote, lambda: None)

    def get(self, key: str) -> str | None:
        def remote() -> str | None:
            value = self.client.get(_VALUE + key)
            return value.decode() if isinstance(value, bytes) else None

        return self.guarded(remote, lambda: None) or self.local.get(key)

    def ready(self) -> bool:
        """Ping Redis now (whatever the retry interval): a probe is how an outage ends early."""
        try:
            self.client.ping()
        except redis.RedisError as error:
            self.health.failed(error)
            return False
        self.health.answered()
        return True


def redis_location(url: str) -> str:
    """host:port/db of a Redis URL, without its password, for logs and /ready."""
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}/{database}"


def shared_state(redis_url: str | None, retry_seconds: float = 2.0) -> SharedState:
    if redis_url:
        state: SharedState = RedisShared(redis_url, retry_seconds)
    else:
        state = LocalShared()
        log.warning(
            "No Redis configured (CONCIERGE_REDIS_URL): rate limits and shared state are kept "
            "in this process only. Configure Redis before running more than one API process."
        )
    log.info("shared state: %s", state.description)
    return state
