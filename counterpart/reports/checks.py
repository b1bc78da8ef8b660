"""The checks people trust the figures by. Each problem names what is wrong and links to where to fix it.

Read from the observations themselves (not the read model), so a fix shows at once.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from counterpart.indicators.models import Observation, Qualifier, Status
from counterpart.reports.document import Column, Document, Heading, Para, Table
from counterpart.reports.phrases import say, w

TOLERANCE = Decimal("0.01")  # detail records may differ from a reported aggregate by 1 %
LIMIT = 500  # problems listed per check; the count is always complete

CHECKS = {
    "parts_exceed_total": pgettext_lazy("report", "Parts that exceed their total"),
    "detail_differs": pgettext_lazy("report", "Detail records that do not add up to the reported aggregate (more than 1 %)"),
    "money_without_source": pgettext_lazy("report", "Government aid funds that do not say which level of government paid"),
    "unconfirmed": pgettext_lazy("report", "Figures entered by one side and not confirmed by the other"),
}


@dataclass
class Problem:
    check: str
    pairing_id: int
    year: int
    wording: str  # a key of phrases.WORDS
    params: dict
    fix_url: str
    observation_ids: list = field(default_factory=list)

    def message(self, lang):
        return w(self.wording, lang, **self.params)


def _live(pairings=None):
    """The figures checked: every live one, or those of some pairings (a query of pairings: an office's line)."""
    qs = Observation.objects.exclude(status=Status.WITHDRAWN)
    if pairings is not None:
        qs = qs.filter(pairing_id__in=pairings.values("pk"))
    return qs


def _obs_url(pk):
    return reverse("admin:indicators_observation_change", args=[pk])


def parts_exceed_total(pairings=None):
    live = ~Q(parts__status=Status.WITHDRAWN)
    qs = (_live(pairings)
          .filter(qualifier__in=[Qualifier.EXACT, Qualifier.AT_MOST], parts__isnull=False)
          .annotate(parts_sum=Sum("parts__value", filter=live)).order_by("year", "pk"))
    for o in qs.values("pk", "pairing_id", "year", "value", "parts_sum", "indicator__code"):
        if o["parts_sum"] is not None and o["parts_sum"] > o["value"]:
            yield Problem("parts_exceed_total", o["pairing_id"], o["year"],
                          "check_parts_exceed",
                          {"code": o["indicator__code"], "parts": f"{o['parts_sum']:,f}", "total": f"{o['value']:,f}"},
                          _obs_url(o["pk"]), [o["pk"]])


def detail_differs(pairings=None):
    """Per pairing, year and indicator: aggregates entered directly vs the figures of detail records."""
    live = _live(pairings)
    keys = set(live.filter(record_id__isnull=True).values_list("pairing_id", "year", "indicator_id").distinct())
    detail_keys = set(live.filter(record_id__isnull=False).values_list("pairing_id", "year", "indicator_id").distinct())
    keys &= detail_keys
    if not keys:
        return
    rows = defaultdict(list)
    pairings = {k[0] for k in keys}
    for r in (live.filter(pairing_id__in=pairings).values_list(
            "pk", "pairing_id", "year", "indicator_id", "value", "qualifier", "part_of_id", "record_id",
            "indicator__code").iterator(chunk_size=20000)):
        if r[1:4] in keys:
            rows[r[1:4]].append(r)
    for key, items in sorted(rows.items()):
        by_pk = {r[0]: r for r in items}

        def top_among(r, direct, by_pk=by_pk):
            node = by_pk.get(r[6])
            while node is not None:
                if (node[7] is None) == direct:
                    return False
                node = by_pk.get(node[6])
            return True

        aggregates = [r for r in items if r[7] is None and top_among(r, True)]
        details = [r for r in items if r[7] is not None and top_among(r, False)]
        if any(r[5] == Qualifier.AT_LEAST for r in aggregates):
            continue  # 'more than N' does not contradict any larger detail
        a, d = sum(r[4] for r in aggregates), sum(r[4] for r in details)
        if a and abs(d - a) > a * TOLERANCE:
            code = items[0][8]
            yield Problem("detail_differs", key[0], key[1],
                          "check_detail_differs", {"code": code, "detail": f"{d:,f}", "aggregate": f"{a:,f}"},
                          _obs_url(aggregates[0][0]), [r[0] for r in aggregates])


def money_without_source(pairings=None):
    qs = (_live(pairings).filter(indicator__code="gov_aid_funds")
          .values("pairing_id", "year").annotate(n=Count("pk"), with_level=Count("pk", filter=Q(dims__has_key="source_level")))
          .filter(with_level=0).order_by("year", "pairing_id"))
    for r in qs:
        yield Problem("money_without_source", r["pairing_id"], r["year"],
                      "check_no_source", {"n": r["n"]},
                      reverse("pairing", args=[r["pairing_id"]]))


def unconfirmed(pairings=None):
    qs = (_live(pairings).filter(status__in=[Status.REPORTED, Status.DISPUTED]).values("pairing_id", "year", "status")
          .annotate(n=Count("pk")).order_by("year", "pairing_id"))
    for r in qs:
        wording = "check_awaiting" if r["status"] == Status.REPORTED else "check_disputed"
        yield Problem("unconfirmed", r["pairing_id"], r["year"], wording, {"n": r["n"]},
                      reverse("pairing", args=[r["pairing_id"]]))


def run_checks(limit=LIMIT, pairings=None) -> dict:
    """{check: {"count": n, "problems": [Problem, ... up to limit]}}, for every pairing or for some (a query
    of pairings: what accounts.access.checks_scope allows)."""
    out = {}
    for name, fn in (("parts_exceed_total", parts_exceed_total), ("detail_differs", detail_differs),
                     ("money_without_source", money_without_source), ("unconfirmed", unconfirmed)):
        problems, count = [], 0
        for p in fn(pairings):
            count += 1
            if len(problems) < limit:
                problems.append(p)
        out[name] = {"count": count, "problems": problems}
    return out


def checks_document(results, lang="en", base_url="") -> Document:
    from counterpart.pairings.models import Pairing

    ids = {p.pairing_id for r in results.values() for p in r["problems"]}
    names = {p.pk: p.display_name(lang) for p in Pairing.objects.filter(pk__in=ids).select_related("donor", "recipient")}
    doc = Document(w("checks_title", lang), lang, slug=f"checks-{lang}", subtitle=w("checks_sub", lang))
    for name, check_title in CHECKS.items():
        r = results[name]
        title = say(check_title, lang)
        doc.blocks += [Heading(f"{title} ({r['count']})")]
        if not r["count"]:
            doc.blocks.append(Para([w("none_found", lang)]))
            continue
        doc.blocks.append(Table(title, [Column(w("pairing", lang)), Column(w("year", lang), "number"),
                                        Column(w("problem", lang)), Column(w("fix_at", lang))],
                                [[names.get(p.pairing_id, p.pairing_id), p.year, p.message(lang), base_url + p.fix_url]
                                 for p in r["problems"]], sheet=name[:31]))
    return doc
