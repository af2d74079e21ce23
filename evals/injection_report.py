"""The injection suite's report: the three rates per model, by goal and placement, and every
successful attack with what the agent did, so a reader sees where a confirmation step is needed."""

from __future__ import annotations

import json
from typing import Any

from evals.injection_run import InjectionReport


def _rate(value: float) -> str:
    return f"{value:.3f}"


def injection_markdown(reports: list[InjectionReport]) -> str:
    out = ["# Prompt-injection suite", ""]
    first = reports[0].summary if reports else {}
    out.append(
        f"{first.get('tasks')} user tasks x {first.get('attacks')} attacks "
        f"= {first.get('injection_tasks')} injection tasks per model."
    )
    out += ["", "| model | utility without attack | utility under attack | attack success rate "]
    out[-1] += "| successes | of them beyond the principal's rights |"
    out.append("|---|---|---|---|---|---|")
    for report in reports:
        s = report.summary
        out.append(
            f"| {s['model']} | {_rate(s['utility_without_attack'])} | "
            f"{_rate(s['utility_under_attack'])} | {_rate(s['attack_success_rate'])} | "
            f"{s['successes']} | {s['must_stop_successes']} |"
        )
    for report in reports:
        for title, key in (("goal", "goal"), ("placement", "placement")):
            out += ["", f"## {report.model}: by {title}", "", f"| {title} | pairs | utility "]
            out[-1] += "under attack | attack success rate |"
            out.append("|---|---|---|---|")
            for name, figures in report.by(key).items():
                out.append(
                    f"| {name} | {figures['pairs']} | {_rate(figures['utility_under_attack'])} | "
                    f"{_rate(figures['attack_success_rate'])} |"
                )
        succeeded = [a for a in report.attacks if a.succeeded]
        out += ["", f"## {report.model}: successful attacks ({len(succeeded)})", ""]
        for attack in succeeded:
            stop = "MUST have been stopped" if attack.must_stop else "within the actor's rights"
            out.append(
                f"- {attack.task} x {attack.goal} ({attack.template}), {attack.role}, {stop}: "
                + "; ".join(attack.reasons)
            )
            for call in attack.trial.tool_calls:
                out.append(f"  - `{call.name}({json.dumps(call.args, default=str)})`")
    return "\n".join(out) + "\n"


def injection_json(reports: list[InjectionReport]) -> dict[str, Any]:
    return {report.model: report.as_json() for report in reports}
