"""Chinese report text -> facts: script, furniture, the report's pairing and year, then sentence by sentence
time frame, places, figures, their meaning and attribution, pairings and events."""
from __future__ import annotations

import re
from decimal import Decimal

from ..indicators_rules import UNITS
from ..numbers import format_decimal
from ..places import PlaceInfo
from . import events as zh_events
from . import pairs as zh_pairs
from .numbers import find_quantities
from .places import ABBREV, EAST, WEST, Mention, ZhPlaceFinder, gazetteer_place, side_by_region, zh_norm
from .rules import PERSON_CLASSES, Reading, classify
from .text import (
    DATE_LINE,
    SOURCE_RE,
    Span,
    datelines,
    find_title,
    is_furniture,
    items,
    lines,
    paragraphs,
    simplified,
)
from .years import TIME_RE, Frame, explicit_years, frame_of, report_year

# 我省, 我区, 我州 ...: the side written from; 该市: the last unit of that kind; 全州: the report's own unit
SELF_RE = re.compile(r"我(?P<t>省|区|州|市|县|旗|们)")
THIS_RE = re.compile(r"(?:该|这个|本)(?P<t>省|市|州|县|区)")
WHOLE_RE = re.compile(r"全(?P<t>省|市|州|县|区)(?!委|政府|人民|上下|范围|域)")
PAIR_LEVEL = re.compile(r"两地|双方|两市|两省|两区|两县|两州|东西部")
_TYPE_OF = {"省": (1,), "市": (1, 2, 3), "州": (2,), "县": (3,), "区": (1, 3), "旗": (3,)}
PART_CUE = re.compile(r"其中|包括|含")
OFFICIAL = re.compile(r"(?:副?(?:省|市|州|县|区)长|(?:省|市|州|县|区)委(?:副)?书记|负责人|主任|局长|书记)")
DIRECTION_TO = re.compile(r"(?:到|赴|来|在|前往|派往)$")


def _key(info: PlaceInfo) -> str:
    return info.adcode or zh_norm(info.name)


def _unit(info: PlaceInfo) -> dict:
    d = {"name": info.name}
    if info.adcode:
        d["adcode"] = info.adcode
    return d


def _ev(text: str, s: int, e: int) -> dict:
    while s < e and text[s] in " \t,，;；:：、":
        s += 1
    while e > s and text[e - 1] in " \t,，;；:：、。":
        e -= 1
    return {"start": s, "end": e, "text": text[s:e]}


def _type_ok(info: PlaceInfo, t: str) -> bool:
    name = info.name
    if t == "区":
        return name.endswith("区") or (info.level == 1 and info.province in ("45", "54", "64", "65", "15"))
    if t == "州":
        return name.endswith("州") and (info.level == 2)
    if t == "省":
        return info.level == 1 and not name.endswith(("市", "区")) and info.province not in (
            "11", "12", "31", "50", "45", "54", "64", "65", "15")
    return info.level in _TYPE_OF.get(t, ()) and name.endswith(t) if t in ("市", "县", "旗") else False


class ZhExtractor:
    def __init__(self, text: str, doc_id: str, year: int | None = None):
        self.raw, self.doc_id = text, doc_id
        self.t = simplified(text)
        self.finder = ZhPlaceFinder()
        self._mention_cache: dict[tuple, list[Mention]] = {}
        self._self_cache = None
        self.obs: list[dict] = []
        self.meta: list[dict] = []
        self.pairings: list[dict] = []
        self.events: list[dict] = []
        self.donor: PlaceInfo | None = None
        self.recipient: PlaceInfo | None = None
        self.recipients: list[PlaceInfo] = []
        self.sides: dict[str, str] = {}
        self.partner: dict[str, PlaceInfo] = {}
        self.title = find_title(self.t)
        self.lines_meta()
        # a summary or a yearbook entry whose title names its year ("定西市2018年东西部扶贫协作工作总结") is about
        # that year, whenever it was published
        title_year = re.search(r"((?:19|20)\d\d)年", self.t[self.title.start:self.title.end]) if self.title else None
        self.year = year or (int(title_year.group(1)) if title_year else None) or report_year(
            self.t, self.furniture_dates, explicit_years(self.t))

    # -- page furniture: dates, source, datelines -----------------------------------------------

    def lines_meta(self):
        t = self.t
        self.furniture_dates: list[int] = []
        self.source_places: list[str] = []
        for k, (s, e) in enumerate(lines(t)):
            if k > 40:
                break
            line = t[s:e]
            if is_furniture(line) or len(line.strip()) < 60:
                m = DATE_LINE.search(line)
                if m:
                    self.furniture_dates.append(int(m.group(1)))
                src = SOURCE_RE.search(line)
                if src:
                    self.source_places.append(src.group(1))
        self.datelines = datelines(t)
        self.masks = [(m.start(), m.end()) for m in self.datelines]
        self.dateline_month = None
        for m in self.datelines:
            if m.group("m"):
                self.dateline_month = (int(m.group("m")), int(m.group("d")))
                break

    # -- sides -------------------------------------------------------------------------------------

    def side(self, info: PlaceInfo) -> str | None:
        k = _key(info)
        if k in self.sides:
            return self.sides[k]
        s = side_by_region(info)
        if s:
            return s
        for top, name in ((self.donor, "donor"), (self.recipient, "recipient")):
            if top is not None and top.prefix and (info.adcode or info.prefix or "").startswith(top.prefix):
                return name
        return None

    def mentions(self, s0: int, s1: int) -> list[Mention]:
        t = self.t
        key = (s0, s1, self.finder.context)
        found = self._mention_cache.get(key)
        if found is None:
            found = self._mention_cache[key] = [m for m in self.finder.find(t, s0, s1)
                                                if not any(a <= m.start < b for a, b in self.masks)]
        if not re.search(r"[我该全]", t[s0:s1]):
            return found
        extra = []
        for rx in (SELF_RE, THIS_RE, WHOLE_RE):
            for m in rx.finditer(t, s0, s1):
                info = self._pseudo(rx, m, found)
                if info is not None:
                    extra.append(Mention(m.start(), m.end(), info))
        if extra:
            found = sorted(found + [x for x in extra if all(x.end <= f.start or x.start >= f.end for f in found)],
                           key=lambda m: m.start)
        return found

    def _pseudo(self, rx, m, found) -> PlaceInfo | None:
        kind = m.group("t")
        if rx is SELF_RE:
            if kind == "们":
                # "我们" in a quoted official's words: the unit that official serves
                for f in reversed(self._seen + found):
                    if f.end <= m.start() and m.start() - f.end < 300 and OFFICIAL.match(self.t, f.end):
                        return f.info
                return None
            cands = [c for c in self._self_candidates() if _type_ok(c, kind)]
            if not cands:
                return None
            c = cands[0]
            return PlaceInfo(c.name, c.adcode, c.level, c.province, c.prefix, c.parent_prefix)
        if rx is THIS_RE:
            for f in reversed(found):
                if f.end <= m.start() and f.info.name.endswith(kind):
                    return f.info
            for prev in reversed(self._recent):
                if prev.name.endswith(kind):
                    return prev
            return None
        for top in (self.recipient, self.donor):
            if top is not None and top.name.endswith(kind if kind != "州" else "州") and top.level in _TYPE_OF[kind]:
                return top
        if kind == "州":
            for top in (self.recipient, self.donor):
                if top is not None and top.level == 2:
                    return top
        return None

    def _self_candidates(self) -> list[PlaceInfo]:
        key = (id(self.donor), id(self.recipient))
        if self._self_cache is None or self._self_cache[0] != key:
            self._self_cache = (key, self._self_candidates_uncached())
        return self._self_cache[1]

    def _self_candidates_uncached(self) -> list[PlaceInfo]:
        out = []
        t = self.t
        for src in self.source_places:
            out += [m.info for m in self.finder.find(src, 0, len(src))]
        if self.title:
            out += [m.info for m in self.finder.find(t, self.title.start, self.title.end)]
        for m in self.datelines:  # "本报百色讯", "甘肃日报讯": the paper's place
            out += [x.info for x in self.finder.find(t, m.start(), m.end())]
        out += [x for x in (self.donor, self.recipient) if x is not None]
        return out

    # -- pairings ----------------------------------------------------------------------------------

    def add_pairing(self, d: PlaceInfo, r: PlaceInfo, s: int, e: int):
        kd, kr = _key(d), _key(r)
        if not kd or not kr or kd == kr or zh_norm(d.name) == zh_norm(r.name):
            return
        for p in self.pairings:
            if (p["_kd"], p["_kr"]) == (kd, kr):
                return
        self.pairings.append({"doc": self.doc_id, "type": "pairing", "donor": _unit(d), "recipient": _unit(r),
                              "evidence": _ev(self.raw, s, e), "_kd": kd, "_kr": kr})
        self.sides.setdefault(kd, "donor")
        self.sides.setdefault(kr, "recipient")

    def _abbr_info(self, adcode: str, pos: int) -> PlaceInfo | None:
        place = gazetteer_place(adcode)
        if place is None:
            return None
        from counterpart.geo.gazetteer import split_zh_name

        base, _ = split_zh_name(place.name_zh, place.level)
        parent = gazetteer_place(place.parent_adcode) if place.parent_adcode else None
        return PlaceInfo(base, place.adcode, place.level, place.adcode[:2], place.prefix,
                         parent.prefix if parent else None)

    def doc_pairing(self, paras):
        t = self.t
        if self.title:
            ms = self.mentions(self.title.start, self.title.end)
            st = zh_pairs.statements(t, self.title.start, self.title.end, ms, self.side)
            if st:
                d, r = st[0][:2]
                self._set_doc(d.info, r.info)
                self.add_pairing(d.info, r.info, self.title.start, self.title.end)
                return
            sides = {}
            for m in ms:
                sd = side_by_region(m.info)
                if sd and sd not in sides:
                    sides[sd] = m.info
            if len(sides) == 2:
                self._set_doc(sides["donor"], sides["recipient"])
                self._title_implicit = True
                return
            if len(ms) == 1:
                self._title_place = ms[0].info
        for p in paras[:6]:
            for s in p.sentences:
                ms = self.mentions(s.start, s.end)
                st = zh_pairs.statements(t, s.start, s.end, ms, self.side)
                if st:
                    d, r = st[0][:2]
                    self._set_doc(d.info, r.info)
                    return
                ab = zh_pairs.abbreviation_pairs(t, s.start, s.end, self._abbr_info)
                if ab:
                    self._set_doc(ab[0][0], ab[0][1])
                    return

    def _narrow_doc_pair(self, paras):
        """A province-level pair named once (粤桂扶贫协作) while the text is about two of its cities: the
        cities the text names most are the report's own pair."""
        if self.donor is None or self.recipient is None:
            return
        t = self.t
        counts: dict[str, int] = {}
        infos: dict[str, PlaceInfo] = {}
        stated: list[tuple[PlaceInfo, PlaceInfo]] = []
        for p in paras:
            for s in p.sentences:
                ms = self.mentions(s.start, s.end)
                for m in ms:
                    k = _key(m.info)
                    counts[k] = counts.get(k, 0) + 1
                    infos.setdefault(k, m.info)
                stated += [(d.info, r.info) for d, r, _a, _b in zh_pairs.statements(t, s.start, s.end, ms, self.side)]
        d0, r0 = self.donor, self.recipient
        best_d, best_r = d0, r0
        for d, r in stated:
            if _key(d) == _key(d0) and _key(r) == _key(r0):
                continue
            inside = self._refines(d, r, (d0, r0))
            if inside and counts.get(_key(d), 0) > counts.get(_key(best_d), 0) \
                    and counts.get(_key(r), 0) > counts.get(_key(best_r), 0):
                best_d, best_r = d, r
        if best_d is not d0:
            self._set_doc(best_d, best_r)

    def _set_doc(self, d: PlaceInfo, r: PlaceInfo):
        self.donor, self.recipient = d, r
        self.finder.set_context([x.prefix for x in (d, r) if x.prefix] +
                                [x.province for x in (d, r) if x.province])

    # -- main loop -----------------------------------------------------------------------------------

    def run(self) -> list[dict]:
        t = self.t
        self._recent: list[PlaceInfo] = []
        self._seen: list[Mention] = []
        self._title_implicit = False
        self._title_place = None
        paras = paragraphs(t, skip=self.title, masks=self.masks)
        self.doc_pairing(paras)
        implicit_title_pair = (self.donor, self.recipient) if self._title_implicit else None
        self._narrow_doc_pair(paras)
        sent_index = 0
        for para in paras:
            frame = Frame(self.year)
            carry_d: PlaceInfo | None = None
            carry_r: list[PlaceInfo] = []
            for sent in para.sentences:
                sent_index += 1
                s0, s1 = sent.start, sent.end
                if s1 - s0 > 3000:
                    continue
                ms = self.mentions(s0, s1)
                for d, r, a, b in zh_pairs.statements(t, s0, s1, ms, self.side):
                    if implicit_title_pair and not self.pairings and self._refines(d.info, r.info, implicit_title_pair):
                        self._set_doc(d.info, r.info)
                        implicit_title_pair = None
                    self.add_pairing(d.info, r.info, a, b)
                for d, r, a, b in zh_pairs.abbreviation_pairs(t, s0, s1, self._abbr_info):
                    if (d.level or 1) != (r.level or 1):  # 甬黔: a city and "its" part of a province
                        d, r = self._inside_doc(d, self.donor), self._inside_doc(r, self.recipient)
                    self.add_pairing(self._named(d), self._named(r), a, b)
                for m in ms:
                    if m.info.name and not m.info.name.startswith(("我", "该", "全")):
                        self._recent.append(m.info)
                        self._seen.append(m)
                self._seen = self._seen[-40:]
                self._recent = self._recent[-20:]
                times = [m for m in TIME_RE.finditer(t, s0, s1) if not any(a <= m.start() < b for a, b in self.masks)]
                quantities = find_quantities(t, s0, s1)
                # events, dated in the frame where the sentence starts
                start_frame = frame
                for tm in times:
                    if tm.start() <= s0 + 2:
                        start_frame = frame_of(tm, t, self.year, frame)
                for kind, iso, a, b in zh_events.find(t, s0, s1, self.year, start_frame.year,
                                                      self.dateline_month, self.masks):
                    self.events.append({"doc": self.doc_id, "type": "event", "kind": kind, "date": iso,
                                        "place": "", "title": "", "evidence": _ev(self.raw, a, b)})
                ti = 0
                sent_r = []
                for q in quantities:
                    while ti < len(times) and times[ti].start() < q.start:
                        frame = frame_of(times[ti], t, self.year, frame)
                        ti += 1
                    got = self._figure(sent, q, ms, frame, carry_d, carry_r, sent_index, quantities)
                    if got:
                        sent_r = got[1]
                while ti < len(times):
                    frame = frame_of(times[ti], t, self.year, frame)
                    ti += 1
                d_here = [m.info for m in ms if self.side(m.info) == "donor" and not self._venue(m)]
                if d_here:
                    carry_d = d_here[0]
                carry_r = list(sent_r)  # the units the sentence's figures went to, if any
        if implicit_title_pair and not self.pairings:
            self.add_pairing(implicit_title_pair[0], implicit_title_pair[1], self.title.start, self.title.end)
        self._pairs_of_counts()
        self._dedupe()
        self._link_parts()
        for i, o in enumerate(self.obs):
            o["id"] = f"o{i + 1}"
        for o, m in zip(self.obs, self.meta):
            if m.get("part_of") is not None:
                o["part_of"] = self.obs[m["part_of"]]["id"]
        seen, evs = set(), []
        for ev in self.events:
            if (ev["kind"], ev["date"]) not in seen:
                seen.add((ev["kind"], ev["date"]))
                evs.append(ev)
        for p in self.pairings:
            p.pop("_kd", None)
            p.pop("_kr", None)
        return self.pairings + evs + self.obs

    @staticmethod
    def _inside_doc(info: PlaceInfo, top: PlaceInfo | None) -> PlaceInfo:
        if info.level == 1 and top is not None and (top.adcode or "").startswith(info.prefix or "~"):
            return top
        return info

    def _named(self, info: PlaceInfo) -> PlaceInfo:
        """A province named by its one-character form, under the name the report uses for it elsewhere."""
        for r in self._recent:
            if r.adcode == info.adcode:
                return r
        for top in (self.donor, self.recipient):
            if top is not None and top.adcode == info.adcode:
                return top
        return info

    def _refines(self, d: PlaceInfo, r: PlaceInfo, pair) -> bool:
        td, tr = pair
        inside_d = (d.adcode or d.prefix or "").startswith(td.prefix or "~")
        inside_r = (r.adcode or r.prefix or "").startswith(tr.prefix or "~") or _key(r) == _key(tr)
        return inside_d and inside_r

    # -- one figure ----------------------------------------------------------------------------------

    def _figure(self, sent, q, ms, frame: Frame, carry_d, carry_r, sent_index, quantities):
        t = self.t
        clause = next((c for c in sent.clauses if c.start <= q.start < c.end), sent)
        item = next((i for i in items(t, clause.start, clause.end) if i.start <= q.start <= i.end), clause)
        owner = None
        for m in ms:
            if item.start <= m.start and m.end <= q.start:
                owner = m
        owner_side = self.side(owner.info) if owner is not None else None
        reading = classify(t, q, (item.start, item.end), (clause.start, clause.end), (sent.start, sent.end),
                           owner_side)
        if reading is None and PART_CUE.search(t, clause.start, q.start) and self.obs:
            last, lm = self.obs[-1], self.meta[-1]
            if lm["sent_start"] == sent.start and (last["unit"] == "CNY") == (q.unit == "CNY"):
                reading = Reading(last["indicator"])  # "其中省级5160人次": a part of the total before it
        if reading is None:
            return None
        ind = reading.indicator
        donor, recipients = self._attribute(sent, clause, q, ms, carry_d, carry_r)
        dims = dict(reading.dims)
        if frame.period:
            dims["period"] = frame.period
        if ind == "cadres_exchanged":
            direction = self._direction(clause, q, ms)
            if direction:
                dims["direction"] = direction
        obs = {"doc": self.doc_id, "type": "observation", "indicator": ind, "value": format_decimal(q.value),
               "unit": UNITS[ind], "qualifier": q.qualifier}
        if frame.year:
            obs["year"] = frame.year
        if donor is not None:
            obs["donor"] = _unit(donor)
        if recipients:
            obs["recipient"] = [_unit(r) for r in recipients]
        if dims:
            obs["dims"] = dims
        s, e = (clause.start, clause.end) if clause.end - clause.start >= 8 else (sent.start, sent.end)
        obs["evidence"] = _ev(self.raw, s, e)
        self.obs.append(obs)
        self.meta.append({"sent": sent_index, "sent_start": sent.start, "start": q.start, "end": q.end,
                          "value": q.value, "noun": reading.noun, "owner_side": owner_side,
                          "clause": (clause.start, clause.end), "sent_end": sent.end})
        return donor, recipients

    def _venue(self, m: Mention) -> bool:
        """"……推介会在深圳举行": where an event took place, not who gave."""
        t = self.t
        return t[m.start - 1:m.start] == "在" and bool(re.match(r"(?:召开|举行|举办|开幕|开展)", t[m.end:m.end + 2]))

    def _enumerated(self, m: Mention, clause_end: int, ms: list[Mention]) -> bool:
        """A unit inside "A、B等7村": one of the things counted, not who receives."""
        t = self.t
        stop = re.compile(r"[，,。；;]").search(t, m.end, clause_end)
        stop = stop.start() if stop else clause_end
        deng = t.find("等", m.end, stop)
        if deng < 0:
            return False
        nxt = next((x for x in ms if x.start == m.end), None)
        if nxt is not None and nxt.listed:
            return False  # "苏州市吴中、相城、吴江等": the parent of the list
        return "、" in t[m.end:deng] or t[m.start - 1:m.start] == "、"

    def _attribute(self, sent, clause, q, ms, carry_d, carry_r):
        t = self.t
        donors = [m for m in ms if self.side(m.info) == "donor"]
        recips = [m for m in ms if self.side(m.info) == "recipient"]
        pair_level = PAIR_LEVEL.search(t, clause.start, q.start)
        # donor: the nearest donor-side unit before the figure, else one after it in its clause
        donors = [m for m in donors if not self._venue(m)]
        before = [m for m in donors if m.end <= q.start and not self._enumerated(m, sent.end, ms)]
        in_before = [m for m in before if m.start >= clause.start]
        after = [m for m in donors if clause.start <= m.start and m.start >= q.end and m.start < clause.end]
        if pair_level and not in_before:
            donor = self.donor
        elif in_before:
            donor = in_before[-1].info
        elif after:
            donor = after[0].info
        elif before:
            donor = before[-1].info
        else:
            donor = carry_d or self.donor
        # recipients: the clause's recipient-side units, else the sentence's nearest before, else after
        in_clause = [m for m in recips if clause.start <= m.start < clause.end]
        free = [m for m in in_clause if not self._enumerated(m, clause.end, ms)]
        rs: list[PlaceInfo] = []
        if pair_level and not free:
            rs = [self.recipient] if self.recipient else []
        elif free:
            rs = self._with_list(free, recips)
        elif in_clause:
            rs = [self.recipient] if self.recipient else []
        else:
            sb = [m for m in recips if m.end <= q.start and not self._enumerated(m, sent.end, ms)]
            sa = [m for m in recips if m.start >= q.end and not self._enumerated(m, sent.end, ms)]
            enumerated = [m for m in recips if self._enumerated(m, sent.end, ms)]
            if sb:
                rs = self._with_list([sb[-1]], recips)
            elif sa:
                rs = self._with_list([sa[0]], recips)
            elif enumerated:
                rs = [self.recipient] if self.recipient else []
            elif carry_r:
                rs = list(carry_r)
            elif donor is not None and _key(donor) in self.partner:
                rs = [self.partner[_key(donor)]]
            elif self.recipient is not None:
                rs = [self.recipient]
        seen, out = set(), []
        for r in rs:
            if r is not None and _key(r) not in seen:
                seen.add(_key(r))
                out.append(r)
        # the narrower of two nested recipients ("红河州蒙自市" is one unit; "云南……蒙自市" keeps 蒙自)
        out = [r for r in out if not any(o is not r and o.adcode and r.prefix and o.adcode != r.adcode
                                         and o.adcode.startswith(r.prefix) for o in out)]
        return donor, out

    def _with_list(self, picked: list[Mention], pool: list[Mention]) -> list[PlaceInfo]:
        t = self.t
        out = list(picked)
        for m in pool:
            if m in out:
                continue
            if any(re.fullmatch(r"[、和及与]|以及", t[min(m.end, o.end):max(m.start, o.start)] or "x") for o in out):
                out.append(m)
        out.sort(key=lambda m: m.start)
        return [m.info for m in out]

    def _direction(self, clause, q, ms) -> str | None:
        t = self.t
        ctext = t[clause.start:clause.end]
        if re.search(r"互派|互相|相互|双向|双方|两地", ctext):
            return None
        for m in ms:
            if q.end <= m.start < clause.end and DIRECTION_TO.search(t[max(q.end, m.start - 3):m.start]):
                side = self.side(m.info)
                if side:
                    return "to_donor" if side == "donor" else "to_recipient"
        for m in ms:
            if clause.start <= m.start < q.start and re.search(r"来自$", t[max(clause.start, m.start - 3):m.start]):
                side = self.side(m.info)
                if side:
                    return "to_recipient" if side == "donor" else "to_donor"
        ab = re.search(r"(?:赴|来|到|在)([" + "".join(ABBREV) + r"])(?=挂职|工作|学习|锻炼|交流|跟岗)", t[q.end:clause.end])
        if ab:
            code = ABBREV[ab.group(1)][:2]
            if code in EAST:
                return "to_donor"
            if code in WEST:
                return "to_recipient"
        return "to_recipient"

    # -- structure -----------------------------------------------------------------------------------

    def _pairs_of_counts(self):
        """"甲市20个村和乙州20个村……结对": one count of pairs; "30个乡镇和……36个乡镇": the recipient
        side's units are covered; "该市5个镇对口帮扶乙市5个县": as many pairs."""
        drop, handled = set(), set()
        for i in range(len(self.obs) - 1):
            a, b = self.obs[i], self.obs[i + 1]
            ma, mb = self.meta[i], self.meta[i + 1]
            if ma["sent"] != mb["sent"] or i in handled or i + 1 in handled:
                continue
            if a["indicator"] not in ("twinned_units", "townships_villages_covered", "villages_supported",
                                      "counties_covered") or (b["indicator"] != a["indicator"] and \
                    b["indicator"] not in ("twinned_units", "townships_villages_covered", "villages_supported",
                                           "counties_covered")):
                continue
            gap = self.t[ma["end"]:mb["start"]]
            if ma["owner_side"] is None and mb["owner_side"] is None and re.search(r"(?:与|和|同)$", gap):
                ma["owner_side"], mb["owner_side"] = "donor", "recipient"  # "78个乡镇与82个贫困村": giver first
            sides = {ma["owner_side"], mb["owner_side"]}
            if sides != {"donor", "recipient"} or re.search(r"[。；;]", gap) or len(gap) > 30:
                continue
            if ma["value"] == mb["value"]:
                for o in (a, b):
                    o["indicator"], o["unit"] = "twinned_units", "pairs"
                drop.add(i + 1 if mb["owner_side"] == "donor" else i)
                handled |= {i, i + 1}
            else:
                donor_i = i if ma["owner_side"] == "donor" else i + 1
                rec_i = i + 1 if donor_i == i else i
                noun = self.meta[rec_i]["noun"]
                ind = {"town": "townships_villages_covered", "village": "villages_supported",
                       "county": "counties_covered"}.get(noun)
                if ind:
                    self.obs[rec_i]["indicator"], self.obs[rec_i]["unit"] = ind, UNITS[ind]
                    drop.add(donor_i)
                    handled |= {i, i + 1}
        if drop:
            self.obs = [o for k, o in enumerate(self.obs) if k not in drop]
            self.meta = [m for k, m in enumerate(self.meta) if k not in drop]

    def _dedupe(self):
        """The same figure stated twice (an overview and its section) is one observation."""
        keep, by_key = [], {}
        for i, o in enumerate(self.obs):
            key = (o["indicator"], o["value"], o["qualifier"], zh_norm((o.get("donor") or {}).get("name", "")))
            earlier = by_key.setdefault(key, [])
            # two equal figures of one sentence are two things ("11个镇……11个县" was made one above)
            if any(self.meta[j]["sent"] != self.meta[i]["sent"] or self.meta[j]["start"] == self.meta[i]["start"]
                   for j in earlier):
                continue
            earlier.append(i)
            keep.append(i)
        self.obs = [self.obs[k] for k in keep]
        self.meta = [self.meta[k] for k in keep]

    def _link_parts(self):
        for i, (o, m) in enumerate(zip(self.obs, self.meta)):
            if m.get("part_of") is not None:
                continue
            parts, total = [], m["value"]
            for j in range(i + 1, len(self.obs)):
                mj = self.meta[j]
                if mj["sent"] != m["sent"] and mj["sent"] != m["sent"] + 1:
                    break
                if self.obs[j]["indicator"] != o["indicator"] or mj["value"] >= total:
                    continue
                if not parts and not PART_CUE.search(self.t, m["end"], mj["start"]):
                    break
                if sum(self.meta[k]["value"] for k in parts) + mj["value"] > total * Decimal("1.005"):
                    break
                parts.append(j)
            for k in parts:
                self.meta[k]["part_of"] = i


def extract(text: str, doc_id: str, year: int | None = None) -> list[dict]:
    if not text or not text.strip():
        return []
    return ZhExtractor(text, doc_id, year).run()


__all__ = ["PERSON_CLASSES", "Span", "extract"]
