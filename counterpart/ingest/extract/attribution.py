"""Who gave and who received: the report's pairing, sides of places, enterprises, sub-pairings.

A report is about one pairing (its title: "Qingdao – Guizhou Pairing-off Poverty
Alleviation"). Each place met in the text is put on the donor side or the
recipient side: by adcode (inside the donor's or the recipient's region) when the
gazetteer resolved it, else by what the document said of it ("A-B pairing-off",
"X of <donor city>"). A figure's donor is an enterprise named with it, else the
donor-side unit of its clause or sentence; its recipients are the recipient-side
units of its clause, else those its sentence supports ("to support X", "for X"),
else the partner of its donor in a sub-pairing the document stated, else the
report's recipient.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .places import PlaceFinder, PlaceInfo, PlaceMention
from .segment import Span

ORG_SUFFIX = (r"(?:Holdings\s+(?:Co\.,?\s?)?Ltd\.?|Co\.,?\s?Ltd\.?|Co\.?,?\s?Limited|Company\s+Limited|Company|Group\s+Co\.,?\s?Ltd\.?|Group|"
              r"Corporation|Corp\.|Inc\.|Holdings|Ltd\.?)")
_ORG_WORD = r"(?:[A-Z][\w&'’\-]*|\([A-Z][\w]*\))"
ORG_RE = re.compile(
    r"(?<![\w.])(?P<name>" + _ORG_WORD + r"(?:,?\s" + _ORG_WORD + r")?(?:\s(?:" + _ORG_WORD + r"|of|and|&)){0,7}?)"
    r"\s(?P<suffix>" + ORG_SUFFIX + r")(?![\w])"
)
_ORG_LEAD_STOP = re.compile(r"^(?:(?:The|In|At|On|And|Of|For|To|From|By|With|Meanwhile|Moreover|Besides|"
                            r"Also|Both|Its|Their|Some|All|Many|Such|These|Those|This|That|Under|After|"
                            r"Including|Among|Between|Through|Yuan|RMB|CNY|Million|Billion|of|and)\b,?\s*)+")
_ORG_BAD = re.compile(r"\b(?:Party|Government|Committee|Office|Bureau|Department|Leading)\b")

RECIPIENT_CUE = re.compile(r"(?:support(?:ing|ed|s)?|for|to|help(?:ing|ed|s)?|assist(?:ing|ed|s)?|aid(?:ing|ed)?|"
                           r"benefit(?:ing|ed)?|into|towards?|donat(?:e|ed|ing)\s+to)\s+(?:the\s+|local\s+|poor\s+)*"
                           # "for 12 counties (cities, districts) of X": the units counted are the recipient's
                           r"(?:(?:[\d,]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w-]+\s+){0,4}?"
                           r"(?:counties|cities|districts|prefectures|villages|areas|regions|townships|towns|banners)"
                           r"(?:\s*\([^)]{0,40}\))?\s+(?:of|in)\s+(?:the\s+)?)?$", re.IGNORECASE)
CUE_WINDOW = 90
PAIR_LEVEL = re.compile(r"\b(?:two|both)\s+(?:sides|parties|places|regions|provinces|cities|areas)\b|"
                        r"\bbetween\s+the\s+two\b|双方|两地", re.IGNORECASE)
ANAPHORA = re.compile(r"^(?:(?:meanwhile|moreover|besides|in\s+addition|also|furthermore|at\s+the\s+same\s+time)"
                      r",?\s+)?(?:the(?!\s+\d)|these|they|it|its|this|those|such|he|she|their)\b|"
                      # "Of the funds, ...", "Of which ...", "Among them ...": a continuation keeps the sentence's units
                      r"^(?:of\s+(?:the|this|these|which|them|whom)|among\s+(?:them|these|which)|including)\b",
                      re.IGNORECASE)


@dataclass
class Org:
    start: int
    end: int
    name: str


def find_orgs(text: str, start: int, end: int) -> list[Org]:
    out = []
    for m in ORG_RE.finditer(text, start, end):
        name = m.group("name")
        lead = _ORG_LEAD_STOP.match(name)
        s = m.start("name")
        if lead:
            s += lead.end()
            name = name[lead.end():]
        if not name or _ORG_BAD.search(name):
            continue
        suffix = m.group("suffix").rstrip(".") if m.group("suffix").endswith("Ltd.") else m.group("suffix")
        out.append(Org(s, m.end("suffix"), f"{name} {suffix}".strip()))
    return out


def unit(info: PlaceInfo | Org | str) -> dict:
    if isinstance(info, Org):
        return {"name": info.name}
    if isinstance(info, str):
        return {"name": info}
    d = {"name": info.name}
    if info.adcode:
        d["adcode"] = info.adcode
    return d


@lru_cache(maxsize=20000)
def norm(name: str) -> str:
    s = re.sub(r"\b(?:zhuang|hui|uygur|uyghur|autonomous|region|province|provincial|city|municipality|municipal|"
               r"county|district|prefecture|league|banner|of|the)\b", " ", name.lower())
    return re.sub(r"[^a-z0-9\u4e00-\u9fff]+", "", s)


@dataclass
class DocUnits:
    """The report's pairing and what the text taught about its places."""
    finder: PlaceFinder
    donor: PlaceInfo | None = None
    recipient: PlaceInfo | None = None
    sides: dict[str, str] = field(default_factory=dict)  # normalised name -> 'donor' | 'recipient'
    partners: dict[str, list[PlaceInfo]] = field(default_factory=dict)  # sub-pairing donor -> recipients
    partner_of: dict[str, PlaceInfo] = field(default_factory=dict)  # sub-pairing recipient -> donor

    def side(self, info: PlaceInfo) -> str | None:
        key = norm(info.name)
        if self.donor and key == norm(self.donor.name):
            return "donor"
        if self.recipient and key == norm(self.recipient.name):
            return "recipient"
        if info.adcode and self.donor and self.recipient and self.donor.adcode and self.recipient.adcode:
            dp, rp = self.donor.prefix or "", self.recipient.prefix or ""
            if dp and info.adcode.startswith(dp):
                return "donor"
            if rp and info.adcode.startswith(rp):
                return "recipient"
            if self.donor.province != self.recipient.province:
                if info.province == self.donor.province:
                    return "donor"
                if info.province == self.recipient.province:
                    return "recipient"
            return None
        return self.sides.get(key)

    def learn(self, info: PlaceInfo, side: str):
        self.sides.setdefault(norm(info.name), side)

    def add_partner(self, donor: PlaceInfo, recipient: PlaceInfo):
        lst = self.partners.setdefault(norm(donor.name), [])
        if all(norm(r.name) != norm(recipient.name) for r in lst):
            lst.append(recipient)
        self.partner_of.setdefault(norm(recipient.name), donor)

    def pair_level(self) -> tuple[dict | None, list[dict]]:
        return (unit(self.donor) if self.donor else None), ([unit(self.recipient)] if self.recipient else [])


@dataclass
class Attribution:
    donor: dict | None
    recipients: list[dict]
    explicit_recipient: bool = False
    donor_info: PlaceInfo | None = None
    recipient_infos: list[PlaceInfo] = field(default_factory=list)


def _units(mentions: list[PlaceMention]) -> list[PlaceInfo]:
    seen, out = set(), []
    for m in mentions:
        k = norm(m.info.name)
        if k and k not in seen:
            seen.add(k)
            out.append(m.info)
    return out


class Attributor:
    def __init__(self, doc: DocUnits):
        self.doc = doc
        self.prev: Attribution | None = None  # the previous sentence's explicit units

    def sentence_units(self, text: str, sent: Span, places: list[PlaceMention]):
        """Donor-side and recipient-side mentions of a sentence (qualifiers left out)."""
        donors = [p for p in places if not p.qualifier and self.doc.side(p.info) == "donor"]
        recips = [p for p in places if not p.qualifier and self.doc.side(p.info) == "recipient"]
        return donors, recips

    def attribute(self, text: str, sent: Span, clause: Span, q_start: int, q_end: int, places: list[PlaceMention],
                  orgs: list[Org], enterprise_ok: bool) -> Attribution:
        doc = self.doc
        donors, recips = self.sentence_units(text, sent, places)
        in_clause = self._with_list([p for p in recips if clause.start <= p.start < clause.end], recips, text)
        pair_level = bool(PAIR_LEVEL.search(text[clause.start:clause.end]))
        inherited = None
        if not places and self.prev and self._continues(text, sent) and not pair_level:
            inherited = self.prev
        # donor
        donor, donor_info, donor_pick = None, None, None
        if enterprise_ok:
            org = self._org_near(text, clause, q_start, q_end, orgs)
            if org:
                donor = unit(org)
        if donor is None:
            d_clause = [p for p in donors if clause.start <= p.start < clause.end]
            d_before = [p for p in donors if p.start < q_start and (p.start == sent.start or re.search(
                r"[,;]\s*(?:and\s+|while\s+|whereas\s+)?(?:the\s+)?$", text[max(sent.start, p.start - 20):p.start]))]
            # the donor-side subject nearest before the figure ("Changzhou helped Ankang ..., and Nanjing helped
            # Yan'an ..., solving ... 15,000 people"), else the first named after it
            pick = d_clause[0] if d_clause else (d_before[-1] if d_before else (donors[0] if donors else None))
            if pick is not None and len(self._with_list([pick], donors, text)) > 1 and doc.donor is not None:
                donor_info = doc.donor  # "Chaoyang, Haidian and Xicheng districts established ...": the whole side
            elif pick is not None:
                donor_info, donor_pick = pick.info, pick
            elif inherited is not None and inherited.donor_info is not None:
                donor_info = inherited.donor_info
            elif self.prev is not None and self.prev.donor_info is not None and self._continues(text, sent) \
                    and not pair_level:
                donor_info = self.prev.donor_info  # "The funds were used for X", "...; it donated ... to X"
            elif doc.donor is not None:
                donor_info = doc.donor
            donor = unit(donor_info) if donor_info else None
        # recipients
        explicit = True
        if in_clause:
            rinfos = _units(in_clause)
        else:
            cued = [p for p in recips if RECIPIENT_CUE.search(text[max(sent.start, p.start - CUE_WINDOW):p.start])]
            if len(cued) > 1 and donor_pick is not None:  # the units helped by this figure's donor
                after_donor = [p for p in cued if donor_pick.end <= p.start < q_start]
                cued = after_donor or cued
            if not cued and not recips:
                # "In addition, 45 million Yuan went to Lhasa of Tibet": a recipient outside the report's pair
                outside = [p for p in places if not p.qualifier and doc.side(p.info) is None and q_end <= p.start
                           and re.search(r"\b(?:went|go|goes|going|sent|given|allocated|donated|granted)\s+to\s+(?:the\s+)?$",
                                         text[max(sent.start, p.start - 30):p.start])]
                cued = outside[:1]
            if cued:
                rinfos = _units(self._with_list(cued[:1], recips or cued, text) + cued[1:])
            else:
                explicit = False
                partners = doc.partners.get(norm(donor_info.name)) if donor_info else None
                if partners and len(partners) == 1 and not pair_level:
                    rinfos = list(partners)
                elif inherited is not None and inherited.recipient_infos:
                    rinfos = list(inherited.recipient_infos)
                else:
                    rinfos = [doc.recipient] if doc.recipient else []
        # a recipient named alone, no donor named: the donor of the sub-pairing the document stated (not in a
        # continuation, "The funds were used for X", which keeps the giver of the sentence before)
        continued = self.prev is not None and self.prev.donor_info is not None and self._continues(text, sent)
        if (donor_info is doc.donor and not continued and not donors and not enterprise_ok and explicit and len(rinfos) == 1
                and norm(rinfos[0].name) in doc.partner_of):
            donor_info = doc.partner_of[norm(rinfos[0].name)]
            donor = unit(donor_info)
        if len(rinfos) > 1:  # "enterprises in Ningxia donated ... to Guyuan City": the narrower unit
            rinfos = [r for r in rinfos if not any(
                o is not r and r.prefix and o.prefix and o.prefix != r.prefix and o.prefix.startswith(r.prefix)
                for o in rinfos)]
        return Attribution(donor, [unit(r) for r in rinfos], explicit, donor_info, rinfos)

    @staticmethod
    def _with_list(picked: list[PlaceMention], pool: list[PlaceMention], text: str) -> list[PlaceMention]:
        """Extend mentions by the places listed with them ("A, B and C"), across clause commas."""
        if not picked:
            return picked
        out = list(picked)
        idx = {id(p): i for i, p in enumerate(pool)}
        for direction in (-1, 1):
            i = idx.get(id(picked[0] if direction < 0 else picked[-1]))
            while i is not None:
                j = i + direction
                if not 0 <= j < len(pool):
                    break
                a, b = (pool[j], pool[i]) if direction < 0 else (pool[i], pool[j])
                if not re.fullmatch(r"\s*(?:,|，|、|and|及|和|与|,\s*and|as\s+well\s+as)\s*", text[a.end:b.start]):
                    break
                edge = pool[j] if direction > 0 else pool[i]
                if not re.match(r"\s*(?:[,.;:，。；、)]|(?:and|or|as|in|of|to|for|respectively|"
                                                  r"Prefecture|City|County|District|Province)\b|$)", text[edge.end:edge.end + 30]):
                    break  # "... Ulanqab, and Inner Mongolia selected ...": a new subject, not the list
                if pool[j] not in out:
                    out.insert(0, pool[j]) if direction < 0 else out.append(pool[j])
                i = j
        out.sort(key=lambda p: p.start)
        return out

    def remember(self, text: str, sent: Span, places: list[PlaceMention]):
        """What a following anaphoric sentence ("The two enterprises ...") inherits."""
        donors, recips = self.sentence_units(text, sent, places)
        if not places:
            if not self._continues(text, sent):
                self.prev = None
            return
        dinfo = donors[0].info if donors else None
        rinfos = _units(recips)
        if dinfo is not None and not rinfos:
            partners = self.doc.partners.get(norm(dinfo.name))
            if partners and len(partners) == 1:
                rinfos = list(partners)
        self.prev = Attribution(unit(dinfo) if dinfo else None, [unit(r) for r in rinfos], bool(rinfos), dinfo, rinfos)

    @staticmethod
    def _continues(text: str, sent: Span) -> bool:
        """An anaphoric sentence, or one a semicolon joins to the one before ("...; helped 30,258 students")."""
        return bool(ANAPHORA.match(text[sent.start:sent.end])) or text[max(0, sent.start - 3):sent.start].rstrip()[-1:] in (
            ";", "；")

    @staticmethod
    def _org_near(text: str, clause: Span, q_start: int, q_end: int, orgs: list[Org]) -> Org | None:
        # "worth 550 million Yuan of X Co., Ltd" / "X Co., Ltd invested 5 million yuan" / "... by X Group"
        for org in orgs:
            gap = text[q_end:org.start]
            if 0 <= org.start - q_end <= 40 and re.fullmatch(r"\s*(?:of|by|from)\s+(?:the\s+)?", gap):
                return org
        inside = [o for o in orgs if clause.start <= o.start and o.end <= q_start]
        if inside:
            return inside[-1]
        return None
