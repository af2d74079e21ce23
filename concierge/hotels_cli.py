"""`concierge hotels apply|export|list`: hotels from their hotel files (docs/hotel-file.md).

Registered on the main command group by `register`, so concierge/cli.py only adds one call.
Whoever runs these has the database already, so they act without a hotel account. Exit codes:
0 done, 1 a hotel that does not exist, 2 an invalid file (every error listed with its place on
standard error, nothing written).
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from concierge.wiring import open_database


@click.group("hotels")
def hotels() -> None:
    """Hotels as hotel files: apply them, export them, list them."""


@hotels.command("apply")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
@click.option("--no-knowledge", is_flag=True, help="Do not ingest the files' documents folders.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def apply_command(
    files: tuple[Path, ...], dry_run: bool, db_url: str | None, no_knowledge: bool, as_json: bool
) -> None:
    """Create each file's hotel or bring it up to date (all or nothing per file)."""
    from pms.hotels.apply import apply_hotel_file
    from pms.hotels.file import HotelFile, HotelFileInvalid, documents_folder, load_hotel_file
    from pms.schema import upgrade

    documents: list[tuple[Path, HotelFile]] = []
    errors: list[str] = []
    for path in files:
        try:
            documents.append((path, load_hotel_file(path)))
        except HotelFileInvalid as invalid:
            errors += [f"{path}: {error}" for error in invalid.errors]
    if errors:
        _fail(errors)
    db = open_database(db_url)
    results: list[dict[str, Any]] = []
    try:
        db.run(lambda session: upgrade(session.connection()))
        for path, document in documents:
            try:
                report = db.run(partial(apply_hotel_file, document=document, dry_run=dry_run))
            except HotelFileInvalid as invalid:
                _show(results, as_json)
                _fail([f"{path}: {error}" for error in invalid.errors])
            result = report.as_dict()
            folder = documents_folder(path, document)
            if folder is not None and not dry_run and not no_knowledge:
                from concierge.knowledge_cli import ingest_with_progress

                result["documents"] = ingest_with_progress(
                    document.slug, [folder], db_url, Console(stderr=True)
                )
            results.append(result)
    finally:
        db.dispose()
    _show(results, as_json)


def _show(results: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    for result in results:
        verb = "would be " if result["dry_run"] else ""
        state = (
            f"{verb}created"
            if result["created"]
            else (f"{verb}changed" if result["changed"] else "no change")
        )
        click.echo(f"{result['hotel']}: {state}")
        for change in result["changes"]:
            click.echo(f"  {change}")
        for skipped in result["skipped"]:
            click.echo(f"  skipped {skipped}")
        if "documents" in result:
            ingested = result["documents"]
            click.echo(
                f"  documents: {ingested['documents']} ingested, {ingested['embedded']} chunks "
                f"embedded, {ingested['unchanged']} unchanged"
            )


def _fail(errors: list[str]) -> None:
    for error in errors:
        click.echo(error, err=True)
    count = len(errors)
    click.echo(f"{count} error{'s' if count != 1 else ''}; nothing was written.", err=True)
    sys.exit(2)


@hotels.command("export")
@click.argument("slug")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
def export_command(slug: str, db_url: str | None) -> None:
    """Print a hotel as its hotel file (YAML)."""
    from pms.errors import PmsError
    from pms.hotels.export import export_yaml

    db = open_database(db_url)
    try:
        text = db.run(lambda session: export_yaml(session, slug))
    except PmsError as refusal:
        raise click.ClickException(refusal.message) from None
    finally:
        db.dispose()
    click.echo(text, nl=False)


@hotels.command("list")
@click.option("--db", "db_url", help="Database URL (default: the configured one).")
@click.option("--json", "as_json", is_flag=True, help="Print the hotels as JSON.")
def list_command(db_url: str | None, as_json: bool) -> None:
    """The hotels in the database: slug, name, code prefix, rooms, active staff."""
    from pms.hotels.summary import list_hotels

    db = open_database(db_url)
    try:
        found = db.run(list_hotels)
    finally:
        db.dispose()
    if as_json:
        click.echo(json.dumps([hotel.as_dict() for hotel in found], indent=2))
        return
    click.echo(f"{'slug':24} {'prefix':6} {'rooms':>5} {'staff':>5}  {'zone':20} {'cur':3}  name")
    for hotel in found:
        click.echo(
            f"{hotel.slug:24} {hotel.code_prefix:6} {hotel.rooms:5} {hotel.staff:5}  "
            f"{hotel.timezone:20} {hotel.currency:3}  {hotel.name}"
        )


@click.command("hotels")
@click.option(
    "--db",
    "db_urls",
    multiple=True,
    help="Database URL, repeatable (default: a temporary SQLite file). Give a fresh one.",
)
@click.option("--rooms", type=click.IntRange(min=1), default=1000, show_default=True)
@click.option("--reservations", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
def bench_hotels(
    db_urls: tuple[str, ...], rooms: int, reservations: int, json_path: str | None
) -> None:
    """Time applying a generated hotel file of N rooms, then re-applying it unchanged."""
    from concierge.bench_hotels import run_benchmark, show

    console = Console(stderr=True)
    try:
        results = [run_benchmark(url, rooms, reservations, console) for url in (db_urls or (None,))]
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    show(results, Console())
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(results, handle, indent=2)


def register(main: click.Group) -> None:
    main.add_command(hotels)
    bench = main.commands.get("bench")
    if isinstance(bench, click.Group):
        bench.add_command(bench_hotels)
