"""Signed, short-lived tokens for guest sessions and signed-in staff (JWT, HS256).

A token carries who it was issued to and when it ends; it is checked on every request without a
database read, so any API process holding the secret can serve it. Staff tokens are also
re-checked against the account (deactivated staff are out at once) and against the shared
revocation list (sign-out). API keys are not tokens: they start with `ck_` and live in pms.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Literal

import jwt

from api.errors import ApiError
from api.shared import SharedState
from pms.principal import Role

Kind = Literal["guest", "staff"]
_ALGORITHM = "HS256"
_AUDIENCE = "concierge"


@dataclass(frozen=True)
class Claims:
    kind: Kind
    hotel: str
    role: Role
    subject: str
    token_id: str
    expires: int
    user: str | None = None

    @property
    def seconds_left(self) -> int:
        return max(0, self.expires - int(time.time()))


class Tokens:
    def __init__(self, secret: str, shared: SharedState) -> None:
        if len(secret) < 32:
            raise ValueError("The token secret must be at least 32 characters long.")
        self.secret = secret
        self.shared = shared

    def issue(
        self, kind: Kind, hotel: str, role: Role, subject: str, seconds: int, user: str | None
    ) -> tuple[str, Claims]:
        now = int(time.time())
        claims = Claims(kind, hotel, role, subject, secrets.token_urlsafe(12), now + seconds, user)
        payload = {
            "kind": kind,
            "hotel": hotel,
            "role": role.value,
            "sub": subject,
            "jti": claims.token_id,
            "iat": now,
            "exp": claims.expires,
            "aud": _AUDIENCE,
        }
        if user is not None:
            payload["user"] = user
        return jwt.encode(payload, self.secret, algorithm=_ALGORITHM), claims

    def read(self, token: str) -> Claims:
        """The claims of a genuine, unexpired, unrevoked token; 401 otherwise."""
        try:
            payload = jwt.decode(
                token,
                self.secret,
                algorithms=[_ALGORITHM],
                audience=_AUDIENCE,
                options={"require": ["exp", "sub", "jti", "kind", "hotel", "role"]},
            )
            claims = Claims(
                kind=payload["kind"],
                hotel=str(payload["hotel"]),
                role=Role(payload["role"]),
                subject=str(payload["sub"]),
                token_id=str(payload["jti"]),
                expires=int(payload["exp"]),
                user=payload.get("user"),
            )
        except jwt.ExpiredSignatureError:
            raise ApiError(
                401, "unauthenticated", "This token has expired; get a new one."
            ) from None
        except (jwt.InvalidTokenError, KeyError, ValueError):
            raise ApiError(401, "unauthenticated", "This token is not valid.") from None
        if claims.kind not in ("guest", "staff"):
            raise ApiError(401, "unauthenticated", "This token is not valid.")
        if claims.kind == "staff" and self.shared.is_revoked(claims.token_id):
            raise ApiError(401, "unauthenticated", "This token was signed out; sign in again.")
        return claims

    def revoke(self, claims: Claims) -> None:
        self.shared.revoke(claims.token_id, claims.seconds_left + 1)
