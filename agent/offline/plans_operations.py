# ruff: noqa: E501
"""Plans for operations: rooms, housekeeping tasks, the daily report, hand-offs."""

from __future__ import annotations

import re
from typing import Any

from agent.offline.answers import DOESNT_SAY, fact_answer, knowledge_answer
from agent.offline.policy_base import ROLE_NAMES, PolicyBase, Step, _ask


class OperationsPlans(PolicyBase):
    def do_list_rooms(self) -> Step:
        args: dict[str, Any] = {}
        text = self.f.last_text.lower()
        if self.s.get("floor") is not None:
            args["floor"] = self.s["floor"]
        if self.s.get("condition"):
            args["condition"] = self.s["condition"]
        elif re.search(r"\bneed\w* (cleaning|to be cleaned|a clean)\b|\bnot (yet )?clean", text):
            args["condition"] = "dirty"
        if self.s.get("room_type"):
            args["room_type"] = self.s["room_type"]
        if re.search(r"\bout of (order|service)\b|\bblocked\b|\bclosed\b", text):
            args["out_of_order"] = True
        elif re.search(r"\b(vacant|empty|unoccupied|free|available|nobody in)\b", text):
            args["occupied"] = False
        elif re.search(r"\b(occupied|in use|guests? in)\b", text):
            args["occupied"] = True
        r = self.read("list_rooms", args)
        if isinstance(r, Step):
            return r
        rooms = r.result.get("rooms") or []
        if not rooms:
            return Step(text="No rooms match that.")
        groups: dict[str, list[str]] = {}
        for x in rooms:
            label = x["condition"] + (", occupied" if x["occupied"] else "")
            if x.get("out_of_order"):
                period = x.get("out_of_order_period") or {}
                until = period.get("end_date") if isinstance(period, dict) else None
                label = "out of order" + (f" until {until}" if until else "")
            groups.setdefault(label, []).append(x["number"])
        listed = "; ".join(
            f"{label} ({len(numbers)}): {', '.join(numbers)}" for label, numbers in groups.items()
        )
        return Step(text=f"{len(rooms)} room{'s' if len(rooms) != 1 else ''} — {listed}.")

    def do_set_condition(self) -> Step:
        return self._set_condition(close_tasks=True)

    def _set_condition(self, close_tasks: bool) -> Step:
        for slot in ("room", "condition"):
            if not self.s.get(slot):
                return _ask(slot)
        finished = re.search(r"\b(finish\w*|done|completed?)\b", self.f.last_text.lower())
        if (
            close_tasks
            and finished
            and self.s["condition"] == "clean"
            and "update_housekeeping_task" in self.tools
        ):
            # An attendant who finished a room closes its cleaning task, which cleans the room.
            r = self.read("list_housekeeping_tasks", {"room_number": self.s["room"]})
            if isinstance(r, Step):
                return r
            open_tasks = [t for t in r.result.get("tasks") or [] if t["status"] != "done"]
            cleans = [t for t in open_tasks if t["kind"] in ("checkout_clean", "stayover_clean")]
            if cleans:
                task = int(cleans[0]["task_id"])
                w = self.call("update_housekeeping_task", {"task_id": task, "status": "done"})
                if isinstance(w, Step):
                    return w
                return self.finish(w, f"Task {task} is done and room {self.s['room']} is clean.")
        rooms = self.s.get("rooms") if "rooms" in self.f.stated else None
        done: list[str] = []
        for room in rooms or [self.s["room"]]:  # "307 and 308 both look perfect"
            w = self.call(
                "set_room_condition", {"room_number": room, "condition": self.s["condition"]}
            )
            if isinstance(w, Step):
                return w
            if not w.ok:
                told = f"Room {', '.join(done)} is now {self.s['condition']}. " if done else ""
                return Step(text=told + self.finish(w, "").text)
            done.append(room)
        plural = "Rooms" if len(done) > 1 else "Room"
        return Step(
            text=f"{plural} {' and '.join(done)} {'are' if len(done) > 1 else 'is'} now {self.s['condition']}."
        )

    def do_out_of_order(self) -> Step:
        for slot in ("room", "start_date", "end_date"):
            if not self.s.get(slot):
                return _ask(slot)
        reason = self.s.get("reason") or self.f.last_text
        rooms = self.s.get("rooms") if "rooms" in self.f.stated else None
        done: list[str] = []
        for room in rooms or [self.s["room"]]:  # "Block 301 and 302 from the 15th"
            args = {
                "room_number": room,
                "start_date": self.s["start_date"],
                "end_date": self.s["end_date"],
                "reason": reason,
            }
            w = self.call("set_room_out_of_order", args)
            if isinstance(w, Step):
                return w
            if not w.ok:
                return self.finish(w, "")
            done.append(room)
        return Step(
            text=f"Room{'s' if len(done) > 1 else ''} {' and '.join(done)} "
            f"{'are' if len(done) > 1 else 'is'} out of order from {self.s['start_date']} "
            f"to {self.s['end_date']}."
        )

    def do_return_to_service(self) -> Step:
        if not self.s.get("room"):
            return _ask("room")
        w = self.call("return_room_to_service", {"room_number": self.s["room"]})
        if isinstance(w, Step):
            return w
        return self.finish(w, f"Room {self.s['room']} is back in service.")

    def do_list_tasks(self) -> Step:
        args: dict[str, Any] = {}
        text = self.f.last_text.lower()
        both = re.search(r"\bopen\b", text) and re.search(r"\bin progress|started\b", text)
        if self.s.get("status") and not both:
            args["status"] = self.s["status"]
        for slot, key in (("floor", "floor"), ("room", "room_number")):
            if self.s.get(slot) is not None:
                args[key] = self.s[slot]
        unclaimed = re.search(r"\bunassigned|nobody|no one|noone|pick up|free to take\b", text)
        if unclaimed:
            args.pop("room_number", None)
        mine = r"\b(my (tasks|jobs|list|assignments|rooms)|assigned to me|for me|have i got|do i have|mine|on my plate)\b"
        if self.user and not unclaimed and re.search(mine, text):
            args["assignee"] = self.user
        elif self.s.get("assignee"):
            args["assignee"] = self.s["assignee"]
        r = self.read("list_housekeeping_tasks", args)
        if isinstance(r, Step):
            return r
        tasks = r.result.get("tasks") or []
        if both or re.search(r"\b(still|left|remaining|outstanding|pending|to do)\b", text):
            tasks = [t for t in tasks if t["status"] != "done"]
        if unclaimed:
            tasks = [t for t in tasks if not t["assignee"]] or tasks
        listed = "; ".join(
            f"task {t['task_id']}: {t['kind'].replace('_', ' ')} in {t['room_number']} "
            f"({t['status'].replace('_', ' ')}, {t['assignee'] or 'unassigned'}"
            f"{', ' + t['priority'] + ' priority' if t.get('priority') == 'high' else ''})"
            + (f" — {t['notes']}" if t.get("notes") else "")
            for t in tasks
        )
        return Step(
            text=f"{len(tasks)} task{'s' if len(tasks) != 1 else ''}: {listed}."
            if tasks
            else "There are no matching tasks."
        )

    def do_create_task(self) -> Step:
        if not self.s.get("room") and self.guest:
            code = self.reservation()
            if isinstance(code, Step):
                return code
            r = self.read("get_reservation", {"confirmation_code": code})
            if isinstance(r, Step):
                return r
            if r.ok and r.result.get("room"):
                self.s["room"] = r.result["room"]
        if not self.s.get("room"):
            return _ask("room")
        kind = self.s.get("kind") or "amenity_request"
        if self.guest and kind not in ("amenity_request", "stayover_clean"):
            kind = "amenity_request"
        args: dict[str, Any] = {
            "room_number": self.s["room"],
            "kind": kind,
            "notes": self.f.last_text,
        }
        if self.s.get("priority"):
            args["priority"] = self.s["priority"]
        w = self.call("create_housekeeping_task", args)
        if isinstance(w, Step):
            return w
        return self.finish(
            w,
            f"I've logged a {kind.replace('_', ' ')} task (#{w.result.get('task_id')}) for room {self.s['room']}.",
        )

    def _task_for_room(self) -> Step | int:
        if self.s.get("task_id"):
            return int(self.s["task_id"])
        if not self.s.get("room"):
            return _ask("task_id")
        r = self.call("list_housekeeping_tasks", {"room_number": self.s["room"]})
        if isinstance(r, Step):
            return r
        tasks = [t for t in r.result.get("tasks", []) if t["status"] != "done"]
        if self.s.get("kind"):
            tasks = [t for t in tasks if t["kind"] == self.s["kind"]] or tasks
        if len(tasks) >= 1:
            return int(tasks[0]["task_id"])
        if self.s.get("condition") and "set_room_condition" in self.tools:
            return self._set_condition(close_tasks=False)  # no task: "303's finished, clean now"
        return Step(
            text=f"I couldn't find an open task for room {self.s['room']}. Which task number?",
            asked="task_id",
        )

    def do_update_task(self) -> Step:
        task = self._task_for_room()
        if isinstance(task, Step):
            return task
        if not self.s.get("status"):
            return _ask("status")
        w = self.call("update_housekeeping_task", {"task_id": task, "status": self.s["status"]})
        if isinstance(w, Step):
            return w
        return self.finish(w, f"Task {task} is now {self.s['status'].replace('_', ' ')}.")

    def do_assign_task(self) -> Step:
        task = self._task_for_room()
        if isinstance(task, Step):
            return task
        assignee = self._username(self.s.get("assignee") or self.s.get("assignee_name"))
        if not assignee:
            return _ask("assignee")
        w = self.call("assign_housekeeping_task", {"task_id": task, "assignee": assignee})
        if isinstance(w, Step):
            return w
        if not w.ok and "." not in assignee:
            # The refusal names the attendants: "...assign the task to one of: ivy.chen, ...".
            match = self._username(assignee, str(w.error.get("message") or ""))
            if match and match != assignee:
                w2 = self.call("assign_housekeeping_task", {"task_id": task, "assignee": match})
                if isinstance(w2, Step):
                    return w2
                w, assignee = w2, match
        return self.finish(w, f"Task {task} is assigned to {assignee}.")

    def _username(self, name: Any, extra: str = "") -> str | None:
        """A staff username for a first name ("Tom" -> tom.reed), from the usernames seen so far
        in task lists and refusals; the name as given when none fits."""
        if not name:
            return None
        given = str(name).strip().lower().replace(" ", ".")
        if "." in given:
            return given
        seen = set(re.findall(r"\b[a-z]+\.[a-z]+\b", extra))
        for r in self.f.results:
            for t in r.result.get("tasks") or []:
                for key in ("assignee", "created_by"):
                    if t.get(key):
                        seen.add(str(t[key]))
        fits = sorted(u for u in seen if u.startswith(given + "."))
        return fits[0] if len(fits) == 1 else given

    def do_daily_report(self) -> Step:
        r = self.call("daily_report", {})
        if isinstance(r, Step):
            return r
        x = r.result
        return Step(
            text=f"Report for {x.get('date')}: {x.get('arrivals_count')} arrivals, {x.get('departures_count')} "
            f"departures, {x.get('rooms_occupied')} rooms occupied ({x.get('occupancy_percent')}%), "
            f"{x.get('rooms_out_of_order')} out of order."
        )

    def do_handoff(self) -> Step:
        urgent = re.search(
            r"\b(urgent\w*|emergency|right now|now|asap|immediately|leak\w*|flood\w*|water "
            r"everywhere|fire|smoke|gas|freezing|no heat\w*|can'?t sleep|unsafe|injur\w*|stuck)\b",
            self.f.last_text.lower(),
        )
        urgency = "high" if urgent else "normal"
        w = self.call("handoff_to_human", {"summary": self._summary(), "urgency": urgency})
        if isinstance(w, Step):
            return w
        ref = w.result.get("reference")
        steps = w.result.get("next_steps") or "Someone from our team will get back to you shortly."
        return self.finish(
            w,
            f"I've passed this on to our team (reference {ref}). {steps}".replace(
                " (reference None)", ""
            ),
        )

    def _summary(self) -> str:
        """What the person taking over needs first: who, which booking, and the request."""
        who = f" ({self.s['code']})" if self.s.get("code") else ""
        return f"{ROLE_NAMES.get(self.role, self.role).capitalize()}{who}: {self.f.last_text}"[:500]

    def do_knowledge(self) -> Step:
        question = str(self.s.get("question") or self.f.last_text)
        r = self.call("search_knowledge", {"query": question})
        if isinstance(r, Step):
            return r
        passages = r.result.get("passages") or []
        answer = knowledge_answer(question, passages) if r.ok and passages else DOESNT_SAY
        # The hotel's own data is the authority on its facts this turn asks; one an earlier
        # question asked answers only when the documents do not.
        profile = self.c.hotel.profile
        fact = fact_answer(self.f.last_text, profile)
        if fact is None and answer == DOESNT_SAY:
            fact = fact_answer(question, profile)
        return Step(text=fact or answer)
