"""Actual figures for plans: confirmed observations of a pairing's subtree, each counted once.

The rule (the same one the reports use): sum the confirmed observations of the indicator and year in
the pairing and every pairing below it, leaving out any observation whose part_of total (at any
distance) is itself counted in that subtree, so a total and its parts are never added together.

`subtree_actuals` does this for many pairings at once with one grouped query for the observations
that are nobody's part (almost all of them) and a small pass over the linked ones; `actual` is the
one-pairing form. If counterpart/reports grows a bulk aggregation with the same rule, this module is
the one seam to switch.
"""
import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from counterpart.indicators.models import Indicator, Observation, Status
from counterpart.pairings.models import Pairing

ZERO = Decimal(0)


SCOPED_LIMIT = 20  # up to this many pairings, read only their subtrees; beyond, one pass over the year


def counted(year: int, indicator_ids, as_of: datetime.datetime | None = None, scope=None):
    """The observations that can count: confirmed, of the year and indicators, recorded by `as_of`."""
    # No ordering: Observation's default ordering joins the indicator table for nothing.
    qs = Observation.objects.filter(year=year, indicator_id__in=list(indicator_ids),
                                    status=Status.CONFIRMED).order_by()
    if as_of is not None:
        qs = qs.filter(created_at__lte=as_of)
    if scope is not None:
        qs = qs.filter(pairing_id__in=scope)
    return qs


LIST_LIMIT = 900  # a subtree this small is passed as a list of ids, which every planner handles well


def subtree_scope(pairing_ids):
    """The pairings in these pairings' subtrees: a list of ids when small, else a subquery (a province
    pairing's subtree can hold a hundred thousand enterprise–village pairings)."""
    ids, frontier = list(pairing_ids), list(pairing_ids)
    while frontier and len(ids) <= LIST_LIMIT:
        frontier = list(Pairing.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)[:LIST_LIMIT + 1])
        ids.extend(frontier)
    return ids if len(ids) <= LIST_LIMIT else subtree_query(pairing_ids)


def subtree_query(pairing_ids):
    """The pairings in these pairings' subtrees, as a subquery (no long parameter lists)."""
    from counterpart.pairings.models import subtree

    return subtree(pairing_ids).values("pk")


def parent_map() -> dict[int, int | None]:
    return dict(Pairing.objects.values_list("pk", "parent_id"))


def chain(pid, parents) -> list[int]:
    """The pairing and its ancestors, nearest first."""
    out = []
    while pid is not None:
        out.append(pid)
        pid = parents.get(pid)
    return out


def _linked(year, indicator_ids, as_of, scope=None, rows=None):
    """Observations that are some total's part, with the counted totals above each (any distance).

    rows: (pk, pairing id, indicator id, value, part_of id) of the parts, when the caller has them."""
    if rows is None:
        rows = list(counted(year, indicator_ids, as_of, scope).filter(part_of__isnull=False)
                    .values_list("pk", "pairing_id", "indicator_id", "value", "part_of_id"))
    if not rows:
        return []
    # Walk the part_of chains upwards, fetching each layer of totals in one query.
    info = {}
    frontier = {r[4] for r in rows}
    counted_ids = set()
    while frontier:
        layer = list(Observation.objects.filter(pk__in=frontier)
                     .values_list("pk", "pairing_id", "part_of_id", "status", "year", "created_at"))
        frontier = set()
        for pk, pairing_id, part_of_id, status, y, created in layer:
            info[pk] = (pairing_id, part_of_id)
            if status == Status.CONFIRMED and y == year and (as_of is None or created <= as_of):
                counted_ids.add(pk)
            if part_of_id is not None and part_of_id not in info:
                frontier.add(part_of_id)
    out = []
    for pk, pairing_id, indicator_id, value, part_of_id in rows:
        totals, node = [], part_of_id
        while node is not None:
            if node in counted_ids:
                totals.append(info[node][0])
            node = info[node][1]
        out.append((pk, pairing_id, indicator_id, value, totals))
    return out


def rollup_source():
    """The reports' precomputed rollups, when they are the way to read a national-scale database.

    Below the reports' national scale the observations are read directly (fast there); above it the
    rollups are read instead, as the reports do (kept current by the write actions).
    Returns (refreshed_at, read function) or None."""
    try:
        from counterpart.reports import summary
        from counterpart.reports.models import Rollup
    except ImportError:
        return None
    state = summary.state()
    if state is None or state.facts <= summary.NATIONAL_SCALE:
        return None

    def read(year, pairing_ids, indicator_ids):
        rows = Rollup.objects.filter(basis="confirmed", dim="", year=year, indicator_id__in=list(indicator_ids),
                                     scope__in=list(pairing_ids)).values_list("scope", "indicator_id", "value")
        return {(scope, ind): value for scope, ind, value in rows}

    return state.refreshed_at, read


def _rollup_covered(pairing_ids) -> set[int]:
    """Those of the pairings that have rollups: government pairings within the five levels of path the
    reports keep (enterprise–village pairings are summed here)."""
    from counterpart.pairings.models import PairingLevel

    gov = (Pairing.objects.exclude(level=PairingLevel.ENTERPRISE_VILLAGE)
           .exclude(parent__parent__parent__parent__parent__isnull=False).values_list("pk", flat=True))
    return set(gov) & set(pairing_ids)


def subtree_actuals(year: int, wanted: set[tuple[int, int]], as_of=None, parents=None, source="auto") -> dict:
    """(pairing id, indicator id) -> Decimal for every wanted pair; the subtree rule above, in bulk.

    With no `as_of` cutoff on a national-scale database, government pairings' figures come from the
    reports' rollups (same rule, precomputed); the rest is computed here."""
    indicator_ids = {i for _p, i in wanted}
    if not indicator_ids:
        return {}
    if source == "auto":
        source = rollup_source() if as_of is None else None
    if as_of is not None and len(wanted) > SCOPED_LIMIT and rollup_source() is not None:
        # Replaying a year at national scale: planned pairings with sub-pairings from the daily changes
        # precomputed with the reports' read model (counterpart/plans/progress.py), the rest directly.
        from counterpart.plans import progress

        if progress.fresh():
            result = progress.read(year, wanted, as_of)
            rest = {key for key in wanted if key not in result}
            if rest:
                result.update(_direct(year, rest, as_of, parents))
            return result
    if source is not None and as_of is None:
        covered = _rollup_covered({p for p, _i in wanted})
        read = source[1](year, covered, indicator_ids)
        result = {key: read.get(key, ZERO) for key in wanted if key[0] in covered}
        rest = {key for key in wanted if key[0] not in covered}
        if rest:
            result.update(_direct(year, rest, None, parents))
        return result
    return _direct(year, wanted, as_of, parents)


def _direct(year: int, wanted: set[tuple[int, int]], as_of=None, parents=None) -> dict:
    indicator_ids = {i for _p, i in wanted}
    scope = None
    wanted_pairings = list({p for p, _i in wanted})
    small = subtree_scope(wanted_pairings) if len(wanted_pairings) <= LIST_LIMIT else None
    if len(wanted_pairings) <= SCOPED_LIMIT or isinstance(small, list):
        # A few pairings, or a few hundred small subtrees (a page of enterprise–village pairings): read
        # their subtrees only; parents outside them never matter for the sums.
        scope = small
        parents = dict(Pairing.objects.filter(pk__in=scope).values_list("pk", "parent_id"))
    elif parents is None:
        parents = parent_map()
    result = defaultdict(lambda: ZERO)
    linked_rows = None
    if scope is not None:
        # A few subtrees: fetch their rows through the (indicator, year, pairing) index and split roots
        # from parts here; a part_of condition in SQL lures SQLite onto the part_of index instead.
        sums, linked_rows = defaultdict(lambda: ZERO), []
        for pk, pid, ind, value, part_of in counted(year, indicator_ids, as_of, scope).values_list(
                "pk", "pairing_id", "indicator_id", "value", "part_of_id"):
            if part_of is None:
                sums[(pid, ind)] += value
            else:
                linked_rows.append((pk, pid, ind, value, part_of))
        roots = [(pid, ind, total) for (pid, ind), total in sums.items()]
    else:
        # Observations that are nobody's part count in every subtree that holds them.
        roots = (counted(year, indicator_ids, as_of).filter(part_of__isnull=True)
                 .values("pairing_id", "indicator_id").annotate(total=Sum("value"))
                 .values_list("pairing_id", "indicator_id", "total"))
    for pid, ind, total in roots:
        for a in chain(pid, parents):
            if (a, ind) in wanted:
                result[(a, ind)] += Decimal(total)
    # A part counts in a subtree only when none of its counted totals lies in that subtree too.
    for _pk, pid, ind, value, total_pairings in _linked(year, indicator_ids, as_of, scope, linked_rows):
        shadowed = set()
        for tp in total_pairings:
            shadowed.update(chain(tp, parents))
        for a in chain(pid, parents):
            if a not in shadowed and (a, ind) in wanted:
                result[(a, ind)] += value
    return {key: result.get(key, ZERO) for key in wanted}


def actual(pairing, indicator, year: int, as_of=None) -> Decimal:
    """One pairing's actual figure for an indicator (code or Indicator) and year."""
    ind = indicator if isinstance(indicator, Indicator) else Indicator.objects.get(code=indicator)
    return subtree_actuals(year, {(pairing.pk, ind.pk)}, as_of)[(pairing.pk, ind.pk)]


def evidence(pairing, indicator_id: int, year: int, as_of=None, limit: int | None = None,
             scope=None) -> list[Observation]:
    """The observations an actual is the sum of (the counted ones), largest first, with their sources."""
    return evidence_many(pairing, [indicator_id], year, as_of, limit, scope)[indicator_id]


def evidence_many(pairing, indicator_ids, year: int, as_of=None, limit: int | None = None,
                  scope=None) -> dict[int, list[Observation]]:
    """evidence() for several indicators of one pairing, in three queries whatever their number."""
    scope = scope if scope is not None else subtree_scope([pairing.pk])
    indicator_ids = list(indicator_ids)
    rows = list(counted(year, indicator_ids, as_of, scope).values_list("pk", "pairing_id", "indicator_id",
                                                                        "value", "part_of_id"))
    parts = [r for r in rows if r[4] is not None]
    shadow = set()
    if parts:
        in_scope = set(scope if isinstance(scope, list) else
                       Pairing.objects.filter(pk__in=scope).values_list("pk", flat=True))
        shadow = {pk for pk, _pid, _ind, _v, totals in _linked(year, indicator_ids, as_of, scope, parts)
                  if any(t in in_scope for t in totals)}
    by_ind = defaultdict(list)
    for pk, _p, ind, value, _t in rows:
        if pk not in shadow:
            by_ind[ind].append((-value, pk))
    chosen = {}
    for ind in indicator_ids:
        ranked = sorted(by_ind.get(ind, []))
        chosen[ind] = [pk for _v, pk in (ranked[:limit] if limit else ranked)]
    found = Observation.objects.filter(pk__in=[pk for ids in chosen.values() for pk in ids]).select_related(
        "span__document", "pairing__donor", "pairing__recipient", "indicator", "entered_by").in_bulk()
    return {ind: [found[pk] for pk in ids] for ind, ids in chosen.items()}
