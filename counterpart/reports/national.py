"""The national overview for a year: every indicator's national total and its change over the year
before, funds by purpose and by source level, and the pairings that did most; read from the rollups."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Indicator
from counterpart.locale_names import is_chinese
from counterpart.pairings.models import Pairing
from counterpart.reports import aggregation as agg
from counterpart.reports.document import Chart, Column, Document, Heading, Para, Table
from counterpart.reports.models import Rollup
from counterpart.reports.phrases import FORM_LABEL, SOURCE_LEVEL, pair, purpose, w
from counterpart.reports.render.values import figure_value, unit_label

TOP = 10


def national_years() -> list[int]:
    return sorted(Rollup.objects.filter(scope__isnull=True).order_by().values_list("year", flat=True).distinct())


def national_data(year, reported: bool = True) -> dict:
    """The year's national figures; with `reported`, also what is reported and not yet confirmed (for the
    national office only: accounts.access.can_see_unconfirmed_totals)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("“%(y)s” is not a year.") % {"y": year}}) from None
    years = national_years()
    if year not in years:
        raise ValidationError({"year": _("There are no figures for %(y)s (years with figures: %(ys)s).")
                               % {"y": year, "ys": ", ".join(map(str, years)) or _("none")}})
    official = agg.rollup(years=[year - 1, year])
    reported = agg.rollup(years=[year], basis="reported") if reported else None
    breakdowns = {dim: {v: f for (y, c, v), f in agg.rollup(years=[year], dim=dim).items()}
                  for dim in ("purpose", "source_level", "form")}
    top = agg.top_pairings(year, "gov_aid_funds", depth=0, limit=TOP)
    names = {p.pk: p for p in Pairing.objects.filter(pk__in=[pk for pk, _f in top]).select_related("donor", "recipient")}
    return {"year": year, "years": years, "official": official, "reported": reported, "breakdowns": breakdowns,
            "top": [(names[pk], f) for pk, f in top if pk in names],
            "indicators": {i.code: i for i in Indicator.objects.all()}}


def _fmt(fig, ind, lang):
    return format_figure(fig.value, fig.qualifier, ind.unit, unit_label(ind, lang), lang)


def summary_sentence(data, lang) -> str:
    """'Donor regions provided a total of government aid funds of 872.2 million yuan, up 3.8 % over 2011, of which ...'"""
    year, inds = data["year"], data["indicators"]
    cur = data["official"].get((year, "gov_aid_funds", ""))
    if cur is None:
        return w("no_funds", lang, year=year)
    ind = inds["gov_aid_funds"]
    prev = data["official"].get((year - 1, "gov_aid_funds", ""))
    delta = agg.change(cur, prev)
    levels = sorted(data["breakdowns"]["source_level"].items(), key=lambda kv: -kv[1].value)
    zh = is_chinese(lang)
    text = w("summary_lead", lang, year=year, fig=_fmt(cur, ind, lang))
    if delta is not None:
        text += w("summary_up" if delta >= 0 else "summary_down", lang, pct=f"{abs(delta)}%" if zh else f"{abs(delta)} %", prev=year - 1)
    if levels:
        items = [w("summary_item", lang, fig=_fmt(f, ind, lang), level=pair(SOURCE_LEVEL, k, lang)) for k, f in levels]
        text += w("summary_of_which", lang, items=("，" if zh else ", ").join(items))
    return text + ("。" if zh else ".")


def national_document(data, lang="en") -> Document:
    year, inds = data["year"], data["indicators"]
    doc = Document(title=w("national_title", lang, year=year), lang=lang, slug=f"national-{year}-{lang}",
                   subtitle=w("national_sub", lang))
    doc.blocks += [Heading(w("summary", lang)), Para([summary_sentence(data, lang)])]
    rows = []
    reported = data["reported"]  # None: the reader sees confirmed figures only
    for code, ind in inds.items():
        cur = data["official"].get((year, code, ""))
        rep = reported.get((year, code, "")) if reported is not None else None
        if cur is None and rep is None:
            continue
        prev = data["official"].get((year - 1, code, ""))
        row = [ind.label(lang), figure_value(cur.value if cur else None, ind, lang),
               figure_value(prev.value if prev else None, ind, lang), agg.change(cur, prev), unit_label(ind, lang)]
        if reported is not None:
            row += [figure_value(rep.value if rep else None, ind, lang), rep.unconfirmed if rep else 0]
        rows.append(row)
    columns = [Column(w("indicator", lang)), Column(str(year), "number"), Column(str(year - 1), "number"),
               Column(w("change_pct", lang), "percent"), Column(w("unit", lang))]
    if reported is not None:
        columns += [Column(w("reported", lang), "number"), Column(w("unconfirmed", lang), "number")]
    doc.blocks.append(Table(w("national_totals", lang, year=year), columns, rows, sheet=w("sheet_totals", lang)))
    funds = data["official"].get((year, "gov_aid_funds", ""))
    for dim, title, sheet in (("purpose", w("funds_by_purpose", lang), w("sheet_by_purpose", lang)),
                              ("source_level", w("funds_by_source_level", lang), w("sheet_by_source_level", lang)),
                              ("form", w("donations_by_form", lang), w("sheet_by_form", lang))):
        parts = sorted(data["breakdowns"][dim].items(), key=lambda kv: -kv[1].value)
        if not parts:
            continue
        whole = funds if dim != "form" else data["official"].get((year, "social_donations", ""))
        labels = [pair(SOURCE_LEVEL, k, lang) if dim == "source_level" else purpose(k, lang) if dim == "purpose"
                  else pair(FORM_LABEL, k, lang) or k
                  for k, _f in parts]
        rows = [[lbl, f.value, (f.value * 100 / whole.value).quantize(agg.Decimal("0.1")) if whole and whole.value else None]
                for lbl, (_k, f) in zip(labels, parts)]
        rest = whole.value - sum(f.value for _k, f in parts) if whole else None
        if rest and rest > 0:
            rows.append([w("not_broken_down", lang), rest, (rest * 100 / whole.value).quantize(agg.Decimal("0.1"))])
        doc.blocks += [Heading(title),
                       Chart(title, [r[0] for r in rows], [r[1] for r in rows], "CNY"),
                       Table(title, [Column(w("category", lang)), Column(w("amount", lang), "money"),
                                     Column(w("share_pct", lang), "share")], rows, sheet=sheet)]
    if data["top"]:
        title = w("top_title", lang, year=year)
        doc.blocks += [Heading(title), Table(title, [
            Column(w("rank", lang), "number"), Column(w("pairing", lang)),
            Column(w("amount", lang), "money"), Column(w("figure_count", lang), "number")],
            [[i + 1, p.display_name(lang), f.value, f.n] for i, (p, f) in enumerate(data["top"])],
            sheet=w("sheet_top", lang))]
    return doc
