"""Each run carries the hotel's profile and business date, however the conversation started.

`concierge chat` and evaluation runs build their Assistant from a hotel slug alone (as the API's
desk does with a profile it keeps): the model must still be told the hotel's local time and its
business date (the services' "today"), never the UTC clock's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from langchain_core.messages import AIMessage, SystemMessage
from langgraph.checkpoint.memory import InMemorySaver
from sqlalchemy import update
from sqlalchemy.orm import Session

from agent.assistant import Assistant
from agent.desk import Desk
from pms.clock import FrozenClock
from pms.db import Database
from pms.models import Hotel, RoomType
from tests.agent.scripted import ScriptedChatModel
from tests.support import principal
from tools.runtime import ToolRuntime


def _system_prompt(db: Database, clock: FrozenClock) -> str:
    """The system prompt the model is shown, for an Assistant built as `concierge chat` and
    `evals/graph_agent.py` build theirs (hotel slug, no time zone, no profile)."""
    model = ScriptedChatModel(script=[AIMessage(content="Hello!")])
    Assistant(ToolRuntime(db), InMemorySaver(), model, "harbor-view", "guest", clock=clock).send(
        "t", "hi"
    )
    (first, *_) = model.seen[0]
    assert isinstance(first, SystemMessage)
    return str(first.content)


def test_the_model_is_told_the_hotels_local_time_not_utc(db: Database) -> None:
    # 03:30 UTC on 2 March is 22:30 on 1 March in New York, the hotel's zone.
    prompt = _system_prompt(db, FrozenClock(datetime(2027, 3, 2, 3, 30, tzinfo=UTC)))
    assert "22:30" in prompt and "America/New_York" in prompt
    assert "03:30" not in prompt and "2027-03-02" not in prompt


def test_today_is_the_hotels_business_date_until_the_night_audit_moves_it(db: Database) -> None:
    # 01:00 hotel time on 2 March, before the night audit: the services' today is 1 March.
    prompt = _system_prompt(db, FrozenClock(datetime(2027, 3, 2, 1, 0)))
    assert "Today: Monday 2027-03-01" in prompt and "01:00" in prompt
    assert "2027-03-02" not in prompt

    def audited(session: Session) -> None:
        session.execute(
            update(Hotel).where(Hotel.slug == "harbor-view").values(business_date=date(2027, 3, 2))
        )

    db.run(audited)
    assert "Today: Tuesday 2027-03-02" in _system_prompt(
        db, FrozenClock(datetime(2027, 3, 2, 4, 0))
    )


def test_the_prompt_states_the_hotels_own_facts(db: Database) -> None:
    prompt = _system_prompt(db, FrozenClock(datetime(2027, 3, 1, 10, 0)))
    assert '"Harbor View Hotel"' in prompt  # its name, not its slug
    assert "Check-in from 15:00, check-out by 11:00; amounts in USD." in prompt
    assert "STE Harbor Suite (max 4" in prompt
    assert "NRF Non-refundable: 15% off, prepaid, never refunded" in prompt
    assert "breakfast $25.00/adult/night" in prompt


def test_the_desk_keeps_a_profile_that_an_admins_change_reaches(db: Database) -> None:
    seconds = [0.0]
    desk = Desk(ToolRuntime(db), InMemorySaver(), ScriptedChatModel(script=[]))
    desk.profiles._monotonic = lambda: seconds[0]
    guest = principal("guest")
    assert desk.assistant(guest).profile.room_type("STE").name == "Harbor Suite"  # type: ignore[union-attr]

    def renamed(session: Session) -> None:
        session.execute(update(RoomType).where(RoomType.code == "STE").values(name="Grand Suite"))

    db.run(renamed)
    assert desk.assistant(guest).profile.room_type("STE").name == "Harbor Suite"  # type: ignore[union-attr]
    seconds[0] = 31.0
    assert desk.assistant(guest).profile.room_type("STE").name == "Grand Suite"  # type: ignore[union-attr]
