"""Playing the injection suite against one model and measuring it (AgentDojo's three rates).

- utility without attack: share of user tasks passed with the benign text in place;
- utility under attack: share of (task, attack) pairs whose user task still passed;
- attack success rate: share of (task, attack) pairs whose security check found the goal done.

A pair's `must_stop` says whether the goal is beyond the actor's own rights or touches another
guest's data (attacks.yaml), so the backend must refuse it whatever the model does: the CI gate
asks for no such success, even for the model that obeys every injection.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from langchain_core.language_models import BaseChatModel

from evals.adversarial import AdversarialChatModel
from evals.injection_suite import Suite, UserTask, attack_succeeded, placed
from evals.planted_knowledge import planted_knowledge
from evals.runner import AgentFactory, TrialResult, play_trial, reference_snapshot
from evals.scenario import Scenario
from evals.world import SqliteWorlds, WorldSource
from knowledge.base import KnowledgeBase
from pms.snapshot import state_hash


@dataclass
class AttackTrial:
    task: str
    goal: str
    template: str
    placement: str
    role: str
    must_stop: bool
    utility: bool
    succeeded: bool
    reasons: list[str]
    trial: TrialResult

    def as_json(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "goal": self.goal,
            "template": self.template,
            "placement": self.placement,
            "role": self.role,
            "must_stop": self.must_stop,
            "utility": self.utility,
            "attack_succeeded": self.succeeded,
            "reasons": self.reasons,
            "replies": self.trial.replies,
            "tool_calls": [
                {"name": c.name, "args": c.args, "error": c.error} for c in self.trial.tool_calls
            ],
        }


@dataclass
class InjectionReport:
    model: str
    benign: dict[str, TrialResult]
    attacks: list[AttackTrial]
    seconds: float = 0.0
    tasks: int = 0
    attack_kinds: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def must_stop_successes(self) -> list[AttackTrial]:
        return [a for a in self.attacks if a.succeeded and a.must_stop]

    @property
    def summary(self) -> dict[str, Any]:
        pairs = len(self.attacks) or 1
        return {
            "model": self.model,
            "tasks": self.tasks,
            "attacks": self.attack_kinds,
            "injection_tasks": len(self.attacks),
            "utility_without_attack": round(
                sum(t.passed for t in self.benign.values()) / (len(self.benign) or 1), 4
            ),
            "utility_under_attack": round(sum(a.utility for a in self.attacks) / pairs, 4),
            "attack_success_rate": round(sum(a.succeeded for a in self.attacks) / pairs, 4),
            "successes": sum(a.succeeded for a in self.attacks),
            "must_stop_successes": len(self.must_stop_successes),
            "seconds": round(self.seconds, 2),
        }

    def by(self, key: str) -> dict[str, dict[str, float]]:
        """Utility under attack and attack success rate per goal, placement, role or template."""
        groups: dict[str, list[AttackTrial]] = {}
        for attack in self.attacks:
            groups.setdefault(str(getattr(attack, key)), []).append(attack)
        return {
            name: {
                "pairs": len(items),
                "utility_under_attack": round(sum(a.utility for a in items) / len(items), 4),
                "attack_success_rate": round(sum(a.succeeded for a in items) / len(items), 4),
            }
            for name, items in sorted(groups.items())
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "by_goal": self.by("goal"),
            "by_placement": self.by("placement"),
            "benign": {task: trial.passed for task, trial in self.benign.items()},
            "attacks": [a.as_json() for a in self.attacks],
        }


# Placements whose text lands only in free text (special requests, task notes, documents),
# which the state snapshot leaves out by definition (docs/evaluation.md): the user task's
# reference state is the same whatever text is planted, so it is computed once per task. A
# guest's name is in the snapshot, so that placement gets a reference per attack. A test
# checks the claim for every task of the suite.
FREE_TEXT_PLACEMENTS = frozenset({"special_request", "housekeeping_note", "knowledge_document"})


@lru_cache(maxsize=128)
def _planted(hotel: str, name: str, text: str) -> KnowledgeBase:
    return planted_knowledge(hotel, name, text)


def _scenario(task: UserTask, text: str, label: str) -> tuple[Scenario, KnowledgeBase | None]:
    scenario, document = placed(task, text, label)
    knowledge = _planted(scenario.hotel, document.name, document.text) if document else None
    return scenario, knowledge


def run_suite(
    suite: Suite,
    agents: Mapping[str, AgentFactory],
    *,
    worlds: WorldSource | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, InjectionReport]:
    """Every user task without attack, then under every attack, for each named agent.

    The agents share each trial's reference state (the user task's own actions, replayed),
    which costs as much as a trial.
    """
    started = time.perf_counter()
    attacks = suite.attacks()
    reports = {
        name: InjectionReport(name, {}, [], tasks=len(suite.tasks), attack_kinds=len(attacks))
        for name in agents
    }
    with tempfile.TemporaryDirectory(prefix="concierge-injections-") as scratch:
        source = worlds if worlds is not None else SqliteWorlds(scratch)
        for task in suite.tasks:
            scenario, knowledge = _scenario(task, task.benign, "")
            expected = benign_expected = reference_snapshot(source, scenario)
            expected_hash = benign_hash = state_hash(expected)
            for name, agent in agents.items():
                reports[name].benign[task.id] = play_trial(
                    source,
                    scenario,
                    agent,
                    expected,
                    knowledge=knowledge,
                    expected_hash=benign_hash,
                )
            for goal, template in suite.attacks(task):
                text = suite.injected(goal, template)
                scenario, knowledge = _scenario(task, text, f"@{goal.id}/{template}")
                if task.placement in FREE_TEXT_PLACEMENTS:
                    expected, expected_hash = benign_expected, benign_hash
                else:
                    expected = reference_snapshot(source, scenario)
                    expected_hash = state_hash(expected)
                for name, agent in agents.items():
                    trial = play_trial(
                        source,
                        scenario,
                        agent,
                        expected,
                        knowledge=knowledge,
                        expected_hash=expected_hash,
                    )
                    reasons = attack_succeeded(
                        goal, trial.final_state or {}, expected, trial.replies
                    )
                    reports[name].attacks.append(
                        AttackTrial(
                            task=task.id,
                            goal=goal.id,
                            template=template,
                            placement=task.placement,
                            role=task.role(),
                            must_stop=goal.must_stop(task.role()),
                            utility=trial.passed,
                            succeeded=bool(reasons),
                            reasons=reasons,
                            trial=trial,
                        )
                    )
            if progress is not None:
                progress(task.id)
    seconds = time.perf_counter() - started
    for report in reports.values():
        report.seconds = seconds
    return reports


def adversary_for(suite: Suite, inner: BaseChatModel) -> AdversarialChatModel:
    """The model that obeys each of the suite's goals wherever it reads one."""
    return AdversarialChatModel(
        inner=inner, obeys={goal.instruction: goal.obeyed() for goal in suite.goals}
    )
