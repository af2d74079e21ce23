"""Signed, short-lived tokens for guest sessions and signed-in staff (JWT, HS256).

A token carries who it was issued to and when it ends; it is checked on every request without a
database read, so any API process holding the secret can serve it. Staff tokens also carry the
account's token version, and the account is re-read on every request (api/deps.py): deactivated
staff are out at once, and so is every token issued before a sign-out, whatever happens to
Redis. API keys are not tokens: they start with `ck_` and live in pms.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Literal

import jwt

from api.errors import ApiError
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
    # Staff: the account's token version when this token was issued (pms/access/staff.py).
    version: int = 0

    @property
    def seconds_left(self) -> int:
        return max(0, self.expires - int(time.time()))


class Tokens:
    def __init__(self, secret: str) -> None:
        if len(secret) < 32:
            raise ValueError("The token secret must be at least 32 characters long.")
        self.secret = secret

    def issue(
        self,
        kind: Kind,
        hotel: str,
        role: Role,
        subject: str,
        seconds: int,
        user: str | None,
        version: int = 0,
    ) -> tuple[str, Claims]:
        now = int(time.time())
        claims = Claims(
            kind, hotel, role, subject, secrets.token_urlsafe(12), now + seconds, user, version
        )
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
        if kind == "staff":
            payload["ver"] = version
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
                version=int(payload.get("ver", 0)),
            )
        except jwt.ExpiredSignatureError:
            raise ApiError(
                401, "unauthenticated", "This token has expired; get a new one."
            ) from None
        except (jwt.InvalidTokenError, KeyError, ValueError, TypeError):
            raise ApiError(401, "unauthenticated", "This token is not valid.") from None
        if claims.kind not in ("guest", "staff"):
            raise ApiError(401, "unauthenticated", "This token is not valid.")
        return claims
