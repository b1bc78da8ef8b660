"""The national overview for a year: every indicator's national total and its change over the year
before, funds by purpose and by source level, and the pairings that did most; read from the rollups."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from counterpart.indicators.formatting import format_figure
from counterpart.indicators.models import Indicator
from counterpart.pairings.models import Pairing
from counterpart.reports import aggregation as agg
from counterpart.reports.document import Chart, Column, Document, Heading, Para, Table, pick
from counterpart.reports.models import Rollup
from counterpart.reports.phrases import SOURCE_LEVEL, pair

TOP = 10


def national_years() -> list[int]:
    return sorted(Rollup.objects.filter(scope__isnull=True).order_by().values_list("year", flat=True).distinct())


def national_data(year) -> dict:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("“%(y)s” is not a year.") % {"y": year}}) from None
    years = national_years()
    if year not in years:
        raise ValidationError({"year": _("There are no figures for %(y)s (years with figures: %(ys)s).")
                               % {"y": year, "ys": ", ".join(map(str, years)) or _("none")}})
    official = agg.rollup(years=[year - 1, year])
    reported = agg.rollup(years=[year], basis="reported")
    breakdowns = {dim: {v: f for (y, c, v), f in agg.rollup(years=[year], dim=dim).items()}
                  for dim in ("purpose", "source_level", "form")}
    top = agg.top_pairings(year, "gov_aid_funds", depth=0, limit=TOP)
    names = {p.pk: p for p in Pairing.objects.filter(pk__in=[pk for pk, _f in top]).select_related("donor", "recipient")}
    return {"year": year, "years": years, "official": official, "reported": reported, "breakdowns": breakdowns,
            "top": [(names[pk], f) for pk, f in top if pk in names],
            "indicators": {i.code: i for i in Indicator.objects.all()}}


def _fmt(fig, ind, lang):
    return format_figure(fig.value, fig.qualifier, ind.unit, ind.unit_zh if lang.startswith("zh") else ind.unit_en, lang)


def summary_sentence(data, lang) -> str:
    """'Donor regions provided a total of government aid funds of 872.2 million yuan, up 3.8 % over 2011, of which ...'"""
    year, inds = data["year"], data["indicators"]
    cur = data["official"].get((year, "gov_aid_funds", ""))
    if cur is None:
        return pick(lang, f"No government aid funds were confirmed for {year}.", f"{year}年无已确认的财政帮扶资金。")
    ind = inds["gov_aid_funds"]
    prev = data["official"].get((year - 1, "gov_aid_funds", ""))
    delta = agg.change(cur, prev)
    levels = sorted(data["breakdowns"]["source_level"].items(), key=lambda kv: -kv[1].value)
    if lang.startswith("zh"):
        text = f"{year}年，东部地区共提供财政帮扶资金{_fmt(cur, ind, lang)}"
        if delta is not None:
            text += f"，比{year - 1}年{'增长' if delta >= 0 else '下降'}{abs(delta)}%"
        if levels:
            text += "，其中" + "，".join(f"{pair(SOURCE_LEVEL, k, lang)}{_fmt(f, ind, lang)}" for k, f in levels)
        return text + "。"
    text = f"In {year}, donor regions provided a total of government aid funds of {_fmt(cur, ind, lang)}"
    if delta is not None:
        text += f", {'up' if delta >= 0 else 'down'} {abs(delta)} % over {year - 1}"
    if levels:
        text += ", of which " + ", ".join(f"{_fmt(f, ind, lang)} {pair(SOURCE_LEVEL, k, lang)}" for k, f in levels)
    return text + "."


def national_document(data, lang="en") -> Document:
    year, inds = data["year"], data["indicators"]
    doc = Document(title=pick(lang, f"National statistics on East–West pairing-off cooperation, {year}",
                              f"{year}年东西部扶贫协作全国统计"), lang=lang, slug=f"national-{year}-{lang}",
                   subtitle=pick(lang, "Official totals count confirmed figures only; each figure is counted once "
                                       "(a total is never added to its parts).",
                                 "正式合计只计已确认数字；每个数字只计一次（合计与其构成不重复相加）。"))
    doc.blocks += [Heading(pick(lang, "Summary", "综述")), Para([summary_sentence(data, lang)])]
    rows = []
    for code, ind in inds.items():
        cur = data["official"].get((year, code, ""))
        rep = data["reported"].get((year, code, ""))
        if cur is None and rep is None:
            continue
        prev = data["official"].get((year - 1, code, ""))
        rows.append([ind.label(lang), cur.value if cur else None, prev.value if prev else None, agg.change(cur, prev),
                     ind.unit_zh if lang.startswith("zh") else ind.unit_en, rep.value if rep else None,
                     rep.unconfirmed if rep else 0])
    doc.blocks.append(Table(pick(lang, f"National totals, {year}", f"{year}年全国合计"), [
        Column(pick(lang, "Indicator", "指标")), Column(str(year), "number"), Column(str(year - 1), "number"),
        Column(pick(lang, "Change (%)", "增减（%）"), "percent"), Column(pick(lang, "Unit", "单位")),
        Column(pick(lang, "All reported", "全部报送"), "number"),
        Column(pick(lang, "Awaiting confirmation", "待确认"), "number")], rows, sheet=pick(lang, "Totals", "全国合计")))
    funds = data["official"].get((year, "gov_aid_funds", ""))
    for dim, title, sheet in (("purpose", pick(lang, "Government aid funds by purpose", "财政帮扶资金按用途"), pick(lang, "By purpose", "按用途")),
                              ("source_level", pick(lang, "Government aid funds by source level", "财政帮扶资金按来源层级"), pick(lang, "By source level", "按来源")),
                              ("form", pick(lang, "Social donations by form", "社会帮扶资金按形式"), pick(lang, "Donations by form", "捐赠形式"))):
        parts = sorted(data["breakdowns"][dim].items(), key=lambda kv: -kv[1].value)
        if not parts:
            continue
        whole = funds if dim != "form" else data["official"].get((year, "social_donations", ""))
        labels = [pair(SOURCE_LEVEL, k, lang) if dim == "source_level" else k for k, _f in parts]
        rows = [[lbl, f.value, (f.value * 100 / whole.value).quantize(agg.Decimal("0.1")) if whole and whole.value else None]
                for lbl, (_k, f) in zip(labels, parts)]
        rest = whole.value - sum(f.value for _k, f in parts) if whole else None
        if rest and rest > 0:
            rows.append([pick(lang, "not broken down", "未细分"), rest, (rest * 100 / whole.value).quantize(agg.Decimal("0.1"))])
        doc.blocks += [Heading(title),
                       Chart(title, [r[0] for r in rows], [r[1] for r in rows], "CNY"),
                       Table(title, [Column(pick(lang, "Category", "类别")), Column(pick(lang, "Amount (yuan)", "金额（元）"), "money"),
                                     Column(pick(lang, "Share (%)", "占比（%）"), "percent")], rows, sheet=sheet)]
    if data["top"]:
        title = pick(lang, f"Pairings that provided most government aid funds, {year}", f"{year}年财政帮扶资金最多的结对")
        doc.blocks += [Heading(title), Table(title, [
            Column(pick(lang, "Rank", "排名"), "number"), Column(pick(lang, "Pairing", "结对")),
            Column(pick(lang, "Amount (yuan)", "金额（元）"), "money"), Column(pick(lang, "Figures", "数字数"), "number")],
            [[i + 1, p.display_name(lang), f.value, f.n] for i, (p, f) in enumerate(data["top"])],
            sheet=pick(lang, "Top pairings", "结对排名"))]
    return doc
