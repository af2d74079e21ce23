"""The locust user `concierge bench api` runs: a guest chatting with the concierge.

Each simulated guest opens a session, then asks a rotation of questions in one conversation
(availability, hotel knowledge, a booking's first step), starting a new conversation every ten
turns so replays stay the length real chats have. Only POST /v1/chat is timed as a turn.
"""

from __future__ import annotations

import itertools
import random

from locust import HttpUser, between, task

QUESTIONS = (
    "Do you have a deluxe king from March 20 to 23 for two adults?",
    "What time is breakfast?",
    "Is there parking at the hotel?",
    "What is your cancellation policy?",
    "Is the pool heated?",
    "How far is the airport?",
    "I'd like a twin room from April 2 to 4 for two adults.",
    "Can I bring my dog?",
)


class Guest(HttpUser):
    wait_time = between(0.0, 0.05)

    def on_start(self) -> None:
        answer = self.client.post(
            "/v1/guest-sessions", json={"hotel": "harbor-view"}, name="guest session"
        )
        self.headers = {"Authorization": f"Bearer {answer.json()['token']}"}
        self.thread: str | None = None
        self.turns = 0
        self.questions = itertools.cycle(random.sample(QUESTIONS, len(QUESTIONS)))

    @task
    def turn(self) -> None:
        body: dict[str, str] = {"message": next(self.questions)}
        if self.thread and self.turns < 10:
            body["thread_id"] = self.thread
        else:
            self.turns = 0
        with self.client.post(
            "/v1/chat", json=body, headers=self.headers, name="POST /v1/chat", catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                return
            self.thread = answer.json()["thread_id"]
            self.turns += 1
