"""Narrative fact extraction: report text -> facts (observations, pairings, events).

Pure functions, no database:

    extract_facts(text, doc_id, year=None) -> list[dict]   # facts-format lines
    extract_file(path) -> (doc_id, text, facts)           # reads .txt/.html/.docx first

Offsets in every fact's evidence index the text these return (for .txt, the
decoded file content): ``text[ev["start"]:ev["end"]] == ev["text"]``.
Observations carry an ``id`` ("o1", "o2", ...) unique in their document; a part of
a stated total (16.4 million = 14 + 2.4) carries ``part_of`` with the total's id.
Unreadable input raises ``ExtractionError`` (``ReadError``) naming the file and
the reason; a readable document without figures gives an empty or figure-less
result.
"""
from __future__ import annotations

from pathlib import Path

from . import zh
from .pipeline import extract as _extract
from .readers import MAX_BYTES, ExtractionError, ReadError, read_text

__all__ = [
    "MAX_BYTES",
    "MAX_TEXT_CHARS",
    "ExtractionError",
    "ReadError",
    "extract_facts",
    "extract_file",
    "read_text",
]

# A yearbook entry is a few thousand characters; 2 million is a 1,000-page book. Longer texts are refused
# with a clear error rather than tying a worker up (extraction runs at roughly 0.5 MB per second).
MAX_TEXT_CHARS = 2_000_000


def extract_facts(text: str, doc_id: str, year: int | None = None) -> list[dict]:
    """Facts stated in a report's text, in the facts format (see spec/facts-format.md)."""
    if not isinstance(text, str):
        raise ExtractionError(doc_id, f"text must be str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractionError(doc_id, f"too long for narrative extraction ({len(text):,} characters; the limit is "
                                      f"{MAX_TEXT_CHARS:,}): split the document into reports")
    try:
        if zh.is_chinese(text):  # the one point where a document's language picks its path
            return zh.extract(text, doc_id, year)
        return _extract(text, doc_id, year)
    except RecursionError as exc:  # pragma: no cover - defensive: never crash a batch on one document
        raise ExtractionError(doc_id, f"document too deeply nested: {exc}")


def extract_file(path, year: int | None = None) -> tuple[str, str, list[dict]]:
    """Read a report file and extract its facts; the doc id is the file name."""
    path = Path(path)
    text = read_text(path)
    doc_id = path.name
    return doc_id, text, extract_facts(text, doc_id, year)
