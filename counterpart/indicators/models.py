from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.locale_names import name_in

MAX_VALUE = Decimal(10) ** 15  # no figure in this field reaches a quadrillion yuan or persons
MIN_YEAR, MAX_YEAR = 1949, 2100


class Indicator(models.Model):
    """One entry of the indicator catalogue (spec/indicators.md); codes never change."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    label_en = models.CharField(_("English label"), max_length=120)
    label_zh = models.CharField(_("Chinese label"), max_length=120)
    unit = models.CharField(_("unit"), max_length=24)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    unit_zh = models.CharField(_("unit (Chinese)"), max_length=40, blank=True)
    category = models.CharField(_("category"), max_length=32)
    description = models.TextField(_("what counts"), blank=True)
    dimensions = models.JSONField(_("dimensions"), default=dict, blank=True,
                                  help_text=_("dimension name -> list of allowed values, or [] for free text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]

    def __str__(self):
        return self.code

    @property
    def is_money(self) -> bool:
        return self.unit == "CNY"

    def label(self, lang="en"):
        return name_in(self, lang, "label", fallback=False)


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    AT_LEAST = "at_least", _("at least")
    APPROX = "approx", _("about")
    AT_MOST = "at_most", _("at most")


class Status(models.TextChoices):
    """Where a figure stands between the two sides (see docs/domain.md, confirmation)."""

    REPORTED = "reported", _("reported, awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    DISPUTED = "disputed", _("disputed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Observation(models.Model):
    """One figure of one indicator: the single fact table every report reads."""

    # No index of its own: "obs_ind_year_pairing" leads with the indicator and serves the same lookups
    # (one index fewer to build in a bulk load of millions and to update on every save).
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT,
                                  related_name="observations", db_index=False)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    qualifier = models.CharField(_("qualifier"), max_length=8, choices=Qualifier.choices,
                                 default=Qualifier.EXACT)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="observations")
    donor = models.ForeignKey("pairings.Unit", verbose_name=_("donor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="observations_given")
    recipients = models.ManyToManyField("pairings.Unit", verbose_name=_("recipients"), blank=True,
                                        related_name="observations_received")
    dims = models.JSONField(_("dimensions"), default=dict, blank=True)
    part_of = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="parts",
                                help_text=_("the total this figure is a part of; totals and parts are never added"))
    # Provenance: a document span, a person, or both (a reviewer accepting an extracted figure).
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="observations")
    also_stated = models.ManyToManyField("sources.Span", verbose_name=_("also stated in"), blank=True,
                                         related_name="+")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    # The ledger record this figure comes from, if any; aggregates reported without detail have none.
    record_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", db_index=False)  # "obs_record" leads with it
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    slot = models.CharField(_("slot"), max_length=32, blank=True,
                            help_text=_("which figure of its record this is (amount, items, ...)"))
    stated = models.BooleanField(_("stated in the source"), default=True,
                                 help_text=_("false for a count implied by a record (one course held)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REPORTED,
                              db_index=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["year", "indicator__position", "id"]
        indexes = [
            models.Index(fields=["indicator", "year", "pairing"], name="obs_ind_year_pairing"),
            models.Index(fields=["record_type", "record_id"], name="obs_record"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(span__isnull=False) | models.Q(entered_by__isnull=False),
                name="observation_has_provenance"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="observation_value_not_negative"),
            models.CheckConstraint(condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                                   name="observation_year_in_range"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.value} {self.year}"

    @property
    def provenance(self) -> str:
        if self.span_id:
            return str(self.span)
        return f"entered by {self.entered_by}" if self.entered_by_id else ""


def record_ref(record) -> dict:
    return {"record_type": ContentType.objects.get_for_model(record), "record_id": record.pk}
