"""Dated events: a date at month or day precision in a sentence naming what happened.

The kind is the first event word after the date ("On March 10, ... held ... the
Forum" -> forum; "In August 2011, the mayor headed a delegation to ... the Expo"
-> delegation_visit). A bare year ("In 2011, ...") dates too much to be an event.
"""
from __future__ import annotations

import re

from .segment import Span

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_MONTH_HINT = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|月")
_MONTH_ALIASES = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                  "oct": 10, "nov": 11, "dec": 12}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
DATE_EN = re.compile(
    r"(?:\b(?:early|mid|late|end\s+of|beginning\s+of|middle\s+of)[\s-]+)?"
    + _MONTH + r"(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d]))?(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
    r"|(?<![\d])(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH.replace("month", "month2")
    + r"(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
)
DATE_ZH = re.compile(r"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[1-3]?\d)[日号])?")
# "May" is also a verb: require a day, a year or a preposition before it
_MAY_OK = re.compile(r"(?:\bin|\bon|\bsince|\bby|\bduring|\buntil|\bfrom|\bof|\bearly|\bmid|\blate)[\s-]+$", re.IGNORECASE)

KINDS = [
    ("agreement_signing", r"\bsign(?:ed|ing|s)?\b|\bagreements?\b|\bmemorand(?:um|a)\b|\bMOUs?\b|签署|签订|协议"),
    ("forum", r"\bforums?\b|论坛"),
    ("symposium", r"\bsymposi(?:um|a|ums)\b|\bseminars?\b|座谈会|研讨会"),
    ("fair", (r"\bfairs?\b|\bexpos?\b|\bexhibitions?\b|\btrade\s+shows?\b|\bpromotion\s+(?:conference|meeting)s?\b|"
             r"博览会|洽谈会|交易会|推介会")),
    ("delegation_visit", (r"\bdelegations?\b|\bvisit(?:ed|ing|s)?\b|\binspect(?:ed|ion|ions)\b|\bfield\s+research\b|"
                         r"\bstudy\s+tours?\b|\bwent\s+to\b|\bcame\s+to\b|考察|调研|代表团|访问")),
    ("training", r"\btraining\b|\btrained\b|\bcourses?\b|培训"),
    ("meeting", r"\bmeetings?\b|\bconferences?\b|\bconvened\b|\bjoint\s+session\b|会议|联席会"),
    ("other", r"\bceremon(?:y|ies)\b|\blaunch(?:ed)?\b|\binaugurat\w*|\bopened\b|\bheld\b|仪式|举行|举办"),
]
KIND_RE = [(k, re.compile(p, re.IGNORECASE)) for k, p in KINDS]
HELD_BEFORE = re.compile(r"(?P<noun>\b(?:fairs?|expos?|forums?|symposi(?:um|a)|seminars?|conferences?|meetings?|"
                         r"exhibitions?|training\s+courses?))\b(?:\s+\w+){0,3}?\s+(?:was\s+|were\s+)?(?:held|opened|"
                         r"convened|staged|took\s+place)\s+(?:in|on)\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$",
                         re.IGNORECASE)
# a quoted title naming a document (an agreement, opinions, an outline) says what was signed, not what was held
DOCUMENT_TITLE = re.compile(r"\b(?:Opinions?|Guidance|Guidelines?|Outline|Plan|Programme|Program|Agreement|Memorandum|"
                            r"Notice|Measures|Methods|Regulations|Rules|Framework|Decision|Protocol|Contract)\b|"
                            r"意见|纲要|规划|协议|备忘录|通知|办法|方案", re.IGNORECASE)
TITLE_RE = re.compile(r"[“\"]([^”\"]{4,200})[”\"]")


def _month_num(raw: str) -> int:
    raw = raw.lower().rstrip(".")
    return _MONTHS.get(raw) or _MONTH_ALIASES[raw]


def find_dates(text: str, start: int, end: int, default_year: int | None):
    """(start, end, iso) of month- or day-precision dates in text[start:end]."""
    out = []
    if not _MONTH_HINT.search(text, start, end):
        return out
    for m in DATE_EN.finditer(text, start, end):
        month = m.group("month") or m.group("month2")
        day = m.group("day") or m.group("day2")
        year = m.group("year") or m.group("year2")
        if month == "May" and not day and not year and not _MAY_OK.search(text[max(0, m.start() - 12):m.start()]):
            continue
        if m.group("month") and not day and not year and not _MAY_OK.search(text[max(0, m.start() - 12):m.start()]):
            continue
        y = int(year) if year else default_year
        if y is None:
            continue
        iso = f"{y:04d}-{_month_num(month):02d}"
        if day and 1 <= int(day) <= 31:
            iso += f"-{int(day):02d}"
        out.append((m.start(), m.end(), iso))
    for m in DATE_ZH.finditer(text, start, end):
        y = int(m.group("y")) if m.group("y") else default_year
        if y is None:
            continue
        iso = f"{y:04d}-{int(m.group('m')):02d}"
        if m.group("d"):
            iso += f"-{int(m.group('d')):02d}"
        out.append((m.start(), m.end(), iso))
    out.sort()
    return out


def events_in_sentence(text: str, sent: Span, default_year: int | None, place_names: list[tuple[int, str]]):
    dates = find_dates(text, sent.start, sent.end, default_year)
    events = []
    for i, (ds, de, iso) in enumerate(dates):
        stop = dates[i + 1][0] if i + 1 < len(dates) else sent.end
        window = text[de:stop]
        best = None
        # what happened, not a word inside a quoted title ("held the "Forum on ..." signing ceremony")
        masked = TITLE_RE.sub(lambda t: " " * len(t.group(0)) if DOCUMENT_TITLE.search(t.group(1)) else t.group(0), window)
        for w in (masked, window):
            for kind, rx in KIND_RE:
                m = rx.search(w)
                if m and (best is None or m.start() < best[0]) and (kind != "other" or best is None):
                    best = (m.start(), kind)
            if best is not None:
                break
        held = HELD_BEFORE.search(text, max(sent.start, ds - 90), ds)
        if held:  # "At the 2014 Investment and Trade Fair held in September, ...": the event is named before
            kind = next(k for k, rx in KIND_RE if rx.search(held.group("noun")))
        elif best is None:
            continue
        else:
            kind = best[1]
        title = ""
        t = TITLE_RE.search(text, de, stop)
        if t:
            title = t.group(1).strip()
        place = ""
        for pos, name in place_names:
            if de <= pos < stop and re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(de, pos - 8):pos]):
                place = name
                break
        ev_start = ds
        # start the evidence at the sentence's opening preposition ("On March 10, ...")
        lead = re.search(r"\b(?:on|in|at|during|from)\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$",
                         text[max(sent.start, ds - 20):ds], re.IGNORECASE)
        if lead:
            ev_start = max(sent.start, ds - 20) + lead.start()
        events.append({"type": "event", "kind": kind, "date": iso, "place": place, "title": title,
                       "evidence": {"start": ev_start, "end": stop, "text": text[ev_start:stop]}})
    return events
