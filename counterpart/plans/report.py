"""The assessment as a table-shaped document (title, lines, sections of tables), in one language.

Every export format (counterpart/plans/render.py) and the CLI render this one structure, so the
figures read the same in text, CSV, XLSX, DOCX and PDF. Cells stay typed (Decimal, Figure, Rate) so
spreadsheets get numbers and documents get formatted text.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from counterpart.indicators.formatting import format_figure
from counterpart.locale_names import is_chinese, unit_label
from counterpart.pairings.models import Pairing
from counterpart.plans.assessment import Assessment, item_evidence
from counterpart.plans.models import Adjustment
from counterpart.plans.texts import LEVELS, REASONS, pick, t

DETAIL_LIMIT = 100  # above this many scorecards, exports carry the ranking and items but not the evidence
EVIDENCE_LIMIT = 200  # figures listed per target, the largest first


@dataclass(frozen=True)
class Figure:
    value: Decimal
    unit: str = ""
    label: str = ""
    qualifier: str = "exact"

    def text(self, lang):
        return format_figure(self.value, self.qualifier, self.unit, self.label, lang)


@dataclass(frozen=True)
class Rate:
    value: Decimal  # a fraction; 1 = 100 %

    def text(self, lang=""):
        return f"{(self.value * 100).quantize(Decimal('0.1'))} %"


@dataclass
class Table:
    heading: str
    headers: list
    rows: list = field(default_factory=list)
    key: str = ""  # stable name (sheet names, CSV)


@dataclass
class Document:
    title: str
    lines: list
    tables: list
    lang: str


def cell_text(cell, lang) -> str:
    if cell is None:
        return ""
    if isinstance(cell, (Figure, Rate)):
        return cell.text(lang)
    if isinstance(cell, Decimal):
        return format(cell.normalize(), "f")
    return str(cell)


def cell_raw(cell):
    """Numbers stay numbers (exact decimals) for spreadsheets and CSV."""
    if isinstance(cell, Figure):
        return cell.value.normalize()
    if isinstance(cell, Rate):
        return cell.value
    if isinstance(cell, Decimal):
        return cell.normalize()
    return cell


def _names(ids, lang) -> dict:
    return {p.pk: p.display_name(lang) for p in
            Pairing.objects.filter(pk__in=set(ids)).select_related("donor", "recipient")}


def build(assessment: Assessment, lang="en", evidence: bool | None = None, usernames: bool = True) -> Document:
    """The assessment as a document; without `usernames` (a public export) no one's username appears."""
    a, zh = assessment, is_chinese(lang)
    a.load()  # a bulk assessment's items, for the export
    cards = a.scorecards
    single = len(cards) == 1
    evidence = len(cards) <= DETAIL_LIMIT if evidence is None else evidence
    names = _names([c.pairing_id for c in cards] + [i.pairing_id for c in cards for i in c.items], lang)
    w = a.weights
    lines = [t("weights_line", lang, v=w.version, at=w.set_at.date().isoformat(),
               by=t("by", lang, who=w.set_by.username) if w.set_by_id and usernames else "", m=f"{(w.lag_margin * 100).normalize():f}"),
             t("as_of_line", lang, d=a.as_of.isoformat(), p=Rate(a.expected).text()) if a.as_of else
             t("final_line", lang),
             t("counts_line", lang, n=len(cards), s=sum(c.score is not None for c in cards), l=len(a.lagging)),
             t("rules_line", lang)]
    if a.rollups_at:
        lines.insert(2, t("rollups_line", lang, t=a.rollups_at.strftime("%Y-%m-%d %H:%M")))
    if not cards:
        lines.append(t("no_plans", lang, year=a.year))
    title = (t("title_pairing", lang, year=a.year, pairing=names.get(cards[0].pairing_id, ""))
             if single else t("title", lang, year=a.year))
    ind = a.indicators

    def label(i):
        return ind[i].label(lang)

    def fig(i, v):
        return Figure(v, ind[i].unit, ind[i].unit_zh if zh else ind[i].unit_en)

    yes = t("yes", lang)
    ranking = Table(t("ranking", lang), [t(k, lang) for k in ("rank", "rank_in_level", "pairing", "level",
                                                              "score", "lagging", "items", "adjusted_items")],
                    key="ranking")
    items = Table(t("scorecards", lang), [t(k, lang) for k in ("rank", "pairing", "score", "indicator", "for",
                                                               "planned", "adjusted", "actual", "completion",
                                                               "weight", "points", "lagging")], key="scorecards")
    for c in cards:
        ranking.rows.append([c.rank, c.rank_in_level, names.get(c.pairing_id, c.pairing_id),
                             pick(LEVELS.get(c.level, c.level), lang),
                             c.score if c.score is not None else t("not_scored", lang), yes if c.lagging else "",
                             len(c.items), sum(1 for i in c.items if i.adjusted is not None)])
        for i in c.items:
            items.rows.append([c.rank, names.get(c.pairing_id), c.score, label(i.indicator_id),
                               names.get(i.pairing_id) if i.sub else "", fig(i.indicator_id, i.planned),
                               fig(i.indicator_id, i.adjusted) if i.adjusted is not None else None,
                               fig(i.indicator_id, i.actual), Rate(i.rate) if i.rate is not None else None,
                               i.weight.normalize() if i.weight else None, i.points, yes if i.lagging else ""])
    tables = [items] if single else [ranking, items]
    adj = Table(t("adjustments", lang), [t(k, lang) for k in ("pairing", "indicator", "planned", "adjusted",
                                                              "reason", "approved_by", "approved_on")],
                key="adjustments")
    item_ids = {i.item_id: (c, i) for c in cards for i in c.items if i.adjustments}
    if item_ids:
        for ad in (Adjustment.objects.filter(item_id__in=list(item_ids)).select_related("item")
                   .order_by("item_id", "approved_on", "pk")):
            c, i = item_ids[ad.item_id]
            if a.as_of and ad.approved_on > a.as_of:
                continue
            adj.rows.append([names.get(i.pairing_id), label(i.indicator_id), fig(i.indicator_id, ad.item.value),
                             fig(i.indicator_id, ad.value),
                             f"{pick(REASONS[ad.reason_kind], lang)}: {ad.reason}", ad.approved_by,
                             ad.approved_when])
        tables.append(adj)
    if evidence:
        ev = Table(t("evidence", lang), [t(k, lang) for k in ("pairing", "indicator", "figure", "for", "source")],
                   key="evidence")
        for c in cards:
            found = item_evidence(a, c, limit=EVIDENCE_LIMIT)
            for i in c.items:
                for o in found[i.item_id]:
                    source = (f"{o.span.document.doc_id} [{o.span.start}:{o.span.end}] “{o.span.text}”" if o.span_id
                              else t("entered_by", lang, who=o.entered_by) if usernames and o.entered_by_id
                              else t("entered", lang))
                    ev.rows.append([names.get(c.pairing_id), label(i.indicator_id),
                                    Figure(o.value, o.indicator.unit, unit_label(o.indicator, lang),
                                           o.qualifier), o.pairing.display_name(lang), source])
        tables.append(ev)
    elif cards:
        lines.append(t("evidence_omitted", lang))
    weights = Table(t("weights", lang), [t("indicator", lang), t("weight", lang)], key="weights")
    by_code = {i.code: i for i in ind.values()}
    for code, value in sorted(w.weights.items(), key=lambda kv: by_code[kv[0]].position if kv[0] in by_code else 0):
        weights.rows.append([by_code[code].label(lang) if code in by_code else code, Rate(Decimal(value))])
    tables.append(weights)
    return Document(title, lines, tables, lang)
