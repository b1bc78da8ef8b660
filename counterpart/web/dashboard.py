"""What the dashboards show, read from the reports' aggregation (counterpart/reports/aggregation.py).

Official figures are the confirmed basis; what is reported but not confirmed (or disputed) is shown
beside them and never added in. The counting rule (totals and parts, pairing tree) is the
aggregation module's; nothing here adds observations itself.
"""
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counterpart.confirmations.models import Confirmation
from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Indicator
from counterpart.locale_names import unit_label
from counterpart.pairings.models import subtree
from counterpart.reports import aggregation

HEADLINE = ["gov_aid_funds", "social_donations", "enterprise_investment", "labor_transferred",
            "cadres_exchanged", "trainees"]
MONEY_CHANNELS = ["gov_aid_funds", "social_donations", "enterprise_investment", "labor_service_income"]
PEOPLE_CHANNELS = ["labor_transferred", "cadres_exchanged", "professionals_sent", "trainees",
                   "students_supported"]


def _indicators():
    return {i.code: i for i in Indicator.objects.all()}


def figures(pairing=None, basis="confirmed") -> dict[tuple[int, str], aggregation.Figure]:
    """{(year, indicator code): Figure} for the nation or one pairing's tree."""
    scope = getattr(pairing, "pk", pairing)
    rows = aggregation.rollup(scope=scope, basis=basis)
    if pairing is not None and not rows:
        # Pairings without precomputed rollups (e.g. enterprise-village) are asked directly.
        codes = dict(Indicator.objects.values_list("pk", "code"))
        return {(year, codes[ind]): fig for (ind, year), fig in
                aggregation.totals(by=("indicator", "year"), basis=basis, pairing=pairing).items()}
    return {(year, code): fig for (year, code, _dim), fig in rows.items()}


def fmt(value, indicator, lang, qualifier="exact") -> str:
    return format_figure(value, qualifier, indicator.unit, unit_label(indicator, lang), lang)


def dashboard(pairing=None, year=None, lang="en", unconfirmed=True) -> dict:
    """Headline figures with the change over the year before, charts by year and channel; with
    `unconfirmed`, what is reported and not yet confirmed beside them (never for the public)."""
    indicators = _indicators()
    confirmed = figures(pairing, "confirmed")
    reported = figures(pairing, "reported") if unconfirmed else confirmed
    years = sorted({y for y, _c in confirmed} | {y for y, _c in reported})
    if year is None or year not in years:
        year = max((y for y, _c in confirmed), default=years[-1] if years else None)
    headline = []
    for code in HEADLINE:
        ind = indicators.get(code)
        if ind is None:
            continue
        cur, prev = confirmed.get((year, code)), confirmed.get((year - 1, code)) if year else None
        rep = reported.get((year, code))
        pending = (rep.value - (cur.value if cur else 0)) if rep else Decimal(0)
        headline.append({
            "code": code, "label": ind.label(lang),
            "text": fmt(cur.value, ind, lang, cur.qualifier) if cur else "—",
            "change": aggregation.change(cur, prev),
            "previous": fmt(prev.value, ind, lang, prev.qualifier) if prev else "",
            "pending": fmt(pending, ind, lang) if pending > 0 else "",
            "n_unconfirmed": rep.unconfirmed if rep else 0,
        })
    by_year = []
    main = indicators.get("gov_aid_funds")
    for y in years:
        fig = confirmed.get((y, "gov_aid_funds"))
        rep = reported.get((y, "gov_aid_funds"))
        by_year.append({"label": str(y), "value": fig.value if fig else Decimal(0),
                        "extra": (rep.value - (fig.value if fig else 0)) if rep else Decimal(0),
                        "text": fmt(fig.value, main, lang) if fig and main else "0"})
    channels = []
    for group in (MONEY_CHANNELS, PEOPLE_CHANNELS):
        rows = []
        for code in group:
            ind = indicators.get(code)
            fig = confirmed.get((year, code))
            if ind is None:
                continue
            rows.append({"label": ind.label(lang), "value": fig.value if fig else Decimal(0), "extra": Decimal(0),
                         "text": fmt(fig.value, ind, lang, fig.qualifier) if fig else "0"})
        channels.append(rows)
    return {"year": year, "years": years, "headline": headline, "by_year": by_year,
            "money_channels": channels[0], "people_channels": channels[1],
            "main_label": main.label(lang) if main else ""}


def tree_pairings(pk):
    """Kept for web/records.py until it calls `pairings.models.subtree` itself (the one subtree helper)."""
    return subtree([pk])


def open_items(pairing_ids=None, limit=50, tree=None) -> dict:
    """Reports waiting for the other side and disagreements, newest first: everywhere, in some pairings (ids
    or a query), or in the tree of the pairing `tree`."""
    qs = (Confirmation.objects.filter(state__in=[Confirmation.State.PENDING, Confirmation.State.DISPUTED])
          .select_related("pairing__donor", "pairing__recipient", "record_type"))
    if tree is not None:
        qs = qs.filter(pairing_id__in=subtree([tree]).values("pk"))
    if pairing_ids is not None:  # ids, or a query of pairings (a subquery: no long list of ids)
        qs = qs.filter(pairing_id__in=pairing_ids if hasattr(pairing_ids, "query") else list(pairing_ids))
    from counterpart.ledger.kinds import is_record, kind_of

    pending = list(qs.filter(state=Confirmation.State.PENDING)[:limit])
    disputed = list(qs.filter(state=Confirmation.State.DISPUTED)[:limit])
    from counterpart.indicators.models import Observation

    lang = get_language() or "en"
    for c in pending + disputed:
        model = c.record_type.model_class()
        c.slug = kind_of(model).slug if is_record(model) else ""
        if c.slot and c.counter_value is not None:
            obs = (Observation.objects.filter(record_type=c.record_type, record_id=c.record_id, slot=c.slot)
                   .select_related("indicator").first())
            if obs is not None:
                c.reported_text = fmt(c.reported_value, obs.indicator, lang)
                c.counter_text = fmt(c.counter_value, obs.indicator, lang)
    return {"pending": pending, "disputed": disputed,
            "n_pending": qs.filter(state=Confirmation.State.PENDING).count(),
            "n_disputed": qs.filter(state=Confirmation.State.DISPUTED).count()}


def unconfirmed_note(headline) -> str:
    n = sum(h["n_unconfirmed"] for h in headline)
    if not n:
        return _("Every figure shown is confirmed by both sides.")
    return _("Official figures count confirmed figures only; %(n)s reported figures await confirmation "
             "or are disputed and are shown apart.") % {"n": n}
