"""What the browser tests share besides fixtures: the running app's address and screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "web"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # The cross-origin test serves a hotel's page from Playwright for http://localhost:8080,
    # which Chromium then counts as a public page calling a loopback address and blocks.
    "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,"
    "PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests",
]


@dataclass
class Live:
    url: str
    engine: Engine

    def login(self, username: str, password: str) -> str:
        response = httpx.post(
            f"{self.url}/v1/staff/login",
            json={"hotel": "harbor-view", "username": username, "password": password},
        )
        response.raise_for_status()
        token: str = response.json()["token"]
        return token

    def tool(self, token: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(
            f"{self.url}/v1/tools/{name}",
            json=arguments,
            headers={"Authorization": f"Bearer {token}"},
        )
        response.raise_for_status()
        result: dict[str, Any] = response.json()["result"]
        return result


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")
    return path
