"""The annual assessment: a scorecard per planned pairing, weighted scores, ranking and lag flags.

Decisions (docs in counterpart/plans/README.md):
- target in force = the latest adjustment approved by the assessment date, else the original plan;
- completion rate = actual confirmed figure / target in force, shown uncapped (over-delivery is visible);
- each indicator counts at most 100 % in the score, so over-delivering one task cannot hide a missed one;
- score = 100 x sum(weight x capped rate) / sum(weight) over the weighted indicators the pairing planned
  (pairings plan different things; the weights are renormalised over what each one planned);
- an indicator planned only for sub-pairings is scored on the sum of their actuals over the sum of
  their targets; when the pairing itself plans it, its own item decides and sub-items are shown only;
- expected progress on a date = share of the year elapsed (1 at the year's end or with no date);
  a pairing lags when its score falls short of expected progress by more than the national office's
  margin; an item lags on the same test with its completion rate;
- ranking: competition ranking by score (equal scores share a rank), overall and within pairing level.
All of it is computed with a handful of grouped queries, whatever the number of pairings.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.indicators.models import Indicator
from counterpart.indicators.validation import check_year
from counterpart.plans import actuals as actuals_mod
from counterpart.plans.models import Adjustment, AnnualPlan, AssessmentWeights, PlanItem

ONE, ZERO, HUNDRED = Decimal(1), Decimal(0), Decimal(100)
CENT, RATE = Decimal("0.01"), Decimal("0.0001")
LOAD_BATCH = 500


@dataclass(slots=True)  # a hundred thousand of these at national scale
class ItemResult:
    item_id: int
    pairing_id: int
    indicator_id: int
    planned: Decimal
    adjusted: Decimal | None  # the target in force when it differs from the original, else None
    actual: Decimal
    adjustments: int = 0
    sub: bool = False  # planned for a sub-pairing of the plan's pairing
    weight: Decimal = ZERO
    rate: Decimal | None = None
    points: Decimal | None = None  # share of the score this item earned, in score points
    scored: bool = False
    lagging: bool = False

    @property
    def target(self) -> Decimal:
        return self.planned if self.adjusted is None else self.adjusted


@dataclass(slots=True)
class Scorecard:
    plan_id: int
    pairing_id: int
    level: str
    items: list = field(default_factory=list)
    score: Decimal | None = None
    rank: int | None = None
    rank_in_level: int | None = None
    lagging: bool = False


@dataclass
class Assessment:
    year: int
    as_of: datetime.date | None
    expected: Decimal  # expected share of the plan delivered by as_of
    weights: AssessmentWeights
    scorecards: list
    indicators: dict  # id -> Indicator
    # When the figures came from the reports' rollups (national scale): when those were refreshed.
    rollups_at: datetime.datetime | None = None

    @property
    def margin(self) -> Decimal:
        return self.weights.lag_margin

    def by_pairing(self, pairing_id):
        return next((s for s in self.scorecards if s.pairing_id == pairing_id), None)

    def load(self, cards=None) -> None:
        """Fill in the items of these scorecards (default: all) when a bulk assessment left them out.

        Items are scored as in the small case; the card keeps the score and rank the database gave it."""
        pending = [c for c in (self.scorecards if cards is None else cards) if c.items is None]
        for start in range(0, len(pending), LOAD_BATCH):
            batch = {c.pairing_id: c for c in pending[start:start + LOAD_BATCH]}
            part = assess(self.year, as_of=self.as_of, weights=self.weights, pairing_ids=list(batch), bulk=False)
            for done in part.scorecards:
                batch[done.pairing_id].items = done.items

    @property
    def lagging(self):
        return [s for s in self.scorecards if s.lagging]


def expected_progress(year: int, as_of: datetime.date | None) -> Decimal:
    if as_of is None or as_of.year > year:
        return ONE
    if as_of.year < year:
        return ZERO
    start = datetime.date(year, 1, 1)
    days = (datetime.date(year + 1, 1, 1) - start).days
    return (Decimal((as_of - start).days + 1) / days).quantize(RATE)


def current_weights(version: int | None = None) -> AssessmentWeights:
    qs = AssessmentWeights.objects.order_by("-version")
    found = qs.filter(version=version).first() if version is not None else qs.first()
    if found is None:
        raise ValidationError({"weights": _("Weights version %(v)s does not exist.") % {"v": version}
                               if version is not None else
                               _("The national office has not set assessment weights yet.")})
    return found


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def cutoff(as_of: datetime.date | None) -> datetime.datetime | None:
    """Figures recorded after the date are left out; for today or later nothing needs leaving out, so the
    in-year view of the current year reads the same (fast) totals as the year-end one."""
    if as_of is None or as_of >= timezone.localdate():
        return None
    return _end_of_day(as_of)


BULK_ITEMS = 20_000  # above this many plan items, scores and ranks are computed in the database


def assess(year, *, as_of: datetime.date | None = None, weights: AssessmentWeights | None = None,
           pairing_ids=None, bulk: bool | None = None) -> Assessment:
    """Every planned pairing of the year (or those in pairing_ids), scored and ranked.

    bulk (default: above BULK_ITEMS plan items, every pairing): the scores are computed by one grouped
    query and each scorecard's items are filled in when asked for (`Assessment.load`)."""
    year = check_year(year)
    weights = weights or current_weights()
    if bulk is None:
        # Whether there are more than BULK_ITEMS, without counting a few hundred thousand.
        bulk = pairing_ids is None and PlanItem.objects.filter(plan__year=year).order_by()[BULK_ITEMS:].exists()
    if bulk and pairing_ids is None:
        from counterpart.plans.bulk import assess_in_bulk
        from counterpart.plans.scores import assess_kept

        return assess_kept(year, as_of, weights) or assess_in_bulk(year, as_of, weights)
    w_by_code = {code: Decimal(w) for code, w in weights.weights.items()}
    indicators = {i.pk: i for i in Indicator.objects.all()}
    w_by_id = {pk: w_by_code.get(i.code, ZERO) for pk, i in indicators.items()}

    plans = AnnualPlan.objects.filter(year=year)
    items = PlanItem.objects.filter(plan__year=year)
    adjustments = Adjustment.objects.filter(item__plan__year=year)
    if pairing_ids is not None:
        pairing_ids = list(pairing_ids)
        plans = plans.filter(pairing_id__in=pairing_ids)
        items = items.filter(plan__pairing_id__in=pairing_ids)
        adjustments = adjustments.filter(item__plan__pairing_id__in=pairing_ids)
    if as_of is not None:
        adjustments = adjustments.filter(approved_on__lte=as_of)
    cards = {pk: Scorecard(pk, pid, level) for pk, pid, level in
             plans.values_list("pk", "pairing_id", "pairing__level").order_by("pk")}
    in_force, n_adj = {}, defaultdict(int)
    for item_id, value in adjustments.order_by("approved_on", "pk").values_list("item_id", "value"):
        in_force[item_id] = value  # later approvals overwrite earlier ones
        n_adj[item_id] += 1
    rows = list(items.values_list("pk", "plan_id", "pairing_id", "indicator_id", "value").order_by("pk"))
    cut = cutoff(as_of)
    source = actuals_mod.rollup_source() if cut is None else None
    got = actuals_mod.subtree_actuals(year, {(r[2], r[3]) for r in rows}, cut, source=source)
    if cut is None:
        from counterpart.closing.snapshots import frozen_actuals

        # A closed year is scored on the actuals its close froze, as its reports were published.
        got.update(frozen_actuals(year) or {})
    for pk, plan_id, pid, ind, value in rows:
        card = cards[plan_id]
        adjusted = in_force.get(pk)
        card.items.append(ItemResult(pk, pid, ind, value, adjusted if adjusted != value else None,
                                     got[(pid, ind)], n_adj[pk], pid != card.pairing_id))
    expected = expected_progress(year, as_of)
    for card in cards.values():
        _score(card, w_by_id, expected, weights.lag_margin)
        card.items.sort(key=lambda i: (indicators[i.indicator_id].position, i.sub, i.pairing_id))
    ranked = _rank(list(cards.values()))
    return Assessment(year, as_of, expected, weights, ranked, indicators, source[0] if source else None)


def _rate(actual: Decimal, target: Decimal) -> Decimal | None:
    return (actual / target).quantize(RATE, ROUND_HALF_UP) if target > 0 else None


def _score(card: Scorecard, w_by_id, expected: Decimal, margin: Decimal) -> None:
    by_ind = defaultdict(list)
    for it in card.items:
        it.rate = _rate(it.actual, it.target)
        it.weight = w_by_id.get(it.indicator_id, ZERO)
        it.lagging = it.rate is not None and it.rate < expected - margin
        by_ind[it.indicator_id].append(it)
    total_w, earned = ZERO, ZERO
    scoring = []
    for ind, group in by_ind.items():
        own = [it for it in group if not it.sub]
        counted_items = own or group
        target = sum((it.target for it in counted_items), ZERO)
        weight = w_by_id.get(ind, ZERO)
        if weight <= 0 or target <= 0:
            continue
        rate = min(sum((it.actual for it in counted_items), ZERO) / target, ONE)
        total_w += weight
        earned += weight * rate
        scoring.append((counted_items, weight, rate, target))
    if total_w == 0:
        return
    card.score = (HUNDRED * earned / total_w).quantize(CENT, ROUND_HALF_UP)
    for counted_items, weight, rate, target in scoring:
        for it in counted_items:
            it.scored = True
            # Points split among an indicator's sub-items by their share of the target.
            it.points = (HUNDRED * weight * rate / total_w * it.target / target).quantize(CENT, ROUND_HALF_UP)
    card.lagging = card.score / HUNDRED < expected - margin


def _rank(cards: list[Scorecard]) -> list[Scorecard]:
    """Best score first (ties by pairing id), with competition ranks overall and within each level; the
    unscored follow."""
    scored = sorted((c for c in cards if c.score is not None), key=attrgetter("pairing_id"))
    scored.sort(key=attrgetter("score"), reverse=True)  # stable: pairing ids stay in order within a score
    unscored = sorted((c for c in cards if c.score is None), key=attrgetter("pairing_id"))
    return assign_ranks(scored) + unscored


def assign_ranks(scored: list[Scorecard]) -> list[Scorecard]:
    """Competition ranks (1, 1, 3) overall and within each level, for cards in order, best first. One
    pass, for a hundred thousand cards."""
    prev_score, rank, by_level = None, 0, {}
    for n, card in enumerate(scored, 1):
        if card.score != prev_score:
            prev_score, rank = card.score, n
        card.rank = rank
        seen, last_score, last_rank = by_level.get(card.level, (0, None, 0))
        seen += 1
        if card.score != last_score:
            last_score, last_rank = card.score, seen
        card.rank_in_level = last_rank
        by_level[card.level] = (seen, last_score, last_rank)
    return scored


def item_evidence(assessment: Assessment, card: Scorecard, limit: int | None = None) -> dict[int, list]:
    """item id -> the observations its actual adds up (with their source spans), the largest first, at
    most `limit` of them (a province pairing's actual can rest on a hundred thousand figures)."""
    from counterpart.pairings.models import Pairing

    as_of = cutoff(assessment.as_of)
    pairings = {p.pk: p for p in Pairing.objects.filter(pk__in={i.pairing_id for i in card.items})}
    found = {pk: actuals_mod.evidence_many(p, {i.indicator_id for i in card.items if i.pairing_id == pk},
                                           assessment.year, as_of, limit)
             for pk, p in pairings.items()}
    return {it.item_id: found[it.pairing_id][it.indicator_id] for it in card.items}
