"""`concierge bench turns`: what one guest turn costs the offline model.

Times the offline model's answer to one turn (the call that reads the guest's message; tools
and the checkpointer are not counted) for an ordinary first message, a message of digits as long
as the model reads (READ_LIMIT) and as the API accepts (4,000, answered as too long), and the
20th turn of a booking conversation and of a thread of such digit messages. The threads are real
conversations run through the agent graph on a demo database; every timed message is one the
model has not read before. CPU time is this thread's, which a busy machine inflates less than
wall time, shown beside it.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langgraph.checkpoint.memory import InMemorySaver
from rich.console import Console
from rich.table import Table

from agent.assistant import Assistant
from agent.offline import OfflineChatModel
from agent.offline.frame import READ_LIMIT
from agent.prompts import system_prompt
from agent.tooling import tool_specs
from pms.clock import FrozenClock
from pms.db import Database
from pms.hotels.profile import load_profile
from pms.principal import Principal, Role
from pms.seed.run import seed
from tools.runtime import ToolRuntime

HOTEL = "harbor-view"
NOW = FrozenClock.parse("2027-03-01T10:00:00")
LONGEST = 4000  # api/conversation.py: a chat message's max_length


def ordinary(n: int) -> str:
    """A different ordinary question for every n (so that no reading is remembered)."""
    day, nights, adults = 2 + n % 27, 1 + n // 27 % 5, 1 + n // 135 % 3
    return f"Is there a room for {adults} adults from March {day} for {nights} nights?"


def digits(size: int) -> Callable[[int], str]:
    return lambda n: (f"{n} " + "1" * size)[:size]


def _thread(db: Database, say: Callable[[int], str], turns: int) -> list[BaseMessage]:
    guest = Assistant(
        runtime=ToolRuntime(db),
        checkpointer=InMemorySaver(),
        model=OfflineChatModel(),
        hotel=HOTEL,
        role=Role.GUEST,
        clock=NOW,
    )
    for n in range(turns):
        guest.send("bench", say(10_000 + n))
    return list(guest.graph.get_state({"configurable": {"thread_id": "bench"}}).values["messages"])


def _percentiles(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    return {"p50": round(statistics.median(ms), 2), "p95": round(p95, 2)}


def measure(db: Database, iterations: int = 30, console: Console | None = None) -> dict[str, Any]:
    """p50 and p95, in ms of CPU and of wall time, of one model turn in each case."""
    console = console or Console(stderr=True)
    profile = db.run(lambda session: load_profile(session, HOTEL))
    system = SystemMessage(system_prompt(Role.GUEST, profile, NOW.at))
    offline = OfflineChatModel().for_hotel(profile, NOW.at.date())
    model = offline.bind_tools(tool_specs(Principal(hotel=HOTEL, role=Role.GUEST)))
    console.print("running three 19-turn guest conversations…")
    threads = {size: _thread(db, digits(size), 19) for size in (READ_LIMIT, LONGEST)}
    cases: dict[str, tuple[list[BaseMessage], Callable[[int], str]]] = {
        "ordinary message, turn 1": ([], ordinary),
        f"{READ_LIMIT:,}-digit message, turn 1": ([], digits(READ_LIMIT)),
        f"{LONGEST:,}-digit message, turn 1": ([], digits(LONGEST)),
        "ordinary message, turn 20 of a booking thread": (_thread(db, ordinary, 19), ordinary),
        **{
            f"{size:,}-digit message, turn 20 of a {size:,}-digit thread": (history, digits(size))
            for size, history in threads.items()
        },
    }
    results: dict[str, Any] = {}
    for name, (history, say) in cases.items():
        cpu: list[float] = []
        wall: list[float] = []
        for n in range(iterations):
            prompt = [system, *history, HumanMessage(say(20_000 + len(results) * 1000 + n))]
            started, ticked = time.perf_counter(), time.thread_time()
            model.invoke(prompt)
            cpu.append(time.thread_time() - ticked)
            wall.append(time.perf_counter() - started)
        results[name] = {"cpu_ms": _percentiles(cpu), "wall_ms": _percentiles(wall)}
    return results


def run_benchmark(db_url: str | None, iterations: int, console: Console) -> dict[str, Any]:
    """On the given demo database, or on one seeded into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="concierge-bench-turns-") as scratch:
        db = Database(db_url or f"sqlite:///{Path(scratch) / 'concierge.db'}")
        if db_url is None:
            console.print("seeding a demo database…")
            seed(db, date(2027, 3, 1))
        try:
            return measure(db, iterations, console)
        finally:
            db.engine.dispose()


def show(results: dict[str, Any], console: Console) -> None:
    table = Table(title="one guest turn of the offline model (ms)")
    for column in ("case", "CPU p50", "CPU p95", "wall p50", "wall p95"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for name, row in results.items():
        cpu, wall = row["cpu_ms"], row["wall_ms"]
        table.add_row(
            name, *(f"{v:.1f}" for v in (cpu["p50"], cpu["p95"], wall["p50"], wall["p95"]))
        )
    console.print(table)
