"""English and Chinese wording of the assessment's exports (generated text, not templates)."""

TEXTS = {
    "title": ("Annual assessment {year}", "{year}年度东西部扶贫协作考核"),
    "title_pairing": ("Scorecard {year}: {pairing}", "{year}年度考核评分表：{pairing}"),
    "weights_line": ("Weights version {v}, set {at}{by}; lag margin {m} points",
                     "权重版本 {v}（{at}{by}设定）；滞后容差 {m} 个百分点"),
    "by": (" by {who}", "，设定人 {who}"),
    "as_of_line": ("Figures recorded by {d}; expected progress {p}", "统计截至 {d}；应完成进度 {p}"),
    "final_line": ("Year-end assessment: all confirmed figures of the year", "年终考核：全年已确认数据"),
    "rollups_line": ("Government pairings' figures as of the reports' refresh at {t}",
                     "政府结对数据截至报表汇总刷新时间 {t}"),
    "counts_line": ("{n} pairings with a plan; {s} scored; {l} lagging",
                    "有年度计划的结对 {n} 个；计分 {s} 个；滞后 {l} 个"),
    "rules_line": (("Completion = actual confirmed figure / target in force (latest approved adjustment, else "
                    "the plan); each indicator counts at most 100 % in the score; the score is renormalised "
                    "over the weighted indicators each pairing planned."),
                   ("完成率 = 已确认实际数 / 现行目标（最近批准的调整值，否则为原计划）；每项指标计分不超过100%；"
                    "得分按各结对所列计划指标的权重归一计算。")),
    "ranking": ("Ranking", "排名"),
    "scorecards": ("Scorecards", "评分表"),
    "evidence": ("Evidence", "依据"),
    "weights": ("Weights", "权重"),
    "adjustments": ("Adjustments", "计划调整"),
    "rank": ("Rank", "名次"),
    "rank_in_level": ("Rank in level", "同级名次"),
    "pairing": ("Pairing", "结对"),
    "level": ("Level", "层级"),
    "score": ("Score", "得分"),
    "lagging": ("Lagging", "滞后"),
    "items": ("Items", "计划项"),
    "adjusted_items": ("Adjusted", "已调整"),
    "indicator": ("Indicator", "指标"),
    "for": ("For", "对象"),
    "planned": ("Planned", "原计划"),
    "adjusted": ("Adjusted", "调整后"),
    "actual": ("Actual", "实际完成"),
    "completion": ("Completion", "完成率"),
    "weight": ("Weight", "权重"),
    "points": ("Points", "得分点"),
    "figure": ("Figure", "数据"),
    "status": ("Status", "状态"),
    "source": ("Source", "来源"),
    "year": ("Year", "年度"),
    "reason": ("Reason", "原因"),
    "approved_by": ("Approved by", "批准"),
    "approved_on": ("Approved", "批准时间"),
    "yes": ("yes", "是"),
    "no": ("", ""),
    "not_scored": ("not scored", "未计分"),
    "no_plans": ("No pairing has a plan for {year}.", "{year}年没有结对制定年度计划。"),
    "entered_by": ("entered by {who}", "录入：{who}"),
    "confirmed": ("confirmed", "已确认"),
    "evidence_omitted": ("Evidence per figure is on each pairing's scorecard page (or use --pairing).",
                         "各项依据见各结对评分页（或使用 --pairing）。"),
}

LEVELS = {
    "province_province": ("province with province", "省对省"),
    "city_province": ("city with province", "市对省"),
    "city_city": ("city with city", "市对市"),
    "county_county": ("district or county with county", "区县对县"),
    "enterprise_village": ("enterprise with village", "企业对村"),
    "other": ("other", "其他"),
}

REASONS = {"disaster": ("disaster", "灾害"), "cost": ("cost", "成本"), "policy": ("policy", "政策")}


def t(key: str, lang: str, **kw) -> str:
    en, zh = TEXTS[key]
    return (zh if lang.startswith("zh") else en).format(**kw)


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang.startswith("zh") else pair[0]
