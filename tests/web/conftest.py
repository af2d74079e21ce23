"""Browser tests: the real app on a loopback port, driven by Debian's Chromium through Playwright.

Fixtures
- `live`: the whole service (API, widget, demo page, console) on a free 127.0.0.1 port, served
  by uvicorn in a background thread from a demo-seeded SQLite file of this session, with the
  offline model and the clock frozen at `support.NOW` (T = 2027-03-01, 10:00).
- `browser`: headless /usr/bin/chromium (never a downloaded browser). Missing, the tests skip
  with the command that installs it, or fail when CI=true.
- `page`: a fresh browser context and page per test; `shot(page, name)` saves a screenshot under
  var/test-artifacts/web/ and prints its path (tests/web/browser.py).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from sqlalchemy.pool import NullPool

from agent.checkpoints import sqlite_checkpointer
from agent.desk import Desk
from agent.models import get_chat_model
from api.app import create_app
from api.config import ApiConfig
from api.services import Services
from api.shared import LocalShared
from pms.clock import FrozenClock
from pms.db import Database, make_engine
from pms.seed.run import seed
from tests.support import NOW, T, principal
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, Live
from tools.runtime import ToolRuntime


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{folder / 'concierge.db'}"
    engine = make_engine(url, poolclass=NullPool)
    clock = FrozenClock(NOW)
    seed(Database(engine=engine), T)
    db = Database(engine=make_engine(url), clock=clock)
    with sqlite_checkpointer(folder / "conversations.db") as saver:
        runtime = ToolRuntime(db)
        # The first search loads the embedder and embeds the shipped documents (seconds): do it
        # before any browser waits for an answer.
        warm = runtime.call("search_knowledge", {"query": "breakfast"}, principal("guest"))
        assert warm.error is None, warm.error
        desk = Desk(runtime, saver, get_chat_model("offline"), model_name="offline", clock=clock)
        # 12 turns a minute per guest or staff member (30 by default): enough for every test, and
        # the rate-limit test reaches it quickly.
        config = ApiConfig(
            secret_key="browser-tests-secret-key-0123456789abcdef", chat_limit="12/minute"
        )
        app = create_app(Services.build(desk, config, LocalShared()))
        sock = _free_socket()
        port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        )
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        try:
            yield Live(url=f"http://127.0.0.1:{port}", engine=engine)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sock.close()
            db.engine.dispose()
            engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, live: Live) -> Iterator[Any]:
    context = browser.new_context(base_url=live.url, viewport={"width": 1280, "height": 860})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()
    assert errors == [], f"the page raised: {errors}"
