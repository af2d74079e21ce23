"""The browser side: the embeddable chat widget, the demo hotel page and the staff console.

Static files only (no build step): `static/` is served by the API at `/static`, the demo page at
`/` and the console at `/console`.
"""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
PAGES = {"/": "demo.html", "/console": "console.html"}
