"""Kept scores: the national assessment read in hundredths of a second instead of computed in seconds.

At national scale a year's actuals come from the reports' read model (rollups and own totals). A plan's
year-end score depends on those, its own plan, items and adjustments, the weights version and (for a
pairing with sub-pairings) the pairing tree. So the scores are kept in `PlanScore`, one row per plan and
weights version, stamped with the full rebuild of the read model they follow (`basis`):

- rebuilt for every planned year after each full rebuild of the read model and after each new weights
  version (after commit: `reports_rebuilt`, `weights_set`);
- scored again, in the writing transaction, for a plan whose plan, items or adjustments its actions write
  (`plan_changed`), for the plans of a new sub-pairing's parent (`pairing_added`), and for the plans a
  changed figure reaches (`figures_changed`, from the reports' read model, counterpart/reports/live.py);
- on reading, plans without a kept score (an older weights version, a rebuild not yet done) are scored
  then, a few item by item, many in bulk, and not kept: reads never write;
- a date inside the year changes only the targets of plans with an adjustment approved after it: those
  are scored for the date (not kept); the lag flags follow from the date and the weights' margin.

Small databases and replays of a past date (figures recorded by then) never read kept scores: their
figures are read live, so there is nothing fixed to keep.
"""
import datetime
import math
from decimal import Decimal
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from counterpart.indicators.models import Indicator
from counterpart.plans import actuals as actuals_mod
from counterpart.plans.assessment import (
    Assessment,
    Scorecard,
    assess,
    assign_ranks,
    current_weights,
    cutoff,
    expected_progress,
)
from counterpart.plans.bulk import assess_in_bulk
from counterpart.plans.models import Adjustment, AnnualPlan, AssessmentWeights, PlanItem, PlanScore
from counterpart.reports.bulk import insert_rows

HUNDRED = Decimal(100)
KEPT_COLUMNS = ["plan_id", "year", "weights_version", "basis", "pairing_id", "level", "cents"]
BULK_PLANS = 2000  # above this many plans to score, one bulk query for the whole year beats item by item


def _basis(as_of):
    """The reports' refresh the year-end actuals come from, or None when they are read live."""
    if cutoff(as_of) is not None:
        return None
    source = actuals_mod.rollup_source()
    return source[0] if source else None


def _cents(score):
    return None if score is None else int(score * 100)


def _rows(cards) -> list[tuple]:
    """(plan id, pairing id, level, cents) of scorecards: what is kept of them."""
    return [(c.plan_id, c.pairing_id, c.level, _cents(c.score)) for c in cards]


def keep(year: int, weights: AssessmentWeights, basis: datetime.datetime, cards, whole_year=False) -> None:
    """Store year-end scorecards' scores, replacing any kept for these plans (or, whole_year, for every plan
    of the year) under this weights version."""
    plan_ids = [] if whole_year else [c.plan_id for c in cards]
    stamp = _db_basis(basis)
    rows = ((c.plan_id, year, weights.version, stamp, c.pairing_id, c.level, _cents(c.score)) for c in cards)
    try:
        with transaction.atomic():
            if whole_year:
                _delete("year = %s AND weights_version = %s", [year, weights.version])
            _delete_plans(plan_ids, weights.version)
            insert_rows(PlanScore._meta.db_table, KEPT_COLUMNS, rows)
    except (DatabaseError, connection.Database.DatabaseError):
        # Keeping is an optimisation: a plan deleted meanwhile, another process keeping the same scores, or
        # a busy SQLite file leaves them to be scored again next time; what was read stays right.
        pass


def rebuild(weights: AssessmentWeights | None = None) -> int:
    """Score and keep every planned year at year end; returns the number of scores kept."""
    basis = _basis(None)
    if basis is None:
        return 0
    try:
        weights = weights or current_weights()
    except ValidationError:  # no weights set yet: nothing to score
        return 0
    _delete("basis <> %s", [_db_basis(basis)])  # computed from an older refresh: never read again
    n = 0
    for year in AnnualPlan.objects.values_list("year", flat=True).distinct().order_by("year"):
        cards = assess_in_bulk(year, None, weights).scorecards
        keep(year, weights, basis, cards, whole_year=True)
        n += len(cards)
    return n


def _read(year: int, version: int, basis) -> list[tuple]:
    """(plan id, pairing id, level, cents) kept for the year's plans."""
    sql = (f"SELECT plan_id, pairing_id, level, cents FROM {PlanScore._meta.db_table} "
           "WHERE year = %s AND weights_version = %s AND basis = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, version, _db_basis(basis)])
        return cursor.fetchall()


def _unkept(year: int, version: int, basis) -> list[int]:
    """The year's plans with no score kept under this version and refresh."""
    sql = (f"SELECT ap.id FROM {AnnualPlan._meta.db_table} ap WHERE ap.year = %s AND NOT EXISTS ("
           f"SELECT 1 FROM {PlanScore._meta.db_table} s WHERE s.plan_id = ap.id AND s.weights_version = %s "
           "AND s.basis = %s)")
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, version, _db_basis(basis)])
        return [pk for (pk,) in cursor.fetchall()]


def _db_basis(basis):
    return PlanScore._meta.get_field("basis").get_db_prep_value(basis, connection)


def _scored(year, weights, as_of, plan_ids) -> tuple[list, list[tuple]]:
    """These plans scored item by item (as_of None: at year end): the scorecards, and their rows."""
    pairings = list(AnnualPlan.objects.filter(pk__in=plan_ids).values_list("pairing_id", flat=True))
    cards = assess(year, as_of=as_of, weights=weights, pairing_ids=pairings, bulk=False).scorecards
    return cards, _rows(cards)


def assess_kept(year: int, as_of: datetime.date | None, weights: AssessmentWeights):
    """The assessment of every plan of the year from kept scores, or None when scores are not kept here."""
    basis = _basis(as_of)
    if basis is None:
        return None
    rows = _read(year, weights.version, basis)
    if len(rows) != AnnualPlan.objects.filter(year=year).count():
        # Scores not kept (an older weights version, or a rebuild not yet done) are computed, not kept:
        # reads never write.
        missing = _unkept(year, weights.version, basis)
        if len(missing) > BULK_PLANS:
            rows = _rows(assess_in_bulk(year, None, weights).scorecards)
        elif missing:
            rows += _scored(year, weights, None, missing)[1]
    if as_of is not None:
        # Targets on the date: plans with an adjustment approved after it are scored for the date.
        later = set(Adjustment.objects.filter(item__plan__year=year, approved_on__gt=as_of)
                    .values_list("item__plan_id", flat=True).distinct().order_by())
        if later:
            rows = [r for r in rows if r[0] not in later] + _scored(year, weights, as_of, later)[1]
    expected = expected_progress(year, as_of)
    indicators = {i.pk: i for i in Indicator.objects.all()}
    return Assessment(year, as_of, expected, weights, _cards(rows, expected, weights.lag_margin), indicators, basis)


def _cards(rows, expected: Decimal, margin: Decimal) -> list[Scorecard]:
    """Ranked scorecards (items left to `Assessment.load`) from (plan, pairing, level, cents) rows: sorted on
    whole numbers, which is what keeps a hundred thousand of them cheap."""
    # A score lags below (expected - margin) x 100 points; in hundredths, below the next whole number.
    below = math.ceil((expected - margin) * HUNDRED * 100)
    rows.sort(key=itemgetter(1))
    scored = [r for r in rows if r[3] is not None]
    scored.sort(key=itemgetter(3), reverse=True)  # stable: pairing ids stay in order within a score
    decimals = {}
    cards = []
    for plan_id, pairing_id, level, cents in scored:
        score = decimals.get(cents)
        if score is None:
            score = decimals[cents] = Decimal(cents).scaleb(-2)
        cards.append(Scorecard(plan_id, pairing_id, level, None, score, None, None, cents < below))
    assign_ranks(cards)
    cards += [Scorecard(plan_id, pairing_id, level, None) for plan_id, pairing_id, level, cents in rows
              if cents is None]
    return cards


def _delete(where: str, params) -> None:
    """Delete kept scores in SQL: an ORM delete would fetch every row to send the model signals (the page
    cache listens to all models), a hundred thousand of them on a rebuild."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PlanScore._meta.db_table} WHERE {where}", params)


def _delete_plans(plan_ids: list[int], version: int | None) -> None:
    """Kept scores of these plans under this weights version (None: under every version)."""
    for start in range(0, len(plan_ids), 10_000):  # SQLite's limit on query parameters
        chunk = plan_ids[start:start + 10_000]
        marks = ", ".join(["%s"] * len(chunk))
        if version is None:
            _delete(f"plan_id IN ({marks})", chunk)
        else:
            _delete(f"weights_version = %s AND plan_id IN ({marks})", [version, *chunk])


# Called by the write actions (plans, pairings, the reports' read model), in their transaction.

def _rescore(year: int, plan_ids) -> None:
    """Score these plans of the year again and keep the scores, where scores are kept (national scale);
    scores kept under older weights versions are dropped (they are scored when asked, not kept)."""
    plan_ids = sorted(set(plan_ids))
    if not plan_ids:
        return
    _delete_plans(plan_ids, None)
    basis = _basis(None)
    if basis is None:
        return
    try:
        weights = current_weights()
    except ValidationError:  # no weights set yet: nothing to score
        return
    cards = _scored(year, weights, None, plan_ids)[0]
    keep(year, weights, basis, cards)


def plan_changed(plan) -> None:
    """A plan, its items or adjustments were written."""
    _rescore(plan.year, [plan.pk])


def figures_changed(year: int, pairing_ids) -> None:
    """Confirmed figures of the year changed in these pairings' trees (every pairing on their paths)."""
    pairing_ids = list(pairing_ids)
    if not pairing_ids or _basis(None) is None:
        return
    plans = (PlanItem.objects.filter(plan__year=year, pairing_id__in=pairing_ids).order_by()
             .values_list("plan_id", flat=True).distinct())
    _rescore(year, plans)


def pairing_added(pairing) -> None:
    """A new sub-pairing makes its parent a pairing with sub-pairings, whose actuals are read differently."""
    if pairing.parent_id is None:
        return
    for year, plan_id in AnnualPlan.objects.filter(pairing_id=pairing.parent_id).values_list("year", "pk"):
        _rescore(year, [plan_id])


def weights_set(weights) -> None:
    """A new weights version: every planned year is scored and kept under it once the version is committed."""
    transaction.on_commit(lambda: rebuild(weights), robust=True)  # a failure leaves scores computed on reading


def reports_rebuilt() -> None:
    """The reports' read model was rebuilt whole: every score is kept again from it, once that commits."""
    transaction.on_commit(rebuild, robust=True)
