"""What the service is told at start-up. Built from `concierge.settings.Settings` by the CLI.

The API never reads the environment itself: `concierge serve` turns the one Settings object into
this, so tests can build an app with any configuration directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.config import SlackConfig, TeamsConfig


@dataclass(frozen=True)
class ApiConfig:
    secret_key: str
    redis_url: str | None = None
    guest_session_seconds: int = 24 * 3600
    staff_token_seconds: int = 3600
    # Rate limits in the `limits` notation ("30/minute"); several may be joined with ";".
    chat_limit: str = "30/minute"
    address_limit: str = "300/minute"
    session_limit: str = "20/minute"
    login_limit: str = "10/minute"
    max_body_bytes: int = 64 * 1024
    max_upload_bytes: int = 10 * 1024 * 1024
    # How often the hotels' web origins are re-read for CORS, in seconds.
    origins_refresh_seconds: float = 30.0
    # Serve the widget, the demo hotel page and the staff console (web/).
    serve_web: bool = True
    # The chat platforms, when configured (their routes answer 503 otherwise).
    slack: SlackConfig | None = None
    teams: TeamsConfig | None = None
