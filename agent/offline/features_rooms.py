# ruff: noqa: E501
"""Intent features for rooms, housekeeping tasks and the daily report: phrases over normalised text and the weight each lends.

Data, not code: a negative weight speaks against its intent. The scoring is in intents.py.
"""

from __future__ import annotations

FEATURES: dict[str, list[tuple[str, float]]] = {
    "list_rooms": [
        (r"\b(which|what|list|show|any|how many) (\w+ ){0,3}rooms?\b", 2.5),
        (
            r"\brooms? (are|is|still) (dirty|clean|vacant|free|empty|out of order|occupied|need)\b",
            2.0,
        ),
        (r"\bneed (cleaning|inspection)\b", 1.0),
    ],
    "set_condition": [
        (r"\b(how many|which|what|any|list|show)\b.{0,30}\b(clean|dirty|inspected)\b", -4.0),
        (
            r"\b(both|all|now|are|is|they'?re)\s+(clean(ed)?|dirty|inspected)\b|\b(clean|dirty|inspected) now\b",
            2.5,
        ),
        (r"\b(is|are) (now )?(clean|dirty|inspected|cleaned)\b", 2.5),
        (r"\b(set|mark|change)\b.*\b(clean|dirty|inspected)\b", 3.0),
        (r"\bback to (dirty|clean)\b|\bneeds? redoing\b", 2.0),
    ],
    "out_of_order": [
        (
            r"\bblock (them|them both|them all|both|those|these|rooms?)\b.{0,30}\b(from|for|until|between)\b",
            3.0,
        ),
        (
            r"\b(died|dead|broke|broken|not working|kaput|leak\w*)\b.{0,60}\b(block|from|until|sellable|back in service)\b",
            2.5,
        ),
        (
            r"\bblock (it|the room|room \d{3}|\d{3}) (from|for \d|until|between|off)\b|\bsellable again\b",
            3.0,
        ),
        (
            r"\bout of (inventory|use|commission)\b|\b(refit|refitting|renovating|redecorat\w*)\b",
            3.0,
        ),
        (r"\bout of (order|service)\b", 3.5),
        (
            r"\b(carpet|repairs?|renovat\w*|refurb\w*|repaint\w*|painting|plumb\w*|mold|mould|leak\w*|flood\w*|broken)\b.*\b(\d{4}-\d\d-\d\d|from|until|till|through|to the)\b",
            2.5,
        ),
        (
            r"\b(block|close|take)\b.{0,20}\b(room )?\d{3}\b.{0,30}\b(for (a |the )?(carpet|repair|renovation|maintenance|refurb\w*|painting|works?))\b",
            3.0,
        ),
        (r"\b(take|block|close)\b.*\b(room|\d{3})\b.*\b(out|off)\b", 1.0),
    ],
    "return_to_service": [
        (
            r"\bback (in|into) (inventory|use|the system)\b|\b(got|been|is|was) fixed\b|\bready to sell\b|\bsellable\b(?! again on)",
            3.0,
        ),
        (
            r"\bback (in|into|to) (service|order)\b (on|from|by) \w+|\bbe back in service\b|\bit'?ll be back\b",
            -4.5,
        ),
        (
            r"\b(back (in|into|to) (service|order)|return\w* (it |room \d+ )?to service|reopen)\b",
            4.5,
        ),
        (r"\b(fixed|repaired)\b", 1.0),
    ],
    "list_tasks": [
        (
            r"\b(what have i got|what do i have|what'?s assigned|assigned to me|got assigned|my assignments)\b",
            2.5,
        ),
        (r"\b(nobody|no one|noone) (has )?(taken|picked up|claimed)\b|\bsitting there\b", 2.5),
        (
            r"\bwhat (housekeeping |hk )?(tasks|jobs)\b|\b(open|pending|outstanding) (housekeeping )?(tasks|jobs)\b",
            2.0,
        ),
        (r"\b(tasks?|jobs?|my list|to ?do|assignments?)\b", 1.5),
        (
            r"\b(what'?s|what is|what are|show|list|any|anything)\b.*\b(tasks?|jobs?|list|unassigned|pick up)\b",
            2.0,
        ),
        (r"\bunassigned\b", 1.5),
    ],
    "create_task": [
        (
            r"\b(need|send|get) (maintenance|an engineer|a technician|someone to fix|the engineer)\b|\b(won'?t stop|keeps) running\b|\bwater on the floor\b|\blog (it|this|that)\b|\bfor maintenance\b",
            3.0,
        ),
        (
            r"\b(bring|send|need|get|have|deliver|drop off|could (i|we) (get|have)|sent up|brought up)\b.{0,50}\b(cots?|cribs?|towels?|pillows?|blankets?|toiletries|shampoo|soap|iron|ironing board|hair ?dryer|kettle|water bottles?|toothbrush|toothpaste|bath ?robes?|robes?|slippers|sheets|hangers|adapter|charger|coffee( pods)?|tea|duvet|bed linen|amenit\w*)\b",
            3.0,
        ),
        (
            r"\b(make up|made up|clean|tidy|tidied|service|serviced|freshen|do) (up )?(my|our|the) room\b|\b(my|our|the) room\b.{0,25}\b(cleaned|made up|serviced|tidied)\b|\bhousekeeping (to )?(come|stop) by\b|\bcome by and (make|clean|tidy)\b",
            3.0,
        ),
        (
            r"\b(log|create|open|raise|file|make|send|bring)\b.*\b(task|job|ticket|request|someone)\b",
            3.0,
        ),
        (
            r"\b(extra|more|fresh|another|spare) (towels?|pillows?|blankets?|toiletries|sheets|soap)\b",
            3.0,
        ),
        (r"\b(could|can) (i|we|you) (get|have)\b", 1.0),
        (r"\b(broken|leak\w*|not working|doesn'?t (work|turn on))\b", 1.5),
        (r"\b(clean|tidy|make up) (my|our|the) room\b", 2.5),
    ],
    "assign_task": [
        (
            r"\b(hand|pass|give|move|reassign|switch)\b.{0,40}\b(stayover|clean|cleaning|task|job|request|towels|turndown|inspection)\b.{0,25}\b(over )?to [a-z]+\b|\b(hand|pass|give)\b.{0,40}\bover to [a-z]+\b",
            4.0,
        ),
        (
            r"\b(give|assign|hand|pass|send) (it|that|this|that one|this one|the job|the request) to (?!her\b|him\b|them\b|his\b|the\b|my\b|our\b)[a-z]+\b",
            3.5,
        ),
        (r"\b(give|assign|hand|pass|reassign)\b.*\b(task|job)\b.*\bto\b", 4.0),
        (r"\b(give|assign)\b.*\bto [a-z]+\b", 1.0),
    ],
    "update_task": [
        (
            r"\b\d{3}'s (done|finished|ready|complete|sorted)\b|\b(heading|going|on my way) (into|in to|to|up to) \d{3}\b|\bheading into\b",
            3.0,
        ),
        (
            r"\bclose (it|that|this|the task|that task|the job|it out|that task out|that one)\b|\bclose out\b",
            3.0,
        ),
        (r"\b(all done|done!|finished!|complete now|ready now)\b", 2.0),
        (
            r"\b(starting|from) (on )?(the )?\d{1,2}(st|nd|rd|th)\b|\bstarting (a week|tomorrow|today|next|on (mon|tue|wed|thu|fri|sat|sun))",
            -3.0,
        ),
        (r"\b(task|job) \d+\b", 1.5),
        (r"\b(mark|set)\b.*\b(done|finished|complete|in progress|started)\b", 2.5),
        (
            r"\b(starting|started|finished|done with|completed|i'?ll take|working on|begin\w*)\b",
            2.0,
        ),
        (r"\b(finished|done) (\d{3}|with)\b|\b\d{3} (is )?(done|finished)\b", 2.0),
    ],
    "daily_report": [
        (r"\b(daily|today'?s|morning|night) report\b|\breport\b", 3.0),
        (r"\b(how many|number of) (arrivals|departures|rooms occupied)\b|\boccupancy\b", 3.0),
        (r"\barrivals|departures\b", 1.0),
    ],
}
