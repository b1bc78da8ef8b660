"""Chinese place names in report text, resolved through the gazetteer.

Names are matched longest first against the gazetteer's Chinese names: full names (浙江省, 湘西土家族苗族
自治州, 田东县), bases without the generic part at province and prefecture level (浙江, 湘西, 宁波), the
short forms of autonomous units (湘西州, 东乡县), and county-level bases only inside the report's own
regions or right after their parent ("百色田东县", "苏州市吴中、相城、吴江"). A unit written after its
parent is one mention of the narrower unit ("甘肃省东乡族自治县" -> 东乡族自治县). A zone or
its committee after a place is a unit of its own on that place's side ("甲市保税区", "甲市新区管委会").

Which side of an East-West pairing a place is on is genre knowledge: the eastern provinces and cities
give, the western and the other assisted provinces receive (see ``EAST`` and ``WEST``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..places import PlaceInfo

# Provinces that give in East-West cooperation, and those (with their assisted prefectures) that receive.
EAST = frozenset({"11", "12", "21", "31", "32", "33", "35", "37", "44"})
WEST = frozenset({"13", "15", "22", "42", "43", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"})
# One-character names of provinces (and of the cities that pair on their own) in compounds such as 闽宁, 沪滇.
ABBREV = {"京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000",
          "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000",
          "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000",
          "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000",
          "黔": "520000", "滇": "530000", "藏": "540000", "陕": "610000", "甘": "620000", "陇": "620000",
          "青": "630000", "宁": "640000", "新": "650000", "甬": "330200", "厦": "350200", "深": "440300"}
# Bases that are also common words; they count as places only with their generic part (阿里地区, 来宾市).
STOP_BARE = frozenset(["阿里", "来宾", "白银", "大同", "中山", "北海", "红河", "白山", "朝阳", "长安", "平安", "和平", "合作", "城关", "新华", "开发", "民主", "团结", "胜利", "前进", "永和", "红旗", "城中", "城西", "城东", "城北", "城南", "新城", "老城", "市中", "河东", "河西", "江北", "江南", "南山", "北山", "东方", "西安区", "普洱", "文山", "大理", "安康", "金川", "宝山", "青山", "东区", "西区", "南区", "北区", "新区", "矿区", "郊区", "城区", "林区", "东乡", "长春", "吉利", "永安", "安宁", "太平", "新市", "东兴", "永定", "龙泉", "仁和", "公安", "江城"])
_ZONE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:综合保税区|保税区|经济技术开发区|经济开发区|高新技术产业开发区|高新区|"
                   r"开发区|新区|工业园区|产业园区|示范区)(?:管委会|管理委员会)?")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "省", "市", "县", "区", "州", "盟", "旗")


@dataclass
class Mention:
    start: int
    end: int
    info: PlaceInfo
    bare: bool = False  # written without its generic part
    listed: bool = False  # a member of a list of units under the same parent ("吴中、相城、吴江")
    parent_end: int | None = None  # where the written parent ends ("百色市田东县": after 百色市)


@dataclass(frozen=True)
class _Entry:
    adcode: str
    level: int
    province: str
    prefix: str
    parent_prefix: str
    suffixed: bool


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, tuple[_Entry, ...]], dict[str, tuple[int, ...]]]:
    """Surface form -> gazetteer entries; first character -> lengths of the forms starting with it."""
    try:
        from counterpart.geo.gazetteer import get_gazetteer, split_zh_name

        g = get_gazetteer()
    except Exception:  # noqa: BLE001 - gazetteer data missing: no places, figures still found
        return {}, {}
    lex: dict[str, list[_Entry]] = {}

    def add(form: str, place, suffixed: bool):
        if len(form) < 2:
            return
        parent = g.places.get(place.parent_adcode) if place.parent_adcode else None
        e = _Entry(place.adcode, place.level, place.adcode[:2], place.prefix, parent.prefix if parent else "", suffixed)
        bucket = lex.setdefault(form, [])
        if all(b.adcode != e.adcode for b in bucket):
            bucket.append(e)

    for place in g.places.values():
        full = place.name_zh
        base, _ = split_zh_name(full, place.level)
        if len(full) == 2 and full.endswith("区"):
            continue  # 城区, 郊区, 矿区: words before they are names
        add(full, place, True)
        if base != full:
            add(base, place, False)
            if "自治" in full:  # 湘西州, 东乡县, 红河州
                add(base + full[-1], place, True)
    lengths: dict[str, set[int]] = {}
    for form in lex:
        lengths.setdefault(form[0], set()).add(len(form))
    first = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
    return {k: tuple(v) for k, v in lex.items()}, first


def gazetteer_place(adcode: str | None):
    if not adcode:
        return None
    try:
        from counterpart.geo.gazetteer import get_gazetteer

        return get_gazetteer().get(adcode)
    except Exception:  # noqa: BLE001 - no gazetteer data
        return None


def province_of(info: PlaceInfo | None) -> str | None:
    return info.province if info is not None else None


def side_by_region(info: PlaceInfo | None) -> str | None:
    p = province_of(info)
    if p in EAST:
        return "donor"
    if p in WEST:
        return "recipient"
    return None


def _info(text: str, s: int, e: int, entry: _Entry) -> PlaceInfo:
    return PlaceInfo(text[s:e], entry.adcode, entry.level, entry.province, entry.prefix, entry.parent_prefix or None)


def zh_norm(name: str) -> str:
    """A unit's key without its generic part: 宁波市 -> 宁波, 福田区 -> 福田, 湘西州 -> 湘西."""
    s = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", name)
    s = re.sub(r"(?:管委会|管理委员会|方面)$", "", s)
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) - len(suffix) >= 2:
            s = s[: -len(suffix)]
            break
    return s


class ZhPlaceFinder:
    def __init__(self):
        self.lex, self.first = lexicon()
        self.context: tuple[str, ...] = ()  # adcode prefixes of the report's own regions

    def set_context(self, prefixes):
        self.context = tuple(p for p in prefixes if p)

    def _in_context(self, e: _Entry) -> bool:
        return any(e.adcode.startswith(p) for p in self.context)

    def _choose(self, entries: tuple[_Entry, ...], parent: PlaceInfo | None) -> _Entry | None:
        if parent is not None and parent.prefix:
            inside = [e for e in entries if e.adcode.startswith(parent.prefix) and e.adcode != parent.adcode]
            if inside:
                return min(inside, key=lambda e: e.level)
        if len(entries) == 1:
            return entries[0]
        inside = [e for e in entries if self._in_context(e)]
        if len(inside) == 1:
            return inside[0]
        pool = inside or list(entries)
        top = min(e.level for e in pool)
        best = [e for e in pool if e.level == top]
        return best[0] if len(best) == 1 else None

    @staticmethod
    def _sibling_next(chosen, pos: int, entry: _Entry) -> bool:
        """Is the unit listed after "、" at pos under the same parent ("吴中、相城")?"""
        for s, _e, _f, entries in chosen:
            if s == pos:
                return any(x.parent_prefix == entry.parent_prefix and x.level == entry.level for x in entries)
        return False

    def find(self, t: str, start: int, end: int) -> list[Mention]:
        lex, first = self.lex, self.first
        if not lex:
            return []
        cands = []  # (start, end, entries, suffixed)
        i = start
        while i < end:
            ch = t[i]
            lengths = first.get(ch)
            if lengths:
                for length in lengths:
                    if i + length > end:
                        continue
                    form = t[i:i + length]
                    hit = lex.get(form)
                    if hit:
                        cands.append((i, i + length, form, hit))
            i += 1
        if not cands:
            return []
        ends = {}
        for c in cands:
            ends.setdefault(c[1], []).append(c)

        def allowed(c) -> bool:
            s, _e, form, entries = c
            suffixed = any(x.suffixed for x in entries)
            if form in STOP_BARE and not suffixed:
                return False
            if suffixed and len(form) > 2:
                return True
            if not suffixed and min(x.level for x in entries) <= 2:
                return True
            if any(self._in_context(x) for x in entries):
                return True
            # a county-level base right after its parent, or listed after a sibling
            for pc in ends.get(s, []) + (ends.get(s - 1, []) if s > 0 and t[s - 1] == "、" else []):
                if any(x.adcode.startswith(p.prefix) and x.adcode != p.adcode for x in entries for p in pc[3]):
                    return True
                if t[s - 1:s] == "、" and any(x.parent_prefix and x.parent_prefix == p.parent_prefix
                                              for x in entries for p in pc[3]):
                    return True
            return False

        pool = [c for c in cands if allowed(c)]
        pool.sort(key=lambda c: (-(c[1] - c[0]), min(x.level for x in c[3]), c[0]))
        taken: list[tuple[int, int]] = []
        chosen = []
        for c in pool:
            if all(c[1] <= a or c[0] >= b for a, b in taken):
                taken.append((c[0], c[1]))
                chosen.append(c)
        chosen.sort(key=lambda c: c[0])
        out: list[Mention] = []
        prev: Mention | None = None
        for s, e, _form, entries in chosen:
            parent = prev.info if prev is not None and prev.end == s else None
            bare = not any(x.suffixed for x in entries)
            if parent is not None and bare and re.match(r"[乡镇村]|街道", t[e:e + 2]):
                prev = None
                continue  # "延安宝塔镇": a township of that name, not the district
            entry = self._choose(entries, parent)
            if entry is None:
                suffixed = any(x.suffixed for x in entries)
                if not suffixed:
                    prev = None
                    continue
                info = PlaceInfo(t[s:e], None, min(x.level for x in entries), None, None)
            else:
                info = _info(t, s, e, entry)
            m = Mention(s, e, info, bare)
            if parent is not None and entry is not None and entry.adcode.startswith(parent.prefix or "~") \
                    and entry.adcode != parent.adcode and not (t[e:e + 1] == "、" and self._sibling_next(
                        chosen, e + 1, entry)):
                m.parent_end = prev.end
                m.start = prev.start
                out[-1] = m  # the narrower unit, written after its parent, is the unit meant
            elif prev is not None and t[prev.end:s] == "、" and entry is not None and prev.info.parent_prefix \
                    and entry.adcode.startswith(prev.info.parent_prefix):
                m.listed = prev.listed = True
                out.append(m)
            elif parent is not None and entry is not None and entry.adcode.startswith(parent.prefix or "~"):
                m.listed = True
                out.append(m)
            else:
                out.append(m)
            prev = m
        # zones and their committees: "甲市保税区", "甲市新区管委会"
        for k, m in enumerate(out):
            z = _ZONE.match(t, m.end, min(end, m.end + 14))
            if z and (k + 1 == len(out) or out[k + 1].start >= z.end()):
                info = PlaceInfo(t[m.start:z.end()], None, 3, m.info.province, m.info.prefix, None)
                out[k] = Mention(m.start, z.end(), info, False)
        return out
