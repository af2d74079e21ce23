"""Recorded runs: a real model's answers saved once, then served offline in tests.

`RecordedChatModel.recording(model, path)` passes each request to `model` and keeps the answer
under a fingerprint of the request (every message, with its tool calls, and the tools bound);
`save()` writes the cassette. `RecordedChatModel.replaying(path)` (the model name
`recorded:<path>`) answers from the cassette and fails, naming the request, on one it has not
seen: a changed prompt, tool list or conversation then breaks the test instead of drifting.
With a frozen clock the graph's requests are deterministic, so a cassette replays exactly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, messages_from_dict, messages_to_dict
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from pydantic import Field

from agent.models import for_hotel
from pms.hotels.profile import HotelProfile


class RecordingMissing(LookupError):
    """The cassette has no answer for this request."""


def _tool_name(spec: Any) -> str:
    if isinstance(spec, dict):
        return str(spec.get("function", spec).get("name"))
    return str(getattr(spec, "name", getattr(spec, "__name__", spec)))


def _request(messages: Sequence[BaseMessage], tools: Sequence[str]) -> dict[str, Any]:
    """What the fingerprint covers: every message's kind, text, tool calls and ids; the tools."""
    rows = []
    for message in messages:
        row: dict[str, Any] = {"type": message.type, "content": message.content}
        if isinstance(message, AIMessage) and message.tool_calls:
            row["tool_calls"] = [
                {"name": c["name"], "args": c["args"], "id": c["id"]} for c in message.tool_calls
            ]
        call_id = getattr(message, "tool_call_id", None)
        if call_id:
            row["tool_call_id"] = call_id
        rows.append(row)
    return {"messages": rows, "tools": sorted(tools)}


def fingerprint(messages: Sequence[BaseMessage], tools: Sequence[str]) -> str:
    canonical = json.dumps(_request(messages, tools), sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class RecordedChatModel(BaseChatModel):
    path: str
    mode: Literal["record", "replay"]
    inner: BaseChatModel | None = None
    note: str = ""
    tool_specs: list[Any] = Field(default_factory=list)
    # Shared by the copies bind_tools makes, so every bound copy records into one cassette.
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @classmethod
    def recording(cls, model: BaseChatModel, path: str | Path, note: str = "") -> RecordedChatModel:
        return cls(path=str(path), mode="record", inner=model, note=note)

    @classmethod
    def replaying(cls, path: str | Path) -> RecordedChatModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        answers = {item["fingerprint"]: item for item in data["interactions"]}
        return cls(path=str(path), mode="replay", note=data.get("note", ""), answers=answers)

    @property
    def _llm_type(self) -> str:
        return f"recorded-{self.mode}"

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        copy = self.model_copy(update={"tool_specs": list(tools)})
        copy.answers = self.answers  # model_copy would share it anyway; say so
        return copy

    def for_hotel(self, profile: HotelProfile, today: date) -> RecordedChatModel:
        """A recording passes the hotel on to the model it records (the offline model needs it)."""
        if self.inner is None:
            return self
        copy = self.model_copy(update={"inner": for_hotel(self.inner, profile, today)})
        copy.answers = self.answers
        return copy

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        tools = [_tool_name(spec) for spec in self.tool_specs]
        key = fingerprint(messages, tools)
        if self.mode == "replay":
            item = self.answers.get(key)
            if item is None:
                last = messages[-1].content if messages else ""
                raise RecordingMissing(
                    f"{self.path} has no recorded answer for request {key[:12]} "
                    f"({len(messages)} messages, last: {str(last)[:80]!r}); the prompt, tools or "
                    "conversation changed since recording: record again with "
                    "`concierge eval run ... --record PATH` and a real model."
                )
            answer = messages_from_dict([item["response"]])[0]
        else:
            if self.inner is None:
                raise ValueError("a recording needs the model it records")
            model = self.inner.bind_tools(self.tool_specs) if self.tool_specs else self.inner
            answer = model.invoke(messages)
            self.answers[key] = {
                "fingerprint": key,
                "request": _request(messages, tools),
                "response": messages_to_dict([answer])[0],
            }
        if not isinstance(answer, AIMessage):
            answer = AIMessage(content=answer.content)
        return ChatResult(generations=[ChatGeneration(message=answer)])

    def save(self) -> Path:
        """Write the cassette (record mode): the note says what was recorded."""
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"note": self.note, "interactions": list(self.answers.values())}
        path.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")
        return path
