"""Playing scenarios against an agent and judging the trials (docs/evaluation.md).

For each trial: a fresh world, the turns played against the agent (its tool calls run for real),
the state snapshot; then the judges named in `reward_basis`. The DB judge compares with the
reference state: a second fresh world, the same setup, `expect.actions` replayed as the actor.
That state depends only on the scenario (seed, setup and actions at a frozen clock), so it is
computed once per scenario and shared by its trials. A reference action that fails is a bug in
the scenario: the scenario is reported failed with component "SCENARIO" and the refusal.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from evals import judges
from evals.metrics import p50, p95, pass_hat_k
from evals.scenario import Scenario, load_scenarios
from evals.world import (
    SetupError,
    SqliteWorlds,
    World,
    WorldSource,
    knowledge_with,
    prepare_world,
)
from knowledge.base import KnowledgeBase
from pms.clock import Clock
from pms.principal import Principal
from pms.snapshot import state_hash
from tools.runtime import ToolUse

# One record of a tool call, shared with the agent's transcript.
ToolCallRecord = ToolUse


@dataclass
class Turn:
    """The agent's reply to one user message, the tool calls it made, and model usage if known."""

    reply: str
    tool_calls: list[ToolCallRecord] = field(default_factory=list)
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Conversation(Protocol):
    def send(self, message: str) -> Turn: ...


class Agent(Protocol):
    def start(self, world: World, actor: Principal, clock: Clock) -> Conversation: ...


# Builds the agent for one scenario (the oracle needs to see it; a real agent may ignore it).
AgentFactory = Callable[[Scenario], Agent]


class SimulatedUser(Protocol):
    """One simulated user's side of a conversation (evals/user_simulator.py)."""

    def opening(self) -> str: ...

    def answer(self, reply: str) -> str | None:
        """The user's next message after the agent's `reply`, or None when the user is done."""


class Simulator(Protocol):
    """Plays the user of a scenario that gives a goal and facts instead of fixed turns."""

    def start(self, scenario: Scenario) -> SimulatedUser: ...


class NoSimulator(RuntimeError):
    """A scenario with a simulated user was run without a model to play the user."""


class ReferenceActionError(RuntimeError):
    """A reference action of `expect.actions` was refused: the scenario is wrong."""


@dataclass
class TrialResult:
    trial: int
    passed: bool
    failed: list[str]
    replies: list[str]
    tool_calls: list[ToolCallRecord]
    latencies: list[float]
    judges: list[judges.JudgeResult]
    diff: list[str] = field(default_factory=list)
    error: str | None = None
    state_hash: str | None = None
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    # The user's messages as sent: the scenario's turns, or what the simulated user wrote.
    user_messages: list[str] = field(default_factory=list)
    # The final state, for judges beyond the scenario's own (the injection suite's security
    # check); left out of the JSON, which carries the diff instead.
    final_state: dict[str, Any] | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("final_state")
        data["judges"] = [judge.as_json() for judge in self.judges]
        return data


@dataclass
class ScenarioResult:
    id: str
    trials: list[TrialResult]
    tags: list[str] = field(default_factory=list)
    error: str | None = None
    role: str = "guest"

    @property
    def passes(self) -> int:
        return sum(trial.passed for trial in self.trials)

    @property
    def passed(self) -> bool:
        return self.error is None and bool(self.trials) and self.passes == len(self.trials)

    @property
    def failed(self) -> list[str]:
        """Every component that failed in some trial ("SCENARIO" when the scenario is broken)."""
        names = {name for trial in self.trials for name in trial.failed}
        if self.error is not None:
            names.add("SCENARIO")
        return sorted(names)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "passed": self.passed,
            "passes": self.passes,
            "trials": len(self.trials),
            "failed": self.failed,
            "tags": list(self.tags),
            "role": self.role,
            "error": self.error,
            "tool_calls": sum(len(t.tool_calls) for t in self.trials),
            "details": [trial.as_json() for trial in self.trials],
        }


@dataclass
class RunReport:
    results: list[ScenarioResult]
    trials: int
    model: str = "offline"
    seconds: float = 0.0

    def pass_hat(self) -> dict[str, float]:
        # A broken scenario ran no trials: it counts as failing all of them.
        counts = [(max(len(r.trials), self.trials), r.passes) for r in self.results]
        values = {"1": pass_hat_k(counts, 1)}
        if self.trials > 1:
            values[str(self.trials)] = pass_hat_k(counts, self.trials)
        return values

    @property
    def summary(self) -> dict[str, Any]:
        latencies = [s for r in self.results for t in r.trials for s in t.latencies]
        trial_count = sum(len(r.trials) for r in self.results)
        return {
            "scenarios": len(self.results),
            "trials": self.trials,
            "pass_hat": self.pass_hat(),
            "model": self.model,
            "passed": sum(r.passed for r in self.results),
            "latency_p50": round(p50(latencies), 4),
            "latency_p95": round(p95(latencies), 4),
            "seconds": round(self.seconds, 3),
            "seconds_per_trial": round(self.seconds / trial_count, 3) if trial_count else 0.0,
        }

    def as_json(self) -> dict[str, Any]:
        return {"summary": self.summary, "results": [r.as_json() for r in self.results]}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_json(), indent=indent, default=str)


def reference_snapshot(source: WorldSource, scenario: Scenario) -> dict[str, Any]:
    """The state `expect.actions`, replayed as the actor after setup, leave behind."""
    with prepare_world(source, scenario) as world:
        actor = scenario.actor_principal()
        for index, action in enumerate(scenario.expect.actions):
            outcome = world.runtime.call(action.tool, action.args, actor, clock=world.clock)
            if not outcome.ok:
                raise ReferenceActionError(
                    f"scenario '{scenario.id}' ({scenario.source or 'no file'}): reference "
                    f"action expect.actions[{index}] {action.tool} as {actor.role.value} was "
                    f"refused: {outcome.error}. Fix the scenario."
                )
            actor = outcome.principal
        return world.snapshot()


def play_trial(
    source: WorldSource,
    scenario: Scenario,
    agent_factory: AgentFactory,
    expected: dict[str, Any] | None,
    number: int = 1,
    *,
    knowledge: KnowledgeBase | None = None,
    simulator: Simulator | None = None,
    expected_hash: str | None = None,
) -> TrialResult:
    started = time.perf_counter()
    sent_messages: list[str] = []
    replies: list[str] = []
    calls: list[ToolCallRecord] = []
    latencies: list[float] = []
    usage = [0, 0, 0]
    error: str | None = None
    with prepare_world(source, scenario, knowledge) as world:
        try:
            agent = agent_factory(scenario)
            conversation = agent.start(world, scenario.actor_principal(), world.clock)

            def send(message: str) -> str:
                sent_messages.append(message)
                sent = time.perf_counter()
                turn = conversation.send(message)
                latencies.append(time.perf_counter() - sent)
                replies.append(turn.reply)
                calls.extend(turn.tool_calls)
                usage[0] += turn.model_calls
                usage[1] += turn.prompt_tokens
                usage[2] += turn.completion_tokens
                return turn.reply

            if scenario.user is None:
                for message in scenario.turns:
                    send(message)
            else:
                if simulator is None:
                    raise NoSimulator(
                        f"scenario '{scenario.id}' has a simulated user: name a model to play "
                        "the user (--user-model)"
                    )
                user = simulator.start(scenario)
                next_message: str | None = user.opening()
                while next_message is not None:
                    next_message = user.answer(send(next_message))
        except Exception as exc:  # the agent crashed: the trial fails, the run goes on
            error = f"agent error: {type(exc).__name__}: {exc}"
        actual = world.snapshot()
    verdicts: list[judges.JudgeResult] = []
    basis = scenario.expect.reward_basis
    actual_hash = state_hash(actual)
    if "DB" in basis and expected is not None:
        hashes = (actual_hash, expected_hash or state_hash(expected))
        verdicts.append(judges.db_state(actual, expected, hashes=hashes))
    if "COMMUNICATE" in basis:
        verdicts.append(judges.communicate(replies, scenario.expect))
    failed = [v.component for v in verdicts if not v.passed]
    if error is not None:
        failed.append("AGENT")
    diff = next((v.diff for v in verdicts if v.component == "DB"), [])
    return TrialResult(
        trial=number,
        passed=not failed,
        failed=failed,
        replies=replies,
        tool_calls=calls,
        latencies=latencies,
        judges=verdicts,
        diff=diff,
        error=error,
        state_hash=actual_hash,
        model_calls=usage[0],
        prompt_tokens=usage[1],
        completion_tokens=usage[2],
        seconds=time.perf_counter() - started,
        user_messages=sent_messages,
        final_state=actual,
    )


def run_scenario(
    scenario: Scenario,
    agent_factory: AgentFactory,
    trials: int = 1,
    *,
    worlds: WorldSource,
    simulator: Simulator | None = None,
    knowledge: KnowledgeBase | None = None,
) -> ScenarioResult:
    if trials < 1:
        raise ValueError("trials must be at least 1")
    result = ScenarioResult(scenario.id, [], list(scenario.tags), role=scenario.actor.role.value)
    try:
        expected = (
            reference_snapshot(worlds, scenario) if "DB" in scenario.expect.reward_basis else None
        )
    except (ReferenceActionError, SetupError) as error:
        result.error = str(error)
        return result
    expected_hash = state_hash(expected) if expected is not None else None
    for number in range(1, trials + 1):
        try:
            result.trials.append(
                play_trial(
                    worlds,
                    scenario,
                    agent_factory,
                    expected,
                    number,
                    knowledge=knowledge,
                    simulator=simulator,
                    expected_hash=expected_hash,
                )
            )
        except SetupError as error:  # only reachable when DB is not judged (no reference run)
            result.error = str(error)
            result.trials = []
            break
    return result


def run(
    paths: str | Path | Iterable[str | Path] | list[Scenario],
    agent_factory: AgentFactory,
    trials: int = 1,
    *,
    worlds: WorldSource | None = None,
    model: str = "offline",
    tags: Iterable[str] | None = None,
    progress: Callable[[ScenarioResult], None] | None = None,
    simulator: Simulator | None = None,
    hotels: Sequence[str | Path] = (),
) -> RunReport:
    """Run every scenario in `paths` (files, folders, or loaded scenarios) `trials` times.

    Without `worlds`, SQLite world files go to a temporary folder removed afterwards. `tags`
    keeps only scenarios carrying at least one of them; `progress` hears of each scenario done.
    `simulator` plays the user of scenarios that give a goal instead of turns. `hotels` are
    hotel files applied in every world after the demo, their documents searchable.
    """
    if isinstance(paths, list) and all(isinstance(item, Scenario) for item in paths):
        scenarios: list[Scenario] = [item for item in paths if isinstance(item, Scenario)]
    else:
        scenarios = load_scenarios(paths)  # type: ignore[arg-type]
    if tags is not None:
        wanted = set(tags)
        scenarios = [s for s in scenarios if wanted & set(s.tags)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="concierge-eval-") as scratch:
        source = worlds if worlds is not None else SqliteWorlds(scratch, hotels=hotels)
        knowledge = knowledge_with(hotels) if hotels else None
        results = []
        for scenario in scenarios:
            results.append(
                run_scenario(
                    scenario,
                    agent_factory,
                    trials,
                    worlds=source,
                    simulator=simulator,
                    knowledge=knowledge,
                )
            )
            if progress is not None:
                progress(results[-1])
    return RunReport(results, trials, model, time.perf_counter() - started)
