"""Figures in Chinese text: 3559万元, 2亿余元, 1.6万亿元, 近1.9万亩, 10万左右, 一千六百四十万元, 两期, 12萬人次.

``find_quantities(t, start, end)`` works on the simplified working text (see text.py) and returns every
figure with its value in base units, its qualifier and its measure word (元, 个, 家, 名, 人次, 批, 期,
亩, 公里 ...). Dates, ordinals (第三), vague amounts (数十亿), rates (县均, 每村), percentages, phone
numbers and names in quotation marks are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SCALES = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "十万": Decimal(10) ** 5,
          "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000), "百": Decimal(100)}

# measure words and units, longest first; those that never carry a catalogue figure are still listed so
# that the figure is recognised (and dropped) rather than read with the next word
MEASURES = ["万元", "亿元", "美元", "元", "平方公里", "公里", "千米", "平方米", "立方米", "米", "亩", "人次", "人", "名", "位", "个", "家", "所", "座", "项", "户", "村", "县", "乡镇", "镇", "乡", "批次", "批", "期", "次", "场", "台", "套", "件", "辆", "吨", "头", "只", "条", "种", "类", "例", "对", "支", "间", "处", "栋", "份", "倍", "口", "眼", "届", "年", "月", "日", "号", "岁", "天", "小时", "周年", "%", "％", "万", "亿"]
_MEASURE = "|".join(sorted({re.escape(m) for m in MEASURES}, key=len, reverse=True))
_SCALE = "万亿|千万|百万|十万|亿|万|千"
DIGITS_RE = re.compile(
    r"(?<![\d.\-/:@A-Za-z_#])(?P<num>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
    r"\s?(?P<more>多|余)?\s?(?P<scale>" + _SCALE + r")?(?P<more2>多|余)?\s?(?P<unit>" + _MEASURE + r")?")
CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_RE = re.compile(r"(?P<num>[零一二两三四五六七八九十百千万亿]+)(?P<more>多|余)?"
                   r"(?P<unit>万元|亿元|元|人次|个|家|名|人|位|批次|批|期|所|座|项|次|户|村|亩|公里|场|台|套|件)")
_NOT_BEFORE_CN = re.compile(r"[第数几每周统唯之万千星礼初]$")
_AT_LEAST_BEFORE = re.compile(r"(?:超过|超出|超|逾|多达|高达|不少于|不低于|至少|突破)\s?$")
_APPROX_BEFORE = re.compile(r"(?:将近|接近|大约|约为|约|近|大概|预计)\s?$")
_AT_MOST_BEFORE = re.compile(r"(?:不到|不足|不超过|少于|最多)\s?$")
_AFTER = re.compile(r"\s?(?P<q>以上|左右|上下|许|余|多)")
PER_UNIT_BEFORE = re.compile(r"(?:[县村户人乡镇校]均|平均|每|单个)[^\d，,。；;、]{0,8}$")
SKIP_UNITS = frozenset(["年", "月", "日", "号", "岁", "天", "小时", "周年", "%", "％", "届", "倍"])


@dataclass
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: str | None  # "CNY", "km", "mu" or the measure word itself (个, 名, 人次 ...), None if bare
    qualifier: str = "exact"
    text: str = ""
    scaled: bool = False


def cn_value(s: str) -> Decimal | None:
    """一千六百四十万 -> 16400000, 两 -> 2, 十二 -> 12 (cn2an where installed, else a small parser)."""
    try:
        import cn2an  # maintained Chinese-numeral converter; imported on first use (it takes 0.2 s)

        return Decimal(str(cn2an.cn2an(s, "strict")))
    except Exception:  # noqa: BLE001, S110 - cn2an raises assorted errors on malformed numerals: parse it here
        pass
    total, section, num = Decimal(0), Decimal(0), None
    for ch in s:
        if ch in CN_DIGIT:
            num = Decimal(CN_DIGIT[ch])
        elif ch in "十百千":
            mult = {"十": 10, "百": 100, "千": 1000}[ch]
            section += (num if num is not None else 1) * mult
            num = None
        elif ch in "万亿":
            section += num or 0
            total = (total + section) * (10000 if ch == "万" else 10 ** 8)
            section, num = Decimal(0), None
        else:
            return None
    return total + section + (num or 0)


def _qualifier(t: str, qs: int, end: int, more: bool) -> str:
    before = t[max(0, qs - 6):qs]
    if _AT_LEAST_BEFORE.search(before):
        return "at_least"
    if _AT_MOST_BEFORE.search(before):
        return "at_most"
    if _APPROX_BEFORE.search(before):
        return "approx"
    if more:
        return "at_least"
    m = _AFTER.match(t, end)
    if m:
        return "approx" if m.group("q") in ("左右", "上下", "许") else "at_least"
    return "exact"


def _quoted(t: str, pos: int, lo: int) -> bool:
    """Inside a short quotation (“十万游客进山村”, “千村千品”): a name, not a figure."""
    open_ = t.rfind("“", max(lo, pos - 20), pos)
    if open_ < 0:
        return False
    close = t.find("”", open_, pos)
    if close >= 0:
        return False
    nxt = t.find("”", pos, pos + 20)
    return nxt >= 0


def _unit_code(u: str | None, scaled: bool) -> str | None:
    if u in ("元", "万元", "亿元"):
        return "CNY"
    if u in ("公里", "千米"):
        return "km"
    if u == "米":
        return "m"
    if u == "亩":
        return "mu"
    if u in ("万", "亿"):
        return None
    return u


def find_quantities(t: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    end = len(t) if end is None else end
    out: list[Quantity] = []
    for m in DIGITS_RE.finditer(t, start, end):
        unit, scale = m.group("unit"), m.group("scale")
        if unit in ("万", "亿") and not scale:  # "12万人" read as 12 + 万 unit: the scale
            scale, unit = unit, None
            rest = re.match(r"(多|余)?(" + _MEASURE + r")?", t[m.end():m.end() + 4])
            mend = m.end() + (rest.end() if rest else 0)
            unit = rest.group(2) if rest else None
            more2 = bool(rest and rest.group(1))
        else:
            mend, more2 = m.end(), bool(m.group("more2"))
        if unit in SKIP_UNITS or (unit is None and not scale):
            continue  # years, dates, ages, percentages, multiples, bare numbers (codes, page furniture)
        s = m.start("num")
        before = t[max(start, s - 12):s]
        if before.endswith("第") or PER_UNIT_BEFORE.search(before) or _quoted(t, s, start):
            continue
        if re.match(r"[-—–~～至到]\s?\d|/\d|:\d", t[mend:mend + 2]) or re.search(r"\d[-—–~～/]$", before) or (
                unit is None and re.match(r"\d", t[mend:mend + 1])):
            continue  # ranges, fractions, phone numbers
        raw = m.group("num").replace(",", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        if scale:
            value *= SCALES[scale]
        if unit == "米":
            value /= 1000
        qual = _qualifier(t, s, mend, bool(m.group("more")) or more2)
        q_end = mend
        code = _unit_code(unit, bool(scale))
        if code == "m":
            code = "km"
        out.append(Quantity(s, q_end, value, code, qual, t[s:q_end], bool(scale)))
    taken = [(q.start, q.end) for q in out]
    for m in CN_RE.finditer(t, start, end):
        s = m.start()
        if any(a <= s < b for a, b in taken):
            continue
        if _NOT_BEFORE_CN.search(t[max(0, s - 1):s]) or _quoted(t, s, start):
            continue
        value = cn_value(m.group("num"))
        if value is None or value < 2:
            continue  # "一批", "一个": an article, not a count
        unit = m.group("unit")
        if unit in ("万元", "亿元"):
            value *= SCALES[unit[0]]
        out.append(Quantity(s, m.end(), value, _unit_code(unit, False), _qualifier(t, s, m.end(), bool(m.group("more"))),
                            t[s:m.end()], False))
    out.sort(key=lambda q: q.start)
    return out
