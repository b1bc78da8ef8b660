"""Agreements' goals as targets, annual plans with their adjustments, and the national office's weights.

The original plan is never overwritten: a PlanItem keeps the value planned at the start, each
Adjustment adds a new value with its reason and approval, and the latest approved one is in force.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.indicators.models import MAX_YEAR, MIN_YEAR, Qualifier
from counterpart.locale_names import name_in


class SectionKind(models.TextChoices):
    GUIDING_IDEAS = "guiding_ideas", _("guiding ideas")
    WORKING_IDEAS = "working_ideas", _("working ideas")
    GOALS = "goals", _("goals")
    TASKS = "tasks", _("tasks")
    MEASURES = "measures", _("main measures")
    FUNDING = "funding", _("funding methods")


class AgreementSection(models.Model):
    """One section of an agreement's text, kept as text (the figures it sets are Targets)."""

    agreement = models.ForeignKey("pairings.Agreement", verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="sections")
    kind = models.CharField(_("section"), max_length=16, choices=SectionKind.choices)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("agreement section")
        verbose_name_plural = _("agreement sections")
        constraints = [models.UniqueConstraint(fields=["agreement", "kind"], name="plans_section_once")]

    def __str__(self):
        return f"{self.agreement}: {self.kind}"

    def text(self, lang="en"):
        return name_in(self, lang, "text")


class Target(models.Model):
    """A goal of an agreement: an indicator's value for one year of its period, or for the whole period."""

    agreement = models.ForeignKey("pairings.Agreement", verbose_name=_("agreement"), on_delete=models.PROTECT,
                                  related_name="targets")
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="targets",
                                help_text=_("the agreement's pairing, or one of its sub-pairings"))
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT,
                                  related_name="+")
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    qualifier = models.CharField(_("qualifier"), max_length=8, choices=Qualifier.choices, default=Qualifier.EXACT)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            help_text=_("empty: a goal for the agreement's whole period"))
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["agreement_id", "year", "indicator__position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="plans_target_not_negative"),
            models.UniqueConstraint(fields=["agreement", "pairing", "indicator", "year"],
                                    name="plans_target_once"),
        ]

    def __str__(self):
        return f"{self.agreement}: {self.indicator.code} {self.value.normalize():f} ({self.year or '–'})"


class AnnualPlan(models.Model):
    """What a pairing plans to deliver in one year: derived from its agreement's targets, or entered."""

    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="annual_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    derived_from = models.ForeignKey("pairings.Agreement", verbose_name=_("derived from"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="annual_plans")
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["year", "pairing_id"]
        constraints = [
            models.UniqueConstraint(fields=["pairing", "year"], name="plans_one_plan_per_year"),
            models.CheckConstraint(condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                                   name="plans_plan_year_in_range"),
        ]

    def __str__(self):
        return f"{self.pairing} {self.year}"


class PlanItem(models.Model):
    """One planned figure of a plan: the value as planned at the start (never changed afterwards)."""

    plan = models.ForeignKey(AnnualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="+", help_text=_("the plan's pairing, or one of its sub-pairings"))
    indicator = models.ForeignKey("indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT,
                                  related_name="+")
    value = models.DecimalField(_("planned value"), max_digits=24, decimal_places=4)
    qualifier = models.CharField(_("qualifier"), max_length=8, choices=Qualifier.choices, default=Qualifier.EXACT)
    target = models.ForeignKey(Target, verbose_name=_("from target"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="plan_items")
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan_id", "indicator__position", "pairing_id", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="plans_item_not_negative"),
            models.UniqueConstraint(fields=["plan", "pairing", "indicator"], name="plans_item_once"),
        ]

    def __str__(self):
        return f"{self.plan}: {self.indicator.code} {self.value.normalize():f}"


class ReasonKind(models.TextChoices):
    DISASTER = "disaster", _("disaster")
    COST = "cost", _("cost")
    POLICY = "policy", _("policy")


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Adjustment(models.Model):
    """A change to a planned figure, with why, who approved it and when; the latest approved one is in force."""

    item = models.ForeignKey(PlanItem, verbose_name=_("plan item"), on_delete=models.CASCADE,
                             related_name="adjustments")
    value = models.DecimalField(_("adjusted value"), max_digits=24, decimal_places=4)
    reason_kind = models.CharField(_("reason"), max_length=10, choices=ReasonKind.choices)
    reason = models.TextField(_("reason (explained)"))
    approved_by = models.CharField(_("approved by"), max_length=200,
                                   help_text=_("the authority or person who approved the change"))
    approved_on = models.DateField(_("approved on"))
    date_precision = models.CharField(_("date precision"), max_length=5, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY)
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["approved_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="plans_adjustment_not_negative"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="plans_adjustment_has_reason"),
        ]

    def __str__(self):
        return f"{self.item} → {self.value.normalize():f} ({self.reason_kind})"

    @property
    def approved_when(self) -> str:
        """The approval date as precisely as it is known: 2011, 2011-08 or 2011-08-15."""
        return self.approved_on.isoformat()[:{"year": 4, "month": 7}.get(self.date_precision, 10)]


class AssessmentWeights(models.Model):
    """One version of the national office's scoring rules: indicator weights (adding up to 1) and the lag margin.

    Versions are never edited; setting new weights adds a version, and every result names the one it used.
    """

    version = models.PositiveIntegerField(_("version"), unique=True)
    weights = models.JSONField(_("weights"), help_text=_("indicator code -> weight as a decimal string"))
    lag_margin = models.DecimalField(_("lag margin"), max_digits=5, decimal_places=4,
                                     help_text=_("how far (as a fraction, 0.10 = 10 points) progress may trail "
                                                 "the pro-rated plan before a pairing is flagged"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("assessment weights")
        verbose_name_plural = _("assessment weights")
        ordering = ["-version"]

    def __str__(self):
        return f"v{self.version}"


class Progress(models.Model):
    """Derived (never edited): for a planned (pairing, indicator, year) whose pairing has sub-pairings, the
    change in its actual (the subtree rule of counterpart/plans/actuals.py) on each day figures were recorded.

    Summing the rows up to a date gives the actual "as of" that date, so replaying a year at national scale
    reads a few thousand rows instead of a million observations. A row without a day marks the triple as
    covered (value 0). Rebuilt with the reports' read model (`counterpart report refresh`, see
    counterpart/plans/progress.py); read only while it matches the reports' latest full rebuild; a changed
    figure drops the triples it reaches."""

    pairing_id = models.BigIntegerField()
    indicator_id = models.IntegerField()
    year = models.SmallIntegerField()
    day = models.DateField(null=True)
    value = models.DecimalField(max_digits=28, decimal_places=4)

    class Meta:
        indexes = [models.Index(fields=["year", "day", "pairing_id", "indicator_id"], include=["value"],
                                name="plans_progress_year_day")]


class ProgressState(models.Model):
    """When Progress was rebuilt, and which refresh of the reports' read model it matches."""

    reports_refreshed_at = models.DateTimeField(null=True)
    built_at = models.DateTimeField(auto_now_add=True)
    rows = models.BigIntegerField(default=0)
    seconds = models.FloatField(default=0)


class PlanScore(models.Model):
    """Derived (never edited): a plan's year-end score under one weights version, computed from the reports'
    read model of one refresh (`basis`).

    At national scale the scores of a hundred thousand plans cost seconds to compute and a tenth of a second
    to read, so they are kept (counterpart/plans/scores.py): rebuilt after each refresh of the
    reports and each new weights version, and forgotten for a plan whenever its plan, items or adjustments
    change, to be recomputed on the next assessment."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="+")
    year = models.SmallIntegerField()
    weights_version = models.PositiveIntegerField()
    basis = models.DateTimeField()
    pairing_id = models.BigIntegerField()
    level = models.CharField(max_length=24)
    cents = models.IntegerField(null=True)  # score × 100, exact; empty when nothing weighted was planned

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "weights_version"], name="plans_score_once")]
        indexes = [models.Index(fields=["year", "weights_version"], name="plans_score_year")]
