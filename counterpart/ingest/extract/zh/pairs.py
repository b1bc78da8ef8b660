"""Pairing statements in Chinese: who helps whom, as the genre words it.

- a predicate between the units: "常熟市援助延长县", "深圳市对口帮扶百色市", "指定浙江对口帮扶四川",
  "我省……对口帮扶的广西、云南、贵州" (each listed unit);
- a preposition and a verb: "甲市向乙市捐赠", "甲市新区管委会在乙县……打机井", "甲区将乙市……纳入帮扶";
- two units and a cooperation word: "浙江与四川确立对口协作关系", "宁波和湘西……合作", "A与B签署……协议",
  "广东、广西两省区建立……关系", "北京内蒙古扶贫协作", "山东省——甘肃省东西扶贫协作", "百色市田东县·深圳市福田区东西部协作";
- two one-character province names and a cooperation word: 闽宁协作, 粤桂扶贫协作, 沪滇合作 (not 沪滇模式).

The giver is the eastern side whichever comes first ("A县得到了B市的对口帮扶"); see places.EAST.
"""
from __future__ import annotations

import re

from .places import ABBREV, Mention, side_by_region

PRED = r"(?:对口帮扶|对口支援|对口协作|结对帮扶|挂钩帮扶|东西部扶贫协作|扶贫协作|帮扶|援助|援建|帮助|扶持|支援|协作|支持)"
_GAP_PRED = re.compile(r"^[^，,。；;、“”]{0,10}?" + PRED + r"(?:的|了)?$")
_GAP_TO = re.compile(r"^[^，,。；;“”]{0,8}?(?:向|对|为|给)$")
_AFTER_TO = re.compile(r"^[^，,。；;]{0,14}?(?:捐赠|援助|拨付|提供|投入|支援|帮扶|捐|援建|资助|支持)")
_GAP_AT = re.compile(r"^(?:[^，,。；;“”企公人干的]{0,6}?)(?:在|到|赴)$")
_AFTER_AT = re.compile(r"^[^，,。；;]{0,30}?(?:援建|实施|打|建|修|铺|投入|开展|帮扶|援助|捐)")
_AFTER_AT_NOT = re.compile(r"^[^，,。；;]{0,12}?(?:召开|举行|举办|考察|调研|学习|挂职|就业|务工)")
_GAP_BA = re.compile(r"^[^，,。；;“”]{0,8}?(?:将|把)(?:对)?$")
_GAP_AND = re.compile(r"^(?:与|和|同|跟)$")
_GAP_LIST2 = re.compile(r"^[、和与及]$")
# "A县得到了B市的对口帮扶": the receiver first
_GAP_GOT = re.compile(r"^[^，,。；;“”]{0,4}?(?:得到了?|获得了?|接受了?|受到了?)$")
_AFTER_GOT = re.compile(r"^的?[^，,。；;]{0,4}?(?:对口帮扶|对口支援|结对帮扶|帮扶|支援|援助|帮助|支持)")
# "A县得到了B市的对口帮扶": the receiver first
_GAP_GOT = re.compile(r"^[^，,。；;“”]{0,4}?(?:得到了?|获得了?|接受了?|受到了?)$")
_AFTER_GOT = re.compile(r"^的?[^，,。；;]{0,4}?(?:对口帮扶|对口支援|结对帮扶|帮扶|支援|援助|帮助|支持)")
_TWO = re.compile(r"^(?:两省区|两省市|两省|两市|两区|两县|两地|两州)")
COOP = r"(?:结对|协作|合作|签署|签订|携手|帮扶|对口|共建|结成|关系|协议)"
_GAP_JOIN = re.compile(r"^\s?(?:·|•|—{1,2}|-|－|–|\s)?\s?$")
_AFTER_JOIN = re.compile(r"^(?:东西部|东西)?(?:扶贫协作|协作|对口帮扶|对口协作|对口支援|扶贫|携手|合作|结对|劳务协作)")
_ABBR = re.compile("(?P<a>[" + "".join(ABBREV) + "])(?P<b>[" + "".join(ABBREV) + "])(?=(?:东西部)?(?:扶贫协作|对口扶贫协作|"
                   "协作|合作|对口|携手|帮扶|结对|消费扶贫|劳务协作|扶贫))")
_LISTED_AFTER = re.compile(r"^(?:、|和|及|以及|与)$|^[^，,。；;]{1,20}、$")


def orient(a: Mention, b: Mention, side_of) -> tuple[Mention, Mention] | None:
    sa, sb = side_of(a.info), side_of(b.info)
    if sa == "recipient" and sb == "donor":
        return b, a
    if sa is not None and sa == sb:
        return None
    if sa == "recipient" or sb == "donor":
        return b, a
    return a, b


def statements(t: str, s0: int, s1: int, mentions: list[Mention], side_of) -> list[tuple[Mention, Mention, int, int]]:
    """(donor, recipient, evidence start, evidence end) for each pairing a sentence states."""
    out = []
    ms = [m for m in mentions if s0 <= m.start < s1]
    for i, a in enumerate(ms[:-1]):
        b = ms[i + 1]
        gap = t[a.end:b.start]
        after = t[b.end:_clause_end(t, b.end, s1)]
        pair, kind = None, _kind(gap, after)
        if kind == "got":
            pair, kind = (b, a), "sym"
        elif kind:
            pair = (a, b)
        if pair is None:
            continue
        oriented = orient(pair[0], pair[1], side_of)
        if oriented is None or _nested(oriented[0], oriented[1]):
            continue
        d, r = oriented
        out.append((d, r, a.start, b.end))
        if kind == "pred" and d is a:  # the rest of the list: "对口帮扶的广西、云南、贵州"
            last = b
            for c in ms[i + 2:]:
                g = t[last.end:c.start]
                head = last is b and not g and c.listed and _nested(b, c)  # "甘肃省天水、平凉、庆阳": its units
                if not (head or _LISTED_AFTER.match(g)) or side_of(c.info) == "donor":
                    break
                if not _nested(d, c) and (c.listed or not _nested(b, c)):
                    out.append((d, c, a.start, c.end))
                last = c
    return out


def _kind(gap: str, after: str) -> str | None:
    """How the words between two units and after the second state a pairing, if they do."""
    if _GAP_PRED.match(gap):
        return "pred"
    if _GAP_TO.match(gap) and _AFTER_TO.match(after):
        return "pred"
    if _GAP_AT.match(gap) and _AFTER_AT.match(after) and not _AFTER_AT_NOT.match(after):
        return "pred"
    if _GAP_BA.match(gap) and re.search(PRED, after):
        return "pred"
    if _GAP_GOT.match(gap) and _AFTER_GOT.match(after):
        return "got"
    if _GAP_LIST2.match(gap) and _TWO.match(after) and re.search(COOP, after):
        return "sym"
    if _GAP_AND.match(gap) and re.search(COOP, after):
        return "sym"
    if _GAP_JOIN.match(gap) and _AFTER_JOIN.match(after):
        return "sym"
    return None


def abbreviation_pairs(t: str, s0: int, s1: int, make_info) -> list[tuple[object, object, int, int]]:
    """闽宁协作, 粤桂扶贫协作: (donor info, recipient info, start, end)."""
    out = []
    for m in _ABBR.finditer(t, s0, s1):
        a, b = make_info(ABBREV[m.group("a")], m.start()), make_info(ABBREV[m.group("b")], m.start() + 1)
        if a is None or b is None:
            continue
        sa, sb = side_by_region(a), side_by_region(b)
        if {sa, sb} != {"donor", "recipient"}:
            continue
        d, r = (a, b) if sa == "donor" else (b, a)
        out.append((d, r, m.start(), _clause_end(t, m.end(), s1)))
    return out


def _clause_end(t: str, pos: int, limit: int) -> int:
    m = re.compile(r"[，,。；;]").search(t, pos, limit)
    return m.start() if m else limit


def _nested(a: Mention, b: Mention) -> bool:
    pa, pb = a.info.prefix or "", b.info.prefix or ""
    ca, cb = a.info.adcode or "", b.info.adcode or ""
    if ca and ca == cb:
        return True
    return bool(pa and cb.startswith(pa)) or bool(pb and ca.startswith(pb))
