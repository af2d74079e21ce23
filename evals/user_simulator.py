"""A chat model playing the user, as tau-bench's user simulator does, for runs with a real model.

The scenario's `user` gives a goal and facts. The simulator's model is told to pursue the goal
one message at a time, to give a fact only when the agent asks for it, and to write the stop
token when the goal is reached (or cannot be). The roles are flipped for it: its own messages
are the AI side, the agent's replies the human side. Scripted turns stay the default; CI plays
this only with scripted models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from evals.scenario import Scenario, SimulatedUser

STOP = "###STOP###"


def instructions(user: SimulatedUser) -> str:
    facts = json.dumps(user.facts, indent=1, ensure_ascii=False, default=str)
    persona = f"\nYou are: {user.persona}" if user.persona else ""
    return (
        "You are a user talking to a hotel's assistant. Do not pretend to be the assistant."
        f"{persona}\n\nYour goal: {user.goal}\n\n"
        f"What you know (JSON):\n{facts}\n\n"
        "Rules:\n"
        "- Write one short message at a time, as this user would.\n"
        "- Give a fact only when the assistant asks for it; never invent a fact.\n"
        f"- When your goal is met, or cannot be met, write {STOP} and nothing else.\n"
    )


@dataclass
class ModelUser:
    """One simulated user: the model, its instructions and the conversation so far."""

    model: BaseChatModel
    user: SimulatedUser
    history: list[BaseMessage] = field(default_factory=list)
    sent: int = 0

    def _say(self) -> str | None:
        if self.sent >= self.user.max_turns:
            return None
        answer = self.model.invoke([SystemMessage(instructions(self.user)), *self.history])
        text = answer.text if isinstance(answer.text, str) else str(answer.text)
        if STOP in text:
            return None
        self.history.append(AIMessage(content=text))
        self.sent += 1
        return text

    def opening(self) -> str:
        # The model speaks first; an opening that stops at once still sends its goal.
        self.history.append(HumanMessage(content="(The assistant is waiting for your message.)"))
        return self._say() or self.user.goal

    def answer(self, reply: str) -> str | None:
        self.history.append(HumanMessage(content=reply))
        return self._say()


@dataclass
class ModelSimulator:
    """Starts a `ModelUser` with `model` for each scenario that has a simulated user."""

    model: BaseChatModel

    def start(self, scenario: Scenario) -> ModelUser:
        if scenario.user is None:
            raise ValueError(f"scenario '{scenario.id}' has fixed turns, not a simulated user")
        return ModelUser(self.model, scenario.user)
