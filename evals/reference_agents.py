"""Two agents that check the harness, not the model.

`OracleAgent` plays the scenario's reference actions through the tool runtime as the actor and
answers with the expected outputs: every well-formed scenario must pass with it (tau-bench's
oracle check). `SilentAgent` answers politely and never calls a tool: the judges must fail it on
every scenario that changes state or expects something said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evals.runner import ToolCallRecord, Turn
from evals.scenario import Scenario
from evals.world import World
from pms.clock import Clock
from pms.principal import Principal


@dataclass
class OracleConversation:
    scenario: Scenario
    world: World
    actor: Principal
    clock: Clock
    _done: bool = field(default=False)

    def send(self, message: str) -> Turn:
        if self._done:
            return Turn(reply="Is there anything else I can help with?")
        self._done = True
        calls = []
        for action in self.scenario.expect.actions:
            outcome = self.world.runtime.call(
                action.tool, action.args, self.actor, clock=self.clock
            )
            self.actor = outcome.principal
            calls.append(
                ToolCallRecord(action.tool, dict(action.args), outcome.result, outcome.error)
            )
        reply = " ".join(self.scenario.expect.outputs) or "Done."
        return Turn(reply=reply, tool_calls=calls)


@dataclass
class OracleAgent:
    """Does exactly what the scenario expects, in the first turn."""

    scenario: Scenario

    def start(self, world: World, actor: Principal, clock: Clock) -> OracleConversation:
        return OracleConversation(self.scenario, world, actor, clock)


class SilentConversation:
    def send(self, message: str) -> Turn:
        return Turn(reply="Thank you for your message. How else may I help you today?")


class SilentAgent:
    """Never calls a tool and never says anything of substance."""

    def start(self, world: World, actor: Principal, clock: Clock) -> SilentConversation:
        return SilentConversation()


def oracle_factory(scenario: Scenario) -> OracleAgent:
    return OracleAgent(scenario)


def silent_factory(scenario: Scenario) -> SilentAgent:
    return SilentAgent()
