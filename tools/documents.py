"""Adding a document to a hotel's knowledge: for admins, through the API or the console.

Not a tool the model is shown. The upload is written under its own (cleaned) file name in a
scratch folder and ingested like any document: its passages cite that name, and uploading a
new version of the same file replaces the old passages.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from pypdf.errors import PyPdfError

from knowledge.readers import READERS
from pms.authz import authorize
from pms.errors import Invalid
from pms.principal import Principal
from tools.runtime import ToolRuntime

_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def document_name(filename: str) -> str:
    """A safe file name for an upload, or Invalid naming the kinds accepted."""
    base = _NAME.sub("-", Path(filename.replace("\\", "/")).name).strip(".-")
    suffix = Path(base).suffix.lower()
    if not base or suffix not in READERS:
        kinds = ", ".join(sorted(READERS))
        raise Invalid(
            f"'{filename}' is not a document the concierge can read; send one of {kinds}."
        )
    return base[:120]


def ingest_document(
    runtime: ToolRuntime, actor: Principal, filename: str, content: bytes
) -> dict[str, Any]:
    authorize(actor, "ingest_knowledge")
    name = document_name(filename)
    if not content.strip():
        raise Invalid(f"'{filename}' is empty.")
    base = runtime.knowledge_base()
    with tempfile.TemporaryDirectory(prefix="concierge-upload-") as scratch:
        path = Path(scratch) / name
        path.write_bytes(content)
        try:
            report = base.ingest(actor.hotel, [path])
        except (ValueError, UnicodeDecodeError, PyPdfError) as error:
            # A damaged or mislabelled file is the sender's to fix, not a failure of ours.
            raise Invalid(f"'{filename}' could not be read: {error}") from None
    return {
        "document": name,
        "chunks": report.chunks,
        "embedded": report.embedded,
        "unchanged": report.unchanged,
        "deleted": report.deleted,
        "seconds": round(report.seconds, 3),
    }
