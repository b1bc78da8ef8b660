"""Which indicator a figure is, from the words around it.

Counts are classified by their head noun (the last counted noun in the phrase
after the figure: "23 entire village advancement and model village building
*projects*") and by cue words in the clause (training, delegation, drinking
water, transfer...). Money is classified by the nearest cue in its clause
(donated / investment / aid funds / income). The rules describe the genre's
wording; they name no place, enterprise or figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .money import money_kind
from .numbers import Quantity

UNITS = {
    "gov_aid_funds": "CNY", "social_donations": "CNY", "enterprise_investment": "CNY", "labor_service_income": "CNY",
    "aid_projects": "projects", "villages_supported": "villages", "cooperation_projects": "projects",
    "cooperating_enterprises": "enterprises", "labor_transferred": "persons", "cadres_exchanged": "persons",
    "professionals_sent": "persons", "training_courses": "courses", "trainees": "person-times",
    "exchange_visits": "visits", "delegation_members": "persons", "event_participants": "persons",
    "students_supported": "students", "schools_built": "schools", "health_facilities_built": "facilities",
    "roads_built_km": "km", "farmland_mu": "mu", "drinking_water_people": "persons",
    "drinking_water_livestock": "head", "counties_covered": "counties", "townships_villages_covered": "localities",
    "twinned_units": "pairs", "donated_items": "items", "industrial_parks": "parks", "beneficiaries": "persons",
}


@dataclass
class Reading:
    indicator: str
    dims: dict = field(default_factory=dict)
    value: Decimal | None = None  # set when the unit was converted (hectares -> mu)


_STOP = re.compile(r"^(?:of|in|to|for|from|with|worth|was|were|is|are|has|have|had|who|which|that|by|at|on|into|"
                   r"as|through|under|each|per|attended|participated|took|received|benefited|benefiting|"
                   r"involved|transferred|were|went|came|visited|completed|built|including|include|such|"
                   r"respectively|totaling|totalling|amounting|between|among|during|since|till|until|"
                   r"and\s+(?:the|a|an|its|their)|so|while|when|after|before|than|over|more|about|[,.;:()“”\"'’‘])$",
                   re.IGNORECASE)
COOP_BEFORE = re.compile(r"\binvestment\s+projects?|\beconomic|\btrade\b|\bcooperat\w*|\bbusiness|\benterprises?\b|\bsign(?:ed|ing)\b|\bcontract\w*|"
                         r"\battract\w*|\bindustrial\s+transfer|\binvestment\s+promotion", re.IGNORECASE)
_MEASURE = re.compile(r"^(?:sets?|pieces?|units?|batch(?:es)?|tons?|tonnes?|kinds?|types?|copies|boxes|bags|"
                      r"head|heads|mu|km|kilomet(?:er|re)s?|dozen|groups?|items?|pairs?|rounds?|lots?)$", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*|[,.;:()“”\"]")

NOUNS = [  # (key, pattern over the head phrase); the match ending last is the head
    ("town", r"towns?\s+and\s+villages|villages\s+and\s+towns|townships?|towns?|localities"),
    ("project", r"projects?|programs?|programmes?"),
    ("village", r"villages?"),
    ("county", r"count(?:y|ies)"),
    ("unit", r"cities|districts|prefectures|units|departments|organi[sz]ations|provinces|banners|leagues"),
    ("pair", r"pairs|twinning\s+relationships?|pairing\s+relationships?|relationships?"),
    ("labor", r"labou?rs|labou?rers|(?:migrant\s+)?workers|labou?r\s+force|job\s*seekers|employees"),
    ("cadre", r"cadres|officials|civil\s+servants|leaders"),
    ("professional", (r"teachers|doctors|medical\s+(?:staff|workers|personnel|experts)|technicians|"
                     r"technical\s+(?:personnel|staff|experts)|professionals|experts|volunteers|nurses|"
                     r"specialists|talents|engineers")),
    ("people", (r"people|persons|person-times|person\s+times|individuals|participants|attendees|residents|"
               r"villagers|farmers|herdsmen|herders|population|members|representatives|visitors|guests|"
               r"entrepreneurs|households?\s+members|immigrants|migrants|relocatees|inhabitants")),
    ("trainee", r"trainees|learners"),
    ("course", r"courses|classes|training\s+sessions|sessions|trainings|workshops|seminars"),
    ("visit", r"visits|tours|trips|delegations|batches|inspection\s+groups|study\s+groups"),
    ("student", r"students|pupils|children|orphans|girls|boys"),
    ("school", r"schools|kindergartens"),
    ("health", (r"hospitals|clinics|health\s+(?:centers|centres|stations|facilities|rooms)|medical\s+"
               r"(?:stations|centers|centres|rooms)|nursing\s+homes|infirmaries|homes\s+for\s+the\s+aged")),
    ("enterprise", r"enterprises|companies|firms|businesses"),
    ("park", r"parks|industrial\s+zones|zones"),
    ("household", r"households|families"),
    ("livestock", r"head\s+of\s+(?:livestock|cattle|sheep)|livestock|head|cattle|sheep"),
    ("beneficiary", r"beneficiaries"),
    ("item", (r"computers|laptops|books|clothes|clothing|quilts|desks|chairs|televisions|tvs|machines|"
             r"vehicles|cars|ambulances|tractors|garments|coats|bicycles|beds|blankets|stationery|"
             r"appliances|equipment|instruments|printers|projectors|medicines")),
]
NOUN_RE = [(k, re.compile(r"\b(?:" + p + r")\b", re.IGNORECASE)) for k, p in NOUNS]

TRAIN = re.compile(r"\btrain(?:ed|ing|ings|ees?|s)?\b|\bcourses?\b|\blectures?\b|\bclass(?:es)?\b|培训", re.IGNORECASE)
DELEG = re.compile(r"\bdelegations?\b|\binspection\s+(?:team|group)s?\b|\bstudy\s+(?:group|team)s?\b|"
                   r"\bvisiting\s+(?:group|team)s?\b|考察团|代表团", re.IGNORECASE)
EVENT = re.compile(r"\b(?:events?|contests?|competitions?|forums?|fairs?|expos?|symposi(?:um|a|ums)|conferences?|meetings?|ceremon(?:y|ies)|"
                   r"activit(?:y|ies)|seminars?|exhibitions?|fora)\b|会议|论坛|洽谈会|博览会", re.IGNORECASE)
ATTEND = re.compile(r"\battend(?:ed|ing|s)?\b|\bparticipat(?:ed|ing|e|ion)\b|\btook\s+part\b|\bpresent\b|"
                    r"\bjoined\b|参加|出席", re.IGNORECASE)
WATER = re.compile(r"drinking[\s-]+water|water\s+suppl|safe\s+water|饮水", re.IGNORECASE)
EMPLOY = re.compile(r"\btransfer|\bemploy|\bjobs?\b|\bexport(?:ed)?\s+(?:of\s+)?labou?r|\blabou?r\s+(?:export|"
                    r"service|cooperation)|\bmigrant|\bwork(?:ing)?\s+in\b|\bplaced\b|\bhired\b|转移|就业|务工", re.IGNORECASE)
BENEFIT = re.compile(r"\bbenefi|\bout\s+of\s+poverty|\bshak(?:e|ing)\s+off|\bgot\s+rid|\blift|\bescape|"
                     r"\bincreas\w*\s+(?:their\s+|the\s+)?incomes?\b|\bincomes?\s+(?:increase|growth)|"
                     r"\bachiev\w*\s+(?:poverty\s+(?:alleviation|reduction)|stable\s+poverty)|受益|脱贫|增收", re.IGNORECASE)
# "12 schools and 36 hospitals established pairing relationships", "14 cities were paired with ...": the
# figure is the subject of a twinning predicate
TWIN_PRED = re.compile(r"(?:(?:were|was|are|is|have\s+been|has\s+been)\s+)?(?:paired|twinned|partnered)\s+(?:up\s+)?with\b|"
                       r"\b(?:established|formed|set\s+up|built|forged|entered\s+into)\s+(?:\w+\s+){0,3}?"
                       r"(?:pairing|twinning|paired|pair|counterpart|one-to-one)[\w-]*\s+(?:\w+\s+)?"
                       r"(?:relationships?|relations|ties|partnerships?)\b|\bformed\s+pairs\b|结对", re.IGNORECASE)
_NOT_SUBJECT = re.compile(r"\b(?:were|was|is|are|has|have|had|with|to|for|helped|supported|built|invested|sent|held|"
                          r"signed|carried|implemented|arranged|allocated|donated|covering)\b|\bin\s+(?![A-Z])", re.IGNORECASE)
NONROAD = re.compile(r"\bpipe(?:s|lines?)?\b|\bcanals?\b|\bchannels?\b|\bditch(?:es)?\b|\bpower\s+lines?\b|"
                     r"\bcables?\b|\bfences?\b|\bdikes?\b|\bembankments?\b|\briver\w*|\bwater\s+(?:supply|conduit)",
                     re.IGNORECASE)
STUDY = re.compile(r"\bstud(?:y|ies|ying)\b|\blearn(?:ing)?\b|\bfurther\s+education\b|\btemporary\s+(?:post\s+)?training\b|"
                   r"进修|学习", re.IGNORECASE)
# "each village receiving 900,000 Yuan", "1,000 Yuan per person": a rate, not a sum
PER_UNIT_AFTER = re.compile(r"^\s*(?:yuan\s+)?(?:each|apiece|per\s+(?:person|capita|head|household|family|village|student|"
                            r"mu|year|month|day|pupil|school|project))\b|^\s*/\s*(?:person|mu|year)", re.IGNORECASE)
PER_UNIT_BEFORE = re.compile(r"\beach\s+(?:\w+\s+){0,3}?(?:receiv\w*|(?:was|were|is|being)\s+(?:allocated|given|granted|"
                             r"subsidi[sz]ed|provided\s+with)|got|gets|with|of)\s+(?:a\s+)?(?:subsidy\s+of\s+|"
                             r"(?:more\s+than|about|nearly|up\s+to)\s+)?$|\bat\s+a\s+(?:standard|rate)\s+of\s+$|"
                             r"\baverage\b[^,.;\d]{0,30}$",
                             re.IGNORECASE)
TWIN = re.compile(r"twinn|\bpair(?:ed|ing|s)?\b|one-to-one|\bcounterpart|结对", re.IGNORECASE)
COOP = re.compile(r"\binvest|\bcooperat|\beconomic|\btrade\b|\bcontract|\bsign(?:ed|ing)?\b|\bbusiness|\battract|"
                  r"\bmerchants?\b|\bintroduc|\bsettled\b|\brelocat|招商|签约|协作", re.IGNORECASE)
SUPPORT = re.compile(r"subsidi[sz]|sponsor|\bfund|\baid|support|\bhelp|scholarship|tuition|financ|assist|grant|"
                     r"资助|帮扶", re.IGNORECASE)
BUILD = re.compile(r"\bbuil[dt]|construct|\brebuil|renovat|reconstruct|\bset\s+up|establish|\bnew\b|\bhope\b|"
                   r"upgrad|expan|援建|新建|建设", re.IGNORECASE)
DONATE = re.compile(r"\bdonat|\bgave\b|\bgive\b|\bpresented\b|\bdistribut|\bcontribut|捐", re.IGNORECASE)
VISIT_VERB = re.compile(r"\bwent\b|\bgo\b|\bvisit|\bcame\b|\btrips?\b|\btravel|\bpaid\b|\bled\b|\bheaded\b|"
                        r"\bdelegation|\binspect|\bexchange", re.IGNORECASE)
ROAD = re.compile(r"\b(?:high)?roads?\b|\bhighways?\b|\bpaths?\b|\blanes?\b|\bstreets?\b|公路|道路", re.IGNORECASE)
FARMLAND = re.compile(r"farm\s*land|\bfields?\b|terrac|cropland|arable|\bland\b|农田", re.IGNORECASE)

# money: cue -> indicator; the cue nearest to the figure in its clause decides
MONEY_CUES = [
    ("social_donations", re.compile(r"\bdonat\w*|\bcontribut\w*|\braised\b|\bcharit\w*|\bsocial\s+(?:funds|"
                                    r"assistance|forces|circles|sectors)|\bin\s+kind\b|\bmaterials\b|\bgoods\b|"
                                    r"\bsponsor\w*|捐\w*", re.IGNORECASE)),
    ("enterprise_investment", re.compile(r"\b(?:funds?|capital)\s+(?:actually\s+)?(?:in\s+place|arrived)\b|\binvestments?\b|\bcontract\w*|\bcapital\b|\bprojects?\s+worth\b|"
                                         r"\bsigned\b|\battract\w*|\benterprises?\s+invest\w*|投资|签约", re.IGNORECASE)),
    ("labor_service_income", re.compile(r"\blabou?r(?:\s+service)?\s+income|\bincome\s+from\s+(?:labou?r|work)|"
                                        r"\bwages?\b|\bremittances?\b|劳务收入", re.IGNORECASE)),
    ("gov_aid_funds", re.compile(r"\b(?:financial|fiscal|government)\s+(?:aid|assistance|support|input)\b|"
                                 r"\b(?:aid|relief|assistance|financial|fiscal|special|poverty\s+alleviation|"
                                 r"anti-poverty|support|supporting|government)\s+funds?\b|\bfunds?\b|\ballocat\w*|"
                                 r"\bappropriat\w*|\barrang\w*|\bearmark\w*|\bsubsid\w*|\bgrants?\b|\binvested\b|"
                                 r"资金|拨付|援助|"
                                 # weak verbs: "Zhongshan District provided 1.5 million Yuan to X County"
                                 r"\bprovid(?:ed|es|ing)\b|\bsupported\b|\baided\b|\bassisted\b|\binjected\b|"
                                 r"\b(?:was|were|been)\s+used\b", re.IGNORECASE)),
    (None, re.compile(r"\bGDP\b|\boutput\s+value|\bsales\b|\brevenues?\b|\bturnover\b|\btrade\s+volume|\bper\s+capita|"
                      r"\btax(?:es)?\b|\bexport\s+value|\bloans?\b|\bprofits?\b|\bsavings\b|\bprices?\b|\bdisposable\b|"
                      r"\baverage\s+income|\bincome\s+per|\bsold\b|\bsell(?:ing|s)?\b|\bpurchas\w*|"
                      r"\bconsumption\b|\bagricultural\s+products\b|产值|销售|人均|消费", re.IGNORECASE)),
]
MONEY_ANY = re.compile("|".join(f"(?P<c{i}>{rx.pattern})" for i, (_, rx) in enumerate(MONEY_CUES)), re.IGNORECASE)
_CUE_OF_GROUP = {f"c{i}": ind for i, (ind, _) in enumerate(MONEY_CUES)}
_PRIORITY = {"social_donations": 0, "enterprise_investment": 1, "labor_service_income": 2, "gov_aid_funds": 3, None: 4}


def head_phrase(text: str, end: int, limit: int) -> str:
    """The words after a figure up to the first function word or punctuation (at most 9 words)."""
    return head_span(text, end, limit)[0]


def head_span(text: str, end: int, limit: int) -> tuple[str, int]:
    """head_phrase and the offset where its last counted word ends."""
    seg = text[end:min(limit, end + 140)]
    words: list[str] = []
    last = end
    quoted = False
    for m in _TOKEN.finditer(seg):
        w = m.group(0)
        if w[0].isdigit():
            break
        if w in ("“", '"') and not quoted:
            quoted = True  # 205 "whole village advancement" new villages: a programme's name, not the head
            continue
        if quoted:
            quoted = w not in ("”", '"')
            continue
        if _STOP.match(w):
            if w.lower() == "of" and (not words or _MEASURE.match(words[-1])):
                words.append(w)  # "mu of farmland", "a dozen of villages", "head of livestock"
                continue
            if w.lower() in ("and",):
                words.append(w)
                continue
            break
        words.append(w)
        if w.lower() not in ("and", "or", "&"):
            last = end + m.end()
        if len(words) >= 9:
            break
    return " ".join(words), last


NOUN_ANY = re.compile("|".join(f"(?P<{k}>\\b(?:{p})\\b)" for k, p in NOUNS), re.IGNORECASE)


def _head_noun(phrase: str) -> tuple[str | None, str]:
    """The counted noun that ends last in the phrase (its head)."""
    best, best_text, prev_end = None, "", 0
    for m in NOUN_ANY.finditer(phrase):
        if best is not None and re.search(r"\b[a-z]+ed\b", phrase[prev_end:m.start()]):
            break  # "68 enterprises entered the parks": the noun before the verb is the head
        best, best_text, prev_end = m.lastgroup, m.group(0), m.end()
    return best, best_text


def _aid_project_kinds(phrase: str) -> list[str]:
    kinds = []
    for kind, rx in (("entire_village_advancement", r"entire\s+village|whole\s+village|village\s+advancement"),
                     ("model_village", r"model\s+villages?|demonstration\s+villages?"),
                     ("industry", r"industr|agricultur|breeding|planting|tourism|products?"),
                     ("infrastructure", r"infrastructure|roads?|water|bridges?|housing"),
                     ("education", r"education|schools?"), ("health", r"health|medical|hospital")):
        if re.search(rx, phrase, re.IGNORECASE):
            kinds.append(kind)
    return kinds


def classify(text: str, q: Quantity, clause: tuple[int, int], sent: tuple[int, int],
             others: list[tuple[int, int]] | None = None, item: tuple[int, int] | None = None,
             clause_start: int | None = None, subject_place: bool = False) -> Reading | None:
    """The indicator (and dimensions) of figure q. clause is the run of list items that shares the figure's verb,
    item the figure's own item (items.py: its counted noun ends there); others are the spans of the sentence's
    other figures."""
    cs, ce = clause
    ss, se = sent
    ist, ie = item or clause
    ctext, stext = text[cs:ce], text[ss:se]
    if q.unit == "CNY":
        return _money(text, q, clause, sent, others, item or clause, cs if clause_start is None else clause_start,
                      subject_place)
    if q.unit in ("USD", "percent"):
        return None
    phrase = head_phrase(text, q.end, ie if ie > q.end else se)
    shared = re.match(r"\s*(?:and|or|to|,)\s+(?:(?:more\s+than|over|about|nearly)\s+)?\d[\d,.]*\s", text[q.end:q.end + 30])
    if shared and not phrase.replace("and", "").strip():  # "train 1,200 and 900 workers": the noun after the next figure
        phrase = head_phrase(text, q.end + shared.end(), se)
    before = text[max(cs, q.start - 200):q.start]
    own = text[max(ist, q.start - 60):q.start]  # the item's own words before the figure
    # the head noun may stand before the figure: "farmland of 12,400 mu", "rural highroads of 145 kilometers"
    noun_before = NOUN_OF.search(own)
    noun_before = noun_before.group(1) if noun_before else ""
    if q.unit == "km":
        if ROAD.search(phrase) or ROAD.search(noun_before):
            return Reading("roads_built_km")
        return Reading("roads_built_km") if ROAD.search(ctext) and not NONROAD.search(phrase + " " + noun_before) else None
    if q.unit in ("mu", "ha"):
        if not FARMLAND.search(phrase) and not FARMLAND.search(noun_before):
            return None
        return Reading("farmland_mu", value=q.value * 15 if q.unit == "ha" else None)
    if q.unit == "times":
        return Reading("exchange_visits") if VISIT_VERB.search(before + " " + phrase) else None
    key, noun = _head_noun(phrase)
    if q.value == 1 and key in (None, "village", "town", "county"):  # "1 village primary school": the singular
        m = re.match(r"(?:\w+\s+){0,3}?(?:(?P<school>school|kindergarten)|(?P<health>hospital|clinic|health\s+(?:center|"
                     r"centre|station)|nursing\s+home))\b", phrase, re.IGNORECASE)
        if m:
            key, noun = m.lastgroup, m.group(m.lastgroup)
    if q.words and re.match(r"(?:places|sides|parties)\b", phrase, re.IGNORECASE):
        return None  # "the two places exchanged visits": who, not how many
    if key in ("town", "village", "enterprise", "unit", "school", "health", "county") and q.unit is None and not \
            re.search(r"\b(?:with|for|to)\s+(?:the\s+|their\s+)?(?:more\s+than\s+|over\s+|about\s+)?$", own, re.IGNORECASE):
        twin = _twin_subject(text, q.end, se)
        if twin is not None:
            return Reading("twinned_units") if twin else None
    if re.match(r"batch(?:es)?\s+of\s+(?:[\w’'-]+\s+){0,3}?(?:visitors|delegations|delegates|guests|inspection|study|"
                r"investigation)", phrase, re.IGNORECASE):
        return Reading("exchange_visits")  # "10 batches of return visitors": a batch is a visit
    if q.unit == "person-times" or key in ("people", "cadre", "labor", "professional", "trainee"):
        act = _activity(own)
        if act is not None:
            return act
    if q.unit == "person-times":
        if VISIT_VERB.search(ctext) and not TRAIN.search(ctext):
            return Reading("exchange_visits")
        return Reading("trainees", _audience(stext)) if TRAIN.search(stext) else None
    if key is None or (re.match(r"(?:types?|kinds?|categories|sorts?|aspects?|rounds?|batch(?:es)?|groups?)\s+of\b",
                               phrase, re.IGNORECASE) and key not in ("visit", "people", "cadre", "trainee", "labor")):
        return None
    if q.year_like and not phrase.lower().startswith(noun.lower().split()[0]):
        return None
    if q.unit == "person-times" and key is None:
        key = "people"
    return _count(key, noun, phrase, before, ctext, stext, q, text[q.end:ce], text[max(ss, q.start - 150):q.start], own)


NOUN_OF = re.compile(r"((?:[A-Za-z][\w\-]*\s+){1,3}?)(?:of|with|totall?ing|amounting\s+to)\s+(?:(?:more\s+than|over|about|"
                     r"nearly|some|around|almost|approximately)\s+)?$", re.IGNORECASE)
# "<activity> for N person-times": the activity noun before "for" decides
_ACTIVITY_FOR = re.compile(r"((?:[A-Za-z][\w\-]*\s+){1,4}?)for\s+(?:(?:more\s+than|over|about|nearly|some|around|almost|"
                           r"approximately|a\s+total\s+of)\s+)?$", re.IGNORECASE)
_ACTIVITIES = [
    ("cadres_exchanged", re.compile(r"\bcadres?\b[\w\s-]*\b(?:exchang|second|post)|\b(?:hang|temporary)\w*\s+posts?", re.IGNORECASE)),
    ("trainees", TRAIN),
    ("labor_transferred", re.compile(r"\blabou?r\s+(?:export|transfer|output|service)|\bexport\w*\s+of\s+labou?r|"
                                     r"\btransfer\w*|\bjobs?\b|\bemployment\b", re.IGNORECASE)),
    ("exchange_visits", re.compile(r"\bvisits?\b|\bexchanges?\b|\btours?\b|\btrips?\b", re.IGNORECASE)),
]


def _activity(own: str) -> Reading | None:
    m = _ACTIVITY_FOR.search(own)
    if not m:
        return None
    for ind, rx in _ACTIVITIES:
        if rx.search(m.group(1)):
            return Reading(ind, _audience(m.group(1)) if ind == "trainees" else {})
    return None


def _twin_subject(text: str, end: int, se: int) -> bool | None:
    """True when the units counted are the subject of a twinning predicate ("471 schools ... established pairing
    relationships"); False when the predicate's object is counted as well (that figure is the one kept, as in
    "6 districts formed pairs with the 8 counties"); None when the figure is not such a subject."""
    after = text[end:min(se, end + 220)]
    m = TWIN_PRED.search(after)
    if not m or _NOT_SUBJECT.search(after[:m.start()]):
        return None
    obj = after[m.end():m.end() + 40]
    return not re.match(r"\s*(?:with\s+|to\s+)?(?:the\s+|their\s+)?(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|" r"eleven|twelve|twenty|thirty|forty|fifty)\b)", obj, re.IGNORECASE)


def _count(key, noun, phrase, before, ctext, stext, q, after="", sbefore="", own=None) -> Reading | None:
    own = before if own is None else own
    if key == "town":
        return Reading("townships_villages_covered")
    if key == "project":
        if (COOP.search(phrase) or re.search(r"\bsign|\bcontract|\bnegotiat|招商|签约", before, re.IGNORECASE)
                or re.search(r"^\s*(?:\w+\s+){0,3}?worth\b|"
                             r"\b(?:were|was|been)\s+(?:signed|contracted)\b", after, re.IGNORECASE)):
            return Reading("cooperation_projects")
        kinds = _aid_project_kinds(phrase)
        return Reading("aid_projects", {"kind": kinds} if kinds else {})
    if key == "village":
        if re.search(r"\b(?:in|across|covering|covered|cover|covers|at)\s+(?:the\s+)?"
                     r"(?:(?:more\s+than|over|about|nearly|some|around|up\s+to|a)\s+)?$", own, re.IGNORECASE) or \
                re.search(r"\bcover(?:ing|ed|s)?\s+(?:[\d,.]+\s+[a-z]+(?:\s+\([a-z]+\))?,?\s+(?:and\s+)?){1,6}$",
                          sbefore, re.IGNORECASE):
            return Reading("townships_villages_covered")  # also the last items of "covering 14 counties, 48 ..."
        return Reading("villages_supported")
    if key in ("county", "unit"):
        if re.search(r"\b(?:in|across|of|from)\s+(?:the\s+)?(?:more\s+than\s+|over\s+|about\s+)?$", own, re.IGNORECASE):
            return Reading("counties_covered") if key == "county" else None  # "in 4 prefectures": where, not pairs
        if TWIN.search(ctext) and not re.search(r"\bfor\s+(?:the\s+)?(?:\w+\s+){0,2}$", own, re.IGNORECASE):
            return Reading("twinned_units")
        return Reading("counties_covered") if key == "county" else None
    if key == "pair":
        return Reading("twinned_units") if TWIN.search(phrase + " " + ctext) else None
    if key == "course":
        return Reading("training_courses") if TRAIN.search(phrase + " " + ctext) else None
    if key == "visit":
        if re.search(r"\bbatch", noun, re.IGNORECASE) and not (VISIT_VERB.search(phrase + " " + ctext)):
            return None
        return Reading("exchange_visits")
    if key == "student":
        if re.search(r"\bbenefit\w*\s+(?:\w+\s+)?$", own, re.IGNORECASE):
            return Reading("beneficiaries")  # "benefiting 5,600 students": of a school built
        return Reading("students_supported") if SUPPORT.search(ctext) or SUPPORT.search(stext) else None
    if key == "school":
        return Reading("schools_built") if BUILD.search(ctext) else None  # the run's verb, before or after
    if key == "health":
        return Reading("health_facilities_built") if BUILD.search(ctext) else None
    if key == "enterprise":
        coop = COOP.search(ctext) or re.search(r"\bset\s+up|\bestablish|\bopened|\bbuilt\b|\bmoved\b|\bentered\b|"
                                               r"\bsettled\b|\blocated\b|落户|入驻",
                                               ctext, re.IGNORECASE)
        return Reading("cooperating_enterprises") if coop and not DONATE.search(ctext) else None
    if key == "park":
        return Reading("industrial_parks") if re.search(r"industr|economic|cooperation|agricultur|"
                                                        r"science|technolog", phrase, re.IGNORECASE) else None
    if key == "livestock":
        return Reading("drinking_water_livestock") if WATER.search(stext) else None
    if key == "beneficiary":
        return Reading("beneficiaries")
    if key == "item":
        return Reading("donated_items", {"item": noun.lower()}) if DONATE.search(stext) else None
    if key == "household":
        return None
    if key == "trainee":
        return Reading("trainees", _audience(phrase + " " + ctext))
    if key == "labor":
        if TRAIN.search(ctext):
            return Reading("trainees", {"audience": "workers"})
        return Reading("labor_transferred")
    if key == "cadre":
        if re.search(r"\btemporary\b|\bposts?\b|\bpositions\b|\bhang\w*|挂职", ctext, re.IGNORECASE) and re.search(
                r"\bsen[dt]|dispatch|second|select|assign|receiv|accept|挂职|派", ctext, re.IGNORECASE):
            return Reading("cadres_exchanged")  # "sent 30 cadres for hanging posts and training": seconded
        if TRAIN.search(ctext):
            return Reading("trainees", {"audience": "cadres"})
        if re.search(r"\bsen[dt]|dispatch|second|exchang|select|assign|temporary|post|to\s+work|"
                     r"挂职|派", ctext, re.IGNORECASE):
            return Reading("cadres_exchanged")
        return None
    if key == "professional":
        if STUDY.search(after) or (STUDY.search(ctext) and re.search(r"\baccept|\breceiv", ctext, re.IGNORECASE)):
            return Reading("trainees", _audience(noun))  # "sent 120 technicians to the donor city for study": they learn
        if TRAIN.search(ctext) and not re.search(r"\bsen[dt]|dispatch|select", ctext, re.IGNORECASE):
            return Reading("trainees", _audience(noun))
        return Reading("professionals_sent", {"role": noun.lower()})
    # people
    m = re.search(r"\b(medical|teaching|expert|technical|volunteer|agricultural)\w*\s+(?:service\s+)?(?:team|group)\s+"
                  r"(?:of|with|composed\s+of|consisting\s+of)\s+$", own, re.IGNORECASE)
    if m:
        return Reading("professionals_sent", {"role": m.group(1).lower()})  # "a medical team of 18 people"
    if WATER.search(ctext):
        return Reading("drinking_water_people")
    if TRAIN.search(ctext) and not (EVENT.search(ctext) and not re.search(r"\btrain", ctext, re.IGNORECASE)):
        return Reading("trainees", _audience(stext))
    if re.search(r"\bmembers?\b", noun, re.IGNORECASE) or DELEG.search(own):
        return Reading("delegation_members") if DELEG.search(stext) else None
    if EVENT.search(ctext) and ATTEND.search(ctext):
        return Reading("event_participants")
    if EMPLOY.search(phrase + " " + ctext):
        return Reading("labor_transferred")
    if BENEFIT.search(ctext):
        return Reading("beneficiaries")
    return None


def _audience(text: str) -> dict:
    for aud, rx in (("cadres", (r"cadre|official|poverty\s+alleviation\s+(?:department|office)|civil\s+servant|"
                               r"leader|干部")),
                    ("teachers", r"teacher|principal"), ("medical_staff", r"doctor|medical|nurse|health\s+worker"),
                    ("technicians", r"technician|technical|agricultur"),
                    ("workers", r"worker|labou?r|migrant|vocational|skill"), ("farmers", r"farmer|villager|herdsm")):
        if re.search(rx, text, re.IGNORECASE):
            return {"audience": aud}
    return {}


_AID_INVESTMENT = re.compile(r"\bprojects?\s+with\s+(?:an?\s+)?(?:total\s+)?investments?\s+of\s+(?:(?:more\s+than|over|about|"
                             r"nearly|some)\s+)?$", re.IGNORECASE)
_LABOUR_INCOME = re.compile(r"\b(?:earn\w*|(?:net\s+)?incomes?|remitt\w*|sent\s+home)\b[^,;.]{0,40}$", re.IGNORECASE)
_WORKERS = re.compile(r"\bworkers?\b|\blabou?r\w*|\bmigrant|\btransferred\b|\bemploy\w*|\bjobs?\b", re.IGNORECASE)


def _money(text: str, q: Quantity, clause, sent, others=None, item=None, clause_start=None,
           subject_place=False) -> Reading | None:
    cs, ce = clause
    ss, se = sent
    ist, ie = item or clause
    if PER_UNIT_AFTER.match(text[q.end:q.end + 30]) or PER_UNIT_BEFORE.search(text[max(ss, q.start - 60):q.start]):
        return None
    best = None
    for lo, hi in ((cs, ce), (ss, se)):
        # cues farther than a few clauses away never win on distance: the window keeps long sentences cheap
        for m in MONEY_ANY.finditer(text, max(lo, q.start - 240), min(hi, q.end + 160)):
            ind = _CUE_OF_GROUP[m.lastgroup]
            if True:
                a, b = m.start(), m.end()
                dist = q.start - b if b <= q.start else a - q.end if a >= q.end else 0
                dist = max(dist, 0)
                if a >= q.end:
                    dist += 8  # cues before the figure ("donated 5 million", "investment of") weigh more
                cand = (dist, _PRIORITY[ind], ind)
                if best is None or cand < best:
                    best = cand
        if best is not None:
            break
    before = text[max(ss, q.start - 40):q.start]
    if (re.search(r"\bworth\s+$", before, re.IGNORECASE)
            and not re.search(r"\bprojects?\s+worth\s+$", before, re.IGNORECASE) and DONATE.search(text[ss:se])):
        return Reading("social_donations", {"form": "in_kind"})
    head = text[max(ist, q.start - 80):q.start]
    if _LABOUR_INCOME.search(head) and _WORKERS.search(text[ss:q.start]) and not re.search(
            r"\bper\s+capita|\baverage|\bper\s+(?:person|household)|\bhousehold", head, re.IGNORECASE):
        return Reading("labor_service_income")  # "the transferred workers earned a net income of 312 million Yuan"
    near_block = best is not None and best[2] in (None, "labor_service_income") and best[0] <= 20
    if not near_block:
        if _AID_INVESTMENT.search(head) and not COOP_BEFORE.search(text[max(ss, q.start - 200):q.start]):
            kind = "gov_aid_funds"  # "implemented 118 projects with investment of ...": aid projects, not enterprises
        else:
            kind, _ = money_kind(text, q.start, q.end, ist, ie, cs if clause_start is None else clause_start,
                                 subject_place)
        if kind and kind != "mixed":
            best = (0, 0, kind)
    if best is None:
        return None
    ind = best[2]
    if ind is None:
        return None
    ctext = text[cs:ce]
    dims: dict = {}
    if ind == "social_donations":
        dims["form"] = "in_kind" if re.search(r"\bin\s+kind\b|\bmaterials\b|\bgoods\b|\bworth\b|物资", ctext, re.IGNORECASE) \
            else "cash"
    elif ind == "gov_aid_funds":
        lvl = _source_level(text, q, cs, ce, others or [])
        if lvl:
            dims["source_level"] = lvl
        if re.search(r"\bincreas\w*\b[^.;]*\bby\s+$|\badditional\b|\badded\b|\bsupplementar|\bextra\b|追加|新增",
                     text[max(ss, q.start - 90):q.start], re.IGNORECASE):
            dims["kind"] = "supplementary"
        elif re.search(r"\bmatching\b|配套", ctext, re.IGNORECASE):
            dims["kind"] = "matching"
        purpose = _purpose(text[q.end:min(se, q.end + 160)])
        if purpose:
            dims["purpose"] = purpose
    return Reading(ind, dims)


_LEVEL_CUES = [
    ("province", re.compile(r"\bprovinc(?:e|ial)[\s-]*(?:level|government|finance|financ)|\bprovincial\b|省级|省财政", re.IGNORECASE)),
    ("county", re.compile(r"\b(?:county|district)[\s-]*level|\b(?:county|district)\s+(?:government|finance|financ)|"
                          r"区级|县级", re.IGNORECASE)),
    ("prefecture", re.compile(r"\bmunicipal\b|\bcity[\s-]*(?:level|government|finance|financ)|"
                              r"\bprefecture[\s-]*level|市级|市财政", re.IGNORECASE)),
]


def _source_level(text: str, q: Quantity, lo: int, hi: int, others: list[tuple[int, int]]) -> str | None:
    """The level word nearest the figure, not crossing another figure."""
    lo = max(lo, max((e for s, e in others if e <= q.start), default=lo))
    hi = min(hi, min((s for s, e in others if s >= q.end), default=hi))
    best = None
    for level, rx in _LEVEL_CUES:
        for m in rx.finditer(text, max(lo, q.start - 80), min(hi, q.end + 60)):
            if m.start() >= q.end and not re.fullmatch(r"[^,;]*?\b(?:from|by)\s+(?:the\s+)?", text[q.end:m.start()]):
                continue  # "13 million yuan and district-level funds of ...": that level is the next figure's
            dist = q.start - m.end() if m.end() <= q.start else m.start() - q.end
            if best is None or dist < best[0]:
                best = (max(dist, 0), level)
    return best[1] if best else None


_PURPOSES = [
    ("model villages", r"model\s+villages?"), ("entire village advancement", r"entire\s+village"),
    ("drinking water", r"drinking[\s-]+water"), ("disaster relief", r"disaster|drought|flood|earthquake"),
    ("education", r"educat|schools?|students?"), ("health", r"health|medical|hospitals?"),
    ("infrastructure", r"infrastructure|roads?"), ("industry", r"industr|agricultur|breeding|planting"),
    ("training", r"train"), ("housing", r"housing|relocat|dilapidated"),
]


def _purpose(after: str) -> str | None:
    m = re.match(r"[^.;]*?\b(?:for|to\s+support|to\s+help|to\s+build|to\s+fund|used\s+(?:for|in)|in\s+support\s+of)\b"
                 r"([^.;]{0,120})", after, re.IGNORECASE)
    if not m:
        return None
    for name, rx in _PURPOSES:
        if re.search(rx, m.group(1), re.IGNORECASE):
            return name
    return None
