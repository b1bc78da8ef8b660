"""Text -> facts: the steps in order (segment, pairing, figures, meaning, attribution, structure)."""
from __future__ import annotations

import itertools
import re
from decimal import Decimal

from .attribution import Attributor, DocUnits, find_orgs, norm, unit
from .events import events_in_sentence
from .indicators_rules import MONEY_ANY, PER_UNIT_AFTER, UNITS, Reading, classify, head_span
from .items import items
from .numbers import find_quantities, format_decimal
from .pairs import stated_pairings
from .places import PlaceFinder, PlaceInfo
from .segment import Span, find_title, guess_year, paragraphs

PAIR_WORDS = r"(?:pairing[\s-]*off|pairing|paired|twinning|twinned|counterpart|cooperation|collaboration|" \
             r"poverty|assistance|support|partnership)"
DASH_PAIR = re.compile(r"^\s?(?:[-–—−]{1,2}|\band\b|/|·)\s?$")
PAIRED_WITH = re.compile(r"\s(?:(?:is|was|were|are|has\s+been|have\s+been)\s+)?(?:paired|twinned|partnered)\s+"
                         r"(?:up\s+)?with\s+(?:the\s+)?$", re.IGNORECASE)
PART_CUE = re.compile(r"\b(?:of\s+which|of\s+whom|among\s+(?:which|them)|including|includes|included|in\s+which|consisting\s+of|"
                      r"comprising|of\s+this|of\s+these|of\s+the\s+total)\b|其中|包括", re.IGNORECASE)
SENT_PART_CUE = re.compile(r"^(?:of\s+(?:this|these|which|whom|the\s+total|them)|among\s+(?:them|these|which)|including|"
                           r"其中)\b", re.IGNORECASE)
FIGURE_HINT = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|"
                         r"forty|fifty|sixty|seventy|eighty|ninety|twice|pair\w*|twinn\w*|counterpart|designat\w*|task|January|February|March|April|"
                         r"May|June|July|August|September|October|November|December)\b", re.IGNORECASE)


MAX_SENTENCE = 3000
# provinces that give and that receive in East-West pairing (adcode prefixes), for entries whose title names no pair
EAST = frozenset(["11", "12", "21", "31", "32", "33", "35", "37", "44"])
WEST = frozenset(["13", "15", "22", "42", "43", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"])
TITLE_PAIR = re.compile(r"\s*([A-Z][\w'’]+(?:\s[A-Z][\w'’]+){0,3}?)\s?[-–—]\s?([A-Z][\w'’]+(?:\s[A-Z][\w'’]+){0,3}?)"
                        r"\s+(?:Pairing|Twinning|Counterpart|Poverty|East-West|Cooperation|Collaboration)")
SENT_YEAR = re.compile(r"(?:in|during|as\s+of(?:\s+the\s+end\s+of)?|by\s+the\s+end\s+of|at\s+the\s+end\s+of|"
                       r"up\s+to(?:\s+the\s+end\s+of)?)\s+((?:19|20)\d\d)\b(?![-–~])", re.IGNORECASE)
HELP_VERB = (r"(?:helped|helps|supported|supports|assisted|assists|aided|aids|paired\s+(?:up\s+)?with|"
             r"twinned\s+with|partnered\s+with|provided\s+(?:\w+\s+){0,2}?(?:support|assistance|aid)\s+(?:for|to))")
# "Yinzhou District of Ningbo City supported Qinglong County ...": a sub-pairing stated without a figure
SUB_PAIR_GAP = re.compile(r"^(?:\s+of\s+[A-Z][\w'’ ]{0,40}?)?,?\s+(?:[a-z]+\s+){0,2}?" + HELP_VERB +
                          r"\s+(?:the\s+)?(?:poor\s+|impoverished\s+|poverty-stricken\s+)?$")
EMPLOY_AFTER = re.compile(r"\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:transferred|employed|placed|hired)\b|"
                          r"\s+found\s+(?:\w+\s+)?jobs\b", re.IGNORECASE)
# "Wenzhou City aided 14 "one village, one kindergarten" teaching sites in Zhaojue County"
SUB_PAIR_OBJECT_GAP = re.compile(r"^,?\s+(?:[a-z]+\s+){0,2}?" + HELP_VERB + r"\s+[^.;:()]{1,80}?\s(?:in|of|for)\s+(?:the\s+)?$")
LIST_GAP = re.compile(r"^\s*(?:,|，|、|and|,\s*and|&)\s*$")


def _comparison(text: str, q) -> bool:
    """"40 million yuan more than in 2016", "an increase of 5 million over last year": a difference, not a figure."""
    after = text[q.end:q.end + 40]
    if re.match(r"\s*(?:yuan\s+)?(?:more|less|higher|lower|fewer)\s+than\b", after, re.IGNORECASE):
        return True
    before = text[max(0, q.start - 30):q.start]
    return bool(re.search(r"\b(?:increase|decrease|rise|growth|drop|up|down)\s+(?:of|by)\s+(?:about\s+|some\s+)?$",
                          before, re.IGNORECASE) and re.match(r"\s*(?:over|compared|from|year[\s-]on[\s-]year|than)\b",
                                                     after, re.IGNORECASE))


def _quoted(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1


def _ev(text, s, e):
    while s < e and text[s] in " \t,;:":
        s += 1
    while e > s and text[e - 1] in " \t,;:.":
        e -= 1
    return {"start": s, "end": e, "text": text[s:e]}


class Extractor:
    def __init__(self, text: str, doc_id: str, year: int | None = None, use_gazetteer: bool = True):
        self.text, self.doc_id = text, doc_id
        self.title = find_title(text)
        self.year = year or guess_year(text, self.title)
        self.finder = PlaceFinder(use_gazetteer=use_gazetteer)
        self.doc = DocUnits(self.finder)
        self.attributor = Attributor(self.doc)
        self.pairings: list[dict] = []
        self.events: list[dict] = []
        self.obs: list[dict] = []
        self._meta: list[dict] = []  # per observation: sentence index, span, raw value

    # -- the report's pairing -------------------------------------------------------------------

    def _doc_pairing(self, paras):
        text = self.text
        if self.title:
            mentions = [m for m in self.finder.find(text, self.title.start, self.title.end) if not m.qualifier]
            distinct = []
            for m in mentions:
                if all(norm(m.info.name) != norm(d.info.name) for d in distinct):
                    distinct.append(m)
            if len(distinct) >= 2:
                self._set_doc_pair(distinct[0].info, distinct[1].info, self.title.start, self.title.end)
                return
            pair = self._title_names(paras, distinct)
            if pair:
                self._set_doc_pair(pair[0], pair[1], self.title.start, self.title.end)
                return
        for p in paras[:4]:
            for s in p.sentences:
                for a, b in self._pairs_in(text, s.start, s.end):
                    self._set_doc_pair(a.info, b.info, s.start, s.end)
                    return
        self._most_named_pair(paras)

    def _most_named_pair(self, paras):
        """An entry whose first line names no pair: the eastern and the western region it names most."""
        counts: dict[str, list] = {}
        for p in paras[:6]:
            for m in self.finder.find(self.text, p.start, p.end):
                if m.qualifier or not m.info.adcode or (m.info.level or 9) > 2:
                    continue
                side = "donor" if m.info.adcode[:2] in EAST else "recipient" if m.info.adcode[:2] in WEST else None
                if side:
                    counts.setdefault(norm(m.info.name), [side, m, 0])[2] += 1
        best = {}
        for side, m, n in counts.values():
            if side not in best or n > best[side][1] or (n == best[side][1] and m.start < best[side][0].start):
                best[side] = (m, n)
        if "donor" in best and "recipient" in best:
            d, r = best["donor"][0], best["recipient"][0]
            self._set_doc_pair(d.info, r.info, min(d.start, r.start), max(d.end, r.end))

    def _title_names(self, paras, mentions):
        """"Fuzhou-Dingxi Pairing-off ...", where a name is ambiguous out of context (two cities are called
        Fuzhou): each side of the dash as the body names it ("Fuzhou City of Fujian Province"), else as written."""
        text, title = self.text, self.title
        m = TITLE_PAIR.match(text, title.start, title.end)
        if not m:
            return None
        body = []
        for p in paras[:3]:
            body += [x for x in self.finder.find(text, p.start, p.end) if not x.qualifier]
        out = []
        for g in (1, 2):
            name = m.group(g).strip()
            hit = next((x.info for x in mentions if norm(x.info.name).startswith(norm(name))), None) or next(
                (x.info for x in body if norm(x.info.name) == norm(name)), None)
            out.append(hit or PlaceInfo(name))
        if norm(out[0].name) == norm(out[1].name):
            return None
        return out

    def _set_doc_pair(self, donor: PlaceInfo, recipient: PlaceInfo, s: int, e: int):
        self.doc.donor, self.doc.recipient = donor, recipient
        self.doc.learn(donor, "donor")
        self.doc.learn(recipient, "recipient")
        ctx = [i.prefix or i.name for i in (donor, recipient)]
        self.finder.set_context(ctx)
        self._add_pairing(donor, recipient, s, e)

    def _pairs_in(self, text, s, e, places=None):
        """Place pairs stated as "A-B pairing-off", "A – B twinning", "A is paired with B"."""
        if places is None:
            places = self.finder.find(text, s, e)
        mentions = [m for m in places if not m.qualifier]
        out = []
        for a, b in itertools.pairwise(mentions):
            gap = text[a.end:b.start]
            after = text[b.end:b.end + 40]
            if DASH_PAIR.match(gap) and re.match(r"\s+(?:\w+\s+){0,2}?" + PAIR_WORDS, after, re.IGNORECASE):
                if gap.strip() in ("and",) and not re.match(r"\s+(?:pairing|twinning|counterpart)", after, re.IGNORECASE):
                    continue
                out.append((a, b))
            elif PAIRED_WITH.search(gap) and len(gap) < 40:
                out.append((a, b))
        return out

    def _add_pairing(self, donor: PlaceInfo, recipient: PlaceInfo, s: int, e: int):
        key = (norm(donor.name), norm(recipient.name))
        if not key[0] or not key[1] or key[0] == key[1]:
            return
        for p in self.pairings:
            if (norm(p["donor"]["name"]), norm(p["recipient"]["name"])) == key:
                return
        self.pairings.append({"doc": self.doc_id, "type": "pairing", "donor": unit(donor),
                              "recipient": unit(recipient), "evidence": _ev(self.text, s, e)})

    # -- main loop ------------------------------------------------------------------------------

    def run(self) -> list[dict]:
        text = self.text
        paras = paragraphs(text, skip=self.title)
        self._doc_pairing(paras)
        place_names_cache = None
        sent_index = 0
        self._para = 0
        for para in paras:
            self._para += 1
            self.attributor.prev = None
            for sent in para.sentences:
                sent_index += 1
                if sent.end - sent.start > MAX_SENTENCE:
                    continue  # a table, a list or minified junk, not a sentence of the genre
                stext = text[sent.start:sent.end]
                if not FIGURE_HINT.search(stext):
                    if re.match(r"\s*(?:[A-Z]|[\u4e00-\u9fff])", stext):
                        self.attributor.remember(text, sent, [])
                    continue
                orgs = find_orgs(text, sent.start, sent.end)
                places = self.finder.find(text, sent.start, sent.end, [(o.start, o.end) for o in orgs])
                self._learn(sent, places)
                self._sub_pairs(sent, places)
                self._stated_pairs(sent, places)
                place_names_cache = [(p.start, p.info.name) for p in places]
                for ev in events_in_sentence(text, sent, self.year, place_names_cache):
                    ev["doc"] = self.doc_id
                    self.events.append(ev)
                first_obs = len(self.obs)
                self._figures(sent, sent_index, places, orgs)
                self._respectively(sent, places, first_obs)
                self.attributor.remember(text, sent, places)
        self._link_parts()
        self._dedupe()
        for i, o in enumerate(self.obs):
            o["id"] = f"o{i + 1}"
        for o, meta in zip(self.obs, self._meta):
            if meta.get("part_of") is not None:
                o["part_of"] = self.obs[meta["part_of"]]["id"] if isinstance(meta["part_of"], int) else meta["part_of"]
        events, seen = [], set()
        for ev in self.events:
            if (ev["kind"], ev["date"]) not in seen:
                seen.add((ev["kind"], ev["date"]))
                events.append(ev)
        return self.pairings + events + self.obs

    def _learn(self, sent: Span, places):
        text = self.text
        # "Shinan District of Qingdao City": the district is on the city's side
        for a, b in itertools.pairwise(places):
            if b.qualifier and self.doc.side(a.info) is None:
                side = self.doc.side(b.info)
                if side:
                    self.doc.learn(a.info, side)
        for a, b in self._pairs_in(text, sent.start, sent.end, places):
            if self.doc.side(a.info) == "recipient" or self.doc.side(b.info) == "donor":
                continue
            self.doc.learn(a.info, "donor")
            self.doc.learn(b.info, "recipient")
            if (norm(a.info.name), norm(b.info.name)) != (norm(self.doc.donor.name) if self.doc.donor else "",
                                                          norm(self.doc.recipient.name) if self.doc.recipient else ""):
                self.doc.add_partner(a.info, b.info)
            s = a.start
            e = min(sent.end, b.end + 60)
            m = re.match(r"\s+(?:\w+[\s-]+){0,4}?(?:alleviation|reduction|cooperation|collaboration|support|"
                         r"assistance|relationship|partnership|work)\b", text[b.end:e], re.IGNORECASE)
            self._add_pairing(a.info, b.info, s, b.end + m.end() if m else b.end)

    def _stated_pairs(self, sent: Span, places):
        """Pairings the sentence states with a pairing predicate and a list of units (pairs.py)."""
        doc = self.doc
        for d, r, s, e in stated_pairings(self.text, sent, places, doc.side, doc.donor):
            if doc.side(r) is None:
                doc.learn(r, "recipient")
            if doc.donor is not None and norm(d.name) != norm(doc.donor.name):
                doc.add_partner(d, r)
            self._add_pairing(d, r, s, e)

    def _sub_pairs(self, sent: Span, places):
        """Sub-pairings a sentence states with a help verb, one to one or as lists "respectively"."""
        text, doc = self.text, self.doc
        if doc.donor is None or doc.recipient is None:
            return
        mentions = [m for m in places if not m.qualifier]

        def sub(m, side):
            top = doc.donor if side == "donor" else doc.recipient
            return doc.side(m.info) == side and norm(m.info.name) != norm(top.name) and (
                (m.info.level or 3) >= (top.level or 1))

        prev = None
        for a, b in itertools.pairwise(mentions):
            # "X and Y respectively assisted ...": the lists are paired below
            listed = prev is not None and sub(prev, "donor") and LIST_GAP.match(text[prev.end:a.start])
            prev = a
            if listed or re.match(r"\s*(?:,|and)", text[b.end:b.end + 5]):
                continue
            gap = text[a.end:b.start]
            if sub(a, "donor") and sub(b, "recipient") and (SUB_PAIR_GAP.match(gap) or SUB_PAIR_OBJECT_GAP.match(gap)):
                self.doc.add_partner(a.info, b.info)
                self._add_pairing(a.info, b.info, a.start, b.end)
        if not re.search(r"\brespectively\b", text[sent.start:sent.end]):
            return
        groups: list[list] = []  # runs of places joined by commas and "and"
        for m in mentions:
            if groups and LIST_GAP.match(text[groups[-1][-1].end:m.start]):
                groups[-1].append(m)
            else:
                groups.append([m])
        for g1, g2 in itertools.pairwise(groups):
            gap = text[g1[-1].end:g2[0].start]
            tail = text[g2[-1].end:g2[-1].end + 16]
            if (len(g1) == len(g2) >= 2 and all(sub(m, "donor") for m in g1) and all(sub(m, "recipient") for m in g2)
                    and re.search(HELP_VERB, gap) and (re.search(r"\brespectively\b", gap)
                                                       or re.match(r"\W*respectively\b", tail))):
                for a, b in zip(g1, g2):
                    self.doc.add_partner(a.info, b.info)
                    self._add_pairing(a.info, b.info, g1[0].start, g2[-1].end)

    def _figures(self, sent: Span, sent_index: int, places, orgs):
        text = self.text
        # number words inside quotation marks name a programme ("three guarantee villages"), they count nothing
        quantities = [q for q in find_quantities(text, sent.start, sent.end)
                      if not (q.words and _quoted(text, sent.start, q.start))]
        spans = [(x.start, x.end) for x in quantities]
        first = next((c for c in sent.clauses if quantities and c.start <= quantities[0].start < c.end), sent)
        runs = items(text, sent.end, first.start, quantities)
        cut = self._cut_at(sent)
        for qi, q in enumerate(quantities):
            if any(o.start <= q.start < o.end for o in orgs):
                continue
            if cut is not None and head_span(text, q.end, sent.end)[1] >= cut:
                continue  # "In 1997, 18 districts and counties o": the page is cut before the figure's meaning is
            if _comparison(text, q):
                continue
            clause = next((c for c in sent.clauses if c.start <= q.start < c.end), sent)
            item = runs[qi]
            last_end = clause.end  # the last item of a sentence ends with its clause (", including ...": not its cue)
            run = (item.run_start, last_end if item.run_end < 0 else item.run_end)
            subject_place = any(clause.start <= p.start < q.start and not p.qualifier and self.doc.side(p.info) == "donor"
                                and not re.search(r"\b(?:to|for|in|of|from|with)\s+(?:the\s+)?$",
                                                  text[max(clause.start, p.start - 12):p.start]) for p in places)
            reading = classify(text, q, run, (sent.start, sent.end), [sp for sp in spans if sp != (q.start, q.end)],
                               (item.start, last_end if item.end < 0 else item.end), clause.start, subject_place)
            if reading is None and q.unit == "CNY" and (SENT_PART_CUE.match(text[sent.start:sent.start + 30])
                                                        or text[:sent.start].rstrip().endswith((";", "；"))):
                # "Of this, RMB 300 million was used for ...", "...; 30 million Yuan for industries": the
                # money figure just before (a semicolon continues the same enumeration)
                prev = self._last_money(sent_index)
                reading = Reading(prev) if prev else None
            if reading is None and q.unit == "CNY" and not MONEY_ANY.search(text, sent.start, sent.end) \
                    and not PER_UNIT_AFTER.match(text[q.end:q.end + 30]):
                # "In fact, a total of 27.08 million Yuan was issued", "In addition, 2 million Yuan went to X": a bare
                # sum continues the money of the sentence before, of the kind of its head figure
                prev = self._head_money(sent_index)
                reading = Reading(prev) if prev else None
            total = None
            if reading is None and q.unit is None and not q.year_like:
                reading, total = self._elliptic_part(sent, q)
            if reading is None:
                continue
            if reading.indicator == "gov_aid_funds" and any(
                    clause.start <= o.start and o.end <= q.start and re.search(
                        r"^[\s\W]*(?:[\w.]+\s+){0,2}?invest", text[o.end:q.start]) for o in orgs):
                reading = Reading("enterprise_investment")  # "X Group invested 300 million yuan"
            ind = reading.indicator
            value = reading.value if reading.value is not None else q.value
            ent_ok = ind in ("enterprise_investment", "cooperating_enterprises", "social_donations")
            att = self.attributor.attribute(text, sent, clause, q.start, q.end, places, orgs, ent_ok)
            if total is not None:  # "8,100 in other places of Zhejiang": where they work, not who gave
                att.donor, att.recipients = total.get("donor"), total.get("recipient", [])
                att.donor_info, att.explicit_recipient = None, False
            dims = dict(reading.dims)
            if ind == "gov_aid_funds" and "source_level" not in dims and att.donor_info and att.donor_info.level:
                dims["source_level"] = {1: "province", 2: "prefecture", 3: "county"}.get(att.donor_info.level)
            if ind == "cadres_exchanged":
                dims["direction"] = self._direction(sent, clause, q, places)
            obs = {"doc": self.doc_id, "type": "observation", "indicator": ind, "value": format_decimal(value),
                   "unit": UNITS[ind], "qualifier": q.qualifier}
            year = self._sentence_year(sent) or self.year
            if year:
                obs["year"] = year
            if att.donor:
                obs["donor"] = att.donor
            if att.recipients:
                obs["recipient"] = att.recipients
            if dims:
                obs["dims"] = dims
            s, e = (clause.start, clause.end) if clause.end - clause.start >= 30 else (sent.start, sent.end)
            obs["evidence"] = _ev(text, s, e)
            self.obs.append(obs)
            self._meta.append({"sent": sent_index, "para": self._para, "start": q.start, "end": q.end, "value": value,
                               "explicit": att.explicit_recipient, "sent_start": sent.start})
            # a sub-unit of the donor side supporting a named recipient-side unit: a pairing
            d, rs = att.donor_info, att.recipient_infos
            if (d is not None and att.explicit_recipient and len(rs) == 1 and self.doc.donor is not None
                    and norm(d.name) != norm(self.doc.donor.name) and self.doc.side(d) == "donor"
                    and self.doc.side(rs[0]) == "recipient" and (d.level or 3) >= (self.doc.donor.level or 1)
                    and norm(rs[0].name) != norm(self.doc.recipient.name)):
                self.doc.add_partner(d, rs[0])
                dm = next((p for p in places if p.info is d), None)
                start = dm.start if dm else clause.start
                rm = next((p for p in places if p.info is rs[0]), None)
                self._add_pairing(d, rs[0], min(start, q.start), max(rm.end if rm else q.end, q.end))

    def _sentence_year(self, sent: Span) -> int | None:
        """"In 2009, ...", "As of the end of 2009, ...": the year a sentence (and what a semicolon joins to it) is
        about; a report's other sentences are about the report's year."""
        text = self.text
        m = SENT_YEAR.match(text, sent.start, min(sent.end, sent.start + 40))
        if m:
            self._sent_year = (sent.end, int(m.group(1)))
            return self._sent_year[1]
        last = getattr(self, "_sent_year", None)
        if last and text[last[0]:sent.start].strip() == "" and text[:last[0]].rstrip()[-1:] in (";", "；"):
            self._sent_year = (sent.end, last[1])
            return last[1]
        return None

    def _cut_at(self, sent: Span) -> int | None:
        """Where the text ends, when this sentence is the last and is cut off (no closing punctuation)."""
        end = len(self.text.rstrip())
        if sent.end < end or re.search(r"[.!?。！？”\")）)]$", self.text[:end]):
            return None
        return end

    def _head_money(self, sent_index: int) -> str | None:
        """The kind of the first money figure of the latest full sentence before (semicolons do not end one) that
        stated money, in this paragraph and at most two sentences back."""
        best = None
        for o, m in zip(reversed(self.obs), reversed(self._meta)):
            if m.get("para") != self._para:
                break
            if m["sent"] >= sent_index:
                continue
            if best is None and m["sent"] < sent_index - 2:
                break
            # an earlier sentence joined to the found one by a semicolon belongs to it
            if best is not None and m["sent"] != best[0] and not (
                    m["sent"] == best[0] - 1 and self.text[:best[2]].rstrip().endswith((";", "；"))):
                break
            if o["unit"] == "CNY":
                best = (m["sent"], o["indicator"], m["sent_start"])
        return best[1] if best else None

    def _respectively(self, sent: Span, places, first_obs: int):
        """"A and B respectively provided 30 million Yuan and 20 million Yuan", "A and B respectively
        helped C and D train 1,200 and 900 workers": the n-th figure goes with the n-th unit of each list."""
        text, doc = self.text, self.doc
        if first_obs >= len(self.obs) or not re.search(r"\brespectively\b", text[sent.start:sent.end]):
            return
        mentions = [m for m in places if not m.qualifier]

        def lists(side):
            groups = []
            for m in mentions:
                if doc.side(m.info) != side:
                    continue
                if groups and LIST_GAP.match(text[groups[-1][-1].end:m.start]):
                    groups[-1].append(m)
                else:
                    groups.append([m])
            return [g for g in groups if len(g) >= 2]

        donors, recips = lists("donor"), lists("recipient")
        by_ind: dict[str, list[int]] = {}
        for i in range(first_obs, len(self.obs)):
            by_ind.setdefault(self.obs[i]["indicator"], []).append(i)
        for idx in by_ind.values():
            first_start = self._meta[idx[0]]["start"]
            d = next((g for g in donors if len(g) == len(idx) and g[-1].end <= first_start), None)
            if d is None:
                continue
            r = next((g for g in recips if len(g) == len(idx)), None)
            for k, i in enumerate(idx):
                self.obs[i]["donor"] = unit(d[k].info)
                partners = doc.partners.get(norm(d[k].info.name)) or []
                if r is not None:
                    self.obs[i]["recipient"] = [unit(r[k].info)]
                elif len(partners) == 1:
                    self.obs[i]["recipient"] = [unit(partners[0])]

    def _last_money(self, sent_index: int) -> str | None:
        for o, m in zip(reversed(self.obs), reversed(self._meta)):
            if m["sent"] not in (sent_index - 1, sent_index):
                return None
            if o["unit"] == "CNY":
                return o["indicator"]
        return None

    def _elliptic_part(self, sent: Span, q) -> tuple[Reading | None, dict | None]:
        """"21,500 laborers found jobs, of whom 6,340 were employed in Ningbo, 8,100 in Zhejiang": a bare figure
        after a part cue takes the counted noun, so the indicator, of the total it breaks down."""
        if not self.obs or self._meta[-1]["sent_start"] != sent.start or self.obs[-1]["unit"] in ("CNY", "km", "mu"):
            return None, None
        text = self.text
        last = self.obs[-1]["indicator"]
        for o, m in zip(reversed(self.obs), reversed(self._meta)):  # the total: before the cue, larger
            if m["sent_start"] != sent.start or o["indicator"] != last:
                return None, None
            if m["value"] > q.value and PART_CUE.search(text, m["end"], q.start):
                break
        else:
            return None, None
        if not re.match(r"\s+(?:(?:were|was|are|had|have|found|got|went|came|took|received|at|in|from|to|for|of\s+(?:them|whom))\b)",
                        text[q.end:q.end + 20], re.IGNORECASE):
            return None, None  # a counted noun follows: not elliptic
        if o["indicator"] != "labor_transferred" and EMPLOY_AFTER.match(text[q.end:q.end + 60]):
            return Reading("labor_transferred"), o  # "trained 12,600 laborers, of whom 6,900 were transferred to ..."
        return Reading(o["indicator"], {k: v for k, v in (o.get("dims") or {}).items() if k != "role"}), o

    def _direction(self, sent, clause, q, places) -> str:
        text = self.text
        before = [p for p in places if sent.start <= p.start < q.start and not p.qualifier]
        if before and self.doc.side(before[0].info) == "recipient" and re.search(
                r"\b(?:sent|dispatched|selected|assigned)\b", text[before[0].end:q.start]):
            return "to_donor"
        after = [p for p in places if q.end <= p.start < clause.end]
        if after and self.doc.side(after[0].info) == "donor" and re.search(
                r"\b(?:to|in|at)\b", text[q.end:after[0].start]):
            return "to_donor"
        return "to_recipient"

    # -- structure ------------------------------------------------------------------------------

    def _link_parts(self):
        text, obs, meta = self.text, self.obs, self._meta
        for i, (o, m) in enumerate(zip(obs, meta)):
            if m.get("part_of") is not None:
                continue
            parts, total = [], m["value"]
            for j in range(i + 1, len(obs)):
                mj = meta[j]
                if mj["sent"] != m["sent"] and not (mj["sent"] == m["sent"] + 1 and SENT_PART_CUE.match(
                        text[mj["sent_start"]:mj["sent_start"] + 30])):
                    break
                if obs[j]["indicator"] != o["indicator"] or mj["value"] >= total:
                    continue
                if not parts and not (PART_CUE.search(text[m["end"]:mj["start"]]) or mj["sent"] != m["sent"]):
                    break
                if sum(meta[k]["value"] for k in parts) + mj["value"] > total * Decimal("1.005"):
                    break
                parts.append(j)
            if parts:
                for k in parts:
                    meta[k]["part_of"] = i

    def _dedupe(self):
        """The same figure stated twice (overview and section) is one observation."""
        keep = []
        for i, o in enumerate(self.obs):
            dup = None
            for j in keep:
                p = self.obs[j]
                if (p["indicator"], p["value"], p["qualifier"]) != (o["indicator"], o["value"], o["qualifier"]):
                    continue
                if self._meta[j]["sent"] == self._meta[i]["sent"]:
                    continue
                if norm((p.get("donor") or {}).get("name", "")) != norm((o.get("donor") or {}).get("name", "")):
                    continue
                rp = {norm(r["name"]) for r in p.get("recipient", [])}
                ro = {norm(r["name"]) for r in o.get("recipient", [])}
                if rp == ro or not self._meta[i]["explicit"] or not self._meta[j]["explicit"]:
                    dup = j
                    break
            if dup is None:
                keep.append(i)
            elif self._meta[i]["explicit"] and not self._meta[dup]["explicit"]:
                self.obs[dup]["recipient"] = o.get("recipient", [])  # the more precise attribution wins
        remap = {old: new for new, old in enumerate(keep)}
        new_obs, new_meta = [], []
        for old in keep:
            m = dict(self._meta[old])
            if m.get("part_of") is not None:
                m["part_of"] = remap.get(m["part_of"])
            new_obs.append(self.obs[old])
            new_meta.append(m)
        self.obs, self._meta = new_obs, new_meta


def extract(text: str, doc_id: str, year: int | None = None, use_gazetteer: bool = True) -> list[dict]:
    if not text or not text.strip():
        return []
    return Extractor(text, doc_id, year, use_gazetteer).run()
