"""What the chat adapters are told at start-up: secrets and the platforms' addresses.

Built by whoever starts the service (`concierge serve` from `concierge.settings.Settings`); the
adapters never read the environment. The addresses default to the platforms' public ones and
exist so that tests (and a self-hosted Slack proxy) can point them elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SLACK_API_URL = "https://slack.com/api/"
BOT_FRAMEWORK_OPENID_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_TOKEN_URL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"


@dataclass(frozen=True)
class SlackConfig:
    """A Slack app: its signing secret (Basic Information) and bot token (xoxb-...)."""

    signing_secret: str = field(repr=False)
    bot_token: str = field(repr=False)
    api_url: str = SLACK_API_URL


@dataclass(frozen=True)
class TeamsConfig:
    """A Bot Framework bot (Microsoft Teams): its app id and password (client secret)."""

    app_id: str
    app_password: str = field(repr=False)
    openid_metadata_url: str = BOT_FRAMEWORK_OPENID_METADATA
    issuer: str = BOT_FRAMEWORK_ISSUER
    token_url: str = BOT_FRAMEWORK_TOKEN_URL
    scope: str = BOT_FRAMEWORK_SCOPE
    # Clock skew allowed on incoming tokens, in seconds (Bot Framework allows 5 minutes).
    leeway_seconds: int = 300
