"""The long-lived objects one API process serves with, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.desk import Desk
from api.config import ApiConfig
from api.metrics import Metrics
from api.origins import HotelOrigins
from api.shared import SharedState
from api.throttle import RateLimits
from api.tokens import Tokens
from pms.db import Database


@dataclass
class Services:
    desk: Desk
    config: ApiConfig
    shared: SharedState
    tokens: Tokens
    limits: RateLimits
    origins: HotelOrigins
    metrics: Metrics = field(default_factory=Metrics)

    @property
    def db(self) -> Database:
        return self.desk.runtime.db

    @classmethod
    def build(cls, desk: Desk, config: ApiConfig, shared: SharedState) -> Services:
        services = cls(
            desk,
            config,
            shared,
            Tokens(config.secret_key),
            RateLimits(shared),
            HotelOrigins(desk.runtime.db, config.origins_refresh_seconds),
        )
        services.metrics.watch_shared(shared.health)
        return services
