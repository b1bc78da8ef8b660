"""A sentence's figures as list items, each with the verb of its run.

Yearbook sentences pack a run of outputs behind one verb ("jointly built 280 villages, 262 schools and
131 hospitals") or chain several verbs with their figures ("provided jobs for 1,500 people and trained
4,008 farmers"). Comma clauses cut the first kind apart from its verb and leave the second kind in one
clause, so cue words leak from one figure to the next. Here a sentence is cut between consecutive
figures instead: at the last list separator (comma, semicolon, "and") after the earlier figure's
counted noun, outside parentheses. An item whose own words before the figure hold no verb ("262
schools", "and 1.415 million livestock") joins the run of the item before it: its cue words are read in
the whole run (the verb at its head, a predicate at its tail: "4 schools and 6 clinics were built"), its
counted noun in its own item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .indicators_rules import head_span

SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|;\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|，|、|；)")
# a counted noun or a unit word: the earlier figure's phrase is complete before a separator after it
NOUN_OR_UNIT = re.compile(r"\b[A-Za-z][a-z\-]{2,}(?:s|ies)\b|\b(?:people|livestock|farmland|staff|personnel|"
                          r"yuan|mu|kilomet(?:er|re)s?|km|person-times|land|equipment|housing|water)\b",
                          re.IGNORECASE)
ACTION = re.compile(r"\b(?!(?:need|hundred|red|bed|seed|speed|feed|shed|united|limited|related|based|advanced|"
                    r"detailed|concerned|aged|skilled|talented|qualified|interested)\b)[a-z]{3,}ed\b|"
                    r"\b(?:built|set\s+up|sent|made|held|gave|took|paid|led|went|came|won|got|found|spent|brought|"
                    r"ran|drew|saw|met|began|received|attended|benefited|(?:were|was|are|is)\s+\w+)\b", re.IGNORECASE)
# words that give an item a frame of its own: a verb, or a preposition binding the figure to its noun
# ("basic farmland of 13,700 mu", "trainings for 650 cadres"); without one the item takes its run's lead
VERB = re.compile(r"\b(?!(?:need|hundred|red|bed|seed|speed|feed|shed|united|limited|related|based|"
                  r"advanced|detailed|concerned|aged|skilled|talented|qualified|interested)\b)[a-z]{3,}ed\b|"
                  r"\b(?:built|set\s+up|sent|made|held|gave|give|took|paid|led|went|came|won|got|found|spent|"
                  r"helps?|provides?|trains?|builds?|sends?|runs?|ran|brought|drew|saw|met|raised|began|"
                  r"organi[sz]es?|arranges?|implements?|constructs?|solves?|supports?|donates?|invests?|"
                  r"allocates?|issues?|receives?|attracts?|signs?|holds?|benefit(?:s|ed|ing)?|covering|"
                  r"involving|benefiting|including|with|for|to|of)\b", re.IGNORECASE)


@dataclass
class Item:
    start: int  # where the item's own words begin
    end: int  # where the next item begins (exclusive); -1: the sentence end
    run_start: int  # the run of items sharing one verb: its first item's start ...
    run_end: int  # ... and its last item's end (-1: the sentence end)


def _paren_depth(text: str, start: int, pos: int) -> int:
    seg = text[start:pos]
    return seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）")


_FRAME_TO_FIGURE = re.compile(r"(?:[A-Za-z][\w\-'’]*\s+){0,6}?(?:for|of)\s+(?:(?:more\s+than|over|about|nearly|some|"
                              r"around|almost|approximately|a\s+total\s+of)\s+)?$", re.IGNORECASE)


def _split(text: str, a_start: int, a_end: int, b_start: int, has_unit: bool) -> tuple[int, int]:
    """(end of item a, start of item b) in the gap between figures a and b: the last separator after a's counted
    noun phrase, or the first one that opens an "<activity> for N" frame ("18,369 people and labour trainings
    and transfer for 80,000 people"), whichever comes first."""
    head_end = a_end if has_unit else head_span(text, a_end, b_start)[1]
    verb = ACTION.search(text, a_end, b_start)  # "1,500 people and trained 4,008": the phrase ends at a verb
    if verb is not None and not has_unit:
        head_end = min(head_end, head_span(text, a_end, verb.start())[1])
    after_head = frame = None
    for m in SEPARATOR.finditer(text, a_end, b_start):
        if m.end() > b_start:
            break
        if _paren_depth(text, a_end, m.start()) > 0:
            continue
        if m.start() >= head_end and (has_unit or NOUN_OR_UNIT.search(text, a_end, m.start())):
            after_head = m
        elif frame is None and _FRAME_TO_FIGURE.fullmatch(text, m.end(), b_start) and not ACTION.search(text, m.end(), b_start):
            frame = m
    best = frame if frame is not None and (after_head is None or frame.start() < after_head.start()) else after_head
    return (best.start(), best.end()) if best else (b_start, a_end)


def items(text: str, sent_end: int, first_start: int, quantities) -> list[Item]:
    """One item per quantity (in order); first_start is where the first figure's item begins."""
    out: list[Item] = []
    n = len(quantities)
    starts = [first_start] + [0] * (n - 1)
    ends = [0] * n
    for i in range(n - 1):
        a, b = quantities[i], quantities[i + 1]
        ends[i], starts[i + 1] = _split(text, a.start, a.end, b.start, a.unit is not None)
    if n:
        ends[-1] = -1  # the sentence end, filled by the caller
    run_of = [0] * n
    for i, q in enumerate(quantities):
        end_i = ends[i] if ends[i] >= 0 else sent_end
        # no frame before its figure: it continues the run before it, unless both have verbs of their own
        # ("2,150 workers were placed in jobs, and 860 persons received training")
        join = i > 0 and not VERB.search(text, starts[i], q.start) and not (
            ACTION.search(text, q.end, end_i) and ACTION.search(text, starts[i - 1], ends[i - 1]))
        run_of[i] = run_of[i - 1] if join else i
    for i in range(n):
        r = run_of[i]
        last = max(j for j in range(n) if run_of[j] == r)
        out.append(Item(starts[i], ends[i], starts[r], ends[last]))
    return out
