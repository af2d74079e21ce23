"""What is asked for: payment methods, charge categories, housekeeping kinds and states."""

from __future__ import annotations

import re

from agent.understanding.normalise import normalise


def _norm(text: str) -> str:
    return normalise(text).text


# --- categories -----------------------------------------------------------------------------------


def _first_label(norm: str, table: list[tuple[str, str]]) -> str | None:
    for pattern, label in table:
        if re.search(pattern, norm):
            return label
    return None


_PAYMENT = [
    (r"\b(bank transfer|wire|wired|transfer|bank|iban|ach)\b", "bank_transfer"),
    (r"\b(cash|banknotes|notes)\b", "cash"),
    (
        r"\b(card|credit|debit|visa|master ?card|amex|american express|discover|contactless|"
        r"apple pay|google pay|cc)\b",
        "card",
    ),
]


def find_payment_method(text: str) -> str | None:
    """``card``, ``cash`` or ``bank_transfer`` from how the guest says they pay."""
    return _first_label(_norm(text), _PAYMENT)


_CHARGES = [
    (r"\b(?:cleaning|smoking) fee\b", "misc"),
    (
        r"\bcancell?ation (?:fee|charge)\b|\bno[- ]show fee\b|\b(?:the|that|late) fee\b",
        "cancellation_fee",
    ),
    (r"\bmini ?bar\b|\bsnacks? from the room\b|\bfridge\b", "minibar"),
    (r"\bspa\b|\bmassage\b|\bfacial\b|\bsauna\b|\btreatment\b|\bwellness\b", "spa"),
    (r"\bparking\b|\bvalet\b|\bgarage\b|\bcar park\b|\bpark(ed)? (the|my) car\b", "parking"),
    (r"\blaundry\b|\bdry ?clean\w*\b|\bironing\b|\bpressing\b|\bwash\w*\b", "laundry"),
    (
        r"\broom service\b|\bdinner\b|\blunch\b|\brestaurant\b|\bbar\b|\bdrinks?\b|\bmeal\b|"
        r"\bfood\b|\bwine\b|\bcocktails?\b|\bcoffee\b|\bbeer\b|\btab\b",
        "food_beverage",
    ),
    (r"\bbreakfast\b", "breakfast"),
    (r"\bmisc\w*\b|\bother\b|\bsundry\b|\bdamage\b|\bsmoking fee\b|\bshuttle\b", "misc"),
]


def find_charge_category(text: str) -> str | None:
    """The folio charge category the text talks about, or ``None``."""
    return _first_label(_norm(text), _CHARGES)


# --- housekeeping ---------------------------------------------------------------------------------

_TASK_KINDS = [
    (r"\b(check ?out|departure|turnover|vacated?) clean", "checkout_clean"),
    (r"\binspect\w*\b", "inspection"),
    (
        r"\b(broken|broke|leak\w*|not working|doesn'?t work|does not work|isn'?t working|"
        r"won'?t (turn|work|flush|drain|open|close|lock)|repair|fix|clogged|blocked|no hot water|"
        r"flickering|stuck|maintenance|dripping|flood\w*|noisy (ac|air|fan))\b",
        "maintenance",
    ),
    (
        r"\b(towels?|pillows?|blankets?|duvet|sheets|toiletries|shampoo|conditioner|soap|"
        r"toothbrush|toothpaste|toilet paper|tissues|cot|crib|robes?|bathrobes?|slippers|"
        r"hangers|iron|hair ?dryer|water bottles?|bottled water|amenit\w*|razor|kettle|"
        r"adapter|charger|extra bed|rollaway)\b",
        "amenity_request",
    ),
    (
        r"\b(clean|tidy|make up|made up|cleaned|tidied|serviced|service|freshen up|housekeeping|"
        r"vacuum|change the sheets)\b",
        "stayover_clean",
    ),
]


def find_task_kind(text: str) -> str | None:
    """Housekeeping task kind: towels -> amenity_request, a leak -> maintenance, "clean my
    room" -> stayover_clean, "checkout clean" -> checkout_clean, "inspect" -> inspection."""
    return _first_label(_norm(text), _TASK_KINDS)


_TASK_STATUS = [
    (r"\b(not (yet )?(started|done|finished)|re-?open\w*|still open|back to open)\b", "open"),
    (
        r"\b(finished|done|completed?|all set|wrapped up|taken care of|"
        r"close (it|that|this|the task|that task|the job|it out)|close out|closed|"
        r"dropped (them|it|the \w+( \w+)?) off)\b",
        "done",
    ),
    (
        r"\b(start\w*|working on|in progress|on it|begin\w*|began|under way|underway|"
        r"on my way|heading)\b",
        "in_progress",
    ),
    (r"\bopen\b", "open"),
]


def find_task_status(text: str) -> str | None:
    """Task status: "started"/"working on" -> in_progress, "finished"/"done" -> done."""
    return _first_label(_norm(text), _TASK_STATUS)


_PRIORITY = [
    (r"\b(not urgent|no rush|no hurry|whenever|low priority|when you can|low)\b", "low"),
    (
        r"\b(urgent\w*|asap|as soon as possible|immediately|right away|right now|emergency|"
        r"high priority|high|critical)\b",
        "high",
    ),
    (r"\b(normal|regular|standard) priority\b|\bnormal\b", "normal"),
]


def find_priority(text: str) -> str | None:
    """Task priority: "urgent"/"asap" -> high, "no rush" -> low."""
    return _first_label(_norm(text), _PRIORITY)


_CONDITIONS = [
    (
        r"\b(dirty|not clean|unclean|messy|soiled|(needs?|need(ing)?|waiting|still|yet|left) "
        r"(to be )?(cleaning|cleaned|done))\b",
        "dirty",
    ),
    (r"\b(inspected|passed inspection|checked and approved|approved)\b", "inspected"),
    (r"\b(clean|cleaned|ready|tidied|made up)\b", "clean"),
]


def find_room_condition(text: str) -> str | None:
    """Room condition: ``dirty``, ``clean`` or ``inspected``."""
    return _first_label(_norm(text), _CONDITIONS)


def find_task_ids(text: str) -> list[int]:
    """Task ids: "task 3", "task #3", "task number 3", "#3" (one or two digits alone)."""
    norm = _norm(text)
    found: list[int] = []
    pattern = r"\btasks?\s*(?:#|no\.?|number|id)?\s*(\d{1,6})\b|(?<![\w#])#(\d{1,2})\b"
    for m in re.finditer(pattern, norm):
        value = int(m.group(1) or m.group(2))
        if value not in found:
            found.append(value)
    return found
