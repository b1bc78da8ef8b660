"""The checks people trust the figures by. Each problem names what is wrong and links to where to fix it.

Read from the observations themselves (not the read model), so a fix shows at once.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse

from counterpart.indicators.models import Observation, Qualifier, Status
from counterpart.reports.document import Column, Document, Heading, Para, Table, pick

TOLERANCE = Decimal("0.01")  # detail records may differ from a reported aggregate by 1 %
LIMIT = 500  # problems listed per check; the count is always complete

CHECKS = {
    "parts_exceed_total": ("Parts that exceed their total", "构成超过合计"),
    "detail_differs": ("Detail records that do not add up to the reported aggregate (more than 1 %)", "明细与报送合计不符（超过1%）"),
    "money_without_source": ("Government aid funds that do not say which level of government paid", "资金未注明来源层级"),
    "unconfirmed": ("Figures entered by one side and not confirmed by the other", "一方录入、另一方未确认的数字"),
}


@dataclass
class Problem:
    check: str
    pairing_id: int
    year: int
    message_en: str
    message_zh: str
    fix_url: str
    observation_ids: list = field(default_factory=list)

    def message(self, lang):
        return pick(lang, self.message_en, self.message_zh)


def _obs_url(pk):
    return reverse("admin:indicators_observation_change", args=[pk])


def parts_exceed_total():
    live = ~Q(parts__status=Status.WITHDRAWN)
    qs = (Observation.objects.exclude(status=Status.WITHDRAWN)
          .filter(qualifier__in=[Qualifier.EXACT, Qualifier.AT_MOST], parts__isnull=False)
          .annotate(parts_sum=Sum("parts__value", filter=live)).order_by("year", "pk"))
    for o in qs.values("pk", "pairing_id", "year", "value", "parts_sum", "indicator__code"):
        if o["parts_sum"] is not None and o["parts_sum"] > o["value"]:
            yield Problem("parts_exceed_total", o["pairing_id"], o["year"],
                          f"{o['indicator__code']}: parts add up to {o['parts_sum']:,f} but the total is {o['value']:,f}",
                          f"{o['indicator__code']}：构成合计{o['parts_sum']:,f}，超过合计{o['value']:,f}",
                          _obs_url(o["pk"]), [o["pk"]])


def detail_differs():
    """Per pairing, year and indicator: aggregates entered directly vs the figures of detail records."""
    live = Observation.objects.exclude(status=Status.WITHDRAWN)
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
                          f"{code}: detail records add up to {d:,f}, the reported aggregate is {a:,f}",
                          f"{code}：明细合计{d:,f}，报送合计{a:,f}",
                          _obs_url(aggregates[0][0]), [r[0] for r in aggregates])


def money_without_source():
    qs = (Observation.objects.exclude(status=Status.WITHDRAWN).filter(indicator__code="gov_aid_funds")
          .values("pairing_id", "year").annotate(n=Count("pk"), with_level=Count("pk", filter=Q(dims__has_key="source_level")))
          .filter(with_level=0).order_by("year", "pairing_id"))
    for r in qs:
        yield Problem("money_without_source", r["pairing_id"], r["year"],
                      f"{r['n']} government aid fund figures, none says which level of government paid",
                      f"财政帮扶资金{r['n']}项，均未注明来源层级",
                      reverse("pairing", args=[r["pairing_id"]]))


def unconfirmed():
    qs = (Observation.objects.filter(status__in=[Status.REPORTED, Status.DISPUTED]).values("pairing_id", "year", "status")
          .annotate(n=Count("pk")).order_by("year", "pairing_id"))
    for r in qs:
        word = ("awaiting confirmation", "待确认") if r["status"] == Status.REPORTED else ("disputed", "有争议")
        yield Problem("unconfirmed", r["pairing_id"], r["year"], f"{r['n']} figures {word[0]}", f"{r['n']}项数字{word[1]}",
                      reverse("pairing", args=[r["pairing_id"]]))


def run_checks(limit=LIMIT) -> dict:
    """{check: {"count": n, "problems": [Problem, ... up to limit]}}"""
    out = {}
    for name, fn in (("parts_exceed_total", parts_exceed_total), ("detail_differs", detail_differs),
                     ("money_without_source", money_without_source), ("unconfirmed", unconfirmed)):
        problems, count = [], 0
        for p in fn():
            count += 1
            if len(problems) < limit:
                problems.append(p)
        out[name] = {"count": count, "problems": problems}
    return out


def checks_document(results, lang="en", base_url="") -> Document:
    from counterpart.pairings.models import Pairing

    ids = {p.pairing_id for r in results.values() for p in r["problems"]}
    names = {p.pk: p.display_name(lang) for p in Pairing.objects.filter(pk__in=ids).select_related("donor", "recipient")}
    doc = Document(pick(lang, "Checks on the figures", "数据核查"), lang, slug=f"checks-{lang}",
                   subtitle=pick(lang, "Each problem links to the place to fix it.", "每个问题均链接到修改处。"))
    for name, (en, zh_title) in CHECKS.items():
        r = results[name]
        title = pick(lang, en, zh_title)
        doc.blocks += [Heading(f"{title} ({r['count']})")]
        if not r["count"]:
            doc.blocks.append(Para([pick(lang, "None found.", "未发现问题。")]))
            continue
        doc.blocks.append(Table(title, [Column(pick(lang, "Pairing", "结对")), Column(pick(lang, "Year", "年份"), "number"),
                                        Column(pick(lang, "Problem", "问题")), Column(pick(lang, "Fix at", "修改处"))],
                                [[names.get(p.pairing_id, p.pairing_id), p.year, p.message(lang), base_url + p.fix_url]
                                 for p in r["problems"]], sheet=name[:31]))
    return doc
