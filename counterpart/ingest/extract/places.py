"""Place names in report text, resolved through the gazetteer when it is available.

``PlaceFinder.find(text, start, end)`` returns ``PlaceMention``s: capitalised
names followed by a type word (City, County, District, Province, Autonomous
Region...), lists such as "Shinan, Laoshan and Chengyang districts", bare names
the gazetteer knows at province or prefecture level (or inside the report's own
regions), names learned earlier in the same document, and Chinese names ending
in 省/市/县/区/州/盟/旗. Without a gazetteer, names come back without adcode.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

_TYPE_LEVEL = {
    "province": 1, "autonomous region": 1, "region": 1, "municipality": 1, "provincial": 1,
    "city": 2, "prefecture": 2, "autonomous prefecture": 2, "league": 2, "municipal": 2,
    "county": 3, "district": 3, "autonomous county": 3, "banner": 3, "autonomous banner": 3,
    "county-level city": 3, "new area": 3,
}
TYPE_WORDS = (r"(?:(?:[A-Z][a-z]+\s+)?(?:and\s+[A-Z][a-z]+\s+)?Autonomous\s+(?:Region|Prefecture|County|Banner)|"
              r"Province|Provincial|City|County|District|Prefecture|League|Banner|Municipality|Municipal|New\s+Area)")
_LOW = "a-zà-öø-ÿāēīōūǎěǐǒǔǖǘǚǜ"  # pinyin with tone marks or umlaut: Lüshunkou, Xī'ān
_CAP = r"[A-Z][" + _LOW + r"]+(?:['’](?!s\b)[" + _LOW + r"]+)?(?:-[a-z]+)?"
NAMED_RE = re.compile(r"(?<![\w'’])(?P<name>" + _CAP + r"(?:\s" + _CAP + r"){0,2})(?:['’]s)?\s(?P<type>" + TYPE_WORDS + r")\b")
LIST_RE = re.compile(r"(?<![\w'’-])(?P<names>" + _CAP + r"(?:,\s" + _CAP + r"){0,8},?\s(?:and|&)\s" + _CAP +
                     r")\s(?P<type>districts|counties|cities|prefectures|provinces|banners|leagues)\b")
BARE_RE = re.compile(r"(?<![\w'’])(?P<name>" + _CAP + r"(?:\s" + _CAP + r"){0,2})(?:['’]s)?(?![\w'’]|-[a-z])")
ZH_RE = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|县|区|州|盟|旗)")

# Capitalised words that are never (the start of) a place name in this genre.
STOP = frozenset("""
the a an in on at of for to from by with and or but as after before during since till until this
that these those it its their his her our we they he she meanwhile moreover furthermore besides
also then thus therefore however under over through based according among both all each every other
some many more most first second third last next new east west north south eastern western northern
southern central national state party communist committee government people peoples china chinese
vice governor chairman secretary mayor deputy director member standing office bureau department
commission council leading group poverty alleviation development reform finance financial
cooperation pairing-off pairing counterpart twinning support assistance overview construction
village villages entire advancement economic trade cadre cadres exchange training social education
health culture industry industrial agriculture municipal provincial city county district province
prefecture autonomous region conference forum fair expo symposium outline framework agreement plan
five-year january february march april may june july august september october november december mr
ms dr comrade red cross co ltd company corporation association federation foundation union league
bank hospital school university college institute center centre station year years
""".split())  # noqa: SIM905 - a word list is easier to read and extend than a literal
TITLE_BEFORE = re.compile(r"(?:governor|secretary|mayor|chairman|chairwoman|director|minister|premier|president|"
                          r"deputy|chief|head|comrade|mr|mrs|ms|dr|professor|leader|commissioner|member)\.?\s$", re.IGNORECASE)

PROVINCES = {  # fallback when the gazetteer is not installed: provincial-level names only
    "Beijing": "110000", "Tianjin": "120000", "Hebei": "130000", "Shanxi": "140000", "Inner Mongolia": "150000",
    "Liaoning": "210000", "Jilin": "220000", "Heilongjiang": "230000", "Shanghai": "310000", "Jiangsu": "320000",
    "Zhejiang": "330000", "Anhui": "340000", "Fujian": "350000", "Jiangxi": "360000", "Shandong": "370000",
    "Henan": "410000", "Hubei": "420000", "Hunan": "430000", "Guangdong": "440000", "Guangxi": "450000",
    "Hainan": "460000", "Chongqing": "500000", "Sichuan": "510000", "Guizhou": "520000", "Yunnan": "530000",
    "Tibet": "540000", "Xizang": "540000", "Shaanxi": "610000", "Gansu": "620000", "Qinghai": "630000",
    "Ningxia": "640000", "Xinjiang": "650000",
}


@dataclass
class PlaceInfo:
    name: str  # as the text gives it, e.g. "Shinan District", "Qingdao"
    adcode: str | None = None
    level: int | None = None
    province: str | None = None  # 2-digit prefix
    prefix: str | None = None    # adcode prefix of the unit (52, 5204, 520424)
    parent_prefix: str | None = None


@dataclass
class PlaceMention:
    start: int
    end: int
    info: PlaceInfo
    qualifier: bool = False  # "of Qingdao City" after "Shinan District": context, not a unit of its own

    @property
    def name(self) -> str:
        return self.info.name


def _gazetteer():
    try:
        from counterpart.geo.gazetteer import get_gazetteer

        return get_gazetteer()
    except Exception:  # noqa: BLE001 - not installed yet, or its data is missing: work without adcodes
        return None


@lru_cache(maxsize=1)
def _cached_gazetteer():
    return _gazetteer()


def reset_gazetteer_cache():
    _cached_gazetteer.cache_clear()


def level_of_type(type_word: str | None) -> int | None:
    if not type_word:
        return None
    t = re.sub(r"\s+", " ", type_word.lower())
    if "autonomous" in t:
        t = "autonomous " + t.split("autonomous ")[-1]
    return _TYPE_LEVEL.get(t)


def display_name(base: str, type_word: str | None) -> str:
    """Name for output: "Shinan District"; adjectives (Municipal, Provincial) are dropped."""
    if not type_word or type_word.lower() in ("municipal", "provincial"):
        return base
    return base + " " + " ".join(type_word.split())


class PlaceFinder:
    """Finds and resolves place names for one document; remembers what it has seen."""

    def __init__(self, context: list[str] | None = None, use_gazetteer: bool = True):
        self.g = _cached_gazetteer() if use_gazetteer else None
        self.context = tuple(context or ())
        self.known: dict[str, PlaceInfo] = {}  # base name (lower) -> info, names met with a type word
        self._cache: dict[tuple, PlaceInfo | None] = {}
        self._found: dict[tuple, list[PlaceMention]] = {}
        self._maybe: dict[str, bool] = {}

    def set_context(self, context: list[str]):
        self.context = tuple(c for c in context if c)
        self._cache.clear()
        self._found.clear()
        self._maybe.clear()

    # -- resolution ----------------------------------------------------------------------------

    def resolve(self, name: str, type_word: str | None = None, bare: bool = False) -> PlaceInfo | None:
        key = (name, type_word, bare)
        if key in self._cache:
            return self._cache[key]
        info = self._resolve(name, type_word, bare)
        self._cache[key] = info
        return info

    def _resolve(self, base: str, type_word: str | None, bare: bool) -> PlaceInfo | None:
        shown = display_name(base, type_word)
        level = level_of_type(type_word)
        if self.g is None:
            known = self.known.get(base.lower())
            if base in PROVINCES:
                code = PROVINCES[base]
                return PlaceInfo(shown, None, 1, code[:2], code[:2])
            if bare:
                return known and PlaceInfo(base, known.adcode, known.level, known.province, known.prefix)
            return PlaceInfo(shown, None, level)
        query = base if not type_word or type_word.lower() in ("municipal",) else shown
        if type_word and type_word.lower() == "provincial":
            query = base + " Province"
        if bare and self.g.resolve(query).status == "none":
            return None  # a capitalised word no place is called: no fuzzy search for it
        res = self.g.resolve(query, list(self.context) or None)
        if res.status != "unique" and self.context and bare:
            return None
        if res.status != "unique":
            if bare:
                return None
            return PlaceInfo(shown, None, level)
        place = res.region
        outside = "outside context" in (res.how or "")
        if bare and (outside or "fuzzy" in (res.how or "")) and place.level > 2:
            return None  # a bare capitalised word that happens to spell a county far away
        if bare and not self.context and place.level > 2:
            return None
        return PlaceInfo(shown, place.adcode, place.level, place.adcode[:2], place.prefix,
                         (place.parent_adcode or "")[: {1: 2, 2: 4}.get(place.level - 1, 6)] or None)

    # -- finding -------------------------------------------------------------------------------

    def find(self, text: str, start: int, end: int, masks: list[tuple[int, int]] = ()) -> list[PlaceMention]:
        key = (start, end, tuple(masks))
        hit = self._found.get(key)
        if hit is None:
            hit = self._found[key] = self._find(text, start, end, masks)
        return hit

    def _find(self, text: str, start: int, end: int, masks) -> list[PlaceMention]:
        found: list[PlaceMention] = []
        taken: list[tuple[int, int]] = list(masks)

        def free(s, e):
            return all(e <= a or s >= b for a, b in taken)

        def add(s, e, info, qualifier=False):
            found.append(PlaceMention(s, e, info, qualifier))
            taken.append((s, e))

        for m in LIST_RE.finditer(text, start, end):
            type_word = {"districts": "District", "counties": "County", "cities": "City", "prefectures": "Prefecture",
                         "provinces": "Province", "banners": "Banner", "leagues": "League"}[m.group("type")]
            for nm in re.finditer(_CAP, m.group("names")):
                if nm.group(0).lower() in STOP:
                    continue
                s = m.start("names") + nm.start()
                info = self.resolve(nm.group(0), type_word)
                if info and free(s, s + len(nm.group(0))):
                    self.known.setdefault(nm.group(0).lower(), info)
                    add(s, s + len(nm.group(0)), info)
        for m in NAMED_RE.finditer(text, start, end):
            words = m.group("name").split()
            s = m.start("name")
            while words and words[0].lower() in STOP:  # "The Qingdao City", "In Anshun City"
                s = text.index(words[1], s + len(words[0])) if len(words) > 1 else m.end()
                words = words[1:]
            if not words or any(w.lower() in STOP for w in words):
                continue
            if TITLE_BEFORE.search(text[max(0, s - 15):s]):
                continue
            base = " ".join(words)
            type_word = m.group("type")
            if " Autonomous" in type_word and not type_word.startswith("Autonomous"):
                ethnic, _, rest = type_word.partition(" Autonomous")
                base, type_word = f"{base} {ethnic}", "Autonomous" + rest
            info = self.resolve(base, type_word)
            while self.g is not None and info is not None and info.adcode is None and len(words) > 1:
                # "Helps Gansu Province" in a title: drop leading words until the name resolves
                s = text.index(words[1], s + len(words[0]))
                words = words[1:]
                base = " ".join(words)
                info = self.resolve(base, type_word)
            if info and free(s, m.end()):
                self.known.setdefault(words[0].lower() if len(words) == 1 else base.lower(), info)
                add(s, m.end(), info)
        for m in BARE_RE.finditer(text, start, end):
            s, e = m.start("name"), m.end("name")
            words = m.group("name").split()
            if not self._maybe_place(words) or not free(s, e):
                continue
            while words and words[0].lower() in STOP:
                s += len(words[0]) + 1
                words = words[1:]
            while words and words[-1].lower() in STOP:
                words = words[:-1]
            if not words or len(words) > 2 or any(w.lower() in STOP for w in words):
                continue
            e = s + len(" ".join(words))
            if TITLE_BEFORE.search(text[max(0, s - 15):s]) or not free(s, e):
                continue
            if re.match(r"\s(?:[A-Z][a-z]+\s){0,3}(?:Co\b|Company|Group|Corporation|Ltd)", text[e:e + 60]):
                continue  # the first word of an enterprise name
            tries = [(s, words)] if len(words) == 1 else [(s, words)] + [
                (s + len(" ".join(words[:i])) + (1 if i else 0), [w]) for i, w in enumerate(words)]
            for ts, tw in tries:
                base = " ".join(tw)
                te = ts + len(base)
                if not free(ts, te):
                    continue
                info = self.resolve(base, None, bare=True)
                if info:
                    add(ts, te, info)
                    if len(tw) == len(words):
                        break
        for m in ZH_RE.finditer(text, start, end):
            if not free(m.start(), m.end()):
                continue
            hit = self._resolve_zh(m.group(0))
            if hit:
                off, length, info = hit
                add(m.start() + off, m.start() + off + length, info)
        found.sort(key=lambda p: p.start)
        self._mark_qualifiers(text, found)
        return found

    def _maybe_place(self, words: list[str]) -> bool:
        """Cheap test before the checks: could any word (or the pair) be a place name?"""
        key = " ".join(words)
        hit = self._maybe.get(key)
        if hit is None:
            cands = [w for w in words if w.lower() not in STOP]
            if len(cands) > 1:
                cands.append(" ".join(cands))
            hit = any(self.resolve(c, None, bare=True) for c in cands)
            self._maybe[key] = hit
        return hit

    def _resolve_zh(self, chunk: str):
        """Longest tail of a CJK run ending in a type character that the gazetteer knows."""
        for off in range(max(1, len(chunk) - 2) + 1):
            name = chunk[off:]
            if len(name) < 2:
                break
            if self.g is None:
                if off == len(chunk) - 3 or len(chunk) <= 3:
                    return off, len(name), PlaceInfo(name, None, None)
                continue
            res = self.g.resolve(name, list(self.context) or None)
            if res.status == "unique" and "fuzzy" not in res.how:
                p = res.region
                return off, len(name), PlaceInfo(name, p.adcode, p.level, p.adcode[:2], p.prefix)
        return None

    def _mark_qualifiers(self, text: str, found: list[PlaceMention]):
        """"Shinan District of Qingdao City", "Puding County, Guizhou Province": the second is context."""
        for a, b in itertools.pairwise(found):
            gap = text[a.end:b.start]
            if not re.fullmatch(r"\s*(?:of|,|，|in)\s*(?:the\s+)?", gap):
                continue
            la, lb = a.info.level, b.info.level
            if (la and lb and lb < la) or (a.info.prefix and b.info.prefix and a.info.prefix.startswith(b.info.prefix) and a.info.prefix != b.info.prefix):
                b.qualifier = True
