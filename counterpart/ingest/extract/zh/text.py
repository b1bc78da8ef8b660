"""Chinese report text: one script, page furniture, title, datelines, sentences, clauses and list items.

Everything here keeps offsets: the working text has exactly the length of the document's text, so
a span found in it is a span of the document (evidence quotes the document as written).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

CJK = r"\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")
_LATIN_RE = re.compile(r"[A-Za-z]")

# Full-width ASCII (０-９, ，, ：, （ ...) and the ideographic space, one character each way.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
# Characters opencc leaves alone but that scan worse than their ordinary forms.
_WIDTH.update({ord("〇"): ord("零"), ord("—"): ord("—")})


def is_chinese(text: str) -> bool:
    """A report written in Chinese: Han characters outnumber Latin letters by word weight."""
    sample = text[:20000]
    han = len(_CJK_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    return han >= 4 and han * 3 >= latin


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc  # opencc wheel: the maintained OpenCC dictionaries, C++ speed (~0.2 ms per 8 KB)
    except ImportError:  # pragma: no cover - a pinned dependency; without it traditional text is scanned as is
        return None
    return opencc.OpenCC("t2s")


_TRAD_HINT = re.compile("[們這個區縣鄉鎮幫貧資產萬億會發對項協農業務從與書經濟總區際實當來為東國]")


def simplified(text: str) -> str:
    """The text in simplified script, character for character (offsets unchanged)."""
    text = text.translate(_WIDTH)
    if not _TRAD_HINT.search(text[:20000]):
        return text
    conv = _t2s()
    if conv is None:
        return text
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    # a phrase rule changed the length somewhere: convert line by line, keeping what is safe
    parts = []
    for line in text.split("\n"):
        c = conv.convert(line)
        parts.append(c if len(c) == len(line) else "".join(
            (x if len(x := conv.convert(ch)) == 1 else ch) for ch in line))
    return "\n".join(parts)


# ---------------------------------------------------------------------------------- furniture

FURNITURE = re.compile(
    r"关键词|当前位置|责任编辑|编辑[:：]|我要纠错|扫一扫|手机打开|字号[:：]|打印|来源[:：]|作者[:：]|"
    r"上一篇|下一篇|分享到|相关新闻|相关阅读|相关链接|版权所有|未经许可|ICP|公网安备|举报|客户端|"
    r"首页\s*[>›»]|网站地图|联系我们|设为首页|加入收藏|浏览次数|点击[数率量]|阅读[数量][:：]|"
    r"^\s*[\[【(（]?(?:责任编辑|编辑|校对|审核|记者)[^,，。]{0,20}[\]】)）]?\s*$|"
    r"^\s*□|copyright|all\s+rights\s+reserved|^\s*https?://|@\w+\.\w+",
    re.IGNORECASE,
)
DATE_LINE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})")
SOURCE_RE = re.compile(r"来源[:：]\s*([^\s|/]{2,20})")


def is_furniture(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if not _CJK_RE.search(s):
        return True  # "EN", addresses, telephone numbers, e-mail, a bare date
    cjk = len(_CJK_RE.findall(s))
    if cjk <= 5 and not re.search(r"[,，。;；]", s):
        return True  # a site's name, a menu entry
    if len(s) < 200 and FURNITURE.search(s):
        return True
    # a date-and-time line ("2019年12月12日 10:40:01")
    return bool(len(s) < 60 and DATE_LINE.search(s) and re.search(r"\d\d:\d\d", s))


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Sentence(Span):
    clauses: list[Span] = field(default_factory=list)


@dataclass
class Paragraph(Span):
    sentences: list[Sentence] = field(default_factory=list)


def lines(text: str):
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        while stop - pos > 20000:  # a 2 MB "line": scan it in pieces cut after a sentence end
            cut = pos + 20000
            ends = list(re.finditer(r"[。；;！？!?]", text[cut - 2000:cut]))
            m = ends[-1] if ends else None  # the last sentence end
            if m is not None:
                cut = cut - 2000 + m.end()
            yield pos, cut
            pos = cut
        yield pos, stop
        pos = stop + 1


def find_title(text: str) -> Span | None:
    """The headline: the first short line without a sentence end, before the first paragraph of prose."""
    for start, end in itertools_lines(text, 12):
        s = text[start:end]
        if is_furniture(s):
            continue
        body = s.strip()
        if len(body) > 48 or re.search(r"[。；;！？]|[,，].*[,，]", body):
            return None
        lead = len(s) - len(s.lstrip())
        return Span(start + lead, start + lead + len(body))
    return None


def itertools_lines(text: str, limit: int):
    for i, (s, e) in enumerate(lines(text)):
        if i >= limit:
            return
        yield s, e


# "本报百色讯", "本报北京11月27日电", "新华社天津7月17日电", "人民网昆明8月6日电": where and when it was filed
DATELINE = re.compile(
    rf"(?:本报|本刊|新华社|新华网|人民网|中新网|中新社|央视网|光明网|[{CJK}]{{2,6}}网|[{CJK}]{{2,4}}(?:日报|晚报|电视台))"
    rf"(?P<place>[{CJK}]{{0,8}}?)(?:(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日电|讯|电)"
    r"(?:\s*[(（][^)）\n]{0,30}[)）])?")


def datelines(text: str) -> list[re.Match]:
    return [m for m in DATELINE.finditer(text[:5000])]


_SENT_END = re.compile(r"[。！？!?；;]+[”’\"')）]*|\n")
# a single space is untidy typing ("资金 1.85亿元"); two or more separate headings and menu entries
_CLAUSE_SEP = re.compile(rf"[，：:]|,(?!\d{{3}}(?!\d))|(?<=[{CJK}”）)])\s{{2,}}(?=[{CJK}“（(])")
HEADING = re.compile(r"【[^】\n]{1,30}】")


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    out, pos = [], start
    for m in _SENT_END.finditer(text, start, end):
        _add(text, out, pos, m.end())
        pos = m.end()
    _add(text, out, pos, end)
    return out


def _add(text, out, s, e):
    while s < e and text[s] in " \t\r\n\u3000":
        s += 1
    while e > s and text[e - 1] in " \t\r\n\u3000":
        e -= 1
    if e - s < 2:
        return
    out.append(Sentence(s, e, split_clauses(text, s, e)))


def split_clauses(text: str, start: int, end: int) -> list[Span]:
    out, pos, depth = [], start, 0
    for m in _CLAUSE_SEP.finditer(text, start, end):
        # a comma inside brackets ("县(市、区)") does not end a clause
        seg = text[pos:m.start()]
        depth += seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）")
        if depth > 0:
            continue
        depth = 0
        if m.start() > pos:
            out.append(Span(pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append(Span(pos, end))
    return out


def items(text: str, start: int, end: int) -> list[Span]:
    """List items of a clause, cut at 、 outside brackets ("引进企业15家、投资8.2亿元")."""
    out, pos, depth = [], start, 0
    for i in range(start, end):
        ch = text[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            out.append(Span(pos, i))
            pos = i + 1
    out.append(Span(pos, end))
    return out


def paragraphs(text: str, skip: Span | None = None, masks: list[tuple[int, int]] = ()) -> list[Paragraph]:
    out = []
    for start, end in lines(text):
        if skip and start <= skip.start < end:
            start = max(start, skip.end)
        line = text[start:end]
        if is_furniture(line):
            continue
        for a, b in masks:  # a dateline at the head of the paragraph is not part of its first sentence
            if start <= a < end and not text[start:a].strip():
                start = b
        m = HEADING.match(text, start + len(text[start:end]) - len(text[start:end].lstrip()))
        if m:
            start = m.end()
        out.append(Paragraph(start, end, split_sentences(text, start, end)))
    return out
