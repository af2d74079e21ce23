"""The front desk of one process: what every conversation shares, handing out Assistants.

The API, the Slack and Teams adapters and the console all talk to the agent the same way: they
authenticate someone, build a `Principal`, and ask the desk for that principal's `Assistant`.
The desk keeps the tools, the model, the checkpointer, one compiled graph and each hotel's
profile (pms/hotels/profile.py), so serving a request builds nothing heavy. Thread ids from
outside are made private here: the checkpointer key is prefixed with the hotel and the
credentials' subject, so one principal can never read or continue another's conversation,
whatever id it sends.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver

from agent.assistant import Assistant
from agent.graph import build_graph
from pms.clock import Clock, SystemClock
from pms.hotels.profile import Profiles
from pms.principal import Principal
from tools.runtime import ToolRuntime


class Desk:
    def __init__(
        self,
        runtime: ToolRuntime,
        checkpointer: BaseCheckpointSaver[Any],
        model: BaseChatModel,
        *,
        model_name: str = "",
        clock: Clock | None = None,
    ) -> None:
        self.runtime = runtime
        self.checkpointer = checkpointer
        self.model = model
        self.model_name = model_name
        self.clock: Clock = clock or SystemClock()
        self.graph = build_graph(checkpointer)
        # Each hotel's profile, read again every 30 s: an admin's change reaches every turn.
        self.profiles = Profiles(runtime.db)

    def assistant(self, principal: Principal) -> Assistant:
        return Assistant(
            self.runtime,
            self.checkpointer,
            self.model,
            principal.hotel,
            principal.role,
            principal.user,
            principal.reservations,
            self.clock,
            principal.channel,
            profile=self.profiles.get(principal.hotel),
            graph=self.graph,
        )


def private_thread(principal: Principal, thread_id: str) -> str:
    """The checkpointer's key for `thread_id` as this principal sees it."""
    owner = principal.subject or principal.identity
    return f"{principal.hotel}/{owner}/{thread_id}"


def public_thread(key: str) -> str:
    """The id a stored thread is known by to its owner: the key's last part (ids have no '/')."""
    return key.rsplit("/", 1)[-1]
