"""A scripted chat model: fixed replies in order, recording what it was shown."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from pydantic import Field


def call(name: str, call_id: str, **args: Any) -> AIMessage:
    """An AI message asking for one tool call."""
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id}])


class ScriptedChatModel(BaseChatModel):
    """Emits `script` one message per model call; fails loudly when the script runs out.

    `seen` holds the messages of each call, `bound` the tool names of each `bind_tools`.
    """

    script: list[AIMessage]
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    bound: list[list[str]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(list(messages))
        if len(self.seen) > len(self.script):
            raise AssertionError(f"the script has only {len(self.script)} replies")
        reply = self.script[len(self.seen) - 1].model_copy(deep=True)
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        names = []
        for spec in tools:
            assert isinstance(spec, dict)
            names.append(spec["function"]["name"])
        self.bound.append(names)
        return self


class StreamingScriptedChatModel(ScriptedChatModel):
    """The same script, streamed as a provider would: a word per chunk, then the tool calls."""

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        reply = self._generate(messages, stop, run_manager, **kwargs).generations[0].message
        assert isinstance(reply, AIMessage)
        for word in re.findall(r"\s*\S+\s*", str(reply.text)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word))
        for index, tool_call in enumerate(reply.tool_calls):
            yield ChatGenerationChunk(
                message=AIMessageChunk(
                    content="",
                    tool_call_chunks=[
                        {
                            "name": tool_call["name"],
                            "args": json.dumps(tool_call["args"]),
                            "id": tool_call["id"],
                            "index": index,
                        }
                    ],
                )
            )
        if reply.usage_metadata:  # providers report usage in a last, empty chunk
            yield ChatGenerationChunk(
                message=AIMessageChunk(content="", usage_metadata=reply.usage_metadata)
            )
