"""The `concierge` command: seed, tools, night audit, benchmarks."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

from concierge.wiring import open_database, open_knowledge
from pms.clock import FrozenClock
from pms.principal import Principal, Role


def _clock(now: str | None) -> FrozenClock | None:
    if now is None:
        return None
    try:
        return FrozenClock.parse(now)
    except ValueError:
        raise click.BadParameter(
            f"'{now}' is not an ISO datetime such as 2027-03-01T10:00:00", param_hint="--now"
        ) from None


def _emit(payload: Any) -> None:
    click.echo(json.dumps(payload, indent=2, default=str))


@click.group()
def main() -> None:
    """Concierge: a hotel's agent, its system of record and its evaluations."""


@main.command()
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Business date (default: today where the demo hotel is, in its time zone).",
)
@click.option("--rooms", type=click.IntRange(min=4), help="Build a synthetic hotel of N rooms.")
@click.option("--reservations", type=click.IntRange(min=0), help="Synthetic reservations in all.")
@click.option("--no-knowledge", is_flag=True, help="Do not ingest the demo hotels' documents.")
def seed(
    db_url: str | None,
    today: Any,
    rooms: int | None,
    reservations: int | None,
    no_knowledge: bool,
) -> None:
    """Create the schema and the demo hotels (or a synthetic hotel for benchmarks)."""
    from rich.progress import Progress

    from pms.errors import PmsError
    from pms.seed.run import seed as run_seed

    day: date = today.date() if today else demo_today()
    db = open_database(db_url)
    with Progress(transient=True, console=_stderr_console()) as progress:
        tasks: dict[str, Any] = {}

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = progress.add_task(step, total=total)
            progress.update(tasks[step], completed=done, total=total)

        try:
            counts = run_seed(db, day, rooms=rooms, reservations=reservations, progress=report)
        except PmsError as refusal:
            raise click.ClickException(refusal.message) from None
    payload: dict[str, Any] = {
        "seeded": str(db.engine.url.render_as_string(hide_password=True)),
        "today": day.isoformat(),
        "counts": counts,
    }
    if rooms is None and not no_knowledge:
        from concierge.knowledge_cli import ingest_demo_documents

        payload["knowledge"] = ingest_demo_documents(db_url)
    _emit(payload)


def demo_today(moment: datetime | None = None) -> date:
    """Today's date where the demo hotel is, not on the machine's clock (often UTC).

    Seeding with the hotel's own date means the night audit that `concierge serve` runs finds
    nothing to close at start, and closes the day at the hotel's audit time, as a hotel would.
    """
    from pms.seed.demo import demo_hotel

    zone = ZoneInfo(demo_hotel("harbor-view").timezone)
    return (moment.astimezone(zone) if moment else datetime.now(zone)).date()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@main.group()
def tools() -> None:
    """The tool catalogue, as the agent sees it."""


@tools.command("call")
@click.argument("name")
@click.option("--hotel", required=True, help="Hotel slug, e.g. harbor-view.")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--user", help="Staff username (staff roles).")
@click.option("--reservation", "reservations", multiple=True, help="Code a guest has verified.")
@click.option("--args", "args_json", default="{}", help="Tool arguments as a JSON object.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
@click.option("--now", help="Freeze the clock at this hotel-local ISO datetime.")
def tools_call(
    name: str,
    hotel: str,
    role: str,
    user: str | None,
    reservations: tuple[str, ...],
    args_json: str,
    db_url: str | None,
    now: str | None,
) -> None:
    """Call one tool and print its JSON result (exit 3 on a refusal)."""
    from tools import registry
    from tools.runtime import ToolRuntime

    if registry.get(name) is None:
        known = ", ".join(sorted(t.name for t in registry.all_tools()))
        raise click.UsageError(f"Unknown tool '{name}'. Tools: {known}")
    try:
        arguments = json.loads(args_json)
    except json.JSONDecodeError as error:
        raise click.BadParameter(f"not valid JSON ({error})", param_hint="--args") from None
    if not isinstance(arguments, dict):
        raise click.BadParameter("must be a JSON object", param_hint="--args")
    actor = Principal(
        hotel=hotel, role=Role(role), user=user, reservations=frozenset(reservations), channel="cli"
    )
    runtime = ToolRuntime(open_database(db_url), knowledge=lambda: open_knowledge(db_url))
    outcome = runtime.call(name, arguments, actor, clock=_clock(now))
    _emit(outcome.as_json())
    if not outcome.ok:
        sys.exit(3)


@tools.command("list")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Only this role's tools.")
def tools_list(role: str | None) -> None:
    """List the tools, their kind and the roles that may use them."""
    from tools import registry

    for tool in registry.all_tools():
        if role and Role(role) not in tool.roles:
            continue
        roles = ",".join(sorted(r.value for r in tool.roles))
        first_line = tool.description.splitlines()[0] if tool.description else ""
        click.echo(f"{tool.name:26} {tool.kind.value:5} {roles:52} {first_line}")


@main.command("night-audit")
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--user", help="Manager or admin username running the audit.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
@click.option("--now", help="Freeze the clock at this hotel-local ISO datetime.")
def night_audit(hotel: str, user: str | None, db_url: str | None, now: str | None) -> None:
    """Post tonight's room charges, mark no-shows and move the business date forward."""
    from pms.errors import PmsError
    from pms.night_audit import service

    actor = Principal(hotel=hotel, role=Role.ADMIN, user=user, channel="cli")
    db = open_database(db_url)
    try:
        summary = db.run(lambda session: service.run(session, actor), clock=_clock(now))
    except PmsError as refusal:
        _emit({"error": refusal.as_dict()})
        sys.exit(3)
    _emit(summary.model_dump(mode="json"))


@main.group()
def bench() -> None:
    """Benchmarks that print p50 and p95 latencies."""


@bench.command("pms")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
@click.option("--rooms", type=click.IntRange(min=10), default=1000, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
@click.option("--iterations", type=click.IntRange(min=5), default=200, show_default=True)
def bench_pms(db_url: str | None, rooms: int, json_path: str | None, iterations: int) -> None:
    """Time the services behind the busiest tools on a synthetic hotel of N rooms."""
    from concierge.bench_pms import run_benchmark

    results = run_benchmark(
        open_database(db_url), rooms=rooms, iterations=iterations, console=_stderr_console()
    )
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(results, handle, indent=2)


@bench.command("prompts")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
def bench_prompts(json_path: str | None) -> None:
    """Tokens of each role's system prompt and tool schemas, as sent to an OpenAI model."""
    from concierge.bench_prompts import measure, print_sizes

    sizes = measure()
    print_sizes(sizes)
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(sizes, handle, indent=2)


@bench.command("turns")
@click.option("--db", "db_url", help="A demo database (default: a freshly seeded SQLite file).")
@click.option("--iterations", type=click.IntRange(min=2), default=30, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
def bench_turns(db_url: str | None, iterations: int, json_path: str | None) -> None:
    """CPU and wall time of one offline-model turn: ordinary, 4,000 digits, the 20th turn."""
    from rich.console import Console

    from concierge.bench_turns import run_benchmark, show

    results = run_benchmark(db_url, iterations, _stderr_console())
    show(results, Console())
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(results, handle, indent=2)


@bench.command("api")
@click.option(
    "--users",
    "levels",
    multiple=True,
    type=click.IntRange(min=1),
    default=(1, 10, 50),
    show_default=True,
    help="Concurrent guest conversations.",
)
@click.option("--seconds", type=click.IntRange(min=5), default=30, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--db", "db_url", help="Database URL (default: a freshly seeded SQLite file).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
def bench_api(
    levels: tuple[int, ...], seconds: int, workers: int, db_url: str | None,
    json_path: str | None,
) -> None:  # fmt: skip
    """Per-turn latency of POST /v1/chat under concurrent guests (locust on loopback)."""
    from rich.console import Console

    from concierge.load.bench import run, show

    console = Console(stderr=True)
    results = run(list(levels), seconds, workers, db_url, console)
    show(results, Console())
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(results, handle, indent=2)


def _register_knowledge_commands() -> None:
    from concierge.knowledge_cli import register

    register(main)


def _register_conversation_commands() -> None:
    from concierge.conversation import chat, evaluate

    main.add_command(evaluate)
    main.add_command(chat)


def _register_hotel_commands() -> None:
    from concierge.hotels_cli import register

    register(main)


def _register_service_commands() -> None:
    from concierge.access_cli import register
    from concierge.serve import serve

    main.add_command(serve)
    register(main)


_register_conversation_commands()
_register_knowledge_commands()
_register_hotel_commands()
_register_service_commands()

if __name__ == "__main__":
    main()
