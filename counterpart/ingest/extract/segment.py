"""Splitting a report into title, paragraphs, sentences and clauses, keeping offsets.

Page furniture (download prompts, addresses, copyright and ICP lines, navigation
crumbs) is recognised line by line and left out of the paragraphs; offsets
always index the full text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

FURNITURE = re.compile(
    r"扫描|下载|客户端|版权所有|未经许可|ICP备|ICP证|公网安备|地址[:：]|邮编|电话[:：]|传真|电子邮[件箱]|"
    r"copyright|all\s+rights\s+reserved|©|\bicp\b|scan\s+(?:the\s+)?qr|download\s+(?:the\s+)?app|"
    r"^\s*(?:home|首页)\s*[>›»/|]|^\s*(?:tel|fax|e-?mail|address|add|post\s*code|zip)\s*[:：]|"
    r"^\s*(?:share|print|close|back|return|top|previous|next|分享|打印|关闭|返回|上一篇|下一篇)\s*(?:[:：|]|$)|"
    r"^\s*(?:source|来源|editor|责任编辑|作者|author|发布时间|浏览次数|views?)\s*[:：]",
    re.IGNORECASE,
)
HEADING = re.compile(r"【([^】\n]{1,60})】|\[([^\]\n]{1,60})\]")
MAX_LINE = 20000  # longer "lines" (minified junk, a 10 MB paragraph) are cut into pieces for scanning


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Sentence(Span):
    clauses: list[Span] = field(default_factory=list)


@dataclass
class Paragraph(Span):
    heading: str = ""
    sentences: list[Sentence] = field(default_factory=list)


def is_furniture(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    return bool(FURNITURE.search(s[:300]) and len(s) < 300)


def lines(text: str):
    """(start, end) of each line, without the newline; overly long lines come in pieces."""
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        while stop - pos > MAX_LINE:
            cut = pos + MAX_LINE
            # cut after a sentence end if there is one in the last 2,000 characters
            ends = list(re.finditer(r"[.。;；!?！？]\s", text[cut - 2000:cut]))
            m = ends[-1] if ends else None  # the last sentence end
            if m is not None:
                cut = cut - 2000 + m.end()
            yield pos, cut
            pos = cut
        yield pos, stop
        pos = stop + 1


def find_title(text: str) -> Span | None:
    """The first non-empty line if it reads like a title (short, no sentence end)."""
    for start, end in lines(text):
        s = text[start:end]
        if not s.strip():
            continue
        if len(s.strip()) > 160 or is_furniture(s) or re.search(r"[.。;；]\s*$", s.strip()):
            return None
        lead = len(s) - len(s.lstrip())
        return Span(start + lead, start + len(s.rstrip()))
    return None


_ABBREV = re.compile(r"(?:\b(?:co|ltd|no|nos|mr|mrs|ms|dr|st|inc|corp|jan|feb|mar|apr|jun|jul|aug|sep|sept|"
                     r"oct|nov|dec|vs|approx|dept|govt|e\.g|i\.e|u\.s|p\.r|ave|fig|vol|prof|gen)|\b[A-Z])$", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?;。！？；]+[\"'”’)）]*(?=\s|$|[\"“‘A-Z\u4e00-\u9fff【])")
_CLAUSE_SEP = re.compile(r",\s|，|:\s|：|\s[-–—]{1,2}\s")


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    out, pos = [], start
    for m in _SENT_END.finditer(text, start, end):
        mark = text[m.start()]
        if mark == "." and _ABBREV.search(text[max(pos, m.start() - 6):m.start()]):
            nxt = text[m.end():m.end() + 12].lstrip()
            company_end = re.search(r"(?:ltd|inc|corp)$", text[max(pos, m.start() - 4):m.start()], re.IGNORECASE)
            if not (company_end and nxt[:1].isupper()):
                continue
        if mark == "." and re.search(r"\d$", text[m.start() - 1:m.start()]) and re.match(r"\d", text[m.end():m.end() + 1]):
            continue
        _add_sentence(text, out, pos, m.end())
        pos = m.end()
    _add_sentence(text, out, pos, end)
    return out


def _add_sentence(text, out, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e - s < 2:
        return
    out.append(Sentence(s, e, split_clauses(text, s, e)))


def split_clauses(text: str, start: int, end: int) -> list[Span]:
    """Comma clauses; a comma inside parentheses ("12 counties (cities, districts) of ...") does not cut."""
    out, pos = [], start
    for m in _CLAUSE_SEP.finditer(text, start, end):
        seg = text[pos:m.start()]
        if seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）"):
            continue
        # never split "Co., Ltd" or a number like "1, 2" inside company names
        if re.search(r"\b(?:co|ltd|inc)\.?$", text[max(start, m.start() - 4):m.start()], re.IGNORECASE):
            continue
        if m.start() > pos:
            out.append(Span(pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append(Span(pos, end))
    return out


def paragraphs(text: str, skip: Span | None = None) -> list[Paragraph]:
    """Non-furniture lines as paragraphs, each split into sentences and clauses."""
    out = []
    for start, end in lines(text):
        if skip and start <= skip.start < end:
            start = max(start, skip.end)
        line = text[start:end]
        if not line.strip() or is_furniture(line):
            continue
        heading = ""
        m = HEADING.search(line[:200])
        if m and not line[:m.start()].strip():
            heading = (m.group(1) or m.group(2) or "").strip()
            start += m.end()
        out.append(Paragraph(start, end, heading, split_sentences(text, start, end)))
    return out


_YEAR_CTX = re.compile(r"(?:\b(?:in|during|since|of|for|year)\s+|^|\n)((?:19|20)\d\d)(?![\d\-–])(?:年)?", re.IGNORECASE)
_YEAR_ANY = re.compile(r"(?<![\d\-–.])((?:19|20)\d\d)(?![\d\-–])")


def guess_year(text: str, title: Span | None) -> int | None:
    """The report year: from the title, else the most frequent year in 'In 2011'-like phrases."""
    if title:
        m = _YEAR_ANY.search(text, title.start, title.end)
        if m:
            return int(m.group(1))
    sample = text[:200000]
    counts = Counter(int(m.group(1)) for m in _YEAR_CTX.finditer(sample))
    if not counts:
        counts = Counter(int(m.group(1)) for m in _YEAR_ANY.finditer(sample))
    if not counts:
        return None
    top = counts.most_common()
    best = max(c for _, c in top)
    return max(y for y, c in top if c == best)
