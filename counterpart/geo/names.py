"""Names of places as they were in a given year, from the gazetteer's change history (geo/data/history.csv).

A 2011 report names 平坝县 (Pingba County), not 平坝区: the county became a district in 2014. The history
gives, for today's division, the names it had before each change; the name of year Y is the old name of
the first change after Y, or today's name when nothing changed since.
"""
import csv
from functools import cache

from counterpart.geo.gazetteer import HISTORY_CSV


@cache
def _renames() -> dict[str, list[tuple[int, str, str, str]]]:
    """Today's adcode -> [(year of change, old Chinese name, old English name, old English type)], by year."""
    out: dict[str, list] = {}
    with open(HISTORY_CSV, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["adcode"] or not row["year"].isdigit():
                continue
            out.setdefault(row["adcode"], []).append(
                (int(row["year"]), row["old_name_zh"], row["old_name_en"], row["old_type_en"]))
    for changes in out.values():
        changes.sort()
    return out


def name_as_of(region, year: int | None, lang: str = "zh-hans") -> str:
    """The region's name in the reader's language as it was in `year` (today's name when year is None)."""
    zh = (lang or "").startswith("zh")
    if year is not None and region is not None:
        for changed, old_zh, old_en, old_type in _renames().get(region.adcode, []):
            if changed > year and old_zh:
                return old_zh if zh else f"{old_en} {old_type}".strip()
    if region is None:
        return ""
    return region.name_zh if zh else region.full_name_en
