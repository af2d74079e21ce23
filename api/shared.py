"""State several API processes must agree on: rate-limit counters and revoked tokens.

With Redis configured every process reads and writes the same counters and revocations, so two
processes behind one load balancer limit and sign out as one. Without it (the embedded default)
both live in this process, and the log says so at start-up: that is right for one process and
wrong for several.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol
from urllib.parse import urlsplit

import redis
from limits.storage import MemoryStorage, RedisStorage, Storage

log = logging.getLogger("concierge.api")

_REVOKED = "concierge:revoked:"
_VERIFIED = "concierge:verified:"
_VALUE = "concierge:value:"


class SharedState(Protocol):
    storage: Storage
    description: str

    def revoke(self, token_id: str, seconds: int) -> None: ...

    def is_revoked(self, token_id: str) -> bool: ...

    def ready(self) -> bool: ...

    def add_verified(self, subject: str, code: str, seconds: int) -> None: ...

    def put(self, key: str, value: str, seconds: int) -> None: ...

    def get(self, key: str) -> str | None: ...

    def verified(self, subject: str) -> frozenset[str]: ...


class RedisShared:
    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.storage: Storage = RedisStorage(url, socket_timeout=2, socket_connect_timeout=2)
        self.description = f"Redis at {redis_location(url)}"

    def revoke(self, token_id: str, seconds: int) -> None:
        self.client.set(_REVOKED + token_id, b"1", ex=max(1, seconds))

    def is_revoked(self, token_id: str) -> bool:
        return bool(self.client.exists(_REVOKED + token_id))

    def add_verified(self, subject: str, code: str, seconds: int) -> None:
        key = _VERIFIED + subject
        with self.client.pipeline() as pipe:
            pipe.sadd(key, code)
            pipe.expire(key, max(1, seconds))
            pipe.execute()

    def put(self, key: str, value: str, seconds: int) -> None:
        self.client.set(_VALUE + key, value.encode(), ex=max(1, seconds))

    def get(self, key: str) -> str | None:
        value = self.client.get(_VALUE + key)
        return value.decode() if isinstance(value, bytes) else None

    def verified(self, subject: str) -> frozenset[str]:
        members: set[bytes] = self.client.smembers(_VERIFIED + subject)  # type: ignore[assignment]
        return frozenset(m.decode() for m in members)

    def ready(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False


class LocalShared:
    """The in-process fallback: correct for one API process only."""

    def __init__(self) -> None:
        self.storage: Storage = MemoryStorage()
        self.description = "this process only (no Redis configured)"
        self._revoked: dict[str, float] = {}
        self._verified: dict[str, tuple[float, frozenset[str]]] = {}
        self._values: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def revoke(self, token_id: str, seconds: int) -> None:
        with self._lock:
            now = time.monotonic()
            self._revoked = {k: v for k, v in self._revoked.items() if v > now}
            self._revoked[token_id] = now + seconds

    def is_revoked(self, token_id: str) -> bool:
        until = self._revoked.get(token_id)
        return until is not None and until > time.monotonic()

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


def redis_location(url: str) -> str:
    """host:port/db of a Redis URL, without its password, for logs and /ready."""
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}/{database}"


def shared_state(redis_url: str | None) -> SharedState:
    if redis_url:
        state: SharedState = RedisShared(redis_url)
    else:
        state = LocalShared()
        log.warning(
            "No Redis configured (CONCIERGE_REDIS_URL): rate limits and sign-outs are kept in "
            "this process only. Configure Redis before running more than one API process."
        )
    log.info("shared state: %s", state.description)
    return state
