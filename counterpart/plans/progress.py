"""Actuals by day for planned pairings with sub-pairings, so a year's assessment "as of" a past date is read
from a small derived table instead of recomputed from every observation of the year.

For each planned (pairing, indicator, year) whose pairing has sub-pairings, `refresh()` stores on which days
its actual changed and by how much, under the rule of counterpart/plans/actuals.py: a confirmed figure of
the year counts in every subtree holding it from the day it was recorded; a part stops counting in a subtree
on the day a counted total of it inside that subtree is recorded (and never counts there when that total
came first). The actual as of a date is the sum of the changes up to that date.

The table follows the reports' read model: it is rebuilt whenever that is rebuilt whole (`counterpart
report refresh` calls `reports_rebuilt`), and it is read only while it matches the reports' latest
rebuild, on the same databases where the reports read their rollups (national scale). A changed figure
drops the days of the triples it reaches (`forget`). Triples planned or changed after the rebuild, and
leaf pairings (whose figures are few), are read from the observations directly.
"""
import datetime
import time
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from counterpart.indicators.models import Observation, Status
from counterpart.pairings.models import Pairing
from counterpart.plans.models import PlanItem, Progress, ProgressState
from counterpart.reports.bulk import delete_all

ZERO = Decimal(0)
BATCH = 5000


def _reports_state():
    try:
        from counterpart.reports import summary
    except ImportError:
        return None
    return summary.state()


def fresh() -> bool:
    """Whether the table matches the reports' latest refresh (and so may be read)."""
    reports = _reports_state()
    mine = ProgressState.objects.order_by("-pk").first()
    return bool(reports and mine and mine.reports_refreshed_at == reports.refreshed_at)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def planned_triples() -> dict[int, set[tuple[int, int]]]:
    """year -> {(pairing id, indicator id)} planned for pairings that have sub-pairings."""
    with_children = set(Pairing.objects.filter(parent__isnull=False).values_list("parent_id", flat=True)
                        .distinct().order_by())
    out = defaultdict(set)
    for pid, ind, year in PlanItem.objects.values_list("pairing_id", "indicator_id", "plan__year").order_by():
        if pid in with_children:
            out[year].add((pid, ind))
    return out


def changes(year: int, wanted: set[tuple[int, int]], parents: dict) -> dict[tuple[int, int, datetime.date], Decimal]:
    """(pairing id, indicator id, day) -> change of the actual on that day, for the wanted pairs."""
    from counterpart.plans.actuals import chain

    indicator_ids = {i for _p, i in wanted}
    out = defaultdict(lambda: ZERO)
    counted = Observation.objects.filter(year=year, indicator_id__in=indicator_ids, status=Status.CONFIRMED).order_by()
    # Figures that are nobody's part: grouped by pairing, indicator and day in the database.
    roots = (counted.filter(part_of__isnull=True).annotate(day=TruncDate("created_at"))
             .values("pairing_id", "indicator_id", "day").annotate(total=Sum("value"))
             .values_list("pairing_id", "indicator_id", "day", "total"))
    for pid, ind, day, total in roots.iterator(chunk_size=20000):
        for a in chain(pid, parents):
            if (a, ind) in wanted:
                out[(a, ind, day)] += Decimal(total)
    # Parts: count from their day, and stop on the day a counted total above them in the subtree is recorded.
    parts = list(counted.filter(part_of__isnull=False)
                 .values_list("pk", "pairing_id", "indicator_id", "value", "part_of_id", "created_at"))
    if parts:
        info, frontier = {}, {r[4] for r in parts}
        while frontier:
            layer = list(Observation.objects.filter(pk__in=frontier).order_by()
                         .values_list("pk", "pairing_id", "part_of_id", "status", "year", "created_at"))
            frontier = set()
            for pk, pairing_id, part_of_id, status, y, created in layer:
                info[pk] = (pairing_id, part_of_id, status == Status.CONFIRMED and y == year, created)
                if part_of_id is not None and part_of_id not in info:
                    frontier.add(part_of_id)
        for _pk, pid, ind, value, part_of_id, created in parts:
            totals, node = [], part_of_id
            while node is not None and node in info:
                t_pairing, node_next, is_counted, t_created = info[node]
                if is_counted:
                    totals.append((set(chain(t_pairing, parents)), t_created))
                node = node_next
            for a in chain(pid, parents):
                if (a, ind) not in wanted:
                    continue
                shadow = [t_created for above, t_created in totals if a in above]
                ends = min(shadow) if shadow else None
                if ends is not None and ends <= created:
                    continue  # its total was counted first: the part never counts here
                out[(a, ind, _local_day(created))] += value
                if ends is not None:
                    out[(a, ind, _local_day(ends))] -= value
    return out


def refresh() -> ProgressState:
    """Rebuild the table for every planned pairing with sub-pairings, in one transaction."""
    from counterpart.plans.actuals import parent_map

    started = time.perf_counter()
    reports = _reports_state()
    n = 0
    with transaction.atomic():
        delete_all(Progress)  # in SQL: an ORM delete would send the model signals row by row
        parents = parent_map()
        for year, wanted in sorted(planned_triples().items()):
            rows = [Progress(pairing_id=p, indicator_id=i, year=year, day=None, value=ZERO) for p, i in wanted]
            rows += [Progress(pairing_id=p, indicator_id=i, year=year, day=day, value=v)
                     for (p, i, day), v in changes(year, wanted, parents).items() if v]
            Progress.objects.bulk_create(rows, batch_size=BATCH)
            n += len(rows)
        ProgressState.objects.all().delete()
        state = ProgressState.objects.create(reports_refreshed_at=reports.refreshed_at if reports else None,
                                             rows=n, seconds=time.perf_counter() - started)
    return state


def read(year: int, wanted: set[tuple[int, int]], as_of: datetime.datetime) -> dict[tuple[int, int], Decimal]:
    """The covered ones of the wanted pairs -> actual as of the cutoff (figures recorded by then)."""
    covered = {(p, i) for p, i in Progress.objects.filter(year=year, day__isnull=True)
               .values_list("pairing_id", "indicator_id")} & wanted
    if not covered:
        return {}
    day = _local_day(as_of)
    sums = {(p, i): v for p, i, v in Progress.objects.filter(year=year, day__lte=day)
            .values("pairing_id", "indicator_id").annotate(v=Sum("value")).order_by()
            .values_list("pairing_id", "indicator_id", "v")}
    return {key: Decimal(sums.get(key, ZERO)) for key in covered}


def forget(year: int, pairing_ids, indicator_ids) -> None:
    """Figures of the year changed under these pairings: their days are dropped, so these triples are read
    from the observations (always right) until the next full rebuild. Called by the reports' read model
    (counterpart/reports/live.py) in the writing transaction."""
    from django.db import connection

    pairing_ids, indicator_ids = sorted(set(pairing_ids)), sorted(set(indicator_ids))
    if not pairing_ids or not indicator_ids:
        return
    with connection.cursor() as cursor:  # in SQL: an ORM delete would send the model signals row by row
        cursor.execute(f"DELETE FROM {Progress._meta.db_table} WHERE year = %s "
                       f"AND pairing_id IN ({', '.join(['%s'] * len(pairing_ids))}) "
                       f"AND indicator_id IN ({', '.join(['%s'] * len(indicator_ids))})",
                       [year, *pairing_ids, *indicator_ids])


def reports_rebuilt(facts: int) -> None:
    """The reports' read model was rebuilt whole: rebuild the days too, once that commits.

    Only at national scale, where they are read: a small database replays a year from its observations
    quickly."""
    from counterpart.reports import summary

    if facts > summary.NATIONAL_SCALE:
        transaction.on_commit(refresh)
