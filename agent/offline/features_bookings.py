# ruff: noqa: E501
"""Intent features for bookings, stays, hotel questions, greetings and hand-offs: phrases over normalised text and the weight each lends.

Data, not code: a negative weight speaks against its intent. The scoring is in intents.py.
"""

from __future__ import annotations

from agent.understanding.entities import CODE

FEATURES: dict[str, list[tuple[str, float]]] = {
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
            r"\b(do you have|have you got|got|is there) (a |any |an |1 )?(\w+ ){0,2}?(rooms?|suites?|vacanc\w*|availability|space|double|queen|king|twin|family room)\b",
            2.5,
        ),
        (
            r"\b(parking|valet|shuttle|massage|cot|crib|pets?|dogs?|late check[- ]?out|early check[- ]?in|laundry|wi-?fi|pool|gym|minibar)\b",
            -2.0,
        ),
        (
            r"\b(from|between) (the )?\d|\bnights?\b|\b\d{1,2}(st|nd|rd|th)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b",
            1.0,
        ),
        (
            r"\b(bill|folio|balance|owe|owing|outstanding|paid|charges|account|so far|left to pay|settle)\b",
            -3.0,
        ),
        (rf"{CODE}|\b(the|my|our|his|her) (booking|reservation)\b", -2.0),
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
            r"\b(do you have|have you got|got) (anything|something|a room|1 room|any)\b|\bwould (we|the \w+ of us|\d of us) fit\b",
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
        (r"\bwho\b.{0,30}\b(arriving|arrives|checking (in|out)|departing|leaving)\b", 4.0),
    ],
    "modify_booking": [
        (
            r"\b(checking out|check out|leaving|departing)\b.{0,25}\binstead\b|\bstay (on )?through\b",
            2.5,
        ),
        (rf"{CODE}.{{0,80}}\bbreakfast\b|\bbreakfast\b.{{0,80}}{CODE}", 2.0),
        (
            r"\b(come|arrive|leave|stay|check ?out|check ?in)\b.{0,25}\binstead\b|\binstead\b.{0,25}\b(come|arrive|leave|stay|until)\b",
            2.5,
        ),
        (
            r"\b(make|change|switch|move|put|upgrade|bump)\b.{0,40}\b(suite|king|queen|double|deluxe|sea view|family room|breakfast|flexible|non-?refundable|rate|adults?|children|kids|nights?|dates?)\b",
            1.5,
        ),
        (r"\b(stay|staying|leave|leaving)\b.{0,10}\buntil\b.{0,20}\binstead\b", 2.0),
        (r"\b(swap|switch|change|exchange|trade) (our|my|the) .{0,30}\bfor\b", 2.5),
        (
            r"\badd (breakfast|a child|my|our|him|her|them|one|another|an extra|a person|a guest|an adult)\b|\b(add|include) (breakfast|\w+ to the (booking|reservation))\b",
            2.5,
        ),
        (
            r"\b(make|change|switch|put) (it|the booking|the reservation|that|this|[a-z]{2,4}\d{4,6}|us|our booking)\b.{0,25}\b(for |to |into )?(\d+|the) ?(adults?|people|guests|persons|nights?|suite|king|queen|double|breakfast|rate)\b",
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
    "handoff": [
        (
            r"\b(get|send|ask|need) (someone|somebody|a member of (the )?staff|staff)\b|\b(left|lost|forgot|missing) (my|our)\b",
            2.5,
        ),
        (r"\b(noise|noisy|partying|party next door|can'?t sleep|loud)\b", 2.0),
        (
            r"\b(get|call|fetch|find) me (a|the|your|someone)\b|\b(the|a|your|duty) manager\b|\bsomebody from the hotel\b|\bsomeone (from|at) the (hotel|front desk)\b",
            2.0,
        ),
        (
            r"\b(leak\w*|flood\w*|drip\w*|water everywhere|not working|isn'?t working|doesn'?t work|broken|no hot water|heating|air ?con\w*|smell\w* (gas|smoke)|fire|stuck in the lift)\b",
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
            rf"{CODE}|\b\d{{3}}\b|\$\d|@|\b(book|reserve|booking|reservation|assign|give (him|her|them)|put (him|her|them)|charge|post|add|refund|void)\b",
            -2.0,
        ),
        (r"\b(late check[- ]?out|early check[- ]?in|check[- ]?(in|out) time|minimum age)\b", 2.5),
        (
            r"\bwhat time\b.{0,30}\b(get|go|move) into (our|my|the) room\b|\bwhat time\b.{0,30}\b(out of|vacate|leave) (our|my|the) room\b",
            2.5,
        ),
        (r"\b(room for|rooms? (for|from|on)|from the \d|for \d nights?)\b", -1.5),
        (
            r"\b(wi-?fi|wifi|internet|password|pool|swim\w*|sauna|gym|fitness|spa|massage|parking|park my car|valet|garage|ev charg\w*|charger for (my|an) (car|ev)|pets?|dogs?|cats?|service animal|shuttle|airport|taxi|restaurant|dinner|lunch|bar|rooftop|roof|smok\w*|luggage|bags|suitcase|laundry|dry clean\w*|quiet hours|noise|lost and found|lost property|accessib\w*|wheelchair|elevator|lift|hearing|cot|crib|baby bed|minimum age|how old|photo id|id card|payment methods?|credit cards?|amex|cheques?|checks|check-?in time|check-?out time|late check-?out|early check-?in|housekeeping hours|towels? change|address|directions|where are you|located|phone number|front desk hours|local area|things to do|nearby|beach|museum)\b",
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
