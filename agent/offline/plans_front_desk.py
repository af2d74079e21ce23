# ruff: noqa: E501
"""Plans for the front desk: payments, charges, refunds, voids, check-in and check-out."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from agent.offline.frame import ToolResult
from agent.offline.policy_base import PolicyBase, Step, _ask
from agent.understanding.dates import parse_dates


class FrontDeskPlans(PolicyBase):
    def _balance(self, w: ToolResult) -> str:
        """The folio's new balance, which every money move should end by telling."""
        folio = w.result.get("folio")
        balance = folio.get("balance") if isinstance(folio, dict) else w.result.get("balance")
        return f" The balance is now {self.money(balance)}." if balance is not None else ""

    def do_pay(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        if self.s.get("payments") and "payments" in self.f.stated:
            return self._split_payment(code, self.s["payments"])
        if not self.s.get("amount") and self.s.get("pay_all"):
            r = self.call("get_folio", {"confirmation_code": code})
            if isinstance(r, Step):
                return r
            if r.ok:
                self.s["amount"] = str(r.result.get("balance"))
        for slot in ("amount", "method"):
            if not self.s.get(slot):
                return _ask(slot)
        args: dict[str, Any] = {
            "confirmation_code": code,
            "amount": self.s["amount"],
            "method": self.s["method"],
        }
        if self.s.get("reference"):
            args["reference"] = self.s["reference"]
        w = self.call("record_payment", args)
        if isinstance(w, Step):
            return w
        return self.finish(
            w,
            f"Recorded a {self.s['method'].replace('_', ' ')} payment of {self.money(self.s['amount'])} on {code}.{self._balance(w)}",
        )

    def _split_payment(self, code: str, parts: list[tuple[str, str]]) -> Step:
        """Several payments in one breath, the last part perhaps "whatever's left"."""
        told: list[str] = []
        last: ToolResult | None = None
        for amount, method in parts:
            if amount == "rest":
                r = self.read("get_folio", {"confirmation_code": code})
                if isinstance(r, Step):
                    return r
                amount = str(
                    (last.result.get("folio") or {}).get("balance")
                    if last
                    else r.result.get("balance")
                )
            w = self.call(
                "record_payment", {"confirmation_code": code, "amount": amount, "method": method}
            )
            if isinstance(w, Step):
                return w
            if not w.ok:
                return Step(text=" ".join([*told, self.finish(w, "").text]))
            told.append(
                f"Recorded a {method.replace('_', ' ')} payment of {self.money(amount)} on {code}."
            )
            last = w
        return Step(text=" ".join(told) + (self._balance(last) if last else ""))

    def do_charge(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        for slot in ("amount", "category"):
            if not self.s.get(slot):
                return _ask(slot)
        description = str(
            self.s.get("description") or self.s["category"].replace("_", " ").capitalize()
        )
        args = {
            "confirmation_code": code,
            "amount": self.s["amount"],
            "category": self.s["category"],
            "description": description,
        }
        w = self.call("post_charge", args)
        if isinstance(w, Step):
            return w
        return self.finish(
            w,
            f"Posted {self.money(self.s['amount'])} ({self.s['category'].replace('_', ' ')}) to {code}.{self._balance(w)}",
        )

    def do_refund(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        if not self.s.get("reason") and self.s.get("amount"):
            self.s["reason"] = self.f.last_text[:200]  # staff say why in passing ("goodwill")
        for slot in ("amount", "reason"):
            if not self.s.get(slot):
                return _ask(slot)
        w = self.manager_write(
            "refund_payment",
            {"confirmation_code": code, "amount": self.s["amount"], "reason": self.s["reason"]},
        )
        if isinstance(w, Step):
            return w
        return self.finish(
            w,
            f"{self.approved_by()}Refunded {self.money(self.s['amount'])} on {code}.{self._balance(w)}",
        )

    def do_void(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        if not self.s.get("line"):
            r = self.call("get_folio", {"confirmation_code": code})
            if isinstance(r, Step):
                return r
            cat = self.s.get("category")
            lines = [
                x
                for x in r.result.get("lines", [])
                if x["kind"] == "charge" and not x.get("voided")
            ]
            match = [x for x in lines if cat and x.get("category") == cat]
            if len(match) > 1:
                # "the breakfast on the 27th of February": the day picks the line.
                days = {
                    d.value.strftime("%m-%d")
                    for d in parse_dates(self.f.last_text, date(2000, 1, 1))
                }
                match = [x for x in match if str(x.get("date", ""))[5:] in days] or match
            if len(match) > 1 and re.search(r"\b(first|earliest)\b", self.f.last_text.lower()):
                match = match[:1]
            elif len(match) > 1 and re.search(r"\b(last|latest|final)\b", self.f.last_text.lower()):
                match = match[-1:]
            if len(match) == 1:
                self.s["line"] = match[0]["line"]
            else:
                return _ask("line")
        if not self.s.get("reason"):
            self.s["reason"] = self.f.last_text
        w = self.manager_write(
            "void_charge",
            {"confirmation_code": code, "line": self.s["line"], "reason": self.s["reason"]},
        )
        if isinstance(w, Step):
            return w
        return self.finish(
            w, f"{self.approved_by()}Voided line {self.s['line']} on {code}.{self._balance(w)}"
        )

    def do_check_in(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        if self.s.get("floor") is not None and not self.s.get("room") and "floor" in self.f.stated:
            offer = self._rooms_on_floor(code, int(self.s["floor"]))
            if offer is not None:
                return offer
        args: dict[str, Any] = {"confirmation_code": code}
        if self.s.get("room") and not self._room_was_lookup():
            args["room_number"] = self.s["room"]
        w = self.call("check_in", args)
        if isinstance(w, Step):
            return w
        res = (
            w.result.get("reservation")
            if isinstance(w.result.get("reservation"), dict)
            else w.result
        )
        room = res.get("room") if isinstance(res, dict) else None
        return self.finish(w, f"{code} is checked in to room {room}.")

    def _rooms_on_floor(self, code: str, floor: int) -> Step | None:
        """Ready rooms of the booked type on the floor the guest asked for, to choose from."""
        r = self.read("get_reservation", {"confirmation_code": code})
        if isinstance(r, Step):
            return r
        args = {"floor": floor, "occupied": False, "room_type": r.result.get("room_type")}
        rooms = self.read("list_rooms", args)
        if isinstance(rooms, Step):
            return rooms
        ready = [
            x["number"]
            for x in rooms.result.get("rooms") or []
            if x["condition"] in ("clean", "inspected") and not x.get("out_of_order")
        ]
        if not ready:
            return None  # nothing there: check in to the best room elsewhere
        return Step(
            text=f"Ready {r.result.get('room_type_name')} rooms on floor {floor}: "
            f"{', '.join(ready)}. Which one should {code} have?",
            asked="room",
        )

    def _room_was_lookup(self) -> bool:
        r = self.f.latest("search_reservations")
        return r is not None and r.args.get("room_number") == self.s.get("room")

    def do_check_out(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        w = self.call("check_out", {"confirmation_code": code})
        if isinstance(w, Step):
            return w
        return self.finish(w, f"{code} is checked out.")

    def do_assign_room(self) -> Step:
        code = self.reservation()
        if isinstance(code, Step):
            return code
        if not self.s.get("room") or self._room_was_lookup():
            return _ask("room")
        w = self.call("assign_room", {"confirmation_code": code, "room_number": self.s["room"]})
        if isinstance(w, Step):
            return w
        return self.finish(w, f"Room {self.s['room']} is assigned to {code}.")
