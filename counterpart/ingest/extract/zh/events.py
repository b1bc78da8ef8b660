"""Dated events in Chinese: a month or a day and what happened then.

"7月16日,……联席会议在……举行" -> meeting; "11月15日,……推介会在深圳举行" -> fair; "日前,A与B签署……
协议" -> agreement_signing in the dateline's month; "当年5月,……第一次联席会议在甲市召开" -> the year of
the frame. The kind is the event noun nearest before the verb that holds it (举行, 召开, 举办), else the
first event word after the date. A date without a year takes the report's year; a year alone is too
coarse to be an event.
"""
from __future__ import annotations

import re

DATE = re.compile(r"(?:(?P<y>(?:19|20)\d\d)年|(?P<same>当年|同年))?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[1-3]?\d)[日号])?(?!电)")
RECENT = re.compile(r"(?:日前|近日|前不久|近期)[,，]?")
KINDS = [
    ("agreement_signing", r"签署|签订|签约仪式|协议|备忘录"),
    ("forum", r"论坛|峰会"),
    ("symposium", r"座谈会|研讨会|恳谈会"),
    ("fair", r"推介会|博览会|洽谈会|交易会|展销会|招商会|展示会|推介活动|展会|对接会"),
    ("training", r"培训班|培训会|研修班"),
    ("meeting", r"联席会议|推进会|工作会议|现场会|会议|大会|联席会"),
    ("delegation_visit", r"代表团|考察团|率团|考察|调研|访问"),
    ("other", r"发布会|仪式|启动|开幕|揭牌|捐赠"),
]
_KIND_ANY = re.compile("|".join(f"(?P<{k}>{p})" for k, p in KINDS))
HOLD = re.compile(r"举行|召开|举办|开幕|开展|启动|签署|签订|成立")


def find(t: str, s0: int, s1: int, year: int | None, frame_year: int | None, dateline_month: tuple | None,
         masks: list[tuple[int, int]]):
    """(kind, iso date, evidence start, evidence end) for the events of one sentence."""
    out = []
    dates = []
    for m in DATE.finditer(t, s0, s1):
        if any(a <= m.start() < b for a, b in masks):
            continue
        y = int(m.group("y")) if m.group("y") else (frame_year if m.group("same") else year)
        if y is None:
            continue
        iso = f"{y:04d}-{int(m.group('m')):02d}"
        if m.group("d"):
            iso += f"-{int(m.group('d')):02d}"
        dates.append((m.start(), m.end(), iso))
    if not dates and dateline_month and year:
        m = RECENT.search(t, s0, min(s1, s0 + 8))
        if m:
            dates.append((m.start(), m.end(), f"{year:04d}-{dateline_month[0]:02d}"))
    for k, (ds, de, iso) in enumerate(dates):
        stop = dates[k + 1][0] if k + 1 < len(dates) else s1
        window = t[de:stop]
        cut = re.search(r"[。；;]", window)
        if cut:
            window = window[:cut.start()]
        kind = None
        hold = HOLD.search(window)
        if hold:
            found = [m for m in _KIND_ANY.finditer(window, 0, hold.start() + 2)]
            if hold.group(0) in ("签署", "签订"):
                kind = "agreement_signing"
            elif found:
                kind = found[-1].lastgroup
        if kind is None:
            m = _KIND_ANY.search(window[:60])
            if (m and not re.search(r"获悉|了解到|介绍", window[:m.start()])) or (m and re.search(r"召开|举行|举办", window)):
                kind = m.lastgroup
        if kind is None:
            continue
        end = de + (len(window))
        out.append((kind, iso, ds, end))
    return out
