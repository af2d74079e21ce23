"""Markdown and HTML reports of an evaluation run, for people deciding whether to trust it.

Plain string building with `html.escape`, not a template engine: two small documents do not
justify a new dependency, and escaping in one helper (`_h`) is as safe as autoescaping. The HTML
is one self-contained file: the chart is inline SVG, with no script and nothing fetched.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from evals.report_data import (
    Group,
    ScenarioFigures,
    dollars,
    groups,
    scenario_figures,
    totals,
)


def _h(value: object) -> str:
    return html.escape(str(value), quote=True)


def _cost(value: int | None) -> str:
    return "unknown price" if value is None else dollars(value)


def _hats(group: Group) -> str:
    return ", ".join(f"pass^{k} {v:.3f}" for k, v in group.pass_hat.items())


def _conversation(trial: dict[str, Any]) -> list[tuple[str, str]]:
    """The conversation as (speaker, text): user messages and the agent's replies, in order."""
    lines: list[tuple[str, str]] = []
    for index, reply in enumerate(trial.get("replies", [])):
        sent = trial.get("user_messages", [])
        if index < len(sent):
            lines.append(("user", sent[index]))
        lines.append(("agent", reply))
    return lines


def _call(call: dict[str, Any]) -> str:
    args = json.dumps(call.get("args", {}), default=str)
    if call.get("error"):
        error = call["error"]
        return f"{call['name']}({args}) -> REFUSED {error.get('type')}: {error.get('message')}"
    return f"{call['name']}({args}) -> ok"


def _failed_trials(item: ScenarioFigures) -> list[dict[str, Any]]:
    return [t for t in item.raw.get("details", []) if not t.get("passed")]


def _reasons(trial: dict[str, Any]) -> list[str]:
    found = [r for judge in trial.get("judges", []) for r in judge.get("reasons", [])]
    return found + ([trial["error"]] if trial.get("error") else [])


def markdown(data: dict[str, Any]) -> str:
    summary = data["summary"]
    trials = int(summary.get("trials", 1))
    figures = scenario_figures(data)
    total = totals(data, figures)
    out = [
        f"# Evaluation report: {summary.get('model')}",
        "",
        f"{summary.get('scenarios')} scenarios, {trials} trial(s) each; "
        + ", ".join(f"**pass^{k} {v:.3f}**" for k, v in summary["pass_hat"].items()),
        "",
        f"Tokens: {total['prompt_tokens']} prompt, {total['completion_tokens']} completion; "
        f"cost {_cost(total['cost'])}; latency per turn p50 {total['latency_p50']:.3f} s, "
        f"p95 {total['latency_p95']:.3f} s.",
    ]
    for title, by in (("By role", "role"), ("By tag", "tag")):
        out += ["", f"## {title}", "", "| group | scenarios | pass^k | |", "|---|---|---|---|"]
        for group in groups(figures, trials, by):
            bar = "█" * round(group.pass_hat["1"] * 20)
            out.append(f"| {group.name} | {group.scenarios} | {_hats(group)} | `{bar:<20}` |")
    out += ["", "## Scenarios", "", "| scenario | role | passed | tokens | cost | mean latency |"]
    out.append("|---|---|---|---|---|---|")
    for item in figures:
        out.append(
            f"| {item.id} | {item.role} | {item.passes}/{item.trials} | "
            f"{item.prompt_tokens}+{item.completion_tokens} | {_cost(item.cost)} | "
            f"{item.latency_mean:.3f} s |"
        )
    failures = [f for f in figures if not f.passed]
    out += ["", f"## Failures ({len(failures)})"]
    for item in failures:
        out += ["", f"### {item.id} — failed {', '.join(item.failed)}"]
        if item.raw.get("error"):
            out += ["", f"Scenario error: {item.raw['error']}"]
        for trial in _failed_trials(item):
            out += ["", f"Trial {trial['trial']}:", ""]
            out += [f"- **{who}**: {text}" for who, text in _conversation(trial)]
            out += ["", "Tool calls:", ""]
            out += [f"- `{_call(c)}`" for c in trial.get("tool_calls", [])] or ["- none"]
            out += ["", "Why it failed:", ""] + [f"- {r}" for r in _reasons(trial)]
            if trial.get("diff"):
                out += ["", "State difference (reference -> actual):", "", "```diff"]
                out += [*trial["diff"], "```"]
    return "\n".join(out) + "\n"


def _svg_bars(items: list[Group]) -> str:
    """Horizontal bars of pass^1, one per group, as inline SVG."""
    row, width = 22, 300
    height = row * len(items) + 4
    parts = [f'<svg role="img" width="{width + 260}" height="{height}" aria-label="pass^1">']
    for index, group in enumerate(items):
        y = index * row + 2
        value = group.pass_hat["1"]
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="13">{_h(group.name)}</text>'
            f'<rect x="180" y="{y}" width="{width}" height="16" fill="#eee"/>'
            f'<rect x="180" y="{y}" width="{round(value * width)}" height="16" fill="#2a7"/>'
            f'<text x="{width + 188}" y="{y + 14}" font-size="12">{value:.3f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def html_report(data: dict[str, Any]) -> str:
    summary = data["summary"]
    trials = int(summary.get("trials", 1))
    figures = scenario_figures(data)
    total = totals(data, figures)
    hats = ", ".join(f"pass^{k} {v:.3f}" for k, v in summary["pass_hat"].items())
    body = [
        f"<h1>Evaluation report: {_h(summary.get('model'))}</h1>",
        f"<p>{_h(summary.get('scenarios'))} scenarios, {trials} trial(s) each: <b>{hats}</b>.",
        f"Tokens {total['prompt_tokens']} prompt, {total['completion_tokens']} completion; "
        f"cost {_h(_cost(total['cost']))}; latency per turn p50 {total['latency_p50']:.3f} s, "
        f"p95 {total['latency_p95']:.3f} s.</p>",
    ]
    for title, by in (("By role", "role"), ("By tag", "tag")):
        found = groups(figures, trials, by)
        body += [f"<h2>{title}</h2>", _svg_bars(found), "<table><tr><th>group</th>"]
        body.append("<th>scenarios</th><th>pass^k</th></tr>")
        body += [
            f"<tr><td>{_h(g.name)}</td><td>{g.scenarios}</td><td>{_h(_hats(g))}</td></tr>"
            for g in found
        ]
        body.append("</table>")
    body.append("<h2>Scenarios</h2><table><tr><th>scenario</th><th>role</th><th>passed</th>")
    body.append("<th>tokens</th><th>cost</th><th>mean latency</th></tr>")
    for item in figures:
        mark = "ok" if item.passed else "fail"
        body.append(
            f'<tr class="{mark}"><td>{_h(item.id)}</td><td>{_h(item.role)}</td>'
            f"<td>{item.passes}/{item.trials}</td>"
            f"<td>{item.prompt_tokens}+{item.completion_tokens}</td>"
            f"<td>{_h(_cost(item.cost))}</td><td>{item.latency_mean:.3f} s</td></tr>"
        )
    body.append("</table>")
    failures = [f for f in figures if not f.passed]
    body.append(f"<h2>Failures ({len(failures)})</h2>")
    for item in failures:
        body.append(f"<h3>{_h(item.id)} — failed {_h(', '.join(item.failed))}</h3>")
        if item.raw.get("error"):
            body.append(f"<p>Scenario error: {_h(item.raw['error'])}</p>")
        for trial in _failed_trials(item):
            body.append(f"<h4>Trial {_h(trial['trial'])}</h4><dl>")
            body += [f"<dt>{who}</dt><dd>{_h(text)}</dd>" for who, text in _conversation(trial)]
            body.append("</dl><p>Tool calls:</p><ul>")
            body += [f"<li><code>{_h(_call(c))}</code></li>" for c in trial.get("tool_calls", [])]
            body.append("</ul><p>Why it failed:</p><ul>")
            body += [f"<li>{_h(r)}</li>" for r in _reasons(trial)]
            body.append("</ul>")
            if trial.get("diff"):
                body.append(f"<pre>{_h(chr(10).join(trial['diff']))}</pre>")
    style = (
        "body{font-family:sans-serif;max-width:70em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
        "tr.fail td{background:#fee}pre{background:#f6f6f6;padding:8px}"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Evaluation report: {_h(summary.get('model'))}</title><style>{style}</style>"
        f"</head><body>{''.join(body)}</body></html>\n"
    )


def write_reports(data: dict[str, Any], folder: str | Path) -> tuple[Path, Path]:
    """report.md and report.html in `folder` (created)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    md, page = folder / "report.md", folder / "report.html"
    md.write_text(markdown(data), encoding="utf-8")
    page.write_text(html_report(data), encoding="utf-8")
    return md, page
