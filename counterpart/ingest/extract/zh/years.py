"""The year a Chinese report's figures are for.

The report year comes from the page's date ("2019-11-22", "2019年12月12日"), else from a start year
and a count of years ("从1996年起……连续18年", "1996年……19年来"), else from the years the text names
most. Within a paragraph, a time phrase sets the frame for what follows until the next one:
"2010年" (that year), "2016年以来" / "自2013年……以来" (from then to the report year), "帮扶4年来"
(the last four years), "1996年至2014年", "2018年、2019年", "截至2017年底", "十二五期间", "今年",
"去年". A number such as 2046个 is a count, never a year: only a year followed by 年 counts.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .numbers import cn_value
from .text import DATE_LINE

_Y = r"((?:19|20)\d\d)"
_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
             "十五": (2001, 2005)}
TIME_RE = re.compile(
    r"(?=[\d一二两三四五六七八九十今去前明本上当近目至截自从较比同与“帮协合援对结携])"
    r"(?:(?P<range>" + _Y + r"年?\s?(?:至|到|—|-|–|~|～)\s?" + _Y + r"年)"
    r"|(?P<pair>" + _Y + r"年(?:和|、|及|与)" + _Y + r"年)"
    r"|(?P<upto>(?:截至|截止|截止到|到)" + _Y + r"年(?:底|末|年底|\d{1,2}月(?:底|末)?)?)"
    r"|(?P<since>(?:自|从)?" + _Y + r"年(?:[^，,。；;]{0,30}?)?(?:以来|起|开始))"
    r"|(?P<ago>(?:帮扶|协作|合作|援助|对口帮扶|结对|携手)?" + _N + r"年(?:来|以来|间))"
    r"|(?P<plan>“?(?:十一五|十二五|十三五|十四五)”?(?:期间|以来|时期)?)"
    r"|(?P<cmp>(?:较|比|同比|与)(?:去年|上年|前年|今年)(?:同期)?)"
    r"|(?P<relsince>(?:今年|去年|上年|近年)以来)"
    r"|(?P<rel>今年|去年|前年|明年|本年度|上年|当年|一年来|近年来|目前|截至目前|至今)"
    r"|(?P<year>" + _Y + r"年度?))")
_SINCE_YEAR = re.compile(r"(?:自|从)" + _Y + r"年|" + _Y + r"年(?=[^，,。；;]{0,30}?(?:以来|起|开始))")
_SPAN_YEARS = re.compile(r"(?:从|自)" + _Y + r"年[^。；;]{0,60}?(?:连续|已经|已|走过|携手走过)\s?" + _N + r"年|"
                         + _Y + r"年[^。]{0,400}?" + _N + r"年(?:来|以来)")


@dataclass
class Frame:
    year: int | None
    period: str | None = None


def _n(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    v = cn_value(raw)
    return int(v) if v is not None else None


_SPAN_N = re.compile(r"(?:连续|已经|已|走过|携手走过)\s?" + _N + r"年|" + _N + r"年(?:来|以来|间)")


def report_year(t: str, furniture_dates: list[int], explicit: list[int]) -> int | None:
    """The year the report was written in (or, for a yearbook entry, the year it reports on)."""
    if furniture_dates:
        return furniture_dates[0]
    head = t[:600]
    m = DATE_LINE.search(head)
    if m:
        return int(m.group(1))
    years = [y for y in explicit if 1980 <= y <= 2100]
    derived = []
    for m in _SPAN_N.finditer(t[:20000]):
        n = _n(m.group(1) or m.group(2))
        s = start_year(t, m.start()) or (min(years) if years else None)
        if s and n and 0 < n < 80:
            derived.append(s + n)
    if derived:
        return max(max(derived), max(years) if years else 0)
    if not years:
        return None
    counts = Counter(years).most_common()
    best = counts[0][1]
    return max(y for y, c in counts if c == best)


def start_year(t: str, before: int) -> int | None:
    """The latest "从/自 S年……起/以来" before a position: the start of a "N年来"."""
    found = None
    for m in _SINCE_YEAR.finditer(t, 0, before):
        found = int(m.group(1) or m.group(2))
    return found


def frame_of(m: re.Match, t: str, doc_year: int | None, current: Frame) -> Frame:
    """The time frame a time phrase sets."""
    g = m.groupdict()
    if g["range"]:
        a, b = (int(x) for x in re.findall(_Y, g["range"]))
        return Frame(b, f"{a}-{b}")
    if g["pair"]:
        a, b = (int(x) for x in re.findall(_Y, g["pair"]))
        return Frame(b, f"{a}-{b}")
    if g["upto"]:
        y = int(re.search(_Y, g["upto"]).group(1))
        s = start_year(t, m.start())
        return Frame(y, f"{s}-{y}" if s and s < y else None)
    if g["since"]:
        s = int(re.search(_Y, g["since"]).group(1))
        end = doc_year if doc_year and doc_year >= s else s
        return Frame(end, f"{s}-{end}" if end != s else None)
    if g["ago"]:
        n = _n(re.search(_N + r"年", g["ago"]).group(1))
        if not doc_year or not n:
            return current
        s = start_year(t, m.start())
        if s is None or s > doc_year:
            years = explicit_years(t)
            first = min(years) if years else None
            s = first if first is not None and first + n == doc_year else doc_year - n + 1
        return Frame(doc_year, f"{s}-{doc_year}")
    if g["plan"]:
        key = re.sub(r"[“”]|期间|以来|时期", "", g["plan"])
        a, b = FIVE_YEAR[key]
        if "以来" in g["plan"] and doc_year:
            return Frame(doc_year, f"{a}-{doc_year}")
        return Frame(b, f"{a}-{b}")
    if g["cmp"]:
        return current  # "较去年增长25.3%": a comparison, not the time of what follows
    if g["relsince"]:
        if doc_year is None:
            return current
        if g["relsince"].startswith(("去年", "上年")):
            return Frame(doc_year, f"{doc_year - 1}-{doc_year}")
        return Frame(doc_year)
    if g["rel"]:
        rel = g["rel"]
        if doc_year is None:
            return current
        if rel in ("去年", "上年"):
            return Frame(doc_year - 1)
        if rel == "前年":
            return Frame(doc_year - 2)
        if rel == "明年":
            return Frame(doc_year + 1)
        if rel == "当年":
            return current
        return Frame(doc_year)
    y = int(re.search(_Y, g["year"]).group(1))
    return Frame(y)


def explicit_years(t: str) -> list[int]:
    return [int(m.group(1)) for m in re.finditer(_Y + r"年", t[:200000])]
