"""A region's view on both hierarchies: what a place received (as recipient) or gave (as donor), from or to
whom, in which years, and the figures themselves with their source.

"What did Guizhou / Anshun / Pingba receive, from whom, in which years" and "what did Qingdao give, to
whom" are one question over the fact table with the region on one side (its subtree included); the
counting rule of `aggregation.totals` keeps a total and its parts from being added twice. Official
figures only, unless the caller may see what is reported and asks for it.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from counterpart.geo.models import Region
from counterpart.geo.names import name_as_of
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Indicator, Observation
from counterpart.reports import aggregation as agg
from counterpart.reports.document import Column, Document, Link, Para, Table
from counterpart.reports.models import Fact
from counterpart.reports.phrases import w
from counterpart.reports.render.values import figure_value, unit_label

SIDES = ("recipient", "donor")
FIGURES_SHOWN = 200  # the newest figures listed on a page; exports of the totals have no limit


def check_side(side: str) -> str:
    if side not in SIDES:
        raise ValidationError({"side": _("The side is recipient or donor, not “%(s)s”.") % {"s": side}})
    return side


def region_data(region: Region, side: str = "recipient", basis: str = "confirmed") -> dict:
    """Totals by year and indicator, by the other side's region, and the newest figures, for a region on
    one side (its subtree included)."""
    check_side(side)
    other = "donor" if side == "recipient" else "recipient"
    question = {f"{side}_region": region, "basis": basis}
    by_year = agg.totals(by=("year", "indicator"), **question)
    by_partner = agg.totals(by=(f"{other}_r1", f"{other}_r2", "indicator"), **question)
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={k[1] for k in by_year} | {k[2] for k in by_partner})}
    lookups = agg.selection(**{f"{side}_region": region})
    if basis == "confirmed":
        lookups["confirmed"] = True
    newest = list(Fact.objects.filter(**lookups).order_by("-year", "-value").values_list("pk", flat=True)
                  [:FIGURES_SHOWN])
    figures = {o.pk: o for o in Observation.objects.filter(pk__in=newest).select_related(
        "indicator", "pairing__donor__region", "pairing__recipient__region", "span", "record_type")}
    partner_ids = {k[0] for k in by_partner} | {k[1] for k in by_partner}
    partners = {r.pk: r for r in Region.objects.filter(pk__in=[p for p in partner_ids if p])}
    return {"region": region, "side": side, "other": other, "basis": basis, "by_year": by_year,
            "by_partner": by_partner, "indicators": indicators, "partners": partners,
            "figures": [figures[pk] for pk in newest if pk in figures],
            "years": sorted({k[0] for k in by_year})}


def _record_url(obs):
    if obs.record_type_id is None or obs.record_id is None:
        return ""
    from counterpart.web.forms import slug_of

    try:
        return f"/records/{slug_of(obs.record_type.model_class())}/{obs.record_id}/"
    except (KeyError, AttributeError):
        return ""


def region_document(data: dict, lang: str = "en", record_links: bool = False) -> Document:
    """The region's view as a report (page body and every export format)."""
    region, side, years = data["region"], data["side"], data["years"]
    latest = years[-1] if years else None
    name = name_as_of(region, latest, lang)
    title = w("region_received" if side == "recipient" else "region_given", lang, region=name)
    doc = Document(title, lang, slug=f"region-{region.adcode}-{side}")
    doc.subtitle = w("region_sub_confirmed" if data["basis"] == "confirmed" else "region_sub_reported", lang)
    if not years:
        doc.blocks.append(Para([w("nothing", lang)]))
        return doc
    inds = data["indicators"]
    codes = sorted({k[1] for k in data["by_year"]}, key=lambda pk: inds[pk].code)
    rows = []
    for pk in codes:
        ind = inds[pk]
        rows.append([ind.label(lang), unit_label(ind, lang)]
                    + [figure_value(data["by_year"][(y, pk)].value, ind, lang) if (y, pk) in data["by_year"] else None
                       for y in years])
    doc.blocks += [Table(w("region_by_year", lang), [Column(w("indicator", lang)), Column(w("unit", lang))]
                         + [Column(str(y), "number") for y in years], rows, sheet=w("sheet_region_years", lang))]
    partner_rows = []
    for (r1, r2, pk), fig in data["by_partner"].items():
        ind = inds[pk]
        place = data["partners"].get(r2) or data["partners"].get(r1)
        province = data["partners"].get(r1)
        label = name_as_of(place, latest, lang) if place else w("unknown", lang)
        if province is not None and place is not province:
            label = f"{name_as_of(province, latest, lang)} {label}" if lang.startswith("en") else \
                f"{name_as_of(province, latest, lang)}{label}"
        partner_rows.append([label, ind.label(lang), figure_value(fig.value, ind, lang), unit_label(ind, lang), fig.n])
    partner_rows.sort(key=lambda row: (row[0], row[1]))
    heading = w("region_from_whom" if side == "recipient" else "region_to_whom", lang)
    doc.blocks += [Table(heading, [Column(w("donor" if side == "recipient" else "recipient", lang)),
                                   Column(w("indicator", lang)), Column(w("value", lang), "number"),
                                   Column(w("unit", lang)), Column(w("figure_count", lang), "number")],
                         partner_rows, sheet=w("sheet_partners", lang))]
    figure_rows = []
    for obs in data["figures"]:
        ind = obs.indicator
        source = obs.span.text.strip() if obs.span_id else ""
        url = _record_url(obs) if record_links else ""
        cell = Link(source or w("entered", lang), url) if url else (source or w("entered", lang))
        figure_rows.append([obs.year, ind.label(lang), format_figure(obs.value, obs.qualifier, ind.unit,
                            ind.unit_zh if lang.startswith("zh") else ind.unit_en, lang),
                            obs.pairing.display_name(lang), cell])
    title = w("region_figures", lang, n=len(figure_rows))
    doc.blocks += [Table(title, [Column(w("year", lang)), Column(w("indicator", lang)),
                                                 Column(w("figure", lang)), Column(w("pairing", lang)),
                                                 Column(w("source", lang))], figure_rows,
                                         sheet=w("sheet_figures", lang))]
    return doc
