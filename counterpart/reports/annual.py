"""A pairing's annual report: the data (`annual_data`, what the benchmark times) and the document
(`annual_document`, in English or Chinese) with the yearbook's sections, a sentence per figure, a note
per figure pointing at its source, tables and charts."""
import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.ledger.models import Award, Event, InvestmentContract, Training
from counterpart.locale_names import in_lang, is_chinese, name_in
from counterpart.pairings.models import Pairing, PairingLevel
from counterpart.reports import aggregation as agg
from counterpart.reports.document import Chart, Column, Document, Heading, Para, Table
from counterpart.reports.models import Fact
from counterpart.reports.phrases import (
    FORM,
    FUND_KIND,
    GENERIC_SENTENCE,
    NOUN_IN_SENTENCE,
    QUALIFIER_NAME,
    SECTIONS,
    SENTENCES,
    SOURCE_LEVEL,
    STATUS_NAME,
    pair,
    purpose,
    say,
    w,
)
from counterpart.reports.render.values import figure_value, unit_label
from counterpart.sources.models import Span

MONEY = ["gov_aid_funds", "social_donations", "enterprise_investment", "labor_service_income"]
DETAIL_LIMIT = 400  # figures written out as sentences; beyond this, sub-pairings appear in a table only
OVERVIEW_EVENTS = {"forum", "agreement_signing", "meeting", "other"}
ECONOMIC_EVENTS = {"fair", "symposium"}


def resolve_pairing(pairing) -> Pairing:
    from counterpart.pairings.actions import find_pairing

    if isinstance(pairing, Pairing):
        return pairing
    return find_pairing(str(pairing))


def years_with_figures(pairing) -> list[int]:
    if pairing.level != PairingLevel.ENTERPRISE_VILLAGE:  # a province's tree has millions of facts
        return agg.rollup_years(pairing)
    return sorted(Fact.objects.filter(**agg.selection(pairing=pairing)).order_by()
                  .values_list("year", flat=True).distinct())


def pairing_figures(pairing, years, basis="confirmed") -> dict:
    """{(year, code): Figure} for the pairing's tree: precomputed for government pairings, live otherwise."""
    if pairing.level != PairingLevel.ENTERPRISE_VILLAGE:
        found = agg.rollup(scope=pairing, years=years, basis=basis)
        return {(y, c): f for (y, c, _v), f in found.items()}
    codes = dict(Indicator.objects.values_list("pk", "code"))
    found = agg.totals(by=["year", "indicator"], basis=basis, pairing=pairing, years=years)
    return {(y, codes[i]): f for (y, i), f in found.items()}


def annual_data(pairing, year) -> dict:
    """Everything the annual report says, read from the database; raises ValidationError naming the field."""
    pairing = resolve_pairing(pairing)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("“%(y)s” is not a year.") % {"y": year}}) from None
    years = years_with_figures(pairing)
    if year not in years:
        raise ValidationError({"year": _("%(p)s has no figures for %(y)s (years with figures: %(ys)s).")
                               % {"p": pairing.name_en, "y": year, "ys": ", ".join(map(str, years)) or _("none")}})
    depth = agg.pairing_depth(pairing)
    children = list(Pairing.objects.filter(parent=pairing).select_related("donor", "recipient").order_by("pk"))
    detail_ids = [pairing.pk] + [c.pk for c in children if c.level != PairingLevel.ENTERPRISE_VILLAGE]
    base = Observation.objects.filter(year=year).exclude(status=Status.WITHDRAWN)
    if base.filter(pairing_id__in=detail_ids).count() > DETAIL_LIMIT:
        detail_ids = [pairing.pk]
    observations = list(
        base.filter(pairing_id__in=detail_ids)
        # Few joins, the rest prefetched: PostgreSQL spends longer planning a nine-table join than running it.
        .select_related("indicator", "donor", "entered_by", "record_type")
        .prefetch_related(Prefetch("pairing", Pairing.objects.select_related("donor", "recipient")),
                          Prefetch("span", Span.objects.select_related("document")), "recipients")
        .order_by("indicator__position", "pairing_id", "pk")[:DETAIL_LIMIT * 2])
    # Only a figure with a source quotes where else it was stated.
    prefetch_related_objects([o for o in observations if o.span_id], "also_stated")
    records = _records(observations)
    official = pairing_figures(pairing, [year - 1, year], "confirmed")
    reported = pairing_figures(pairing, [year - 1, year], "reported")
    funds_by_year = {y: f for (y, c, _v), f in agg.rollup(scope=pairing, indicators=["gov_aid_funds"]).items()} \
        if pairing.level != PairingLevel.ENTERPRISE_VILLAGE else \
        {y: f for (y, c), f in pairing_figures(pairing, None).items() if c == "gov_aid_funds"}
    child_totals = {}
    if any(c.level != PairingLevel.ENTERPRISE_VILLAGE for c in children):
        child_totals = agg.scope_rollups([c.pk for c in children if c.level != PairingLevel.ENTERPRISE_VILLAGE],
                                         year=year, basis="reported", indicators=MONEY)
    if any(c.level == PairingLevel.ENTERPRISE_VILLAGE for c in children) and depth + 1 < 5:
        money = agg.totals(by=[f"p{depth + 1}", "indicator"], basis="reported", pairing=pairing, years=year,
                           indicators=MONEY)
        codes = dict(Indicator.objects.values_list("pk", "code"))
        for (child, ind), fig in money.items():
            if child is not None and child not in child_totals:
                child_totals.setdefault(child, {})[codes[ind]] = fig
    return {
        "pairing": pairing, "year": year, "years": years, "children": children, "child_totals": child_totals,
        "observations": observations, "records": records, "official": official, "reported": reported,
        "funds_by_year": dict(sorted(funds_by_year.items())),
        "events": list(Event.objects.filter(pairing_id__in=detail_ids, year=year).select_related("span__document")),
        "awards": list(Award.objects.filter(pairing_id__in=detail_ids, year=year).select_related("awardee", "span__document")),
        "agreements": list(pairing.agreements.filter(date_signed__year=year).select_related("span__document")),
        "indicators": {i.code: i for i in Indicator.objects.all()},
    }


def _records(observations) -> dict:
    """(content type id, record id) -> record, for the records whose titles the sentences mention."""
    wanted = defaultdict(set)
    for o in observations:
        if o.record_type_id:
            wanted[o.record_type].add(o.record_id)
    out = {}
    for ctype, ids in wanted.items():
        model = ctype.model_class()
        qs = model.objects.filter(pk__in=ids)
        if model is InvestmentContract:
            qs = qs.select_related("enterprise")
        for r in qs:
            out[(ctype.pk, r.pk)] = r
    return out


# ---- the document ----

def _fig(o, lang, bare=False):
    """The figure in words; `bare` leaves the unit out where the English sentence names the thing counted."""
    ind = o.indicator
    label = "" if bare else unit_label(ind, lang)
    return format_figure(o.value, o.qualifier, ind.unit, label, lang)


def _standing(o, lang) -> str:
    """Said in the sentence itself, beside the figure: a figure the other side has not confirmed, or disputes,
    is not stated as fact (a footnote alone reads past it)."""
    if o.status == Status.DISPUTED:
        return w("disputed_inline", lang)
    if o.status == Status.REPORTED:
        return w("awaiting_inline", lang)
    return ""


def _source_note(doc, o, lang):
    extra = "" if o.status == Status.CONFIRMED else w(
        "disputed_note" if o.status == Status.DISPUTED else "unconfirmed_note", lang)
    if o.span_id:
        quote = o.span.text.strip()
        also = "".join(w("also", lang, q=s.text.strip()) for s in o.also_stated.all())
        text = f"{w('source', lang)}: “{quote}” ({o.span.document.title}){also}{extra}"
        url = reverse("document", args=[o.span.document_id]) + f"#s{o.span.start}-{o.span.end}"
        return doc.note(text, url)
    text = w("entered_by", lang, user=o.entered_by, date=o.created_at.date().isoformat()) + extra
    return doc.note(text, reverse("pairing", args=[o.pairing_id]))


def _span_note(doc, span, lang):
    if span is None:
        return None
    return doc.note(f"{w('source', lang)}: “{span.text.strip()}” ({span.document.title})",
                    reverse("document", args=[span.document_id]) + f"#s{span.start}-{span.end}")


def _names(units, lang):
    names = [u.display_name(lang) for u in units]
    if is_chinese(lang):
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _context(o, data, lang, parent=None) -> str:
    """What distinguishes this figure: who paid at which level, for what, through which record."""
    bits = []
    dims = o.dims or {}
    if dims.get("source_level"):
        bits.append(pair(SOURCE_LEVEL, dims["source_level"], lang))
    if dims.get("kind") and o.indicator.code == "gov_aid_funds":
        bits.append(pair(FUND_KIND, dims["kind"], lang))
    if dims.get("form"):
        bits.append(pair(FORM, dims["form"], lang))
    if dims.get("purpose"):
        bits.append(w("for_purpose", lang, purpose=purpose(dims["purpose"], lang)))
    record = data["records"].get((o.record_type_id, o.record_id))
    if isinstance(record, InvestmentContract):
        bits.append(w("investment", lang, title=record.title, who=record.enterprise.display_name(lang)))
    elif isinstance(record, (Training, Event)) and record.title:
        bits.append(w("record_title", lang, title=record.title))
    elif record is not None and getattr(record, "item", ""):
        bits.append(record.item)
    donor = o.donor or o.pairing.donor
    parent_donor = (parent.donor or parent.pairing.donor) if parent is not None else data["pairing"].donor
    if donor.pk != parent_donor.pk and not isinstance(record, InvestmentContract):
        bits.append(w("from_donor", lang, donor=donor.display_name(lang)))
    bits = [b for b in bits if b]
    if not bits:
        return ""
    return (" " + ", ".join(bits)) if not is_chinese(lang) else "（" + "，".join(bits) + "）"


def _parts_runs(doc, o, kids, data, lang) -> list:
    runs = []
    parts = kids.get(o.pk, [])
    for i, p in enumerate(parts):
        if i:
            runs.append(in_lang(lang, "；", "; "))
        runs += [_fig(p, lang), _standing(p, lang), _source_note(doc, p, lang), _context(p, data, lang, parent=o)]
        if kids.get(p.pk):
            runs += [in_lang(lang, "（", " ("), f"{w('of_which', lang)} "]
            runs += _parts_runs(doc, p, kids, data, lang)
            runs.append(in_lang(lang, "）", ")"))
    return runs


def _sentence(doc, o, kids, data, lang) -> Para:
    template = say(SENTENCES.get(o.indicator.code, GENERIC_SENTENCE), lang)
    donor = o.donor or o.pairing.donor
    recipients = list(o.recipients.all())
    to = ""
    if recipients:
        to = w("for_recipients", lang, names=_names(recipients, lang))
    before, after = template.split("{fig}")
    fill = {"who": donor.display_name(lang), "to": to, "to_zh": to, "label": o.indicator.label(lang),
            "ctx": _context(o, data, lang, parent=None if o.pairing_id == data["pairing"].pk else o)}
    head = before.format(**fill)
    figure = _fig(o, lang, bare=not is_chinese(lang) and o.indicator.code in NOUN_IN_SENTENCE)
    if not head:
        figure = figure[:1].upper() + figure[1:]
    runs = [head, figure, _standing(o, lang), _source_note(doc, o, lang), after.format(**fill)]
    if kids.get(o.pk):
        runs += [" " + w("of_which_lead", lang)]
        runs += _parts_runs(doc, o, kids, data, lang)
        runs.append(in_lang(lang, "。", "."))
    return Para(runs)


def _events_para(doc, events, lang):
    runs = [w("events_lead", lang)]
    for i, e in enumerate(events):
        if i:
            runs.append(in_lang(lang, "；", "; "))
        where = f", {e.place}" if e.place else ""
        runs += [f"{e.title or e.get_kind_display()} ({e.iso_date}{where})", _span_note(doc, e.span, lang) or ""]
    runs.append(in_lang(lang, "。", "."))
    return Para(runs)


def annual_document(data: dict, lang: str = "en") -> Document:
    p, year = data["pairing"], data["year"]
    name = p.display_name(lang)
    doc = Document(title=w("annual_title", lang, pairing=name, year=year), lang=lang,
                   subtitle=w("annual_sub", lang, date=datetime.date.today().isoformat()),
                   slug=f"annual-{p.pk}-{year}-{lang}")
    obs = data["observations"]
    in_set = {o.pk for o in obs}
    kids = defaultdict(list)
    for o in obs:
        if o.part_of_id in in_set:
            kids[o.part_of_id].append(o)
    tops = [o for o in obs if o.part_of_id not in in_set]
    sub = w("intro_sub", lang, k=len(data["children"])) if data["children"] else ""
    n = len(obs)
    for key, title, codes in SECTIONS:
        doc.blocks.append(Heading(say(title, lang)))
        paras = []
        if key == "overview":
            paras.append(Para([w("intro", lang, year=year, n=n, pairing=name, sub=sub)]))
            for a in data["agreements"]:
                date = a.date_signed.isoformat()[:7] if a.date_signed else ""
                title = name_in(a, lang, "title")
                by = (w("signed_by", lang) + _names_text(a.signatories, lang)) if a.signatories else ""
                paras.append(Para([w("agreements", lang, title=title, date=(" in " + date) if date and not is_chinese(lang) else date,
                                     by=by, start=a.period_start, end=a.period_end),
                                   _span_note(doc, a.span, lang) or ""]))
        for code in codes:
            for o in tops:
                if o.indicator.code == code:
                    paras.append(_sentence(doc, o, kids, data, lang))
        kinds = {"overview": OVERVIEW_EVENTS, "economic": ECONOMIC_EVENTS, "cadres": {"delegation_visit", "training"}}
        events = [e for e in data["events"] if e.kind in kinds.get(key, ())]
        if events:
            paras.append(_events_para(doc, events, lang))
        if key == "overview" and data["awards"]:
            runs = [w("honours_lead", lang)]
            for i, a in enumerate(data["awards"]):
                who = a.awardee.display_name(lang) if a.awardee else a.awardee_name
                runs += ([in_lang(lang, "；", "; ")] if i else []) + [f"{a.title} — {who}"]
                if i == len(data["awards"]) - 1 or data["awards"][i + 1].span_id != a.span_id:
                    runs.append(_span_note(doc, a.span, lang) or "")
            runs.append(in_lang(lang, "。", "."))
            paras.append(Para(runs))
        doc.blocks += paras if len(paras) > (1 if key == "overview" else 0) or key == "overview" else [
            Para([w("nothing", lang)])]
    _tables(doc, data, lang, kids, tops)
    return doc


def _names_text(signatories: str, lang) -> str:
    names = [s.strip() for s in signatories.splitlines() if s.strip()]
    return ("、" if is_chinese(lang) else "; ").join(names)


def _tables(doc, data, lang, kids, tops):
    year, inds = data["year"], data["indicators"]
    doc.blocks.append(Heading(w("tables_charts", lang)))
    rows = []
    for code, ind in inds.items():
        cur, rep = data["official"].get((year, code)), data["reported"].get((year, code))
        if cur is None and rep is None:
            continue
        prev = data["official"].get((year - 1, code))
        rows.append([ind.label(lang), figure_value(cur.value if cur else None, ind, lang),
                     figure_value(rep.value if rep else None, ind, lang),
                     agg.change(cur, prev), pair(QUALIFIER_NAME, (rep or cur).qualifier, lang),
                     unit_label(ind, lang), rep.unconfirmed if rep else 0])
    doc.blocks.append(Table(w("figures_table", lang, year=year), [
        Column(w("indicator", lang)), Column(w("official", lang), "number"), Column(w("reported", lang), "number"),
        Column(w("change", lang, prev=year - 1), "percent"), Column(w("qualifier", lang)), Column(w("unit", lang)),
        Column(w("unconfirmed", lang), "number")], rows, sheet=w("sheet_figures", lang)))
    fund_rows, indent = [], []

    def walk(o, depth):
        donor = o.donor or o.pairing.donor
        fund_rows.append([o.indicator.label(lang) if depth == 0 else
                          "↳ " + (_context(o, data, lang).strip(" （）") or o.indicator.label(lang)),
                          o.value, pair(QUALIFIER_NAME, o.qualifier, lang), donor.display_name(lang),
                          pair(STATUS_NAME, o.status, lang), o.span.text.strip() if o.span_id else str(o.entered_by or "")])
        indent.append(depth)
        for k in kids.get(o.pk, []):
            walk(k, depth + 1)

    for o in tops:
        if o.indicator.code in MONEY:
            walk(o, 0)
    if fund_rows:
        doc.blocks.append(Table(w("funds_table", lang), [
            Column(w("figure", lang)), Column(w("amount", lang), "money"),
            Column(w("qualifier", lang)), Column(w("donor", lang)), Column(w("status", lang)),
            Column(w("source", lang))], fund_rows, indent, sheet=w("sheet_funds", lang)))
    by_year = data["funds_by_year"]
    if by_year:
        labels, values = [str(y) for y in by_year], [f.value for f in by_year.values()]
        doc.blocks.append(Chart(w("by_year", lang), labels, values, "CNY"))
        doc.blocks.append(Table(w("by_year", lang), [Column(w("year", lang)), Column(inds["gov_aid_funds"].label(lang), "money")],
                                [[int(y), v] for y, v in zip(labels, values)], sheet=w("sheet_by_year", lang)))
    channels = [(inds[c].label(lang), data["reported"][(year, c)].value) for c in MONEY if (year, c) in data["reported"]]
    if channels:
        doc.blocks.append(Chart(w("by_channel", lang, year=year), [c for c, _v in channels], [v for _c, v in channels], "CNY"))
        doc.blocks.append(Table(w("by_channel", lang, year=year), [Column(w("channel", lang)), Column(w("value", lang), "money")],
                                [list(c) for c in channels], sheet=w("sheet_by_channel", lang)))
    if data["children"]:
        rows = []
        for c in data["children"]:
            totals = data["child_totals"].get(c.pk, {})
            rows.append([c.display_name(lang), c.get_level_display()] + [totals[m].value if m in totals else None for m in MONEY])
        rows.sort(key=lambda r: -(r[2] or 0))
        doc.blocks.append(Table(w("children_table", lang, year=year),
                                [Column(w("pairing", lang)), Column(w("level", lang))]
                                + [Column(inds[m].label(lang), "money") for m in MONEY], rows[:200],
                                sheet=w("sheet_children", lang)))
