"""Common misspellings in guests' and staff's messages, and the word they mean.

Data for `normalise`, kept as a data file (agent/data/spelling.yaml) so the table can grow
without the code around it.
"""

from __future__ import annotations

from agent.data import load

MISSPELLINGS: dict[str, str] = load("spelling")
