"""A guest on the demo hotel page: the one-tag widget, opened and used from the keyboard."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import Reservation
from tests.web.browser import Live, shot

FOCUSED = """() => {
  const host = document.activeElement;
  const inner = host && host.shadowRoot ? host.shadowRoot.activeElement : null;
  return inner ? (inner.id || inner.className) : (host ? host.tagName : null);
}"""


def ask(page: Any, text: str) -> Any:
    """Type a message, press Enter, and wait for the concierge's whole answer; return it."""
    answers = page.locator(".message.assistant")
    before = answers.count()
    box = page.get_by_role("textbox", name="Your message")
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_role("log", name="Conversation")).to_have_attribute("aria-busy", "false")
    expect(answers).to_have_count(before + 1)
    return answers.last


def open_with_keyboard(page: Any) -> None:
    page.goto("/")
    launcher = page.get_by_role("button", name=re.compile("Chat with"))
    expect(launcher).to_be_visible()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == "launcher":
            break
    assert page.evaluate(FOCUSED) == "launcher", "Tab never reaches the chat button"
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name=re.compile("concierge"))).to_be_visible()
    assert page.evaluate(FOCUSED) == "concierge-input"


def test_a_guest_asks_about_breakfast_then_books_a_room(page: Any, live: Live) -> None:
    open_with_keyboard(page)
    expect(page.get_by_role("heading", name="Harbor View Hotel concierge")).to_be_visible()

    answer = ask(page, "What time is breakfast?")
    expect(answer).to_contain_text("6:30–10:30")
    expect(answer).to_contain_text("Source: dining.md")

    ask(page, "Hi there, I'd like a room from March 12th for three nights")
    ask(page, "two of us")
    ask(page, "the one with the sea view sounds lovely")
    booked = ask(page, "Flexible please, name's Hannah Berg, hannah.berg@example.com")
    expect(booked).to_contain_text(re.compile(r"HV\d{4}"))
    code = re.search(r"HV\d{4}", booked.inner_text())
    assert code is not None
    shot(page, "widget-booking")

    with Session(live.engine) as session:
        stay = session.scalars(select(Reservation).where(Reservation.code == code.group())).one()
        assert (stay.check_in, stay.check_out, stay.adults) == (
            date(2027, 3, 12),
            date(2027, 3, 15),
            2,
        )

    # Esc closes the panel and gives focus back to the button; the conversation survives a reload.
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert page.evaluate(FOCUSED) == "launcher"
    page.reload()
    page.get_by_role("button", name=re.compile("Chat with")).click()
    expect(page.locator(".message.assistant").last).to_contain_text(code.group())


def test_markup_in_a_reply_is_shown_as_text(page: Any, live: Live) -> None:
    desk = live.login("leo.martins", "harbor-leo")
    payload = "<img src=x onerror=window.__pwned=1> Okafor"
    made = live.tool(
        desk,
        "create_reservation",
        {
            "room_type": "STQ",
            "check_in": "2027-04-02",
            "check_out": "2027-04-04",
            "adults": 1,
            "guest_name": payload,
            "guest_email": "markup@example.com",
            "rate_plan": "FLEX",
        },
    )
    code = made["confirmation_code"]
    page.goto("/")
    page.evaluate("() => window.Concierge.open()")
    answer = ask(page, f"Hi, can you look up my booking? It's {code}, last name Okafor.")
    expect(answer).to_contain_text("<img src=x onerror=window.__pwned=1>")
    shot(page, "widget-markup-as-text")
    assert page.locator("img").count() == 0  # pierces the shadow root
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert page.evaluate("() => window.__pwned === undefined")


def test_the_javascript_api_and_a_phone_screen(browser: Any, live: Live) -> None:
    context = browser.new_context(
        base_url=live.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/")
        page.wait_for_function("() => window.Concierge && window.Concierge.version")
        page.evaluate(
            """() => {
              window.seen = [];
              for (const name of ["open", "close", "message", "error"]) {
                window.Concierge.on(name, (detail) => window.seen.push([name, detail && detail.role, detail && detail.text]));
              }
            }"""
        )
        page.evaluate("() => window.Concierge.send('Is there Wi-Fi?')")
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        expect(page.locator(".message.assistant").last).to_contain_text("Wi-Fi is free")
        box = dialog.bounding_box()
        assert box is not None and box["width"] >= 389 and box["height"] >= 843  # full screen
        font = page.get_by_role("textbox", name="Your message").evaluate(
            "(el) => getComputedStyle(el).fontSize"
        )
        assert font == "16px"
        # The page sets Georgia with !important on every div, p and button: not in the widget.
        family = page.locator(".message.assistant .text").last.evaluate(
            "(el) => getComputedStyle(el).fontFamily"
        )
        assert "Georgia" not in family
        shot(page, "widget-phone")
        page.evaluate("() => window.Concierge.close()")
        expect(dialog).to_be_hidden()
        seen = page.evaluate("() => window.seen")
        names = [event[0] for event in seen]
        assert names[0] == "open" and names[-1] == "close"
        assert ["message", "user", "Is there Wi-Fi?"] in seen
        assert any(
            e[0] == "message" and e[1] == "assistant" and "Wi-Fi is free" in e[2] for e in seen
        )
    finally:
        context.close()


def test_an_expired_session_starts_over_and_too_many_messages_ask_to_wait(
    page: Any, live: Live
) -> None:
    page.goto("/")
    page.evaluate("() => window.Concierge.open()")
    ask(page, "Is there Wi-Fi?")
    # The stored token stops working (expired, or signed by an old key): the widget opens a new
    # guest session and says the conversation starts over.
    page.evaluate(
        """() => {
          const state = JSON.parse(sessionStorage.getItem("concierge:harbor-view"));
          sessionStorage.setItem("concierge:harbor-view", JSON.stringify({...state, token: "stale"}));
        }"""
    )
    answer = ask(page, "Is there parking?")
    expect(answer).to_contain_text("$28")
    expect(page.locator(".message.notice")).to_contain_text("new conversation")

    # The test service lets a guest send 12 messages a minute; the next is answered 429.
    page.evaluate(
        """async () => {
          window.failures = [];
          window.Concierge.on("error", (error) => window.failures.push(error));
          // A sliding window may let one or two more through when a minute turns over.
          for (let i = 0; i < 20 && !window.failures.length; i++) await window.Concierge.send("hello");
        }"""
    )
    status = page.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"please wait \d+ s"))
    expect(page.get_by_role("button", name="Send")).to_be_disabled()
    shot(page, "widget-rate-limited")
    failures = page.evaluate("() => window.failures")
    assert [(f["status"], f["type"]) for f in failures] == [(429, "rate_limited")]


EMBED = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><h1>{title}</h1>
<script src="{api}/static/widget.js" data-hotel="harbor-view" async></script></body></html>"""


def test_the_widget_on_the_hotels_own_site_and_on_a_site_not_listed(page: Any, live: Live) -> None:
    # The pages come from Playwright (no server on those origins); the widget, its stylesheet and
    # every API call go to the real service, from a foreign origin, through CORS.
    for site in ("http://localhost:8080", "https://elsewhere.example"):
        page.route(
            f"{site}/",
            lambda route, site=site: route.fulfill(
                content_type="text/html", body=EMBED.format(title=site, api=live.url)
            ),
        )
    page.goto("http://localhost:8080/")  # listed in Harbor View's web_origins by the demo seed
    page.get_by_role("button", name=re.compile("Chat with")).click()
    expect(page.get_by_role("heading", name="Harbor View Hotel concierge")).to_be_visible()
    expect(ask(page, "What time does the pool open?")).to_contain_text("6:00")

    # A site the hotel does not list: the browser withholds the API's answer (CORS), so the
    # guest reads that the concierge cannot be reached and the developer's console says why.
    page.goto("https://elsewhere.example/")
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    page.evaluate("() => window.Concierge.send('What time is breakfast?')")
    expect(page.locator(".message.error")).to_contain_text("could not be reached")
    assert any("add https://elsewhere.example to the web_origins" in w for w in warnings)
    shot(page, "widget-origin-not-listed")
