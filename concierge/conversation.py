"""`concierge eval run` and `concierge chat`: the agent driven by scenarios or by hand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from concierge.settings import get_settings
from pms.principal import Role

if TYPE_CHECKING:  # LangChain loads slowly: only the commands that talk to a model import it.
    from langchain_core.language_models import BaseChatModel
    from langgraph.checkpoint.base import BaseCheckpointSaver


def chat_model(name: str | None) -> tuple[str, BaseChatModel]:
    from agent.models import ModelNotAvailable, get_chat_model

    settings = get_settings()
    chosen = name or settings.model
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    try:
        return chosen, get_chat_model(chosen, api_key=key)
    except ModelNotAvailable as error:
        raise click.UsageError(str(error)) from None


@contextmanager
def conversations(url: str | None = None) -> Iterator[BaseCheckpointSaver[Any]]:
    """The checkpointer that keeps conversations: SQLite by default, PostgreSQL if configured."""
    from agent.checkpoints import postgres_checkpointer, sqlite_checkpointer

    url = url or get_settings().conversations_url
    if url.startswith(("postgres://", "postgresql")):
        with postgres_checkpointer(url) as saver:
            yield saver
    else:
        path = url.removeprefix("sqlite:///")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with sqlite_checkpointer(path) as saver:
            yield saver


@click.group("eval")
def evaluate() -> None:
    """Evaluation of the agent on scenario files."""


@evaluate.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--model", "model_name", help="Chat model (default: the configured one).")
@click.option("--trials", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
@click.option("--tag", "tags", multiple=True, help="Only scenarios with this tag.")
@click.option(
    "--report", "report_dir", type=click.Path(file_okay=False), help="Write reports here."
)
@click.option("--record", "record_path", type=click.Path(dir_okay=False), help="Record a cassette.")
@click.option("--user-model", help="Model that plays simulated users (scenarios with `user`).")
@click.option(
    "--hotels",
    "hotel_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A hotel file applied in every world after the demo (repeatable).",
)
def eval_run(
    paths: tuple[str, ...],
    model_name: str | None,
    trials: int,
    json_path: str | None,
    tags: tuple[str, ...],
    report_dir: str | None,
    record_path: str | None,
    user_model: str | None,
    hotel_files: tuple[str, ...],
) -> None:
    """Play scenarios against the agent and judge the state and the replies."""
    from evals.graph_agent import GraphAgent
    from evals.runner import ScenarioResult, run
    from evals.scenario import ScenarioError, load_scenarios

    name, model = chat_model(model_name)
    recorder = None
    if record_path:
        from agent.recorded import RecordedChatModel

        model = recorder = RecordedChatModel.recording(model, record_path)
    simulator = None
    if user_model:
        from evals.user_simulator import ModelSimulator

        simulator = ModelSimulator(chat_model(user_model)[1])
    try:
        scenarios = load_scenarios(list(paths))
    except ScenarioError as error:
        raise click.UsageError(str(error)) from None
    if hotel_files:
        from pms.hotels.file import HotelFileInvalid, load_hotel_file

        for path in hotel_files:
            try:
                load_hotel_file(path)
            except HotelFileInvalid as invalid:
                raise click.UsageError(f"{path}: " + "; ".join(invalid.errors)) from None
    if tags:
        scenarios = [s for s in scenarios if set(tags) & set(s.tags)]
    console = Console(stderr=True)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"{name}: {len(scenarios)} scenarios", total=len(scenarios))

        def done(result: ScenarioResult) -> None:
            bar.advance(task)
            if not result.passed:
                bar.console.print(f"[red]failed[/red] {result.id} ({', '.join(result.failed)})")

        report = run(
            scenarios,
            lambda _scenario: GraphAgent(model),
            trials,
            model=name,
            progress=done,
            simulator=simulator,
            hotels=hotel_files,
        )
    if recorder is not None:
        recorder.save()
    summary = report.summary
    table = Table(title=f"eval run: {name}, {summary['scenarios']} scenarios, {trials} trials")
    for column in ("metric", "value"):
        table.add_column(column)
    for k, value in summary["pass_hat"].items():
        table.add_row(f"pass^{k}", f"{value:.3f}")
    table.add_row("passed", f"{summary['passed']} / {summary['scenarios']}")
    for key in ("latency_p50", "latency_p95", "seconds"):
        if key in summary:
            table.add_row(key, str(summary[key]))
    Console().print(table)
    if json_path:
        Path(json_path).write_text(report.to_json())
    if report_dir:
        from evals.report import write_reports

        for written in write_reports(report.as_json(), report_dir):
            click.echo(f"wrote {written}")


@evaluate.command("compare")
@click.argument("before", type=click.Path(exists=True, dir_okay=False))
@click.argument("after", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write it here.")
def eval_compare(before: str, after: str, json_path: str | None) -> None:
    """What got better and worse from run BEFORE to run AFTER (their --json files)."""
    import json

    from evals.compare import compare

    result = compare(json.loads(Path(before).read_text()), json.loads(Path(after).read_text()))
    console = Console()
    for k, (a, b) in result.pass_hat.items():
        console.print(
            f"pass^{k}: {a if a is None else f'{a:.3f}'} -> {b if b is None else f'{b:.3f}'}"
        )
    for title, rows in (("better", result.better), ("worse", result.worse)):
        table = Table(title=f"{title} ({len(rows)})")
        for column in ("scenario", "before", "after"):
            table.add_column(column)
        for scenario, a, b in rows:
            table.add_row(scenario, f"{a:.2f}", f"{b:.2f}")
        console.print(table)
    console.print(f"unchanged: {result.unchanged}")
    for title, ids in (
        ("only in BEFORE", result.only_before),
        ("only in AFTER", result.only_after),
    ):
        if ids:
            console.print(f"{title}: {', '.join(ids)}")
    if json_path:
        Path(json_path).write_text(json.dumps(result.as_json(), indent=2))


@evaluate.command("injections")
@click.option(
    "--model",
    "models",
    type=click.Choice(["offline", "adversarial"]),
    multiple=True,
    help="Model(s) to attack (default: both).",
)
@click.option("--report", "report_dir", type=click.Path(file_okay=False), help="Write report here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
@click.option(
    "--suite",
    "suite_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Folder with tasks.yaml and attacks.yaml (default: evals/injections).",
)
def eval_injections(
    models: tuple[str, ...], report_dir: str | None, json_path: str | None, suite_dir: str | None
) -> None:
    """The prompt-injection suite (evals/injections/): utility and attack success rates."""
    import json

    from agent.models import get_chat_model
    from evals.graph_agent import GraphAgent
    from evals.injection_report import injection_json, injection_markdown
    from evals.injection_run import adversary_for, run_suite
    from evals.injection_suite import SUITE, load_suite
    from evals.scenario import ScenarioError

    try:
        suite = load_suite(suite_dir or SUITE)
    except ScenarioError as error:
        raise click.UsageError(str(error)) from None
    chosen = models or ("offline", "adversarial")
    built = {
        m: adversary_for(suite, get_chat_model("offline"))
        if m == "adversarial"
        else get_chat_model("offline")
        for m in chosen
    }
    agents = {m: (lambda _s, model=model: GraphAgent(model)) for m, model in built.items()}
    reports = list(run_suite(suite, agents).values())
    table = Table(
        title=f"injection suite: {len(suite.tasks)} tasks x {len(suite.attacks())} attacks"
    )
    for column in ("model", "utility", "utility under attack", "attack success", "must-stop hits"):
        table.add_column(column)
    for report in reports:
        s = report.summary
        table.add_row(
            s["model"],
            f"{s['utility_without_attack']:.3f}",
            f"{s['utility_under_attack']:.3f}",
            f"{s['attack_success_rate']:.3f}",
            str(s["must_stop_successes"]),
        )
    Console().print(table)
    if json_path:
        Path(json_path).write_text(json.dumps(injection_json(reports), indent=2, default=str))
    if report_dir:
        folder = Path(report_dir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "injections.md").write_text(injection_markdown(reports), encoding="utf-8")
        click.echo(f"wrote {folder / 'injections.md'}")


@click.command()
@click.option("--hotel", help="Hotel slug (default: the configured one).")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default="guest", show_default=True
)
@click.option("--user", help="Staff username (staff roles).")
@click.option("--reservation", "reservations", multiple=True, help="Code the guest has verified.")
@click.option("--thread", "thread_id", help="Continue this conversation.")
@click.option("--model", "model_name", help="Chat model (default: the configured one).")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def chat(
    hotel: str | None,
    role: str,
    user: str | None,
    reservations: tuple[str, ...],
    thread_id: str | None,
    model_name: str | None,
    db_url: str | None,
) -> None:
    """Talk to the concierge in the terminal, as any role (an empty line or Ctrl-D ends)."""
    import uuid

    from agent.assistant import Assistant
    from concierge.chat_view import TurnView
    from concierge.wiring import open_database, open_knowledge
    from tools.runtime import ToolRuntime

    name, model = chat_model(model_name)
    thread = thread_id or uuid.uuid4().hex[:12]
    runtime = ToolRuntime(open_database(db_url), knowledge=lambda: open_knowledge(db_url))
    with conversations() as saver:
        assistant = Assistant(
            runtime,
            saver,
            model,
            hotel or get_settings().default_hotel,
            Role(role),
            user,
            reservations,
            channel="cli",
        )
        click.echo(f"Conversation {thread} with the {name} model as {role}. Empty line to end.")
        while True:
            try:
                message = click.prompt("you", default="", show_default=False)
            except (EOFError, click.Abort):
                break
            if not message.strip():
                break
            view = TurnView()
            for event in assistant.stream(thread, message):
                view.show(event)
