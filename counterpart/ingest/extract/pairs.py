"""Pairings stated with a predicate: a lexicon of the genre's pairing verbs and nouns, with list expansion.

Yearbook entries state who helps whom with verbs and nouns, not only "A-B pairing-off": "was twinned
with A and B of X Province, C City of Y", "has undertaken the task of helping A and B", "started its
counterpart support for A, B and C", "was assigned the task of poverty reduction in A, B and C County",
"designated X to support A and Y to support B", "X and Y were twinned respectively with A in 1997 and B
in 2002". The subject is the donor-side unit named before the predicate (a pronoun or no name: the
report's donor); the objects are every unit of the list after it, looking through the regions that only
locate an item ("of Guizhou Province", "Yichang City of Hubei Province"), a counted noun leading into
the list ("12 national poor counties (cities, districts) of"), parentheses, a dated item ("A in 1997")
and an appositive set off by a dash.
"""
from __future__ import annotations

import re

from .attribution import norm

PREDICATE = re.compile(
    r"\b(?:(?:is|was|were|are|has\s+been|have\s+been|had\s+been|been)\s+)?(?:twinned|paired|partnered)\s+(?:up\s+)?"
    r"(?:respectively\s+)?with\b"
    r"|\b(?:built|established|formed|set\s+up|forged|entered\s+into)\s+(?:a\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:twinning|pairing|paired|counterpart|partnership)[\w-]*\s+(?:[\w-]+\s+){0,3}?with\b"
    r"|\b(?:counterpart|twinning|pairing(?:-off)?|paired)\s+(?:poverty\s+alleviation\s+)?(?:support|assistance|aid|help)"
    r"\s+(?:for|to)\b"
    r"|\bundert(?:aken|ook|akes)\s+the\s+(?:[\w-]+\s+){0,2}?task\s+of\s+(?:helping|lifting|supporting|assisting|aiding)\b"
    r"|\b(?:assigned|given)\s+the\s+(?:[\w-]+\s+){0,2}?task\s+of\s+(?:[\w-]+\s+){0,4}?(?:in|for|of)\b"
    r"|\bresponsible\s+for\s+(?:the\s+)?(?:counterpart\s+support|helping|assisting|supporting|twinning\s+support)"
    r"\s*(?:for|to|of)?\b",
    re.IGNORECASE)
_HINT = re.compile(r"twinn|pair|partner|counterpart|task|responsible|to\s+(?:support|help|assist|aid)\b", re.IGNORECASE)
# "designated Shenzhen to support Baise", "assign Beijing to support ...": the unit after the verb is the donor
DESIGNATE = re.compile(r"\b(?:designat|assign|appoint|arrang|select|decid)\w*\s+(?:the\s+)?$", re.IGNORECASE)
TO_SUPPORT = re.compile(r"\s+to\s+(?:support|help|assist|aid|pair\s+(?:up\s+)?with|twin\s+with)\s+(?:the\s+)?$",
                        re.IGNORECASE)
# what may stand between a predicate and its first object
OBJECT_LEAD = re.compile(r"\s*(?:the\s+)?(?:(?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                         r"fifteen|twenty)\s+)?(?:[\w-]+\s+){0,5}?(?:(?:counties|cities|districts|prefectures|areas|"
                         r"regions|banners|villages)(?:\s*\([^)]{0,40}\))?\s+(?:of|in)\s+(?:the\s+)?)?$", re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:\s+in\s+(?:19|20)\d\d\s*)?(?:,|，|、|and|,\s*and|&|as\s+well\s+as)\s*(?:the\s+)?$"
                      r"|,\s+(?:the\s+)?(?:[\w'’-]+\s+){1,6}[–—-]\s+$", re.IGNORECASE)
LOCATES = re.compile(r"\s*(?:of|in|,|，)\s*(?:the\s+)?$", re.IGNORECASE)


def _inside(inner, outer) -> bool:
    a, b = inner.info.prefix, outer.info.prefix
    return bool(a and b and a != b and a.startswith(b))


def _objects(text: str, start: int, stop: int, mentions) -> list:
    """The list of units after a predicate ending at start."""
    after = [m for m in mentions if m.start >= start and m.end <= stop]
    if not after or not OBJECT_LEAD.fullmatch(text, start, after[0].start):
        return []
    out = [after[0]]
    prev = after[0]
    for m in after[1:]:
        gap = text[prev.end:m.start]
        if (m.qualifier or _inside(out[-1], m)) and LOCATES.fullmatch(gap):
            prev = m  # "of Guizhou Province", "Yichang City of Hubei Province": where the item lies
            continue
        if not LIST_GAP.fullmatch(gap):
            break
        out.append(m)
        prev = m
    return out


def stated_pairings(text: str, sent, mentions, side, donor):
    """(donor, recipient, start, end) for each pairing the sentence states with a predicate. mentions are the
    sentence's places (PlaceMention), side(info) their side, donor the report's donor PlaceInfo."""
    out = []
    s, e = sent.start, sent.end
    if not _HINT.search(text, s, e):
        return out  # cheap test first: most sentences state no pairing
    for m in PREDICATE.finditer(text, s, e):
        before = [p for p in mentions if p.end <= m.start() and not p.qualifier]
        subjects = []
        for p in reversed(before):  # the donor-side list just before the predicate
            if side(p.info) != "donor":
                break
            if subjects and not LIST_GAP.fullmatch(text, p.end, subjects[0].start):
                break
            subjects.insert(0, p)
        if subjects and not re.fullmatch(r"[^,;]{0,60}", text[subjects[-1].end:m.start()]):
            subjects = []  # too far from the predicate to be its subject
        d_top = subjects[-1].info if subjects else donor
        # an object on the donor's side only when it is a narrower unit ("a county of a city of the donor province")
        objs = [o for o in _objects(text, m.end(), e, mentions) if not any(o is x for x in subjects)
                and d_top is not None and norm(o.info.name) != norm(d_top.name)
                and (side(o.info) != "donor" or (o.info.level or 0) > (d_top.level or 9))]
        if not objs:
            continue
        respectively = re.search(r"\brespectively\b", text[m.start():objs[-1].end])
        if respectively:
            if len(subjects) == len(objs):
                for d, r in zip(subjects, objs):
                    out.append((d.info, r.info, d.start, r.end))
            continue  # "respectively" without the list of givers it pairs off: who helps whom is not said here
        d_info = subjects[-1].info if len(subjects) == 1 else donor
        if d_info is None:
            continue
        for r in objs:
            out.append((d_info, r.info, subjects[0].start if subjects else m.start(), objs[-1].end))
    # "designated X to support A and Y to support B"
    for i, p in enumerate(mentions):
        if p.qualifier or side(p.info) != "donor":
            continue
        nxt = next((q for q in mentions[i + 1:] if not q.qualifier), None)
        if nxt is None or side(nxt.info) == "donor" or not TO_SUPPORT.fullmatch(text, p.end, nxt.start):
            continue
        lead = text[max(s, p.start - 30):p.start]
        if DESIGNATE.search(lead) or re.search(r"(?:\band|,)\s+$", lead):
            out.append((p.info, nxt.info, p.start, nxt.end))
    return out
