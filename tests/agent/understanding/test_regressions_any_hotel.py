"""Readings that broke when the demo's words became hotel data, and were mended in general."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agent.offline import OfflineChatModel
from agent.offline.answers import fact_answer
from agent.understanding.vocabulary import VocabEntry, best_match
from tests.agent.quayside import PROFILE
from tests.support import T


@pytest.mark.parametrize(
    "question",
    [
        "My son is 19, can he check in on his own?",
        "A guest is asking whether we can keep her bags after check-out - do we charge for that?",
    ],
)
def test_a_question_that_names_check_in_but_asks_no_time_is_left_to_the_documents(
    question: str,
) -> None:
    # The hotel's check-in time had answered an age rule and a luggage question.
    assert fact_answer(question.lower(), PROFILE) is None


@pytest.mark.parametrize(
    "question", ["What time is check-in?", "When is checkout?", "check-in time please"]
)
def test_a_question_about_the_times_is_answered_from_the_hotels_data(question: str) -> None:
    assert fact_answer(question.lower(), PROFILE)


def test_a_greeting_in_another_language_is_no_surname() -> None:
    # Letters of any alphabet made "Grüss Gott" a name, and the lookup asked for "Gott".
    model = (
        OfflineChatModel()
        .for_hotel(PROFILE, T)
        .bind_tools([{"name": n} for n in ("find_reservation", "get_reservation", "get_folio")])
    )
    reply = model.invoke(
        [
            SystemMessage("You are talking with a guest."),
            HumanMessage(
                "Grüss Gott, Felix Wagner from room 108, booking QSI1001. What is my bill?"
            ),
        ]
    )
    assert isinstance(reply, AIMessage)
    assert [c["args"].get("last_name") for c in reply.tool_calls] == ["Wagner"]


def test_an_entrys_own_one_word_alias_outweighs_a_longer_alias_sharing_the_word() -> None:
    rooms = (
        VocabEntry("SQN", "Standard Queen", "One queen bed.", ("queen", "single queen")),
        VocabEntry("SDB", "Standard Double", "Two queen beds.", ("two queens", "double queen")),
    )
    assert best_match("your basic queen room", rooms) == "SQN"
    assert best_match("a double queen", rooms) == "SDB"
