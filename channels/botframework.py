"""The Bot Framework protocol, as much of it as a Teams bot needs, on pyjwt and httpx.

Incoming: the connector signs every activity it sends with a JWT in `Authorization: Bearer`.
`Authenticator.verify` accepts it only if it is an RS256 token signed by a key in the Bot
Framework's published key set (OpenID metadata -> jwks_uri), issued by
https://api.botframework.com for this bot's app id (audience), not expired or not yet valid
(with five minutes' clock skew), with the activity's channel among the key's endorsements, and
with a `serviceurl` claim equal to the activity's `serviceUrl`, so a reply (which carries the
bot's own token) only ever goes to a service URL the connector vouched for.

Outgoing: `Connector.reply` posts to `{serviceUrl}/v3/conversations/{id}/activities/{replyTo}`
with a token the bot gets from Azure AD by the client-credentials grant (cached until shortly
before it expires).
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any
from urllib.parse import quote

import httpx
import jwt

from channels.config import TeamsConfig

# Keys are re-read after a day, or when a token names a key we do not have (at most every 5 min).
_KEYS_MAX_AGE = 24 * 3600.0
_UNKNOWN_KEY_REFRESH = 300.0


class NotAuthenticated(Exception):
    """The request's token is missing or does not prove it came from the Bot Framework."""


class Authenticator:
    def __init__(self, config: TeamsConfig, http: httpx.Client | None = None) -> None:
        self.config = config
        self.http = http or httpx.Client(timeout=10.0)
        self._keys: dict[str, dict[str, Any]] = {}
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def _refresh(self) -> None:
        metadata = self.http.get(self.config.openid_metadata_url)
        metadata.raise_for_status()
        keys = self.http.get(str(metadata.json()["jwks_uri"]))
        keys.raise_for_status()
        self._keys = {str(k["kid"]): k for k in keys.json().get("keys", []) if "kid" in k}
        self._read_at = time.monotonic()

    def key(self, kid: str) -> dict[str, Any] | None:
        with self._lock:
            age = time.monotonic() - self._read_at
            if age > _KEYS_MAX_AGE or (kid not in self._keys and age > _UNKNOWN_KEY_REFRESH):
                try:
                    self._refresh()
                except (httpx.HTTPError, ValueError, KeyError) as error:
                    raise NotAuthenticated(f"The signing keys could not be read: {error}") from None
            return self._keys.get(kid)

    def verify(self, authorization: str | None, activity: dict[str, Any]) -> dict[str, Any]:
        """The token's claims, or NotAuthenticated saying what was wrong with it."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("Send the Bot Framework's token as 'Authorization: Bearer'.")
        try:
            header = jwt.get_unverified_header(token.strip())
        except jwt.InvalidTokenError:
            raise NotAuthenticated("The token is not a JWT.") from None
        if header.get("alg") != "RS256":
            raise NotAuthenticated("The token is not signed with RS256.")
        jwk = self.key(str(header.get("kid", "")))
        if jwk is None:
            raise NotAuthenticated(
                "The token is signed with a key the Bot Framework did not publish."
            )
        endorsements = jwk.get("endorsements")
        if endorsements is not None and activity.get("channelId") not in endorsements:
            raise NotAuthenticated("The signing key is not endorsed for this channel.")
        try:
            claims: dict[str, Any] = jwt.decode(
                token.strip(),
                jwt.PyJWK(jwk, algorithm="RS256").key,
                algorithms=["RS256"],
                audience=self.config.app_id,
                issuer=self.config.issuer,
                leeway=self.config.leeway_seconds,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.InvalidTokenError as error:
            raise NotAuthenticated(f"The token is not valid: {error}.") from None
        service_url = claims.get("serviceurl") or claims.get("serviceUrl")
        if service_url is None or _normal(str(service_url)) != _normal(
            str(activity.get("serviceUrl", ""))
        ):
            raise NotAuthenticated("The token was not issued for this activity's serviceUrl.")
        return claims


def _normal(url: str) -> str:
    return url.rstrip("/").lower()


class Connector:
    """Replies to the Bot Framework connector as the bot (app id and password)."""

    def __init__(self, config: TeamsConfig, http: httpx.Client | None = None) -> None:
        self.config = config
        self.http = http or httpx.Client(timeout=15.0)
        self._token = ""
        self._expires = 0.0
        self._lock = threading.Lock()

    def token(self) -> str:
        with self._lock:
            if time.monotonic() < self._expires - 60:
                return self._token
            answer = self.http.post(
                self.config.token_url,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.config.app_id,
                    "client_secret": self.config.app_password,
                    "scope": self.config.scope,
                },
            )
            answer.raise_for_status()
            body = answer.json()
            self._token = str(body["access_token"])
            self._expires = time.monotonic() + float(body.get("expires_in", 3600))
            return self._token

    def reply(self, activity: dict[str, Any], text: str) -> None:
        """Post `text` into the activity's conversation, as a reply to it."""
        conversation = dict(activity.get("conversation") or {})
        url = (
            f"{str(activity['serviceUrl']).rstrip('/')}/v3/conversations/"
            f"{quote(str(conversation.get('id', '')), safe='')}/activities/"
            f"{quote(str(activity.get('id', '')), safe='')}"
        )
        message = {
            "type": "message",
            "text": text,
            "textFormat": "plain",
            "from": activity.get("recipient"),
            "recipient": activity.get("from"),
            "conversation": conversation,
            "replyToId": activity.get("id"),
        }
        answer = self.http.post(
            url,
            content=json.dumps(message),
            headers={
                "Authorization": f"Bearer {self.token()}",
                "Content-Type": "application/json",
            },
        )
        answer.raise_for_status()
