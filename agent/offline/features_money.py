# ruff: noqa: E501
"""Intent features for folios, payments, charges, refunds, voids, arrivals and departures: phrases over normalised text and the weight each lends.

Data, not code: a negative weight speaks against its intent. The scoring is in intents.py.
"""

from __future__ import annotations

from agent.understanding.entities import CODE

FEATURES: dict[str, list[tuple[str, float]]] = {
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
        (rf"\b(room|put .* in) \d{{3}}\b.*\b(for|to) {CODE}", 1.0),
    ],
}
