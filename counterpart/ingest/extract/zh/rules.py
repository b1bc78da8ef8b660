"""Which indicator a Chinese figure is: its measure word, the noun it counts and the verbs around it.

A count is read from its measure word (名 and 人 count people, 家 enterprises or institutions, 所
schools, 个 anything) and the noun on either side of it ("4个项目签约", "帮扶村24个", "增派挂职干部
138名"); the verbs of its list item, else of its clause, decide what happened to them (挂职, 支教,
培训, 就业, 受益, 结对 ...). Money is read from the nearest cue: who pays and in what form (财政,
援助资金, 捐赠 by society or by a government, 投资 by enterprises, 劳务收入), and figures that are not
cooperation at all (sales, purchases, output, income gains, loans) are left out. The rules describe the
genre's wording; they name no place, enterprise or figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import Quantity


@dataclass
class Reading:
    indicator: str
    dims: dict = field(default_factory=dict)
    noun: str = ""  # the counted noun's class, for the pairing-count rule


# noun classes, longest words first inside each; the order decides ties at one position
NOUNS = [
    ("cadre", "党政干部|挂职干部|帮扶干部|干部|公务员"),
    ("professional", ("医疗技术人员|专业技术人员|专业技术人才|医务人员|医护人员|技术人员|技术人才|农技人员|科技人员|"
                     "医疗专家|教师|老师|医生|专家|志愿者|人才|校长|护士|支教|支医")),
    ("labor", "农民工|劳动力|劳务人员|务工人员|外出务工|工人"),
    ("student", "中小学生|大学生|贫困学生|贫困生|学生|儿童|孤儿"),
    ("people", "建档立卡贫困人口|贫困人口|贫困群众|群众|人口|农民|村民|学员|人员|居民|老人|妇女"),
    ("school", "希望小学|幼儿园|学校|小学|中学"),
    ("health", "医疗机构|卫生院|卫生室|卫生所|诊所|医院|敬老院|养老院"),
    ("enterprise", "龙头企业|企业|公司"),
    ("project", "项目|工程"),
    ("village", "贫困村|行政村|自然村|村\\(社区\\)|村（社区）|村"),
    ("town", "乡镇|街道|乡|镇"),
    ("county", "贫困县|区县|县区|县市区|县\\(市|县（市|县"),
    ("province", "省区|省市|省份|省|自治区"),
    ("city", "地市|市州|市\\(州|市"),
    ("unit", "单位|部门|机关|社会组织|商会|协会|社团"),
    ("course", "培训班|研修班|班次|班"),
    ("road", "道路|公路|村道|通村路|产业路|路"),
    ("farmland", "高标准农田|基本农田|农田|耕地"),
    ("park", "产业园区|工业园区|产业园|工业园|园区"),
    ("household", "户|家庭"),
    ("item", "电脑|计算机|图书|衣物|衣被|棉被|书籍|课桌椅"),
    ("none", ("扶贫车间|车间|种|类|方面|领域|指标|模式|案例|宝贝|产品|技术|基地|合作社|站|中心|平台|会议|活动|"
             "批次|批|品牌|订单|岗位|手术|例")),
]
_NOUN_ANY = re.compile("|".join(f"(?P<{k}>{p})" for k, p in NOUNS))
PERSON_CLASSES = ("cadre", "professional", "labor", "student", "people")
UNIT_CLASSES = ("town", "village", "county", "school", "health", "enterprise", "unit", "city", "province")

EXCLUDE = re.compile(r"脱贫|摘帽|出列|退出|贫困发生率|返贫|减贫|贫困人口减少|未脱贫人口")
TRAIN = re.compile(r"培训|培养|轮训|研修|授课|讲座|学习班")
VISIT = re.compile(r"互访|考察|访问|走访|交流|对接|洽谈|调研|观摩|学习考察")
SECOND = re.compile(r"挂职")
SEND = re.compile(r"派|选派|派出|增派|互派|下派|援派|选调|支教|支医|支农|援[藏疆宁黔滇川渝青甘蒙桂陕]|到|赴|来|在岗|驻")
EMPLOY = re.compile(r"就业|务工|转移|输出|劳务|吸纳|岗位|用工|稳岗|招聘|打工")
BENEFIT = re.compile(r"受益|惠及|带动|增收|帮助|帮扶|救助|覆盖")
WATER = re.compile(r"饮水|饮用水|吃水")
TWIN = re.compile(r"结对|结成|对子|结亲|一对一|手拉手|对口帮扶|对口支援|携手")
BUILD = re.compile(r"援建|新建|建设|修建|建成|改扩建|改建|扩建|兴建|建起|捐建|建")
COOP_PROJECT = re.compile(r"签约|签订|招商|引资|洽谈|落地|引进|合作项目|协作项目|投资项目|产业项目合作")
COOP_ENTERPRISE = re.compile(r"引进|落户|入驻|入园|签约|投资|合作|协作|招商|落地|新增|引导|组织|带动|设立|建厂|开办")
DONATE = re.compile(r"捐赠|捐助|捐款|捐资|捐物|捐献|捐")
HELP = re.compile(r"帮扶|援助|援建|实施|建设|覆盖|纳入|扶持|支持|结对|投入|推进|打造|建成|完成|改造|安排|对口|资助|帮助|惠及")
ROAD = re.compile(r"道路|公路|村道|路面|通村路|产业路|硬化路|路")
FARMLAND = re.compile(r"农田|耕地|土地|梯田|坡改梯")
DELEG = re.compile(r"考察团|代表团|党政代表团|访问团")
ATTEND = re.compile(r"参加|出席|参会|与会")
EVENT = re.compile(r"会|论坛|活动|仪式|展|节")

ROLES = [("teachers", "教师|老师|支教|校长"), ("medical staff", "医|护士|卫生"), ("technicians", "技术|农技|科技"),
         ("volunteers", "志愿者"), ("experts", "专家"), ("principals", "校长")]
AUDIENCES = [("cadres", "干部|公务员|党政"), ("teachers", "教师|老师|校长"), ("medical_staff", "医|护士"),
             ("technicians", "技术人员|技术人才|农技"), ("workers", "劳动力|农民工|务工|劳务|职业技能|技能"),
             ("farmers", "农民|村民|致富带头人"), ("e-commerce", "电商")]


def _role(text: str) -> str | None:
    for name, rx in ROLES:
        if re.search(rx, text):
            return name
    return None


def _audience(text: str) -> dict:
    for name, rx in AUDIENCES:
        if re.search(rx, text):
            return {"audience": name}
    return {}


def noun_after(t: str, q: Quantity, limit: int) -> tuple[str | None, str]:
    """The class and the word of the first counted noun after the figure, before any verb of its own."""
    seg = t[q.end:min(limit, q.end + 16)]
    seg = re.sub(r"^(?:以上|左右|上下|多|余)", lambda m: " " * len(m.group(0)), seg)
    m = _NOUN_ANY.search(seg)
    if m and m.start() <= 8 and not re.search(r"[，,。；;、]", seg[:m.start()]):
        return m.lastgroup, m.group(0)
    return None, ""


def noun_before(t: str, lo: int, q: Quantity) -> tuple[str | None, str]:
    """The class and word of the last counted noun just before the figure ("帮扶村24个", "培训各类人才55.7万人次")."""
    seg = t[max(lo, q.start - 14):q.start]
    best = None
    for m in _NOUN_ANY.finditer(seg):
        best = m
    if best is None:
        return None, ""
    gap = seg[best.end():]
    if len(gap) > 6 or re.search(r"\d", gap):
        return None, ""
    return best.lastgroup, best.group(0)


MEASURE_NOUN = {"村": "village", "县": "county", "乡镇": "town", "镇": "town", "乡": "town", "户": "household",
                "对": "pair", "批": "batch", "批次": "batch", "期": "session", "次": "times", "场": "times",
                "例": "none", "种": "none", "类": "none", "条": "none", "吨": "none", "头": "livestock",
                "只": "livestock", "台": "item", "套": "item", "件": "item", "辆": "item", "间": "none", "处": "none",
                "栋": "none", "份": "none", "口": "none", "眼": "none", "支": "team"}
PERSON_MEASURES = ("名", "人", "位", "人次")


def counted_noun(t: str, q: Quantity, item_start: int, limit: int) -> tuple[str | None, str]:
    u = q.unit
    if u in MEASURE_NOUN:
        key = MEASURE_NOUN[u]
        if key in ("item", "team"):
            k2, w2 = noun_after(t, q, limit)
            return (k2 or key), w2 or u
        return key, u
    ka, wa = noun_after(t, q, limit)
    kb, wb = noun_before(t, item_start, q)
    if u in PERSON_MEASURES:
        if ka in PERSON_CLASSES:
            return ka, wa
        if kb in PERSON_CLASSES:
            return kb, wb
        if ka is None and kb in ("province", "city", "county", "town", "village"):
            return "people", ""  # "其中省级5160人次", "县级800人"
        return "people", ""
    if ka is not None:
        return ka, wa
    return kb, wb


def classify(t: str, q: Quantity, item: tuple[int, int], clause: tuple[int, int], sent: tuple[int, int],
             owner_side: str | None = None) -> Reading | None:
    """The indicator of figure q; owner_side is the side of the place named right before it, if any."""
    if q.unit == "CNY":
        return money(t, q, item, clause, sent)
    if q.unit in ("USD",):
        return None
    i0, i1 = item
    c0, c1 = clause
    s0, s1 = sent
    itext, ctext = t[i0:i1], t[c0:c1]
    pre = t[max(i0, q.start - 20):q.start]
    post = t[q.end:min(c1, q.end + 20)]
    if q.unit == "km":
        if re.match(r"\s?(?:外|远|之外|以外|处|长的|的路程)", post):
            return None
        return Reading("roads_built_km") if ROAD.search(pre[-14:] + post[:8]) else None
    if q.unit == "mu":
        return Reading("farmland_mu") if FARMLAND.search(pre[-14:] + post[:8]) else None
    key, word = counted_noun(t, q, i0, c1)
    if EXCLUDE.search(post[:12]) or re.search(r"(?<!未)(?:脱贫|摘帽|出列)\S{0,2}$", pre[-4:]):
        return None  # "5.6万人脱贫", "20个贫困村出列": poverty statistics, not cooperation
    # the item's own verbs first ("教师30名" after "选派干部12名、"), else the clause's
    scope = itext if (TRAIN.search(itext) or SEND.search(itext) or VISIT.search(itext) or EMPLOY.search(itext)
                      or BENEFIT.search(itext)) else ctext
    if key in PERSON_CLASSES:
        return _person(key, word, q, scope, ctext, t[s0:s1], pre, post)
    if key == "batch":
        if VISIT.search(itext) and not re.search(r"挂职|支教|支医|支农|干部|教师|医", itext):
            return Reading("exchange_visits")
        return None
    if key in ("session", "course"):
        return Reading("training_courses") if TRAIN.search(ctext) else None
    if key == "times":
        if TRAIN.search(itext):
            return Reading("training_courses")
        return Reading("exchange_visits") if VISIT.search(itext) else None
    if key == "pair":
        return Reading("twinned_units", noun="pair") if TWIN.search(ctext) else None
    if key in ("item",):
        return Reading("donated_items", {"item": word}) if DONATE.search(ctext) else None
    if key == "livestock":
        return Reading("drinking_water_livestock") if WATER.search(ctext) else None
    if key == "project":
        near = t[max(c0, q.start - 8):min(c1, q.end + 8)]
        if COOP_PROJECT.search(near) or COOP_PROJECT.search(word):
            return Reading("cooperation_projects")
        if re.search(r"签约|签订|招商", post[:10]):
            return Reading("cooperation_projects")
        kinds = _project_kinds(t[max(c0, q.start - 30):q.end + 4])
        return Reading("aid_projects", {"kind": kinds} if kinds else {})
    if key == "province":
        return None  # "9个省市结对帮扶西部6个省区": who takes part, not a figure
    if key in UNIT_CLASSES:
        # a twinning predicate after the units, or right before them ("结对帮扶学校17所", "帮扶百色8个县");
        # "对口帮扶的广西、云南……60个县" names the partners, it does not pair the counties
        rest = t[q.end:c1]
        nxt = re.match(r"[，,]\s?(?:分别|均|都|并|共同|先后|相互|两两|一一)[^，,。；;]{0,14}", t[c1:c1 + 20])
        twin = TWIN.search(rest) or TWIN.search(t[max(c0, q.start - 8):q.start]) or (nxt and TWIN.search(nxt.group(0)))
        if key == "enterprise":
            if DONATE.search(itext):
                return None
            if twin and not COOP_ENTERPRISE.search(itext):
                return Reading("twinned_units", noun=key)
            return Reading("cooperating_enterprises", noun=key) if COOP_ENTERPRISE.search(ctext) else None
        if twin:
            return Reading("twinned_units", noun=key)
        built = BUILD.search(pre + post[:6]) or BUILD.search(t[c0:q.start])  # "新建学校18所、卫生院9所"
        if key == "school":
            return Reading("schools_built") if built else None
        if key == "health":
            return Reading("health_facilities_built") if built else None
        if not HELP.search(ctext):
            return None
        if key == "village":
            return Reading("villages_supported", noun=key)
        if key == "town":
            return Reading("townships_villages_covered", noun=key)
        if key == "county":
            return Reading("counties_covered", noun=key) if owner_side != "donor" else None
        return None
    if key == "park":
        return Reading("industrial_parks") if re.search(r"共建|建设|设立|建立|合作", ctext) else None
    return None


def _person(key, word, q, scope, ctext, stext, pre, post) -> Reading | None:
    if SECOND.search(scope):
        return Reading("cadres_exchanged")
    if key == "cadre":
        if TRAIN.search(scope):
            return Reading("trainees", {"audience": "cadres"})
        return Reading("cadres_exchanged")
    if key == "professional":
        if TRAIN.search(pre) or (TRAIN.search(scope) and not SEND.search(scope)):
            return Reading("trainees", _audience(word + pre))
        if SEND.search(scope) or re.search(r"支教|支医|支农", word + post[:10]):
            role = _role(word + post[:10])
            return Reading("professionals_sent", {"role": role} if role else {})
        return None
    if key == "labor":
        if TRAIN.search(scope):
            return Reading("trainees", {"audience": "workers"})
        return Reading("labor_transferred")
    if key == "student":
        if re.search(r"受益|惠及", scope):
            return Reading("beneficiaries")
        return Reading("students_supported") if re.search(r"资助|救助|帮扶|助学|结对|奖学|捐资", stext) else None
    # people, or a person count without a noun
    if q.unit == "人次" and VISIT.search(scope) and not TRAIN.search(scope):
        return Reading("exchange_visits")
    if TRAIN.search(scope):
        return Reading("trainees", _audience(scope))
    if EMPLOY.search(scope):
        return Reading("labor_transferred")
    if WATER.search(scope):
        return Reading("drinking_water_people")
    if DELEG.search(stext) and q.unit in ("名", "人"):
        return Reading("delegation_members")
    if ATTEND.search(scope) and EVENT.search(scope):
        return Reading("event_participants")
    if BENEFIT.search(scope):
        return Reading("beneficiaries")
    return None


def _project_kinds(text: str) -> list[str]:
    kinds = []
    for kind, rx in (("entire_village_advancement", "整村推进"), ("model_village", "示范村"),
                     ("industry", "产业|农业|种植|养殖|旅游"), ("infrastructure", "基础设施|道路|饮水|水利|桥"),
                     ("education", "教育|学校"), ("health", "医疗|卫生|健康")):
        if re.search(rx, text):
            kinds.append(kind)
    if kinds and re.search(r"住房|安居|危房|饮水安全", text):
        kinds.append("other")
    return kinds


# ------------------------------------------------------------------------------------------- money

MONEY_CUES = [
    (None, ("生产总值|GDP|产值|销售额|销售|采购|购买|消费|订单|成交|交易额|营业|营收|利润|税收|贷款|存款|增收|"
           "收入|总金额|市场规模|规模|估值|补贴标准|工资")),
    ("labor_service_income", "劳务收入|务工收入|劳务输出收入|工资性收入|劳务创收"),
    ("enterprise_investment", ("投资额|投资金额|总投资|实际投资|企业投资|协议投资|签约资金|协议资金|引资|到位资金|"
                              "实际到位|投资")),
    ("social_donations", ("社会捐赠资金|捐赠资金|社会帮扶资金|捐赠款|捐款|社会捐赠|社会帮扶资金|社会各界|社会力量|爱心|慈善|捐资捐物|企业捐|个人捐|捐款捐物|捐赠|捐助|"
                         "捐款|捐资|捐物|捐献|募集|筹集")),
    ("gov_aid_funds", ("财政援助资金|财政帮扶资金|财政资金|财政|援助资金|帮扶资金|扶贫资金|协作资金|无偿援助|扶贫款|"
                      "慰问金|专项资金|拨付|拨款|安排|下达|投入|援助|资金|援建|补助")),
]
_MONEY_ANY = re.compile("|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(MONEY_CUES)))
_IND = {f"c{i}": ind for i, (ind, _) in enumerate(MONEY_CUES)}
SOCIAL_GIVER = re.compile(r"社会|企业|各界|爱心|个人|群众|人士|商会|协会|基金会|公司|集团|慈善|红十字|民营|职工|干部职工")
AID_PROJECT_CTX = re.compile(r"援建项目|帮扶项目|援助项目|财政|扶贫项目")
ENTERPRISE_CTX = re.compile(r"企业|签约|招商|引资|产业|公司|集团|商")


def money(t: str, q: Quantity, item, clause, sent) -> Reading | None:
    c0, c1 = clause
    s0, _s1 = sent
    best = None
    # cues in the clause, then in the sentence before the figure; a cue before the figure weighs more
    for lo, hi in ((c0, c1), (s0, q.start)):
        for m in _MONEY_ANY.finditer(t, lo, hi):
            a, b = m.start(), m.end()
            if b <= q.start:
                dist = q.start - b
            elif a >= q.end:
                dist = a - q.end + 6
                if re.search(r"[，,。；;]", t[q.end:a]):
                    continue
            else:
                continue
            ind = _IND[m.lastgroup]
            if ind is None and m.group(0) in ("规模", "收入") and re.search(r"劳务", t[max(lo, a - 4):a]):
                continue
            cand = (dist, ind)
            if best is None or dist < best[0]:
                best = cand
        if best is not None:
            break
    if best is None:
        return None
    ind = best[1]
    if ind is None:
        return None
    ctext, stext = t[c0:c1], t[s0:sent[1]]
    before_clause = t[c0:q.start]
    dims: dict = {}
    if ind == "social_donations":
        if not SOCIAL_GIVER.search(t[max(s0, c0 - 40):q.start]) and re.search(r"捐", before_clause + t[q.end:c1]):
            ind = "gov_aid_funds"  # a government that "donates" gives government aid
        else:
            dims["form"] = "in_kind" if re.search(r"物资|实物|折价|价值|衣物|设备", ctext) else "cash"
    if ind == "enterprise_investment" and AID_PROJECT_CTX.search(stext) and not ENTERPRISE_CTX.search(ctext):
        ind = "gov_aid_funds"  # "援建项目总投资": the aid projects' cost
    if ind == "gov_aid_funds":
        lvl = _source_level(t[max(c0, q.start - 14):q.start])
        if lvl:
            dims["source_level"] = lvl
        if re.search(r"追加|新增|增加|再安排|另外安排|额外", t[max(c0, q.start - 12):q.start]):
            dims["kind"] = "supplementary"
        elif re.search(r"配套", ctext):
            dims["kind"] = "matching"
    return Reading(ind, dims)


def _source_level(before: str) -> str | None:
    best = None
    for level, rx in (("province", r"省级|省财政|我省财政|省本级"), ("prefecture", r"市级|市财政|州级|州财政|地市"),
                      ("county", r"县级|区级|县财政|区财政|县\(区\)|县（区）|县区")):
        for m in re.finditer(rx, before):
            if best is None or m.end() > best[0]:
                best = (m.end(), level)
    return best[1] if best else None
