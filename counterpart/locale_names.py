"""Names in the reader's language: the one place deciding whether a language is Chinese and which of an
object's two names (`…_zh`, `…_en`) a reader sees.

Models keep both names side by side (a region's `name_zh` and `name_en`, an indicator's `label_zh` and
`label_en`, `unit_zh` and `unit_en`); pages, reports and exports ask here rather than test the language
themselves, so "zh-hans", "zh_Hans" and "zh" read alike everywhere.
"""
from django.utils.translation import get_language


def is_chinese(lang: str | None = None) -> bool:
    """Whether `lang` (by default the active language) is a Chinese one."""
    if lang is None:
        lang = get_language() or ""
    return str(lang).lower().startswith("zh")


def in_lang(lang: str | None, zh, en):
    """`zh` for a Chinese reader, `en` otherwise: punctuation, separators, fonts, word choices."""
    return zh if is_chinese(lang) else en


def name_in(obj, lang: str | None = None, field: str = "name", en_field: str | None = None,
            fallback: bool = True) -> str:
    """`obj.<field>_zh` for a Chinese reader, `obj.<field>_en` (or `obj.<en_field>`) otherwise. With
    `fallback`, an empty name gives the other language's rather than nothing (a name is better in the other
    language than missing); without it (units of measure, where an empty English unit means none), not."""
    zh_value = getattr(obj, f"{field}_zh", "") or ""
    en_value = getattr(obj, en_field or f"{field}_en", "") or ""
    if is_chinese(lang):
        return zh_value or (en_value if fallback else "")
    return en_value or (zh_value if fallback else "")


def unit_label(indicator, lang: str | None = None) -> str:
    """An indicator's unit as a reader writes it ("万元", "yuan"), empty where the unit needs no word."""
    return name_in(indicator, lang, "unit", fallback=False)


def display_name(obj, lang: str | None = None) -> str:
    """What a page calls a pairing, a unit, a region or an indicator in the reader's language."""
    if obj is None:
        return ""
    if hasattr(obj, "display_name"):
        return obj.display_name(lang if lang is not None else (get_language() or "en"))
    if hasattr(obj, "full_name_en"):  # a region: its full English name ("Anshun City"), its Chinese name
        return name_in(obj, lang, en_field="full_name_en")
    if hasattr(obj, "label_en"):
        return name_in(obj, lang, "label")
    if hasattr(obj, "title_en"):
        return name_in(obj, lang, "title")
    return name_in(obj, lang)
