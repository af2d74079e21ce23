# ruff: noqa: E501
"""Plans for bookings: availability, booking, finding, showing, folios, cancelling, changing."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from agent.offline.policy_base import PolicyBase, Step, _ask

_GUEST_KEYS = ("code", "room", "guest_email", "last_name")


class BookingPlans(PolicyBase):
    def do_availability(self) -> Step:
        missing = self._dates()
        if missing:
            return missing
        party = self._party()
        if party:
            return party
        args = self._stay()
        compared = self.s.get("room_types") or []
        if self.s.get("room_type") and len(compared) < 2:
            args["room_type"] = self.s["room_type"]
        r = self.read("check_availability", args)
        if isinstance(r, Step):
            return r
        offers = r.result.get("offers") or []
        if len(compared) >= 2:
            offers = [o for o in offers if o.get("room_type") in compared] or offers
        if not offers:
            return Step(
                text=f"Sorry, nothing is available from {args['check_in']} to {args['check_out']}."
            )
        wanted = self.s.get("rate_plan")
        lines = []
        for o in offers:
            rates = sorted(o.get("rates", []), key=lambda x: x.get("rate_plan") != wanted)
            listed = ", ".join(
                f"{x['name']} {self.money(x['total'])} ({self.money(x['nightly'])} a night)"
                for x in rates
            )
            lines.append(f"{o['name']} ({o['available_rooms']} left): {listed}")
        return Step(
            text=f"For {args['check_in']} to {args['check_out']}: "
            + "; ".join(lines)
            + ". Would you like to book?"
        )

    def do_book(self) -> Step:
        missing = self._dates()
        if missing:
            return missing
        party = self._party()
        if party:
            return party
        if not self.s.get("room_type"):
            chosen = self._room_type_for_party()
            if isinstance(chosen, Step):
                return chosen
            self.s["room_type"] = chosen
        for slot in ("adults", "room_type", "rate_plan", "guest_name", "guest_email"):
            if not self.s.get(slot):
                return _ask(slot, self.c.hotel)
        args: dict[str, Any] = {
            "room_type": self.s["room_type"], "check_in": self.s["check_in"], "check_out": self.s["check_out"],
            "adults": self.s["adults"], "children": self.s.get("children") or 0,
            "guest_name": self.s["guest_name"], "guest_email": self.s["guest_email"], "rate_plan": self.s["rate_plan"],
        }  # fmt: skip
        if self.s.get("guest_phone"):
            args["guest_phone"] = self.s["guest_phone"]
        r = self.read("create_reservation", args)
        if isinstance(r, Step):
            return r
        res = r.result
        return self.finish(
            r,
            f"You're booked! Confirmation code {res.get('confirmation_code')}: "
            f"{res.get('room_type_name')}, {res.get('check_in')} to {res.get('check_out')}, "
            f"{res.get('rate_plan_name')} rate, total {self.money(res.get('total'))}.",
        )

    def _stay(self) -> dict[str, Any]:
        """The stay as check_availability takes it: dates and party."""
        args: dict[str, Any] = {
            "check_in": self.s["check_in"],
            "check_out": self.s["check_out"],
            "adults": self.s["adults"],
        }
        if self.s.get("children"):
            args["children"] = self.s["children"]
        return args

    def _room_type_for_party(self) -> Step | str:
        """The room type when the guest named none: the only one that fits the party, the
        cheapest when they asked for that, or a question listing what is free and its price."""
        args = self._stay()
        r = self.read("check_availability", args)
        if isinstance(r, Step):
            return r
        offers = r.result.get("offers") or []
        if not offers:
            return Step(
                text=f"Sorry, nothing is available for {args['adults']} adult(s) from "
                f"{args['check_in']} to {args['check_out']}."
            )
        plan = self.s.get("rate_plan") or self.standard_plan()
        priced: list[tuple[float, str, str]] = [
            (float(x["total"]), str(o["room_type"]), f"{o['name']} {self.money(x['total'])}")
            for o in offers
            for x in o.get("rates", [])
            if x.get("rate_plan") == plan
        ]
        if len(offers) == 1 or (self.s.get("room_pref") == "cheapest" and priced):
            return min(priced)[1] if priced else str(offers[0]["room_type"])
        listed = ", ".join(label for _, _, label in sorted(priced))
        return Step(
            text=f"For {args['check_in']} to {args['check_out']} I have: {listed} in all. "
            "Which room type would you like?",
            asked="room_type",
        )

    def do_find_booking(self) -> Step:
        return self.do_show_booking()

    def do_search_bookings(self) -> Step:
        if self.s.get("check_in") and not any(self.s.get(k) for k in _GUEST_KEYS):
            return self.bookings_on(str(self.s["check_in"]))  # "who is arriving on 26 March?"
        return self.do_show_booking()

    def bookings_on(self, day: str) -> Step:
        """The bookings arriving, or departing, on one day: a search by date, not by guest."""
        leaving = re.search(r"\b(depart|leav|check(ing)? out)", self.f.last_text.lower())
        r = self.read("search_reservations", {"departure_date" if leaving else "arrival_date": day})
        if isinstance(r, Step):
            return r
        found = [f"{x['confirmation_code']}: {x['guest_name']}, {x['room_type']}, {x['check_in']} to "
                 f"{x['check_out']}, {x['status']}" for x in r.result.get("reservations") or []]  # fmt: skip
        verb = "departing" if leaving else "arriving"
        return Step(text=f"{len(found) or 'No bookings'} {verb} on {day}: {'; '.join(found)}.")

    def do_show_booking(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        found = self.f.latest("find_reservation")
        if self.guest and found is not None and found.ok:
            res = found.result
        else:
            r = self.read("get_reservation", {"confirmation_code": code})
            if isinstance(r, Step):
                return r
            res = r.result
        room = f", room {res['room']}" if res.get("room") else ""
        return Step(
            text=f"{res.get('confirmation_code')}: {res.get('guest_name')}, {res.get('room_type_name')}{room}, "
            f"{res.get('check_in')} to {res.get('check_out')} ({res.get('nights')} nights), "
            f"{res.get('rate_plan_name')} rate, status {res.get('status')}, total {self.money(res.get('total'))}, "
            f"balance {self.money(res.get('balance'))}."
        )

    def do_folio(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        r = self.call("get_folio", {"confirmation_code": code})
        if isinstance(r, Step):
            return r
        lines = r.result.get("lines") or []
        listed = "; ".join(
            f"line {x['line']}: {x['kind']} {x['category'] or x.get('method') or ''} {self.money(x['amount'])}"
            f"{' (voided)' if x.get('voided') else ''}"
            for x in lines
        )
        bal = r.result.get("balance")
        return Step(text=f"Folio for {code}: {listed}. The balance is {self.money(bal)}.")

    def do_cancel_booking(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        r = self.read("get_reservation", {"confirmation_code": code})
        if isinstance(r, Step):
            return r
        res = r.result
        policy = str(res.get("cancellation") or "")
        free = policy.lower().startswith("free cancellation") and "charged" not in policy.lower()
        confirm = self.s.get("confirm")
        # A guest hears the cost and says yes before a fee is charged; staff asked to cancel
        # have already decided, and hear the fee in the answer. A question ("would there be a
        # penalty?") is answered, never acted on.
        told_to = re.search(
            r"\b(please cancel|cancel (it|his|her|their|the|this|that|[a-z]{2,4}\d+))\b",
            self.f.last_text.lower(),
        )
        asking = self.s.get("hypothetical") and (self.guest or not told_to)
        must_ask = asking or (not free and self.guest)
        if must_ask and confirm is not True:
            if confirm is False:
                return Step(text=f"All right, {code} stays as it is.")
            summary = (
                f"{code} is the {res.get('room_type_name')} from {res.get('check_in')} to "
                f"{res.get('check_out')}, total {self.money(res.get('total'))}."
            )
            cost = "Cancelling now would incur that fee."
            if free:
                cost = "Cancelling now is free"
                cost += self.late_fee(res)
                cost += "."
            return Step(
                text=f"{summary} {policy} {cost} Shall I go ahead and cancel it?", asked="confirm"
            )
        args: dict[str, Any] = {"confirmation_code": code}
        if self.s.get("reason"):
            args["reason"] = self.s["reason"]
        w = self.call("cancel_reservation", args)
        if isinstance(w, Step):
            return w
        fee = w.result.get("cancellation_fee") or w.result.get("fee")
        extra = (
            f" A cancellation fee of {self.money(fee)} was charged."
            if fee and str(fee) not in ("0", "0.00")
            else " There was no cancellation fee."
        )
        if not self.refundable(res.get("rate_plan")):
            extra = " The prepayment is kept, as the non-refundable rate provides."
        return self.finish(w, f"{code} is cancelled.{extra}")

    def do_modify_booking(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        args: dict[str, Any] = {"confirmation_code": code}
        for slot, key in (("new_check_in", "check_in"), ("new_check_out", "check_out")):
            if self.s.get(slot):
                args[key] = self.s[slot]
        for key in ("adults", "children", "room_type", "rate_plan"):
            if self.s.get(key) is not None and key in self._turn_slots():
                args[key] = self.s[key]
        if self.s.get("shift") or self.s.get("party_delta"):
            current = self._current(code)
            if isinstance(current, Step):
                return current
            args.update(_shifted(current, self.s, args))
        if len(args) == 1:
            return _ask("changes")
        w = self.call("modify_reservation", args)
        if isinstance(w, Step):
            return w
        res = w.result
        return self.finish(
            w,
            f"Done: {code} is now {res.get('check_in')} to {res.get('check_out')}, "
            f"{res.get('room_type_name')}, {res.get('rate_plan_name')}, "
            f"{res.get('adults')} adult(s) and {res.get('children')} child(ren), "
            f"total {self.money(res.get('total'))}.",
        )

    def _current(self, code: str) -> Step | dict[str, Any]:
        """The reservation as it stands, from the guest's verification or a read."""
        found = self.f.latest("find_reservation")
        if found is not None and found.ok and found.result.get("confirmation_code") == code:
            return found.result
        r = self.read("get_reservation", {"confirmation_code": code})
        return r if isinstance(r, Step) else r.result

    def _turn_slots(self) -> set[str]:
        return self.f.stated


def _shifted(
    current: dict[str, Any], slots: dict[str, Any], args: dict[str, Any]
) -> dict[str, Any]:
    """Relative changes made absolute: "a day later", "one more night", "add my daughter"."""
    changes: dict[str, Any] = {}
    shift = slots.get("shift")
    if isinstance(shift, dict):
        for key, days in shift.items():
            if key in args:
                continue
            base = date.fromisoformat(str(current.get(key)))
            changes[key] = (base + timedelta(days=int(days))).isoformat()
    delta = slots.get("party_delta")
    if isinstance(delta, dict):
        for key, n in delta.items():
            if key not in args:
                changes[key] = max(
                    int(current.get(key) or 0) + int(n), 0 if key == "children" else 1
                )
    return changes
