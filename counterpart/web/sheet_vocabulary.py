"""What a spreadsheet may say, in either language: column headers (the code, the English or the Chinese
label) and choice values (the stored value, its English or its Chinese label). An office fills the Chinese
template in Chinese; a file made from the English one, or by a script with codes, reads the same."""
import unicodedata
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from counterpart.indicators.catalogue import catalogue
from counterpart.ledger.kinds import KINDS

# Columns that are not a model field of their own, or whose model label would mislead in a header.
LABELS = {"pairing": _("pairing"), "donor": _("donor"), "recipients": _("recipients"), "location": _("location"),
          "kinds": _("project kinds"), "output_indicator": _("output indicator"), "output_value": _("output value"),
          "enterprise": _("enterprise"), "awardee": _("awardee"), "budget": _("budget (yuan)"),
          "income": _("labour service income (yuan)")}
YES = {"true", "yes", "y", "1", "是", "有", "√", "✓"}
NO = {"false", "no", "n", "0", "否", "无", "×"}


def normal(text) -> str:
    """Case, width and spacing do not matter: "金额（元）", "金额(元)" and " Amount (Yuan) " are one header."""
    return "".join(unicodedata.normalize("NFKC", str(text)).lower().split()).rstrip("*")


def _field(slug, column):
    try:
        return KINDS[slug].model._meta.get_field(column)
    except FieldDoesNotExist:  # a column of its own (pairing, location, ...)
        return None


def label(slug, column):
    if column in LABELS:
        return LABELS[column]
    field = _field(slug, column)
    return field.verbose_name if field is not None else column


def header(slug, column, lang) -> str:
    with translation.override(lang):
        return capfirst(str(label(slug, column)))


@cache
def header_aliases(slug, columns: tuple) -> dict[str, str]:
    """normal(header) -> column, for the code and both languages' labels."""
    out = {}
    for column in columns:
        out[normal(column)] = column
        for lang in ("en", "zh-hans"):
            out.setdefault(normal(header(slug, column, lang)), column)
            field = _field(slug, column)
            if field is not None:
                with translation.override(lang):
                    out.setdefault(normal(field.verbose_name), column)
    return out


def choices(slug, column) -> list[tuple[str, object]]:
    """(stored value, label) for a column with a closed list of values; [] for free columns."""
    kind = KINDS[slug]
    if column == "kinds":
        return list(kind.multi_choice_fields.get("kinds", []))
    if column == "output_indicator" and kind.has_outputs:
        return [(code, row) for code, row in catalogue().items()]
    field = _field(slug, column)
    if field is not None and field.choices:
        return [(str(v), lab) for v, lab in field.flatchoices]
    return []


def choice_label(value, lab, lang) -> str:
    if isinstance(lab, dict):  # a catalogue row
        return lab["label_zh"] if lang.startswith("zh") else lab["label_en"]
    with translation.override(lang):
        return str(lab)


@cache
def value_aliases(slug, column) -> dict[str, str]:
    """normal(written value) -> stored value, for the value itself and both languages' labels."""
    out = {}
    for value, lab in choices(slug, column):
        out[normal(value)] = value
        for lang in ("en", "zh-hans"):
            out.setdefault(normal(choice_label(value, lab, lang)), value)
    return out


def read_choice(slug, column, text: str) -> str:
    """The stored value a cell names, or the text as written (the form then says it is not a choice)."""
    return value_aliases(slug, column).get(normal(text), text)


def read_flag(text: str) -> str | None:
    """"on" / "" for a yes-no cell, None when it is neither."""
    key = normal(text)
    if key in YES:
        return "on"
    if key in NO:
        return ""
    return None
