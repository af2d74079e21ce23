# ruff: noqa: E501
"""Intent recognition: weighted pattern features over normalised text.

Each intent has phrases (regexes over the normalised text) with weights; the scores add up, a
negated cue ("don't cancel") counts against its intent. Only intents whose tool the role has are
offered as actionable; the others are still recognised so the policy can refuse them plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.understanding.normalise import normalise

# intent -> the tool that fulfils it (None: answered without a tool)
TOOL_OF: dict[str, str | None] = {
    "book": "create_reservation",
    "availability": "check_availability",
    "find_booking": "find_reservation",
    "show_booking": "get_reservation",
    "search_bookings": "search_reservations",
    "modify_booking": "modify_reservation",
    "cancel_booking": "cancel_reservation",
    "folio": "get_folio",
    "pay": "record_payment",
    "charge": "post_charge",
    "refund": "refund_payment",
    "void": "void_charge",
    "check_in": "check_in",
    "check_out": "check_out",
    "assign_room": "assign_room",
    "list_rooms": "list_rooms",
    "set_condition": "set_room_condition",
    "out_of_order": "set_room_out_of_order",
    "return_to_service": "return_room_to_service",
    "list_tasks": "list_housekeeping_tasks",
    "create_task": "create_housekeeping_task",
    "assign_task": "assign_housekeeping_task",
    "update_task": "update_housekeeping_task",
    "daily_report": "daily_report",
    "handoff": "handoff_to_human",
    "knowledge": "search_knowledge",
    "greeting": None,
    "thanks": None,
}

_FEATURES: dict[str, list[tuple[str, float]]] = {
    "book": [
        (
            r"\b(book|need|want|like|get|add|reserve|and|also) (another|a (second|2nd)|one more|1 more) (one|1|room|booking|reservation)\b",
            3.0,
        ),
        (
            r"\b(we'?ll|i'?ll|let'?s) (take|go with|have|do)\b|\b(book|reserve) (it|that|this|one)\b|\bsounds good,? (book|let'?s)\b|\bgo ahead and book\b",
            2.5,
        ),
        (r"\b(like|love|want|need) to (stay|book|reserve|come)\b", 1.5),
        (r"\b(book|booking|reserve|reservation) (a|an|the|me|us|it|that|this|one|2|room)\b", 2.5),
        (r"\b(book|reserve)\b", 1.5),
        (
            r"\b(like|want|need|looking for|get) (a|an|the|1) (room|queen|king|suite|double|family)",
            2.0,
        ),
        (r"\b(room|queen|king|suite|double)\b.*\b(for|from) ", 0.5),
        (r"\bwalk-?in\b", 2.0),
        (r"\bwants? (a|an|the|1) \w+ ?(room|suite)", 2.0),
        (r"\b(go ahead|lock it in|take it|confirm it)\b", 1.5),
        (r"\bcaller who wants\b", 1.0),
        (r"\bnew (booking|reservation)\b", 2.0),
    ],
    "availability": [
        (
            r"\b(do you have|have you got|got|is there) (a |any |an )?(rooms?|suites?|vacanc\w*|availability|space|double|queen|king|twin|family room)\b",
            2.5,
        ),
        (
            r"\b(parking|valet|shuttle|massage|cot|crib|pets?|dogs?|late check[- ]?out|early check[- ]?in|laundry|wi-?fi|pool|gym|minibar)\b",
            -2.0,
        ),
        (
            r"\b(from|between) (the )?\d|\bnights?\b|\b\d{1,2}(st|nd|rd|th)\b|\b(march|april|may|june|july|august)\b",
            1.0,
        ),
        (
            r"\b(bill|folio|balance|owe|owing|outstanding|paid|charges|account|so far|left to pay|settle)\b",
            -3.0,
        ),
        (r"\b(hv|al)\d{4}\b|\b(the|my|our|his|her) (booking|reservation)\b", -2.0),
        (r"\bcheapest\b|\bcompare|comparing|torn between\b", 2.0),
        (
            r"\bhow much (is|would|will|does|do|for|are|was)\b|\bwhat (would|will|does) (it|that|the total|this|each)\b.{0,30}\b(cost|be|come to|total)\b|\bwhat'?s the (price|rate|total|cost)\b",
            2.2,
        ),
        (
            r"\b(price|prices|quote|total|cost|costs|come to|how much)\b.{0,60}\b(night|nights|from|for|room|suite|double|king|queen|stay)\b",
            1.0,
        ),
        (
            r"\b(just|only) (checking|asking|looking|a price|comparing|browsing)\b|\bnot booking\b|\bjust (a )?(price|quote)\b|\bfor now\b",
            1.5,
        ),
        (
            r"\b(cheapest|lowest|best) (room|price|rate|option|deal)\b|\bwhat('?s| is) the cheapest\b",
            1.5,
        ),
        (
            r"\b(do you have|have you got|got) (anything|something|a room|any)\b|\bwould (we|the \w+ of us|\d of us) fit\b",
            1.5,
        ),
        (
            r"\b(available|availability|vacancy|vacancies|free rooms?|any rooms? (free|available|left|for|on|from|tonight|this|next))\b",
            2.0,
        ),
        (r"\bis (the|a|there) .{0,30}\bfree\b", 2.0),
        (r"\b(how much|price|prices|cost)\b|\bwhat (are|is) (the|your) rates?\b", 1.2),
        (r"\bdo you have\b", 1.5),
    ],
    "find_booking": [
        (
            r"\bpull (it|her|him|them|the booking|the reservation|that) up\b|\bbring (it|her booking|his booking) up\b",
            2.5,
        ),
        (
            r"\b(check|verify|confirm|double-?check\w*) (my|our|the|hv\d+|al\d+|for me)\b.{0,30}\b(booking|reservation|hv\d+|al\d+)?",
            1.5,
        ),
        (r"\bpull up my\b|\bmy (booking|reservation)\b", 1.0),
        (r"\b(find|look up|lookup|locate|pull up)\b.*\b(booking|reservation)\b", 2.5),
        (r"\bmy (booking|reservation) (is|code)\b", 1.5),
        (r"\b(confirmation|booking) (code|number) is\b", 1.0),
    ],
    "show_booking": [
        (
            r"\b(give me|what'?s|what is|tell me|need) (her|his|their|the|my) (confirmation|booking|reservation) (number|code)\b",
            2.5,
        ),
        (
            r"\b(details|what time|when (is|do|am)|how many nights|my (booking|reservation|stay))\b",
            1.0,
        ),
        (
            r"\b(show|see|check|tell me about|what'?s on) (my|the|her|his) (booking|reservation|stay)\b",
            2.0,
        ),
        (r"\bwho is\b|\bwho'?s staying\b|\bwho'?s in\b", 2.0),
        (r"\bwhat'?s the total\b|\btotal on\b", 1.5),
        (r"\bconfirmation (number|code)\b", 0.5),
    ],
    "search_bookings": [
        (
            r"\b(among|in|on) (the |today'?s |tomorrow'?s )?(arrivals|departures)\b|\bis there a [A-Za-z]+ (arriving|due|among|in|on|staying)\b",
            2.5,
        ),
        (r"\b(find|search|look up|any|list)\b.*\b(reservations?|bookings?) (for|under|by)\b", 2.0),
        (r"\bdue (out|in)\b|\barriving today\b|\bstaying in\b", 1.5),
    ],
    "modify_booking": [
        (
            r"\b(checking out|check out|leaving|departing)\b.{0,25}\binstead\b|\bstay (on )?through\b",
            2.5,
        ),
        (r"(hv|al)\d{4}.{0,80}\bbreakfast\b|\bbreakfast\b.{0,80}(hv|al)\d{4}", 2.0),
        (
            r"\b(come|arrive|leave|stay|check ?out|check ?in)\b.{0,25}\binstead\b|\binstead\b.{0,25}\b(come|arrive|leave|stay|until)\b",
            2.5,
        ),
        (
            r"\b(make|change|switch|move|put|upgrade|bump)\b.{0,40}\b(suite|king|queen|double|deluxe|sea view|family room|breakfast|flexible|non-?refundable|rate|adults?|children|kids|nights?|dates?)\b",
            1.5,
        ),
        (r"\b(stay|staying|leave|leaving)\b.{0,10}\buntil\b.{0,20}\binstead\b", 2.0),
        (
            r"\badd (breakfast|a child|my|our|him|her|them|one|another|an extra|a person|a guest|an adult)\b|\b(add|include) (breakfast|\w+ to the (booking|reservation))\b",
            2.5,
        ),
        (
            r"\b(make|change|switch|put) (it|the booking|the reservation|that|this|hv\d+|al\d+|us|our booking)\b.{0,25}\b(for |to |into )?(\d+|the) ?(adults?|people|guests|persons|nights?|suite|king|queen|double|breakfast|rate)\b",
            2.5,
        ),
        (
            r"\binstead\b|\bplans (have )?changed\b|\bgot moved\b|\b(push|pushed|bring|move) (it |us |the booking )?(back|forward)\b",
            1.5,
        ),
        (
            r"\b(move|moving|switch|switching|upgrade|upgrading|put) (us|me|them|him|her|it|the booking) (in|into|to)\b",
            2.0,
        ),
        (
            r"\b(arrive|come|leave|stay|check out|depart)\w* (a|one|\d+) (day|night)s? (later|earlier|longer|sooner)\b|\bone more night\b|\bextra night\b",
            2.5,
        ),
        (
            r"\bcan (hv\d+|al\d+|it|we|the booking|my booking) be\b|\b(is coming|comes|come) (with me|along|too)\b|\bdropped out\b|\bjoin(s|ing)? us\b",
            1.5,
        ),
        (
            r"\b(change|modify|move|extend|shorten|switch|upgrade|update)\b(?! of plans)"
            r"(?! ?[.!?,]| (if|when|because|so|but|and then))",
            2.0,
        ),
        (r"\binstead of\b", 1.5),
        (r"\b(stay|staying) (\d+ )?(more|extra|another|longer)\b|\b(more|extra) nights?\b", 2.5),
        (r"\b(add|one more) (a |an |1 )?(night|person|adult|guest|child)\b", 2.0),
        (r"\bleave (a day )?early\b|\barrive (a day )?(later|earlier)\b", 2.0),
    ],
    "cancel_booking": [
        (r"\bif (i|we) cancel\w*\b|\blose if\b|\bcost (me )?to cancel\b", 3.0),
        (
            r"\b(late|the|a) cancell?ation (fee|charge)\b|\bcancell?ation on\b|\bgenerated a fee\b",
            -2.5,
        ),
        (
            r"\b(free cancell?ation|(able|possible) to cancel|can (still )?cancel|cancel (it )?(later|if|for free)|cancell?able|can'?t cancel|cannot cancel|no cancell?ation|cancell?ation polic\w*)\b",
            -3.0,
        ),
        (
            r"\bplease cancel\b|\bcancel (it|my|our|the|this|that|booking|reservation|hv\d|al\d)",
            1.0,
        ),
        (r"\bcancel(l?ing|s)?\b", 3.5),
        (r"\bcancell?ed\b", 1.5),
        (r"\bcancell?ations?\b", 2.5),
        (r"\b(no longer|not) (need|coming|able to come)\b|\bcan'?t make it\b", 2.5),
    ],
    "folio": [
        (
            r"\bhow much (we|i|he|she|they) (paid|have paid|owe)\b|\bafter what (i|we)'?ve (already )?paid\b",
            2.5,
        ),
        (
            r"\b(on|open on) (his|her|their|the) account\b|\bwhat'?s (open|outstanding|owing|due)\b",
            2.5,
        ),
        (
            r"\bhow much (did|have|had) (we|i|he|she|they) (pay|paid)\b|\bwhat (have|did) (we|i) (run up|spent|charged)\b|\brun up\b",
            2.5,
        ),
        (r"\b(balance|folio|bill|owe|owes|outstanding|what'?s left|statement|invoice)\b", 2.5),
        (r"\b(charges?|paid so far|how much (do|does) (i|he|she|they))\b", 1.0),
        (r"\b(what|how much) (did|has|have) (he|she|they|i|we|the guest) (pay|paid)\b", 2.0),
    ],
    "pay": [
        (
            r"\bpays\b|\b(putting|put|puts|charge|charging) (it|that|the (full |whole |remaining )?(balance|bill|amount|rest)|everything|the lot)\b.{0,15}\b(on|to) (his|her|their|my|the) (card|visa|amex|mastercard|credit card|debit card)\b",
            3.5,
        ),
        (r"\bpay\w*\b.{0,20}\bthe difference\b", -2.5),
        (
            r"\b(pay|paying)\b.{0,30}\b(up ?front|in advance|now and|the difference|at the hotel|on arrival)\b",
            -2.0,
        ),
        (r"\b(pay|paying|payment|settle|settling|deposit|prepay|came in|apply it)\b", 2.5),
        (r"(?<!already )(?<!has )(?<!have )\bpaid\b(?! in full| so far| for| up\b)", 1.5),
        (r"\b(in cash|by card|bank transfer|on (his|her|their|my) card)\b", 1.0),
        (
            r"\b(pay|settle|paying|settling) (off |up )?(what|the|his|her|their|everything|all|it|in full)\b",
            1.5,
        ),
        (
            r"\b(pay|settle|paying)\b.{0,25}\b(later|tomorrow|next week|at check ?out|another time)\b",
            -3.0,
        ),
    ],
    "charge": [
        (
            r"\b(nobody|no one|never|wasn'?t|hasn'?t been|not been|didn'?t get) (charged|billed|posted)\b|\b(under|as) (parking|minibar|laundry|spa|misc\w*|food|breakfast)\b",
            3.0,
        ),
        (r"\b(add|post|put)\b.{0,40}\b(to|on)\b.{0,30}\b(bill|folio|tab|account)\b", 3.0),
        (
            r"\b(put|add|post|charge|bill) (it|that|this|them)\b.{0,12}\b(on|to) (the |his |her |their )?(hv\d+|al\d+|room|bill|folio|account|tab|reservation|booking)\b",
            3.0,
        ),
        (r"\b(charge|bill) (it|that|this|them) to\b|\bcharge (him|her|them|the guest) for\b", 2.5),
        (
            r"\b(add|post|put|charge)\b.*\b(to|on) (the|his|her|their|my)? ?(bill|folio|room|tab)\b",
            3.0,
        ),
        (r"\b(post|add) (a |the |1 )?(charge|minibar|parking|laundry|spa|dinner)\b", 2.5),
        (r"\b(put|add) \$?\d", 2.0),
        (r"\bon room \d{3}\b", 1.0),
        (r"\b(minibar|parking|laundry|valet|room service)\b", 1.0),
    ],
    "refund": [
        (
            r"\bgive (him|her|them|the guest) back\b|\bback on (his|her|their) card\b|\bcredit (him|her|them) back\b",
            3.0,
        ),
        (r"(?<!non )(?<!non-)(?<!non)\brefund(?!able)\w*\b", 4.0),
        (r"\b(money|payment) back\b", 3.0),
    ],
    "void": [
        (
            r"\btake (the |that |this )?(\w+ ){0,3}off (her|his|their|the|my) (bill|folio|account|tab)\b",
            3.5,
        ),
        (
            r"\btake (the |that |this )?(\w+ )?(\w+ )?(line|charge|item) off\b|\b(remove|delete|strike) (the |that |this )?(\w+ )?(line|charge|item)\b|\bwaive\b",
            3.0,
        ),
        (r"\bvoid\w*\b", 4.0),
        (r"\b(take off|remove|reverse|comp|comped|waive)\b", 2.5),
        (r"\bline \d+\b", 1.0),
    ],
    "check_in": [
        (r"\bcan (he|she|i|we|they|my \w+) check[- ]?in\b", -2.5),
        (
            r"\b(minimum age|age to|what time|when can|how early|early check[- ]?in|check[- ]?in time|from what time)\b",
            -3.5,
        ),
        (r"\b(get|put) (him|her|them) (in|into)\b", 1.5),
        (
            r"\bcheck(ing)?[ -]?in\b (on |at |from |for )?(the )?(\d|mon|tue|wed|thu|fri|sat|sun|tomorrow|today|tonight|later|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|this)",
            -2.5,
        ),
        (r"\b(i'?m|we'?re|i am|we are) (checking|arriving|coming)\b", -2.0),
        (r"\bcheck(ing|ed)? (him|her|them|me|us|the guest|in)\b", 1.0),
        (r"\bcheck(ing)? ?in\b", 3.0),
        (r"\bcheck (him|her|them|the guest|the \w+|\w+ \w+) in\b", 3.0),
        (
            r"\b(is|are) (here|at the desk|in the lobby|at reception)\b|\bshowed up\b|\bjust arrived\b|\bhas arrived\b",
            2.0,
        ),
        (r"\b(get|put) (him|her|them) (in|into) (a |the )?(room|\d{3})\b|\bkeys? (for|to)\b", 1.5),
    ],
    "check_out": [
        (r"\b(after|before) check[- ]?out\b|\blater than\b", -3.0),
        (
            r"\b(what time|when (do|must|should)|how late|late check[- ]?out|check[- ]?out time|by when)\b",
            -3.5,
        ),
        (r"\b\d{3} (is )?(out|leaving|checking out|departing)\b", 3.0),
        (r"\bcheck (him|her|them|the \w+|\w+ \w+|\w+) out\b", 3.0),
        (r"\binstead of (checking|check) ?out\b|\bcheck(ing)? ?out (date|day)\b", -3.0),
        (
            r"\bcheck(ing)?[ -]?out\b (on |at |by )?(the )?(\d|mon|tue|wed|thu|fri|sat|sun|tomorrow|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next)",
            -2.5,
        ),
        (r"\b(checked out|check-?out (time|is))\b", -2.0),
        (r"\bcheck(ing|ed)? ?out\b", 3.0),
        (r"\bleaving (today|now|this morning)\b", 1.5),
        (r"\bcheck (him|her|them) out\b", 3.0),
    ],
    "assign_room": [
        (
            r"\bassign (it|that|room \d{3}|\d{3}) to (her|his|their|the) (booking|reservation|stay|guest)\b|\b\d{3} works\b",
            3.5,
        ),
        (
            r"\b(pre-?assign|hold|earmark|set aside|keep|save) (him|her|them |it )?(room )?\d{3}\b|\b(pre-?assign|assign) (him|her|them|it) (room )?\d{3}\b|\bpre-?assign\w*\b",
            3.5,
        ),
        (r"\bassign (room )?\d{3}\b|\bassign room\b", 3.5),
        (
            r"\b(block|put (him|her|them) in|give (him|her|them)( the \w+)?( room)?|put (him|her|them) there)\b",
            2.5,
        ),
        (r"\b(room|put .* in) \d{3}\b.*\b(for|to) (hv|al)\d", 1.0),
    ],
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
            r"\b(both|all|now|are|is|they'?re)\s+(clean|dirty|inspected)\b|\b(clean|dirty|inspected) now\b",
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
            r"\b(need|send|get) (maintenance|an engineer|a technician|someone to fix|the engineer)\b|\b(won'?t stop|keeps) running\b|\bwater on the floor\b",
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
    "handoff": [
        (
            r"\b(get|send|ask) (someone|somebody|a member of (the )?staff|staff)\b|\b(left|lost|forgot|missing) (my|our)\b",
            2.5,
        ),
        (r"\b(noise|noisy|partying|party next door|can'?t sleep|loud)\b", 2.0),
        (
            r"\b(get|call|fetch|find) me (a|the|your|someone)\b|\b(the|a|your|duty) manager\b|\bsomebody from the hotel\b|\bsomeone (from|at) the (hotel|front desk)\b",
            2.0,
        ),
        (
            r"\b(leak\w*|flood\w*|water everywhere|not working|isn'?t working|doesn'?t work|broken|no hot water|heating|air ?con\w*|smell\w* (gas|smoke)|fire|stuck in the lift)\b",
            1.5,
        ),
        (r"\bcome and (fix|look|have a look|sort)\b|\bfix it\b", 1.5),
        (
            r"\b(human|real person|someone|manager|staff member|talk to|speak (to|with)|agent)\b",
            1.5,
        ),
        (r"\b(talk|speak) (to|with) (a|an|the|someone|somebody)\b", 3.0),
        (r"\b(complain|complaint|urgent|emergency|lawyer|unacceptable|furious)\b", 2.0),
    ],
    "knowledge": [
        (
            r"\b(children|kids|child|baby|infant|toddler)s?\b.{0,30}\b(free|stay free|charged?|cost|share|extra bed|policy|allowed)\b",
            2.5,
        ),
        (
            r"\bhow much (is|does|do|for|would|will)\b.{0,30}\b(parking|breakfast|shuttle|massage|spa|valet|dogs?|pets?|late check[- ]?out|early check[- ]?in|cot|laundry|luggage|bags)\b",
            2.5,
        ),
        (
            r"\b(leave|stay|check out|checkout) (a bit |an hour |a little |two hours )?later than\b|\bkeep the room (longer|until|a bit)\b|\barrive (early|earlier than)\b|\b(keep|store|hold|leave) (my |our |her |his |their )?(bags|luggage|suitcases?)\b",
            2.5,
        ),
        (
            r"\b(is|are|he'?s|she'?s|i'?m) \d{2}\b.{0,40}\bcheck[- ]?in\b|\bhow old\b|\b(minimum )?age\b|\bon (his|her|their) own\b",
            2.5,
        ),
        (
            r"\bskip\w* (the |their |my |our )?(daily )?(cleaning|housekeeping|room service)\b|\bdaily cleaning\b|\b(do we|do you) (charge|allow|offer|have)\b",
            2.5,
        ),
        (
            r"\b(hv|al)\d{4}\b|\b\d{3}\b|\$\d|@|\b(book|reserve|booking|reservation|assign|give (him|her|them)|put (him|her|them)|charge|post|add|refund|void)\b",
            -2.0,
        ),
        (r"\b(late check[- ]?out|early check[- ]?in|check[- ]?(in|out) time|minimum age)\b", 2.5),
        (r"\b(room for|rooms? (for|from|on)|from the \d|for \d nights?)\b", -1.5),
        (
            r"\b(wi-?fi|wifi|internet|password|pool|swim\w*|sauna|gym|fitness|spa|massage|parking|park my car|valet|garage|ev charg\w*|charger for (my|an) (car|ev)|pets?|dogs?|cats?|service animal|shuttle|airport|taxi|restaurant|dinner|lunch|bar|rooftop|roof|lantern|tide|smok\w*|luggage|bags|suitcase|laundry|dry clean\w*|quiet hours|noise|lost and found|lost property|accessib\w*|wheelchair|elevator|lift|hearing|cot|crib|baby bed|minimum age|how old|photo id|id card|payment methods?|credit cards?|amex|cheques?|checks|check-?in time|check-?out time|late check-?out|early check-?in|housekeeping hours|towels? change|address|directions|where are you|located|phone number|front desk hours|local area|things to do|nearby|beach|museum)\b",
            1.5,
        ),
        (
            r"^(what|when|where|how|is|are|do|does|can|could|may|will|would|which|any)\b.*\?\s*$|\?\s*$",
            0.8,
        ),
        (
            r"\b(what time does|what time is|when does|when do|opening hours|open until|open till|closes?|hours of|are (dogs|pets) allowed|can i bring|do you allow|is there a|do you have a (pool|gym|spa|bar|restaurant|shuttle|parking)|how much (is|does|do) (the )?(parking|breakfast|shuttle|massage|spa|valet|a dog|pets?|late check-?out|early check-?in|the cot))\b",
            2.0,
        ),
        (
            r"\b(what time|when is|do you (have|offer|allow)|is there|where is|wifi|wi-fi|pool|gym|"
            r"parking|pets?|breakfast (time|served|hours)|airport|shuttle|spa hours|policy)\b",
            1.0,
        ),
        (r"\?\s*$", 0.3),
    ],
    "greeting": [(r"^(hi|hello|hey|good (morning|afternoon|evening))\b[ !.,]*$", 3.0)],
    "thanks": [
        (r"^(thanks|thank you|thx|cheers|great|perfect|ok|okay|bye|goodbye)\b[ !.,a-z]{0,20}$", 3.0)
    ],
}

_READ_TOOLS = {
    "check_availability", "find_reservation", "get_reservation", "search_reservations",
    "get_folio", "list_rooms", "list_housekeeping_tasks", "daily_report", "search_knowledge",
}  # fmt: skip

_COMPILED = {k: [(re.compile(p), w) for p, w in v] for k, v in _FEATURES.items()}
_NEGATION = re.compile(r"\b(don'?t|do not|not|never|no need to|without)\s+(\w+\s+){0,2}$")

THRESHOLD = 2.0


@dataclass(frozen=True)
class Scored:
    intent: str
    score: float


def score_intents(text: str) -> list[Scored]:
    """Every intent with evidence in the text, best first."""
    norm = normalise(text).text
    results: list[Scored] = []
    for intent, features in _COMPILED.items():
        total = 0.0
        for pattern, weight in features:
            m = pattern.search(norm)
            if m is None:
                continue
            negated = _NEGATION.search(norm[: m.start()]) is not None
            total += -weight if negated else weight
        if total > 0:
            results.append(Scored(intent, round(total, 3)))
    # On a tie, the action wins over the look-up ("wants to pay part of his bill" is a payment).
    return sorted(results, key=lambda s: (-s.score, TOOL_OF.get(s.intent) in _READ_TOOLS))


# A request this clear is answered even when the role may not make it: with a plain refusal.
CLEAR = 3.5


def recognise(
    text: str, threshold: float = THRESHOLD, allowed: set[str] | None = None
) -> str | None:
    """The best intent over the threshold, or None.

    With `allowed` (the intents the role has tools for), a weak reading the role cannot act on
    gives way to the best one it can: a guest's "pay everything upfront" is about a rate, not a
    payment. Only a clear request outside the role comes back, to be refused.
    """
    scored = [s for s in score_intents(text) if s.score >= threshold]
    if not scored:
        return None
    top = scored[0]
    if allowed is None or top.intent in allowed or top.score >= max(CLEAR, threshold):
        return top.intent  # a clear request outside the role is refused, not reinterpreted
    for other in scored[1:]:
        if other.intent in allowed:
            return other.intent
    return None


def allowed_intents(tools: set[str]) -> set[str]:
    """The intents a principal with these tools can act on (guests read bookings by finding)."""
    intents = {i for i, tool in TOOL_OF.items() if tool is None or tool in tools}
    if "find_reservation" in tools:
        intents |= {"show_booking", "find_booking"}
    return intents
