"""Staff password hashing with argon2id.

Parameters are OWASP's recommended minimum for argon2id (19 MiB, 2 iterations, 1 lane): strong
enough for staff accounts and about five times cheaper than argon2-cffi's default profile, which
matters because every evaluation trial seeds a fresh database. A hash records its own
parameters, so `verify` also accepts hashes made with other settings.

Hashes are memoised per password for the life of the process: seeding again (the test suite,
an evaluation run) costs nothing, and two seeds in one process store identical rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_memo: dict[str, str] = {}
_lock = threading.Lock()


def hash_password(password: str) -> str:
    """The argon2id hash of `password`; the same string for the same password in a process."""
    known = _memo.get(password)
    if known is not None:
        return known
    fresh = _hasher.hash(password)
    with _lock:
        # Two threads may race to hash the same password: the first one stored wins for both.
        return _memo.setdefault(password, fresh)


def hash_new_password(password: str) -> str:
    """A fresh argon2id hash of a password a person chose: its own salt, and not memoised.

    `hash_password` memoises for the seed's known demo passwords; a chosen password must not
    stay in the process's memory, and two accounts with one password must not share a hash.
    """
    return _hasher.hash(password)


class BackgroundHashes:
    """Hash a set of passwords on worker threads while the caller does other work.

    argon2 runs in C without the GIL, so the hashes are computed on another core while the seed
    builds its rows in Python; `result()` then waits for whatever is left.
    """

    def __init__(self, passwords: Iterable[str]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="argon2")
        self._jobs: dict[str, Future[str]] = {
            password: self._pool.submit(hash_password, password)
            for password in sorted(set(passwords))
        }

    def result(self) -> dict[str, str]:
        try:
            return {password: job.result() for password, job in self._jobs.items()}
        finally:
            self._pool.shutdown()


def verify(password_hash: str, password: str) -> bool:
    """Whether `password` matches `password_hash`; a malformed hash never matches."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
