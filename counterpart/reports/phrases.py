"""The words of generated reports in English and Chinese. Kept as explicit pairs here (not gettext)
because reports are produced in a language other than the reader's page, e.g. a Chinese PDF
downloaded from an English page."""

SECTIONS = [
    # key, English, Chinese, indicators the section reports
    ("overview", "Overview", "概况",
     ["gov_aid_funds"]),
    ("villages", "Entire-village advancement and projects", "整村推进与帮扶项目",
     ["villages_supported", "aid_projects", "townships_villages_covered", "counties_covered", "roads_built_km",
      "farmland_mu", "drinking_water_people", "drinking_water_livestock", "schools_built",
      "health_facilities_built", "beneficiaries"]),
    ("economic", "Economic and trade cooperation", "经贸合作",
     ["cooperation_projects", "enterprise_investment", "cooperating_enterprises", "industrial_parks",
      "event_participants"]),
    ("labour", "Labour cooperation", "劳务协作",
     ["labor_transferred", "labor_service_income"]),
    ("cadres", "Cadre exchange and training", "干部交流与培训",
     ["cadres_exchanged", "professionals_sent", "training_courses", "trainees", "exchange_visits",
      "delegation_members"]),
    ("social", "Social assistance", "社会帮扶",
     ["social_donations", "donated_items", "students_supported", "twinned_units"]),
]

# Sentence per indicator: {who} the giving side, {fig} the figure, {to} " to/for X" or "", {ctx} detail.
SENTENCES = {
    "gov_aid_funds": ("{who} provided government aid funds of {fig}{to}{ctx}.", "{who}安排财政帮扶资金{fig}{to}{ctx}。"),
    "social_donations": ("{who} donated {fig}{to}{ctx}.", "{who}捐赠{fig}{to}{ctx}。"),
    "enterprise_investment": ("Enterprises contracted investment of {fig}{to}{ctx}.", "企业签约协作投资{fig}{to}{ctx}。"),
    "labor_service_income": ("Transferred workers earned {fig}{ctx}.", "转移劳动力实现劳务收入{fig}{ctx}。"),
    "aid_projects": ("{fig} aid projects were carried out{to}{ctx}.", "实施帮扶项目{fig}{to}{ctx}。"),
    "villages_supported": ("{fig} villages were supported{to}{ctx}.", "帮扶村{fig}{to}{ctx}。"),
    "cooperation_projects": ("Contracts were signed on {fig} cooperation projects{to}{ctx}.", "签约协作项目{fig}{to}{ctx}。"),
    "cooperating_enterprises": ("{fig} enterprises took part in cooperation{ctx}.", "参与协作企业{fig}{ctx}。"),
    "labor_transferred": ("{fig} workers were transferred{to}{ctx}.", "转移劳动力{fig}{to}{ctx}。"),
    "cadres_exchanged": ("{fig} cadres were exchanged{ctx}.", "交流干部{fig}{ctx}。"),
    "professionals_sent": ("{fig} professionals were sent{to}{ctx}.", "选派专业技术人才{fig}{to}{ctx}。"),
    "training_courses": ("{fig} training courses were held{ctx}.", "举办培训班{fig}{ctx}。"),
    "trainees": ("{fig} were trained{ctx}.", "培训{fig}{ctx}。"),
    "exchange_visits": ("{fig} exchange visits took place between the two sides{ctx}.", "双方互访{fig}{ctx}。"),
    "delegation_members": ("A delegation of {fig} visited{to}{ctx}.", "考察团{fig}开展考察{to}{ctx}。"),
    "event_participants": ("{fig} attended the events{ctx}.", "参加活动{fig}{ctx}。"),
    "students_supported": ("{fig} students are supported{ctx}.", "资助学生{fig}{ctx}。"),
    "schools_built": ("{fig} schools were built{to}{ctx}.", "援建学校{fig}{to}{ctx}。"),
    "health_facilities_built": ("{fig} health facilities were built{to}{ctx}.", "援建卫生设施{fig}{to}{ctx}。"),
    "roads_built_km": ("{fig} of road were built{to}{ctx}.", "修建道路{fig}{to}{ctx}。"),
    "farmland_mu": ("{fig} of basic farmland were built{to}{ctx}.", "建设基本农田{fig}{to}{ctx}。"),
    "drinking_water_people": ("Safe drinking water reached {fig}{ctx}.", "解决{fig}饮水困难{ctx}。"),
    "drinking_water_livestock": ("Drinking water reached {fig} of livestock{ctx}.", "解决牲畜饮水{fig}{ctx}。"),
    "counties_covered": ("The work covered {fig}{ctx}.", "覆盖{fig}{ctx}。"),
    "townships_villages_covered": ("Projects reached {fig}{ctx}.", "项目覆盖乡村{fig}{ctx}。"),
    "twinned_units": ("{fig} twinning relationships were in place{to}{ctx}.", "建立结对关系{fig}{to}{ctx}。"),
    "donated_items": ("{fig} were donated{to}{ctx}.", "捐赠物品{fig}{to}{ctx}。"),
    "industrial_parks": ("{fig} industrial parks were set up{to}{ctx}.", "共建产业园区{fig}{to}{ctx}。"),
    "beneficiaries": ("{fig} benefited{ctx}.", "受益{fig}{ctx}。"),
}
# English sentences that already name what is counted take the bare number ("24 villages were supported").
NOUN_IN_SENTENCE = {"aid_projects", "villages_supported", "cooperation_projects", "cooperating_enterprises",
                    "labor_transferred", "cadres_exchanged", "professionals_sent", "training_courses",
                    "exchange_visits", "students_supported", "schools_built", "health_facilities_built",
                    "twinned_units", "industrial_parks"}
GENERIC_SENTENCE = ("{label}: {fig}{ctx}.", "{label}：{fig}{ctx}。")

SOURCE_LEVEL = {"province": ("from the provincial government", "省级"),
                "prefecture": ("from the city government", "市级"),
                "county": ("from district and county governments", "区县级")}
FUND_KIND = {"supplementary": ("added during the year", "追加"), "matching": ("matching", "配套"), "regular": ("", "")}
FORM = {"in_kind": ("in kind", "实物"), "cash": ("", "")}

WORDS = {
    "of_which": ("of which", "其中"),
    "and": ("and", "和"),
    "to": ("to", "用于"),
    "for": ("for", "用于"),
    "annual_title": ("{pairing} pairing-off cooperation, {year}", "{pairing}对口协作（{year}年）"),
    "annual_sub": (("Annual report generated from the platform's data on {date}. Figures with a note number "
                   "cite their source; official totals count confirmed figures only."),
                   "本报告由平台数据于{date}生成。带注号的数字均注明出处；正式合计只计已确认数字。"),
    "intro": ("In {year}, {n} figures were recorded for {pairing}{sub}.",
              "{year}年，{pairing}共记录数字{n}项{sub}。"),
    "intro_sub": (", including {k} sub-pairings", "，含下级结对{k}个"),
    "nothing": ("No figures were recorded in this area.", "本领域无记录数字。"),
    "figures_table": ("Figures for {year}", "{year}年主要数字"),
    "funds_table": ("Government aid funds: totals and their parts", "财政帮扶资金：合计及其构成"),
    "by_year": ("Funds by year (yuan)", "历年帮扶资金（元）"),
    "by_channel": ("Funds by channel, {year} (yuan)", "{year}年分渠道资金（元）"),
    "children_table": ("Sub-pairings, {year}", "{year}年下级结对"),
    "indicator": ("Indicator", "指标"),
    "official": ("Official total (confirmed)", "正式合计（已确认）"),
    "reported": ("All reported", "全部报送"),
    "change": ("Change over {prev} (%)", "比{prev}年增减（%）"),
    "unit": ("Unit", "单位"),
    "qualifier": ("Qualifier", "限定"),
    "unconfirmed": ("Awaiting confirmation", "待确认"),
    "figure": ("Figure", "数字"),
    "value": ("Value", "数值"),
    "year": ("Year", "年份"),
    "channel": ("Channel", "渠道"),
    "pairing": ("Pairing", "结对"),
    "source": ("Source", "出处"),
    "notes": ("Notes", "注释"),
    "unconfirmed_note": (" (reported by one side, awaiting confirmation by the other)", "（一方报送，待另一方确认）"),
    "entered_by": ("Entered by {user} on {date}", "由{user}于{date}录入"),
    "also": ("; also stated: “{q}”", "；另见：“{q}”"),
    "events": ("Events: {items}.", "主要活动：{items}。"),
    "agreements": ("{title} was signed{date}{by}, for {start}–{end}.", "{date}{by}签署《{title}》，期限{start}—{end}年。"),
    "awards": ("Honours: {items}.", "获得表彰：{items}。"),
    "investment": ("{title} of {who}", "{who}{title}"),
}
STATUS_NAME = {"reported": ("awaiting confirmation", "待确认"), "confirmed": ("confirmed", "已确认"),
               "disputed": ("disputed", "有争议"), "withdrawn": ("withdrawn", "已撤回")}
QUALIFIER_NAME = {"exact": ("exact", "准确"), "at_least": ("at least", "以上"), "approx": ("about", "约"),
                  "at_most": ("at most", "以内")}


def w(key: str, lang: str, **kw) -> str:
    en, zh_text = WORDS[key]
    text = zh_text if lang.startswith("zh") else en
    return text.format(**kw) if kw else text


def pair(mapping: dict, key, lang: str) -> str:
    en, zh_text = mapping.get(key, ("", ""))
    return zh_text if lang.startswith("zh") else en
