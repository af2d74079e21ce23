"""Commands for hotel knowledge: `knowledge ingest|search`, `eval retrieval`, `bench knowledge`.

Registered on the main command group by `register`, so concierge/cli.py only adds one call.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from concierge.wiring import open_knowledge

DEV_SET = Path(__file__).parent.parent / "evals" / "retrieval" / "harbor-view.yaml"


def _console() -> Console:
    return Console(stderr=True)


def _emit(payload: Any) -> None:
    click.echo(json.dumps(payload, indent=2, default=str))


def ingest_with_progress(
    hotel: str, paths: list[Path], db_url: str | None, console: Console
) -> dict[str, Any]:
    """Ingest with a progress bar of chunks embedded; returns the report as JSON data."""
    from knowledge.base import document_files

    base = open_knowledge(db_url)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"embedding {hotel}", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = base.ingest(hotel, document_files(paths), progress=report)
    return {
        "hotel": result.hotel,
        "documents": result.documents,
        "chunks": result.chunks,
        "embedded": result.embedded,
        "unchanged": result.unchanged,
        "deleted": result.deleted,
        "seconds": round(result.seconds, 3),
        "chunks_per_s": round(result.chunks_per_second, 1),
    }


def ingest_demo_documents(db_url: str | None) -> list[dict[str, Any]]:
    """What `concierge seed` adds: every demo hotel's shipped documents, in the configured index."""
    from knowledge.shipped import demo_hotels, documents_of

    console = _console()
    return [
        ingest_with_progress(hotel, [documents_of(hotel)], db_url, console)
        for hotel in demo_hotels()
    ]


@click.group("knowledge")
def knowledge() -> None:
    """Hotel documents: ingest them, search them."""


@knowledge.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--hotel", required=True, help="Hotel slug, e.g. harbor-view.")
@click.option("--db", "db_url", help="Database URL (the local index sits beside an SQLite file).")
def knowledge_ingest(paths: tuple[Path, ...], hotel: str, db_url: str | None) -> None:
    """Chunk and embed documents (Markdown, HTML, PDF, text); only changed chunks are embedded."""
    try:
        _emit(ingest_with_progress(hotel, list(paths), db_url, _console()))
    except ValueError as error:
        raise click.ClickException(str(error)) from None


@knowledge.command("search")
@click.argument("query")
@click.option("--hotel", required=True, help="Hotel slug.")
@click.option("--top-k", type=click.IntRange(1, 20), default=4, show_default=True)
@click.option("--mode", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid")
@click.option("--db", "db_url", help="Database URL (the local index sits beside an SQLite file).")
def knowledge_search(query: str, hotel: str, top_k: int, mode: str, db_url: str | None) -> None:
    """Search one hotel's documents and print the passages."""
    from knowledge.base import Mode

    passages = open_knowledge(db_url).search(hotel, query, top_k, mode=Mode(mode))
    _emit({"query": query, "passages": [p.as_dict() for p in passages]})


@click.command("retrieval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--k", "k", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
@click.option("--hotel", default="harbor-view", show_default=True, help="Hotel slug.")
@click.option("--mode", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid")
@click.option(
    "--index",
    type=click.Choice(["shipped", "configured"]),
    default="shipped",
    show_default=True,
    help="The shipped demo documents (in memory), or the configured index.",
)
def eval_retrieval(
    path: Path, k: int, json_path: str | None, hotel: str, mode: str, index: str
) -> None:
    """Recall@k and MRR of the knowledge search on a {question, expect} YAML list."""
    from evals.retrieval_eval import evaluate, knowledge_search, load_items
    from knowledge.base import Mode
    from knowledge.shipped import shipped_knowledge

    base = shipped_knowledge() if index == "shipped" else open_knowledge()
    report = evaluate(load_items(path), knowledge_search(base, hotel, Mode(mode)), k)
    summary = report["summary"]
    click.echo(
        f"{summary['items']} items, {mode}: recall@{k} {summary['recall']:.3f}, "
        f"recall@1 {summary['recall_at_1']:.3f}, MRR {summary['mrr']:.3f}"
    )
    for result in report["results"]:
        if result["rank"] is None:
            click.echo(f"  missed: {result['question']}  (expect {result['expect']})")
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(report, handle, indent=2)


@click.command("knowledge")
@click.option("--chunks", type=click.IntRange(min=100), default=10_000, show_default=True)
@click.option("--iterations", type=click.IntRange(min=10), default=200, show_default=True)
@click.option(
    "--ingest-chunks",
    type=click.IntRange(min=20),
    default=300,
    show_default=True,
    help="Synthetic chunks embedded for the ingestion throughput figure.",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write results here.")
def bench_knowledge(
    chunks: int, iterations: int, ingest_chunks: int, json_path: str | None
) -> None:
    """Embedder load time, ingestion chunks/s, and p50/p95 search latency."""
    from concierge.bench_knowledge import run_benchmark
    from evals.retrieval_eval import load_items

    queries = [item.question for item in load_items(DEV_SET)]
    results = run_benchmark(
        chunks=chunks,
        iterations=iterations,
        ingest_chunks=ingest_chunks,
        queries=queries,
        console=Console(),
    )
    if json_path:
        with open(json_path, "w") as handle:
            json.dump(results, handle, indent=2)


def register(main: click.Group) -> None:
    main.add_command(knowledge)
    for group, command in (("eval", eval_retrieval), ("bench", bench_knowledge)):
        parent = main.commands.get(group)
        if isinstance(parent, click.Group):
            parent.add_command(command)
