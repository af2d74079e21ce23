"""The LangGraph agent as the harness drives it (evals imports agent, never the reverse)."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver

from agent.assistant import Assistant
from agent.context import DEFAULT_MAX_TOOL_CALLS
from evals.runner import Turn
from evals.world import World
from pms.clock import Clock
from pms.principal import Principal


class GraphConversation:
    def __init__(self, assistant: Assistant, thread_id: str) -> None:
        self.assistant = assistant
        self.thread_id = thread_id

    def send(self, message: str) -> Turn:
        reply = self.assistant.send(self.thread_id, message)
        return Turn(
            reply=reply.text,
            tool_calls=list(reply.tool_calls),
            model_calls=reply.model_calls,
            prompt_tokens=reply.prompt_tokens,
            completion_tokens=reply.completion_tokens,
        )


class GraphAgent:
    """Plays a scenario through the real graph, with `model`, in a fresh thread per start."""

    def __init__(
        self,
        model: BaseChatModel,
        checkpointer: BaseCheckpointSaver[Any] | None = None,
        *,
        max_tool_calls: int = DEFAULT_MAX_TOOL_CALLS,
    ) -> None:
        self.model = model
        self.checkpointer: BaseCheckpointSaver[Any] = checkpointer or InMemorySaver()
        self.max_tool_calls = max_tool_calls

    def start(self, world: World, actor: Principal, clock: Clock) -> GraphConversation:
        assistant = Assistant(
            world.runtime,
            self.checkpointer,
            self.model,
            hotel=actor.hotel,
            role=actor.role,
            user=actor.user,
            reservations=actor.reservations,
            clock=clock,
            channel="eval",
            max_tool_calls=self.max_tool_calls,
        )
        return GraphConversation(assistant, f"eval-{uuid.uuid4().hex}")
