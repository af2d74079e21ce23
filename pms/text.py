"""The rules every text field a person or a model types must keep, in one place.

PostgreSQL refuses a NUL anywhere in a text parameter and a value longer than its column; a
lone surrogate (which JSON can carry) cannot even be encoded for the driver. Each reached the
database as a 500 after the request was accepted. Checked here, at the schema, each becomes a
422 naming the field on the API, and an `invalid` refusal the model can correct in a
conversation: REST endpoints, `/v1/tools/*` and the chat model's tool calls all parse the same
schemas.

`Line` is one line (a name, a code, a reference): no control character at all. `Prose` is free
text a person writes, such as special requests or notes: line breaks and tabs are kept, nothing
else. Both are plain `str` to the type checker; give each field its length with `Field`
(`max_length` as its column, or the cap its docs promise), and a test holds every tool argument
to that.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

# C0 and C1 controls, DEL, and the surrogate range (unpaired halves arrive through JSON escapes).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_PROSE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _character(found: str) -> str:
    return f"U+{ord(found):04X}"


def one_line(value: str) -> str:
    """`value` unchanged, or ValueError naming the first control character in it."""
    found = _CONTROL.search(value)
    if found is not None:
        what = "a line break" if found.group() in "\r\n" else _character(found.group())
        raise ValueError(f"must be one line of text without control characters (found {what})")
    return value


def prose(value: str) -> str:
    """`value` unchanged, or ValueError naming the first control character other than a line
    break or a tab."""
    found = _CONTROL_IN_PROSE.search(value)
    if found is not None:
        raise ValueError(
            "must be text without control characters other than line breaks and tabs "
            f"(found {_character(found.group())})"
        )
    return value


Line = Annotated[str, AfterValidator(one_line)]
Prose = Annotated[str, AfterValidator(prose)]

# Caps of free-text fields whose columns are unbounded (TEXT): what staff or guests might
# reasonably write, and what the docs promise.
SPECIAL_REQUESTS_MAX = 1000
NOTE_MAX = 500
SUMMARY_MAX = 2000
