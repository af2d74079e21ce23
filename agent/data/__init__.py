"""The offline model's phrasing and general vocabulary, as data files.

Words here are no hotel's facts: paraphrases any guest uses ("pay now" for a non-refundable
rate), the words that mark a rate plan by its terms (breakfast included, refundable or not), the
questions the model asks, and words that are never a person's name. Each hotel's own words (its
room types' and plans' names, descriptions and aliases) come from its profile.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The data file `name`.yaml of this folder, parsed once."""
    return yaml.safe_load(files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8"))
