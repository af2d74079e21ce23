"""Slack and Microsoft Teams: POST /slack/events and POST /teams/messages.

The adapters live in `channels/` (they know nothing of the API); this mounts them on the app
with the process's desk. A platform that is not configured still has its route, answering 503
with an error that names the settings to set, so a misconfigured app says so.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.services import Services
from channels.config import SlackConfig, TeamsConfig
from channels.slack import slack_routes
from channels.teams import teams_routes


def router(
    services: Services, slack: SlackConfig | None = None, teams: TeamsConfig | None = None
) -> APIRouter:
    """The two platforms' endpoints, built on `services.desk` (and so its database)."""
    routes = APIRouter(tags=["channels"])
    for route in (*slack_routes(services.desk, slack), *teams_routes(services.desk, teams)):
        routes.add_route(route.path, route.endpoint, methods=["POST"], name=route.name)
    return routes
