"""Slack and Microsoft Teams: POST /slack/events and POST /teams/messages.

The adapters live in `channels/` (they know nothing of the API); this mounts them on the app
with the process's desk, its rate limits and its metrics. A platform that is not configured
still has its route, answering 503 with an error that names the settings to set.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.conversation import count_turn
from api.deps import limit_principal
from api.services import Services
from channels.config import SlackConfig, TeamsConfig
from channels.slack import slack_routes
from channels.staff import TurnHooks
from channels.teams import teams_routes


def router(
    services: Services, slack: SlackConfig | None = None, teams: TeamsConfig | None = None
) -> APIRouter:
    """The two platforms' endpoints, built on `services.desk` (and so its database).

    Their turns count against the same per-principal limit as the API's, and in its metrics.
    """
    hooks = TurnHooks(
        admit=lambda principal: limit_principal(principal, services),
        counted=lambda principal, reply: count_turn(services, principal, reply),
    )
    routes = APIRouter(tags=["channels"])
    desk = services.desk
    for route in (*slack_routes(desk, slack, hooks), *teams_routes(desk, teams, hooks=hooks)):
        routes.add_route(route.path, route.endpoint, methods=["POST"], name=route.name)
    return routes
