"""The Chinese path of narrative extraction: reports written in Chinese (simplified or traditional).

``extract(text, doc_id, year)`` gives facts-format lines like the English path, with offsets into the
text as given (traditional script is read through a character-for-character conversion, so evidence
quotes the document as written). ``is_chinese(text)`` decides which path a document takes.

Modules: text (script, furniture, sentences), numbers (Chinese figures), places (gazetteer names and
sides), years (report year and time frames), rules (indicators), pairs (pairing statements), events.
"""
from .pipeline import extract
from .text import is_chinese

__all__ = ["extract", "is_chinese"]
