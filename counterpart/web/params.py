"""Reading query and form parameters that arrive as any text: None when a value is not what it should be,
so a view answers with a message rather than a ValueError, an OverflowError or a header injection."""
import re

# Primary keys are 64-bit signed integers on both databases; a bigger number names nothing.
MAX_ID = 2**63 - 1
LANGS = {"en": "en", "zh": "zh-hans", "zh-hans": "zh-hans", "zh_hans": "zh-hans", "zh-cn": "zh-hans"}


def id_param(value) -> int | None:
    """A positive database id, or None."""
    text = str(value if value is not None else "").strip()
    if not re.fullmatch(r"[0-9]{1,19}", text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def lang_param(value) -> str | None:
    """One of the interface's languages ("en" or "zh-hans"), or None."""
    return LANGS.get(str(value or "").strip().lower())
