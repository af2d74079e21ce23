"""Answers quoted from the hotel's passages."""

from agent.offline.answers import knowledge_answer

BREAKFAST = {
    "text": "Breakfast is served in Tide Restaurant (lobby level). Weekdays 6:30-10:30 and "
    "weekends 7:00-11:00. Price: $25 adults, $12 children under 12.",
    "source": "dining.md",
    "heading": "Tide Restaurant > Breakfast",
    "score": 1.2,
}
POOL = {
    "text": "Our pool and sauna are free for guests. The indoor heated pool on level 1 is open "
    "6:00-22:00; children under 14 swim with an adult.",
    "source": "wellness.html",
    "heading": "Pool and sauna",
    "score": 0.9,
}


def test_a_time_question_gets_the_sentence_with_the_time_and_its_source() -> None:
    answer = knowledge_answer("what time is breakfast at the weekend?", [BREAKFAST, POOL])
    assert "7:00" in answer
    assert "(Source: dining.md — Tide Restaurant > Breakfast)" in answer


def test_a_price_question_gets_the_price() -> None:
    assert "$25" in knowledge_answer("how much does breakfast cost?", [BREAKFAST])


def test_the_best_passage_need_not_be_the_first() -> None:
    answer = knowledge_answer("until when can we swim in the pool?", [BREAKFAST, POOL])
    assert "22:00" in answer and "wellness.html" in answer


def test_a_question_the_documents_do_not_cover_is_not_answered_beside_the_point() -> None:
    answer = knowledge_answer("is there a helicopter landing pad?", [BREAKFAST, POOL])
    assert "doesn't say" in answer
    assert "Source" not in answer
