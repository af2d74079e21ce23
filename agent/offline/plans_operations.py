# ruff: noqa: E501
"""Plans for operations: rooms, housekeeping tasks, the daily report, hand-offs."""

from __future__ import annotations

from typing import Any

from agent.offline.policy_base import PolicyBase, Step, _ask


class OperationsPlans(PolicyBase):
    def do_list_rooms(self) -> Step:
        args: dict[str, Any] = {}
        if self.s.get("floor") is not None:
            args["floor"] = self.s["floor"]
        if self.s.get("condition"):
            args["condition"] = self.s["condition"]
        elif "clean" in self.f.last_text.lower() and "need" in self.f.last_text.lower():
            args["condition"] = "dirty"
        if self.s.get("room_type"):
            args["room_type"] = self.s["room_type"]
        r = self.read("list_rooms", args)
        if isinstance(r, Step):
            return r
        rooms = r.result.get("rooms") or []
        listed = ", ".join(
            f"{x['number']} ({x['condition']}{', occupied' if x['occupied'] else ''})"
            for x in rooms[:40]
        )
        return Step(text=f"{len(rooms)} rooms: {listed}." if rooms else "No rooms match.")

    def do_set_condition(self) -> Step:
        for slot in ("room", "condition"):
            if not self.s.get(slot):
                return _ask(slot)
        w = self.call(
            "set_room_condition", {"room_number": self.s["room"], "condition": self.s["condition"]}
        )
        if isinstance(w, Step):
            return w
        return self.finish(w, f"Room {self.s['room']} is now {self.s['condition']}.")

    def do_out_of_order(self) -> Step:
        for slot in ("room", "start_date", "end_date"):
            if not self.s.get(slot):
                return _ask(slot)
        reason = self.s.get("reason") or self.f.last_text
        args = {
            "room_number": self.s["room"],
            "start_date": self.s["start_date"],
            "end_date": self.s["end_date"],
            "reason": reason,
        }
        w = self.call("set_room_out_of_order", args)
        if isinstance(w, Step):
            return w
        return self.finish(
            w,
            f"Room {self.s['room']} is out of order from {args['start_date']} to {args['end_date']}.",
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
        for slot, key in (("status", "status"), ("floor", "floor"), ("room", "room_number")):
            if self.s.get(slot) is not None:
                args[key] = self.s[slot]
        r = self.read("list_housekeeping_tasks", args)
        if isinstance(r, Step):
            return r
        tasks = r.result.get("tasks") or []
        listed = "; ".join(
            f"task {t['task_id']}: {t['kind'].replace('_', ' ')} in {t['room_number']} ({t['status']}, "
            f"{t['assignee'] or 'unassigned'})"
            for t in tasks
        )
        return Step(
            text=f"{len(tasks)} tasks: {listed}." if tasks else "There are no matching tasks."
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
        assignee = self.s.get("assignee")
        if not assignee and self.s.get("assignee_name"):
            assignee = ".".join(str(self.s["assignee_name"]).lower().split()[:2])
        if not assignee or "." not in str(assignee):
            return _ask("assignee")
        w = self.call("assign_housekeeping_task", {"task_id": task, "assignee": assignee})
        if isinstance(w, Step):
            return w
        return self.finish(w, f"Task {task} is assigned to {assignee}.")

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
        urgency = (
            "high"
            if any(w in self.f.last_text.lower() for w in ("urgent", "emergency"))
            else "normal"
        )
        w = self.call("handoff_to_human", {"summary": self.f.last_text, "urgency": urgency})
        if isinstance(w, Step):
            return w
        return self.finish(
            w, "I've passed this on to a member of our team; someone will get back to you shortly."
        )

    def do_knowledge(self) -> Step:
        r = self.call("search_knowledge", {"query": self.f.last_text})
        if isinstance(r, Step):
            return r
        hits = r.result.get("results") or r.result.get("passages") or []
        if not r.ok or not hits:
            return Step(
                text="I don't have that information. I can pass your question to the team if you like."
            )
        first = hits[0]
        text = first.get("text") or first.get("content") or str(first)
        return Step(text=str(text)[:600])
