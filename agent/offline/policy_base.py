# ruff: noqa: E501
"""The policy's shared steps: questions, tool calls, refusals and answers.

Plans are per intent: reads that must come first (verify a guest, resolve a room number or name
to a reservation, read the reservation before a cancellation), then the intent's tool once its
required slots are there, then a templated answer from the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.data import load
from agent.hotel_terms import plan_choice, room_choice
from agent.offline.frame import Conversation, Frame, ToolResult
from agent.offline.hotel import HotelWords
from agent.offline.intents import TOOL_OF
from pms.errors import Invalid
from pms.hotels.profile import RatePlanProfile
from pms.money import display, to_cents

ROLE_NAMES = {
    "guest": "a guest",
    "housekeeping": "housekeeping",
    "front_desk": "front desk",
    "manager": "a manager",
    "admin": "an admin",
}

# What to ask for each missing slot (agent/data/questions.yaml).
QUESTIONS: dict[str, str] = load("questions")


@dataclass
class Step:
    """One decision: a tool call, or a reply (possibly a question about `asked`)."""

    tool: str | None = None
    args: dict[str, Any] | None = None
    text: str = ""
    asked: str | None = None


def _ask(slot: str, hotel: HotelWords | None = None) -> Step:
    text = QUESTIONS.get(slot, f"Could you tell me the {slot.replace('_', ' ')}?")
    profile = hotel.profile if hotel else None
    choices = {
        "room_type": [room_choice(t) for t in profile.room_types] if profile else [],
        "rate_plan": [plan_choice(p, profile) for p in profile.rate_plans] if profile else [],
    }.get(slot)
    if choices:
        listed = f"{', '.join(choices[:-1])} or {choices[-1]}" if len(choices) > 1 else choices[0]
        text = f"{text[:-1]}: {listed}?"
    return Step(text=text, asked=slot)


def _called(frame: Frame, tool: str, args: dict[str, Any]) -> ToolResult | None:
    for r in reversed(frame.results):
        if r.name == tool and r.args == args:
            return r
    return None


def _error_text(result: ToolResult) -> str:
    message = str(result.error.get("message") or "That was refused.")
    return f"I couldn't do that: {message}"


APPROVAL = "request_manager_approval"


_QUESTION = re.compile(
    r"^(what|when|where|how|is|are|do|does|can|could|may|will|would|which|any)\b.*\?\s*$"
)
_FILLER = {
    "i", "you", "we", "it", "a", "an", "the", "me", "my", "please", "help", "there", "anything",
    "else", "something", "about", "that", "this", "do", "can", "is", "are", "what", "how",
}  # fmt: skip


def _open_question(text: str) -> bool:
    """A question with enough of its own words to look up (not "can you help?")."""
    lowered = text.strip().lower()
    words = [w for w in re.findall(r"[a-z]+", lowered) if w not in _FILLER]
    return _QUESTION.match(lowered) is not None and len(words) >= 2


class PolicyBase:
    def __init__(self, conversation: Conversation, role: str, tools: set[str], user: str | None):
        self.c = conversation
        self.f = conversation.frame
        self.s = conversation.frame.slots
        self.role = role
        self.tools = tools
        self.user = user
        self.guest = role == "guest"

    # -- helpers -------------------------------------------------------------------------------
    def call(self, tool: str, args: dict[str, Any]) -> Step | ToolResult:
        """A call, or its result when this exact call was already made in this frame."""
        done = _called(self.f, tool, args)
        if done is not None:
            return done
        return Step(tool=tool, args=args)

    def manager_write(self, tool: str, args: dict[str, Any]) -> Step | ToolResult:
        """A manager-only write: made when the role may, else asked of a manager for approval.

        Front-desk staff cannot refund or void, but they can file the request; the turn then
        waits for a manager, and the approved write's result comes back as this call's result.
        """
        if tool in self.tools or APPROVAL not in self.tools:
            return self.call(tool, args)
        reason = str(args.get("reason") or self.f.last_text)[:2000]
        return self.call(APPROVAL, {"tool": tool, "arguments": args, "reason": reason})

    def approved_by(self) -> str:
        """'A manager approved it. ' when the last write went through an approval request."""
        asked = any(r.name == APPROVAL for r in self.f.results)
        return "A manager approved it. " if asked else ""

    def read(self, tool: str, args: dict[str, Any]) -> Step | ToolResult:
        """A successful result, or the step to take instead: make the call, or say the refusal."""
        r = self.call(tool, args)
        if isinstance(r, Step) or r.ok:
            return r
        return Step(text=_error_text(r))

    def reservation(self) -> Step | str:
        """Resolve the reservation this frame is about: a code, or the step to get one."""
        code = self.s.get("code")
        if self.guest:
            if not code and len(self.c.verified) == 1:
                code = self.s["code"] = next(iter(self.c.verified))  # "my room", "our booking"
            if code and code in self.c.verified:
                return str(code)
            if not code:
                return _ask("code")
            if not self.s.get("last_name"):
                return _ask("last_name")
            if self.s.get("third_party"):
                return Step(
                    text=f"I can only share or change {code} with the guest it belongs to. If "
                    "that is you, please give me the last name on the booking; otherwise the "
                    "guest can contact us directly."
                )
            r = self.call(
                "find_reservation", {"confirmation_code": code, "last_name": self.s["last_name"]}
            )
            if isinstance(r, Step):
                return r
            if not r.ok:
                return Step(text=_error_text(r) + " Please check the code and last name.")
            return str(code)
        if code:
            return str(code)
        query: dict[str, Any] = {}
        # The room is the booking's key, unless the room is what is being given to it.
        target = self.f.intent in ("assign_room", "check_in") and bool(self.s.get("last_name"))
        if self.s.get("room") and not target:
            query = {"room_number": self.s["room"]}
        elif self.s.get("guest_email"):
            query = {"email": self.s["guest_email"]}
        elif self.s.get("last_name"):
            query = {"name": self.s.get("last_name")}
        if not query or "search_reservations" not in self.tools:
            return _ask("code")
        r = self.call("search_reservations", query)
        if isinstance(r, Step):
            return r
        found = r.result.get("reservations") or []
        active = [x for x in found if x.get("status") in ("in_house", "confirmed")] or found
        first = str(self.s.get("first_name") or "").lower()
        if len(active) > 1 and first:
            # "Ms. Nora Ward": the first name tells the Wards apart.
            active = [
                x for x in active if str(x.get("guest_name", "")).lower().startswith(first)
            ] or active
        if len(active) > 1 and re.search(
            r"\b(today|tonight|just arrived|is here|at the desk)\b", self.f.last_text.lower()
        ):
            today = [x for x in active if x.get("check_in") == self.c.today]
            active = today or active
        if len(active) == 1:
            self.s["code"] = active[0]["confirmation_code"]
            return str(self.s["code"])
        if not active:
            return Step(
                text="I couldn't find a matching reservation. What is the confirmation code?",
                asked="code",
            )
        listing = ", ".join(
            f"{x['confirmation_code']} ({x['guest_name']}, {x['check_in']} to {x['check_out']})"
            for x in active[:5]
        )
        return Step(text=f"I found several reservations: {listing}. Which one?", asked="code")

    # -- decide --------------------------------------------------------------------------------
    def decide(self) -> Step:
        """The next step; a final reply also tells what earlier actions of this turn did."""
        step = self._decide()
        if step.tool is None and self.c.earlier:
            told = []
            for done in self.c.earlier:
                past = Conversation(done, self.c.verified, True, self.c.turns)
                told.append(type(self)(past, self.role, self.tools, self.user)._decide().text)
            step = Step(text=" ".join([*told, step.text]), asked=step.asked)
        return step

    def _decide(self) -> Step:
        intent = self.f.intent
        if intent is None:
            if "search_knowledge" in self.tools and _open_question(self.f.last_text):
                # A question about something the model has no words for ("can I borrow a
                # bicycle?") may still be in the hotel's documents: an admin can add any.
                knowledge: Step = getattr(self, "do_knowledge")()  # noqa: B009 (a plan mixin)
                return knowledge
            if self.c.last_is_tool:
                return Step(text="Done. Is there anything else I can help with?")
            return Step(
                text="How can I help you today? I can help with bookings, stays, rooms and requests."
            )
        if intent == "greeting":
            return Step(text="Hello! How can I help you today?")
        if intent == "thanks":
            return Step(text="You're welcome! Is there anything else I can help with?")
        tool = TOOL_OF.get(intent)
        if (
            tool
            and tool not in self.tools
            and not (intent == "show_booking" and "find_reservation" in self.tools)
            and not (intent in ("refund", "void") and APPROVAL in self.tools)
        ):
            return self.refuse(intent)
        handler = getattr(self, f"do_{intent}", None)
        if handler is None:
            return Step(text="Sorry, I'm not sure how to help with that. Could you rephrase?")
        step: Step = handler()
        return step

    def refuse(self, intent: str) -> Step:
        role = ROLE_NAMES.get(self.role, self.role)
        what = intent.replace("_", " ")
        extra = ""
        if intent in ("refund", "void") and self.role in ("front_desk",):
            extra = " Refunds and voids need a manager."
        elif self.guest:
            extra = " I can pass your request to a member of staff if you like."
        return Step(
            text=f"I'm not able to do that as {role}; {what} is not something I can do for you here.{extra}"
        )

    def finish(self, r: ToolResult, ok_text: str) -> Step:
        if not r.ok:
            return Step(text=_error_text(r))
        return Step(text=ok_text)

    # -- the hotel's terms, from its profile ---------------------------------------------------
    def money(self, amount: object) -> str:
        """An amount from a tool ("518.50") as a person reads it, in the hotel's currency."""
        profile = self.c.hotel.profile
        try:
            return display(to_cents(str(amount)), profile.currency if profile else "USD")
        except Invalid:
            return str(amount)

    def plan(self, code: object) -> RatePlanProfile | None:
        profile = self.c.hotel.profile
        return profile.rate_plan(str(code)) if profile else None

    def refundable(self, code: object) -> bool:
        plan = self.plan(code)
        return plan.refundable if plan else True

    def standard_plan(self) -> str:
        """The plan to price with when none was asked for: refundable, plain, else the first."""
        plans = self.c.hotel.profile.rate_plans if self.c.hotel.profile else ()
        plain = [p for p in plans if p.refundable and not p.discount_bp and not p.breakfast]
        return (plain or list(plans))[0].code if plans else ""

    def late_fee(self, res: dict[str, Any]) -> str:
        """What cancelling later will cost, by the plan's late-cancellation fee."""
        plan = self.plan(res.get("rate_plan"))
        fee = plan.late_cancellation_fee if plan and plan.refundable else "none"
        amount = {"first_night": res.get("nightly_rate"), "full_stay": res.get("total")}.get(fee)
        what = "one night" if fee == "first_night" else "the full stay"
        return f"; after that, {what} ({self.money(amount)}) is charged" if amount else ""

    def _party(self) -> Step | None:
        """Ask the party's size, unless the room type asked for holds one guest ("a single")."""
        profile, code = self.c.hotel.profile, self.s.get("room_type")
        kind = profile.room_type(str(code)) if profile and code else None
        if not self.s.get("adults") and kind and kind.max_occupancy == 1:
            self.s["adults"] = 1
        return None if self.s.get("adults") else _ask("adults")

    # -- intents -------------------------------------------------------------------------------
    def _dates(self) -> Step | None:
        if not self.s.get("check_in"):
            return _ask("check_in")
        if not self.s.get("check_out"):
            nights = self.s.get("nights")
            if nights:
                from datetime import date, timedelta

                self.s["check_out"] = (
                    date.fromisoformat(self.s["check_in"]) + timedelta(days=int(nights))
                ).isoformat()
            else:
                return _ask("check_out")
        return None
