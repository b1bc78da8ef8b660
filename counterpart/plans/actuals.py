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
MAX_DEPTH = 6  # pairing trees are province > city > county > enterprise-village, with room to spare


def counted(year: int, indicator_ids, as_of: datetime.datetime | None = None, scope=None):
    """The observations that can count: confirmed, of the year and indicators, recorded by `as_of`."""
    qs = Observation.objects.filter(year=year, indicator_id__in=list(indicator_ids), status=Status.CONFIRMED)
    if as_of is not None:
        qs = qs.filter(created_at__lte=as_of)
    if scope is not None:
        qs = qs.filter(pairing_id__in=scope)
    return qs


def subtree_query(pairing_ids):
    """The pairings in these pairings' subtrees, as a subquery (no long parameter lists)."""
    from django.db.models import Q

    cond, path = Q(pk__in=pairing_ids), "parent_id"
    for _depth in range(MAX_DEPTH):
        cond |= Q(**{f"{path}__in": pairing_ids})
        path = "parent__" + path
    return Pairing.objects.filter(cond).values("pk")


def parent_map() -> dict[int, int | None]:
    return dict(Pairing.objects.values_list("pk", "parent_id"))


def chain(pid, parents) -> list[int]:
    """The pairing and its ancestors, nearest first."""
    out = []
    while pid is not None:
        out.append(pid)
        pid = parents.get(pid)
    return out


def _linked(year, indicator_ids, as_of, scope=None):
    """Observations that are some total's part, with the counted totals above each (any distance)."""
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


def subtree_actuals(year: int, wanted: set[tuple[int, int]], as_of=None, parents=None) -> dict:
    """(pairing id, indicator id) -> Decimal for every wanted pair; the subtree rule above, in bulk."""
    indicator_ids = {i for _p, i in wanted}
    if not indicator_ids:
        return {}
    scope = None
    wanted_pairings = list({p for p, _i in wanted})
    if len(wanted_pairings) <= SCOPED_LIMIT:
        # A few pairings: read their subtrees only; parents outside them never matter for the sums.
        scope = subtree_query(wanted_pairings)
        parents = dict(Pairing.objects.filter(pk__in=scope).values_list("pk", "parent_id"))
    elif parents is None:
        parents = parent_map()
    result = defaultdict(lambda: ZERO)
    # Observations that are nobody's part count in every subtree that holds them.
    roots = (counted(year, indicator_ids, as_of, scope).filter(part_of__isnull=True)
             .values("pairing_id", "indicator_id").annotate(total=Sum("value")).order_by())
    for row in roots.values_list("pairing_id", "indicator_id", "total"):
        pid, ind, total = row
        for a in chain(pid, parents):
            if (a, ind) in wanted:
                result[(a, ind)] += Decimal(total)
    # A part counts in a subtree only when none of its counted totals lies in that subtree too.
    for _pk, pid, ind, value, total_pairings in _linked(year, indicator_ids, as_of, scope):
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


def evidence(pairing, indicator_id: int, year: int, as_of=None) -> list[Observation]:
    """The observations an actual is the sum of (the counted ones), with their sources."""
    scope = set(pairing.descendant_ids())
    obs = list(counted(year, [indicator_id], as_of).filter(pairing_id__in=scope)
               .select_related("span__document", "pairing__donor", "pairing__recipient", "indicator")
               .order_by("pk"))
    ids = {o.pk for o in obs}
    parent_of = {o.pk: o.part_of_id for o in obs}

    def shadowed(o):
        node = o.part_of_id
        while node is not None:
            if node in ids:
                return True
            node = parent_of.get(node) if node in parent_of else \
                Observation.objects.filter(pk=node).values_list("part_of_id", flat=True).first()
        return False

    return [o for o in obs if not shadowed(o)]
