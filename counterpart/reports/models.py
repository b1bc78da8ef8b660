"""The read model reports are computed from: one flat fact row per counted observation, the part_of
ancestry of each, precomputed rollups, and each pairing's own totals. All are derived from indicators.Observation: kept current
by the write actions (counterpart/reports/live.py) and rebuilt whole by `counterpart report refresh`
(counterpart/reports/summary.py); nothing else writes them.

Plain integer columns instead of foreign keys: the tables are rebuilt in bulk and changed only by SQL, and
the figures they point at are read back by id.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PAIRING_DEPTH = 5  # p0..p4: province, city, county, enterprise-village, and one spare level


class Fact(models.Model):
    """One non-withdrawn observation, flattened: its pairing path, region path and main dimensions."""

    id = models.BigIntegerField(primary_key=True, help_text="the observation's id")
    indicator_id = models.IntegerField()
    year = models.SmallIntegerField()
    pairing_id = models.BigIntegerField()
    depth = models.SmallIntegerField(help_text="depth of the pairing in its tree (root 0)")
    # Pairing at each depth of the path from the root to this observation's pairing.
    p0 = models.BigIntegerField(null=True)
    p1 = models.BigIntegerField(null=True)
    p2 = models.BigIntegerField(null=True)
    p3 = models.BigIntegerField(null=True)
    p4 = models.BigIntegerField(null=True)
    gov_depth = models.SmallIntegerField(help_text="deepest depth on the path that is not enterprise-village")
    confirmed = models.BooleanField()
    value = models.DecimalField(max_digits=24, decimal_places=4)
    qualifier = models.CharField(max_length=8)
    # Effective donor (the observation's, else the pairing's) and recipient (common region of the
    # observation's recipients, else the pairing's), with their province/prefecture/county.
    donor_region = models.IntegerField(null=True)
    donor_r1 = models.IntegerField(null=True)
    donor_r2 = models.IntegerField(null=True)
    donor_r3 = models.IntegerField(null=True)
    recipient_region = models.IntegerField(null=True)
    recipient_r1 = models.IntegerField(null=True)
    recipient_r2 = models.IntegerField(null=True)
    recipient_r3 = models.IntegerField(null=True)
    purpose = models.CharField(max_length=200, blank=True)
    source_level = models.CharField(max_length=12, blank=True)
    kind = models.CharField(max_length=80, blank=True)
    form = models.CharField(max_length=8, blank=True)
    part_of = models.BigIntegerField(null=True)
    has_span = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["year", "indicator_id"], name="fact_year_ind"),
            models.Index(fields=["p0", "year"], name="fact_p0_year"),
            models.Index(fields=["p1", "year"], name="fact_p1_year"),
            models.Index(fields=["p2", "year"], name="fact_p2_year"),
            models.Index(fields=["p3", "year"], name="fact_p3_year"),
            models.Index(fields=["p4", "year"], name="fact_p4_year"),
            models.Index(fields=["donor_r1", "year"], name="fact_donor_r1_year"),
            models.Index(fields=["recipient_r1", "year"], name="fact_recipient_r1_year"),
        ]


class FactAncestor(models.Model):
    """`part` lies under `total` through part_of (distance 1 = its direct total)."""

    part = models.ForeignKey(Fact, on_delete=models.DO_NOTHING, db_constraint=False, related_name="ancestor_links")
    total = models.ForeignKey(Fact, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    distance = models.SmallIntegerField()

    class Meta:
        # By total too: a changed figure finds the parts whose counting depends on it (reports/live.py).
        indexes = [models.Index(fields=["part"], name="factanc_part"), models.Index(fields=["total"], name="factanc_total")]


class Rollup(models.Model):
    """A precomputed total: nation (scope null) or one government pairing's tree, one year, one
    indicator, optionally one value of a dimension. Basis 'confirmed' counts confirmed figures only
    (the official total); 'reported' counts every figure not withdrawn."""

    basis = models.CharField(max_length=9)
    scope = models.BigIntegerField(null=True)
    scope_depth = models.SmallIntegerField(help_text="-1 for the nation")
    year = models.SmallIntegerField()
    indicator_id = models.IntegerField()
    dim = models.CharField(max_length=16, blank=True)
    dim_value = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=28, decimal_places=4)
    n = models.IntegerField()
    n_at_least = models.IntegerField(default=0)
    n_approx = models.IntegerField(default=0)
    n_at_most = models.IntegerField(default=0)
    n_unconfirmed = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["basis", "scope", "year"], name="rollup_scope_year"),
            models.Index(fields=["basis", "year", "scope_depth", "indicator_id"], name="rollup_year_depth"),
        ]


class OwnTotal(models.Model):
    """One pairing's own confirmed figures that are no total's part, summed by indicator and year: what a
    leaf pairing (an enterprise–village pairing, say) delivered. The national assessment scores a hundred
    thousand leaf pairings' plans from these rows instead of probing the observations item by item."""

    pairing_id = models.BigIntegerField()
    indicator_id = models.IntegerField()
    year = models.SmallIntegerField()
    value = models.DecimalField(max_digits=28, decimal_places=4)
    n = models.IntegerField(default=0, help_text="how many figures: a row that counts none is removed")

    class Meta:
        # By indicator before pairing: the assessment reads the year's rows of the weighted indicators.
        indexes = [models.Index(fields=["year", "indicator_id", "pairing_id"], name="owntotal_year_indicator")]


class RefreshState(models.Model):
    """When the read model was last rebuilt, and from what (to tell whether it is stale)."""

    refreshed_at = models.DateTimeField(_("refreshed at"))
    signature = models.CharField(max_length=200)
    facts = models.BigIntegerField(default=0)
    seconds = models.FloatField(default=0)
