"""Figures in running text: digits, scale words, number words, units and qualifiers.

``find_quantities(text)`` returns every figure with its span, its value in base
units (yuan, km, mu, persons...) as a ``Decimal`` and its qualifier. Dates,
years, ordinals and codes are left out. All patterns are linear (no nested
quantifiers), so a 10 MB text is scanned in well under a second per pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SCALES = {
    "hundred": Decimal(100), "thousand": Decimal(1000), "ten thousand": Decimal(10000),
    "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12,
    "hundred million": Decimal(10) ** 8, "lakh": Decimal(10) ** 5,
    "百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000), "十万": Decimal(10) ** 5,
    "百万": Decimal(10) ** 6, "千万": Decimal(10) ** 7, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12,
}

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "one": 1,
    "a": 1, "an": 1, "twice": 2, "once": 1, "thrice": 3,
}
UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SMALL_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
               "sixteen|seventeen|eighteen|nineteen")

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

_UNIT = (r"(?P<unit>yuan|rmb|cny|renminbi|元|kilomet(?:er|re)s?|km|mu|亩|公里|hectares?|ha|percent|per\s+cent|%|"
         r"person-times|persons?[\s-]times|people[\s-]times|man[\s-]times|person-time|人次|times|us\s+dollars|dollars|usd|美元)")
_SCALE = r"(?P<scale>hundred\s+million|ten\s+thousand|thousand|mill?i?on|bill?i?on|trillion|万亿|千万|百万|十万|亿|万|千)"

_MISSPELT = {"millon": "million", "milion": "million", "milon": "million", "billon": "billion", "bilion": "billion",
             "bilon": "billion"}  # translators' typos of English scale words
CURRENCY_BEFORE = re.compile(r"(?<![A-Za-z])(?:rmb|cny|¥|￥|us\$|\$)\s?$", re.IGNORECASE)
DIGITS_RE = re.compile(
    r"(?<![A-Za-z0-9_.,\-/+])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<more>多|余)?"
    r"(?:\s?" + _SCALE + r")?"
    r"(?P<more2>多|余)?"
    r"(?:\s?(?:of\s)?" + _UNIT + r"(?![a-z]))?",
    re.IGNORECASE,
)
WORDS_RE = re.compile(
    r"(?<![\w-])(?P<words>(?:a\s+)?dozen|(?:" + TENS_WORDS + r")(?:-(?:" + UNITS_WORDS + r"))?|" + SMALL_WORDS +
    r"|twice|thrice|(?:one|a)(?=\s+(?:hundred|thousand|million|billion)\b))"
    r"(?:\s+(?P<wscale>hundred|thousand|million|billion))?"
    r"(?:\s+(?P<wunit>times|yuan|kilomet(?:er|re)s?|km|mu))?(?![\w-])",
    re.IGNORECASE,
)

_Q_BEFORE = [
    ("at_least", re.compile(r"(?:more\s+than|over|above|exceeding|in\s+excess\s+of|at\s+least|no\s+less\s+than|"
                            r"not\s+less\s+than|upwards\s+of|超过|逾|多达|不少于)\s*$", re.IGNORECASE)),
    ("approx", re.compile(r"(?:about|around|approximately|approx\.|nearly|almost|some|roughly|close\s+to|"
                          r"an\s+estimated|estimated|circa|约|近|大约|将近)\s*$", re.IGNORECASE)),
    ("at_most", re.compile(r"(?:up\s+to|less\s+than|fewer\s+than|under|at\s+most|no\s+more\s+than|"
                           r"not\s+more\s+than|below|不到|不超过)\s*$", re.IGNORECASE)),
]
_Q_AFTER = re.compile(r"^\s*(?:(?:[a-z\-]+\s+){0,2}?(?:or\s+more|and\s+more|and\s+above|or\s+above)\b|plus\b|以上|多)",
                      re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"(?:" + MONTHS + r")\.?\s*$", re.IGNORECASE)
_NO_BEFORE = re.compile(r"(?:\bno\.|\bnumber|\bnos\.|第|\bphase|\bgrade|\barticle|\bclass|\broom|\bline|"
                        r"\bnational\s+road|\bhighway|\broute)\s*$", re.IGNORECASE)
_YEAR_AFTER_OK = re.compile(r"^\s+(?!(?:to|and|or|the|a|an|with|was|were|is|are|in|on|at|by|of|for|from|"
                            r"when|which|that|as|it|its|this|through|till|until|during)\b)[a-z]", )


@dataclass
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: str | None  # CNY, USD, km, mu, ha, percent, times, person-times, or None for a bare count
    qualifier: str = "exact"
    words: bool = False  # written as number words ("four", "a dozen")
    year_like: bool = False
    text: str = ""

    @property
    def value_str(self) -> str:
        return format_decimal(self.value)


def format_decimal(d: Decimal) -> str:
    s = format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def _unit_code(raw: str | None) -> str | None:
    if not raw:
        return None
    u = re.sub(r"\s+", " ", raw.lower())
    if u in ("yuan", "rmb", "cny", "renminbi", "元"):
        return "CNY"
    if u.startswith("kilomet") or u in ("km", "公里"):
        return "km"
    if u in ("mu", "亩"):
        return "mu"
    if u.startswith("hectare") or u == "ha":
        return "ha"
    if u in ("percent", "per cent", "%"):
        return "percent"
    if u == "times":
        return "times"
    if u in ("person-times", "人次") or u.endswith(("-times", " times")) or u == "person-time":
        return "person-times"  # translators also write people-times, man-times
    return "USD"


def _qualifier(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 30):start]
    for name, rx in _Q_BEFORE:
        if rx.search(before):
            return name
    if _Q_AFTER.match(text[end:end + 15]):
        return "at_least"
    return "exact"


def _skip_digits(text: str, m: re.Match) -> bool:
    start, end = m.start("num"), m.end()
    before = text[max(0, start - 20):start]
    after = text[end:end + 12]
    if _MONTH_BEFORE.search(before) or _NO_BEFORE.search(before):
        return True
    if re.match(r"(?:st|nd|rd|th)\b|年|月|日|号|届|期(?!间)", after, re.IGNORECASE) and not m.group("unit"):
        return True
    if re.match(r"[A-Za-z]", after) and not m.group("unit") and not m.group("scale"):
        return True  # codes such as 5G, 110kV
    if re.match(r"\s?[-–—~至到]\s?\d", after):
        return True  # ranges and dates such as 2011-2020, 10-12
    return bool(start > 0 and text[start - 1] in "-–—~" and re.search(r"\d\s?[-–—~]$", text[max(0, start - 6):start]))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every figure in text[start:end], with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in DIGITS_RE.finditer(text, start, end):
        if _skip_digits(text, m):
            continue
        raw = m.group("num").replace(",", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        scale = m.group("scale")
        if scale:
            key = re.sub(r"\s+", " ", scale.lower())
            value *= SCALES[_MISSPELT.get(key, key)]
        unit = _unit_code(m.group("unit"))
        cur = CURRENCY_BEFORE.search(text, max(0, m.start() - 5), m.start())
        if unit is None and cur:
            unit = "USD" if "$" in cur.group(0) else "CNY"
        qs = cur.start() if cur else m.start("num")
        qualifier = _qualifier(text, qs, m.end())
        if m.group("more") or m.group("more2"):
            qualifier = "at_least"
        year_like = (not scale and not unit and "," not in m.group("num") and "." not in raw
                     and len(raw) == 4 and 1900 <= int(raw) <= 2100)
        if year_like and not _YEAR_AFTER_OK.match(text[m.end():m.end() + 20]):
            continue
        q_end = m.end()
        while q_end > qs and text[q_end - 1].isspace():
            q_end -= 1
        out.append(Quantity(qs, q_end, value, unit, qualifier, False, year_like, text[qs:q_end]))
    taken = [(q.start, q.end) for q in out]
    for m in WORDS_RE.finditer(text, start, end):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # "3.2 ten thousand yuan": the words are the scale of a digit figure
        words = m.group("words").lower()
        key = re.sub(r"^a\s+", "", words)
        if "-" in key:
            tens, units = key.split("-")
            value = Decimal(WORD_NUMBERS[tens] + WORD_NUMBERS[units])
        else:
            value = Decimal(WORD_NUMBERS[key])
        if m.group("wscale"):
            value *= SCALES[m.group("wscale").lower()]
        unit = _unit_code(m.group("wunit"))
        if key in ("twice", "thrice"):
            unit = "times"
        qualifier = _qualifier(text, m.start(), m.end())
        if key == "dozen" and re.match(r"\s+of\b", text[m.end():m.end() + 5]):
            qualifier = "approx"  # "a dozen of poor villages" is a round figure
        out.append(Quantity(m.start(), m.end(), value, unit, qualifier, True, False, m.group(0)))
    out.sort(key=lambda q: q.start)
    return out
