"""Which websites may call the API from a browser: each hotel's configured web origins.

Read from the hotels table and refreshed every few seconds, so an admin's change reaches every
API process without a restart. The CORS middleware admits the union; `check_origin` then makes
sure a browser request acts only for a hotel whose own site it comes from.

While the database is unavailable the origins last read stay in force (a hotel's page keeps
working for what needs no database); before any have been read, the CORS check admits none and
`check_origin` answers 503. The CORS middleware runs outside the error handlers, so it must never
raise: a fault there would be a 500, or a dropped connection once the response has started.
"""

from __future__ import annotations

import logging
import threading
import time

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

from api.errors import ApiError
from pms.access.hotels import all_profiles
from pms.db import Database, DatabaseUnavailable

log = logging.getLogger("concierge.api")

# After a failed read, how long to keep the last known origins before trying the database again.
_RETRY_SECONDS = 1.0


class HotelOrigins:
    def __init__(self, db: Database, refresh_seconds: float) -> None:
        self.db = db
        self.refresh_seconds = refresh_seconds
        self._by_hotel: dict[str, frozenset[str]] = {}
        self._all: frozenset[str] = frozenset()
        self._read_at = float("-inf")
        self._known = False
        self._lock = threading.Lock()

    def _fresh(self) -> None:
        if time.monotonic() - self._read_at < self.refresh_seconds:
            return
        with self._lock:
            if time.monotonic() - self._read_at < self.refresh_seconds:
                return
            try:
                profiles = self.db.run(all_profiles)
            except DatabaseUnavailable:
                if not self._known:
                    raise
                log.warning("web origins: database unavailable; keeping the last known ones")
                self._read_at = time.monotonic() - self.refresh_seconds + _RETRY_SECONDS
                return
            self._known = True
            self._by_hotel = {p.slug: frozenset(p.web_origins) for p in profiles}
            self._all = (
                frozenset().union(*self._by_hotel.values()) if self._by_hotel else frozenset()
            )
            self._read_at = time.monotonic()

    def allowed_anywhere(self, origin: str) -> bool:
        try:
            self._fresh()
        except DatabaseUnavailable:
            return False
        return origin in self._all

    def allowed_for(self, hotel: str, origin: str) -> bool:
        self._fresh()
        return origin in self._by_hotel.get(hotel, frozenset())


def same_origin(origin: str, host: str | None, scheme: str) -> bool:
    return host is not None and origin in (
        f"{scheme}://{host}",
        f"http://{host}",
        f"https://{host}",
    )


def check_origin(
    origins: HotelOrigins, hotel: str, origin: str | None, host: str | None, scheme: str
) -> None:
    """Refuse a browser request from another hotel's website (or any site not listed)."""
    if origin is None or same_origin(origin, host, scheme):
        return
    if not origins.allowed_for(hotel, origin):
        raise ApiError(
            403,
            "not_permitted",
            f"Pages on {origin} may not act for this hotel; an admin can add the origin.",
        )


class HotelCORS(CORSMiddleware):
    """Starlette's CORS handling, with the allowed origins read from the hotels."""

    def __init__(self, app: ASGIApp, origins: HotelOrigins) -> None:
        super().__init__(
            app,
            allow_origins=[],
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                "X-Concierge-Thread",
            ],
            expose_headers=["Retry-After", "X-Concierge-Thread"],
            max_age=600,
        )
        self.origins = origins

    def is_allowed_origin(self, origin: str) -> bool:
        return self.origins.allowed_anywhere(origin)
