from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.geo.models import Level
from counterpart.locale_names import name_in


class UnitKind(models.TextChoices):
    REGION = "region", _("region")
    GOVERNMENT = "government", _("government office")
    ENTERPRISE = "enterprise", _("enterprise")
    CHARITY = "charity", _("charity or social organisation")
    COMMUNITY = "community", _("community or group")
    PERSON = "person", _("individual")


class Unit(models.Model):
    """A party to cooperation: a region, or an organisation located in one."""

    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices, default=UnitKind.REGION)
    name_en = models.CharField(_("English name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    region = models.ForeignKey("geo.Region", verbose_name=_("region"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="units",
                               help_text=_("the region itself, or where the organisation is"))

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(fields=["region"], condition=models.Q(kind="region"),
                                    name="unit_one_per_region"),
            models.UniqueConstraint(fields=["kind", "name_en"], condition=~models.Q(kind="region"),
                                    name="unit_organisation_name_unique"),
        ]

    def __str__(self):
        return self.name_en if not self.name_zh else f"{self.name_en} {self.name_zh}"

    def clean(self):
        if self.kind == UnitKind.REGION and self.region_id is None:
            raise ValidationError({"region": _("A region unit needs its region.")})

    @property
    def adcode(self):
        return self.region.adcode if self.kind == UnitKind.REGION and self.region_id else None

    def display_name(self, lang="en"):
        return name_in(self, lang)


class PairingLevel(models.TextChoices):
    PROVINCE_PROVINCE = "province_province", _("province with province")
    CITY_PROVINCE = "city_province", _("city with province")
    CITY_CITY = "city_city", _("city with city")
    COUNTY_COUNTY = "county_county", _("district or county with county")
    ENTERPRISE_VILLAGE = "enterprise_village", _("enterprise with village")
    OTHER = "other", _("other")


# The region levels each pairing level expects on the donor and recipient side.
LEVEL_FIT = {
    PairingLevel.PROVINCE_PROVINCE: ({Level.PROVINCE}, {Level.PROVINCE}),
    PairingLevel.CITY_PROVINCE: ({Level.PREFECTURE}, {Level.PROVINCE}),
    PairingLevel.CITY_CITY: ({Level.PREFECTURE}, {Level.PREFECTURE}),
    PairingLevel.COUNTY_COUNTY: ({Level.COUNTY}, {Level.COUNTY}),
}


class Pairing(models.Model):
    """A donor unit twinned with a recipient unit for a period, inside an optional parent pairing."""

    donor = models.ForeignKey(Unit, verbose_name=_("donor"), on_delete=models.PROTECT,
                              related_name="pairings_as_donor")
    recipient = models.ForeignKey(Unit, verbose_name=_("recipient"), on_delete=models.PROTECT,
                                  related_name="pairings_as_recipient")
    level = models.CharField(_("level"), max_length=24, choices=PairingLevel.choices)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True,
                                                help_text=_("empty while the pairing lasts"))
    parent = models.ForeignKey("self", verbose_name=_("parent pairing"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    focus = models.ManyToManyField(Unit, verbose_name=_("focus areas"), blank=True, related_name="+",
                                   help_text=_("parts of the recipient that the pairing concentrates on"))
    statements = models.ManyToManyField("sources.Span", verbose_name=_("stated in"), blank=True,
                                        related_name="pairings")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["start_year", "id"]

    def __str__(self):
        return self.name_en

    @property
    def name_en(self):
        return f"{self.donor.name_en}–{self.recipient.name_en}"

    @property
    def name_zh(self):
        return f"{self.donor.name_zh or self.donor.name_en}—{self.recipient.name_zh or self.recipient.name_en}"

    def display_name(self, lang="en"):
        return name_in(self, lang)

    def covers(self, year: int) -> bool:
        return self.start_year <= year and (self.end_year is None or year <= self.end_year)

    def descendant_ids(self) -> list[int]:
        """This pairing first, then every pairing below it (the one subtree walk: `subtree`)."""
        return [self.pk, *list(subtree([self.pk]).exclude(pk=self.pk).order_by("pk").values_list("pk", flat=True))]

    def ancestors(self):
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Agreement(models.Model):
    """An outline or framework agreement for a period, with its text."""

    class Kind(models.TextChoices):
        OUTLINE = "outline", _("outline")
        FRAMEWORK = "framework", _("framework agreement")
        ANNUAL = "annual", _("annual agreement")
        OTHER = "other", _("other")

    pairing = models.ForeignKey(Pairing, verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="agreements")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OUTLINE)
    title_en = models.CharField(_("English title"), max_length=400)
    title_zh = models.CharField(_("Chinese title"), max_length=400, blank=True)
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    date_precision = models.CharField(_("date precision"), max_length=5, default="day",
                                      choices=[("day", _("day")), ("month", _("month")), ("year", _("year"))])
    signatories = models.TextField(_("signatories"), blank=True, help_text=_("one per line"))
    period_start = models.PositiveSmallIntegerField(_("period from"))
    period_end = models.PositiveSmallIntegerField(_("period to"))
    text = models.TextField(_("text"), blank=True)
    span = models.ForeignKey("sources.Span", verbose_name=_("source"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["date_signed", "id"]

    def __str__(self):
        return self.title_en

    @property
    def iso_date(self) -> str:
        """The signing date at the precision the source gives (2011-08, not 2011-08-01)."""
        if self.date_signed is None:
            return ""
        return {"day": self.date_signed.isoformat(), "month": self.date_signed.strftime("%Y-%m"),
                "year": str(self.date_signed.year)}[self.date_precision]

    def clean(self):
        if self.period_end is not None and self.period_start is not None and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


# Walked down from the roots through the parent index, so only the subtree is read; joining every pairing
# to its ancestors instead reads all hundred thousand of them.
_SUBTREE_SQL = ("WITH RECURSIVE tree(id) AS (SELECT id FROM pairings_pairing WHERE id IN ({roots}) UNION "
                "SELECT p.id FROM pairings_pairing p JOIN tree ON p.parent_id = tree.id) SELECT id FROM tree")


def subtree(pairing_ids):
    """The pairings in these pairings' subtrees, themselves included, as a query (a subquery where used:
    no list of ten thousand ids)."""
    from django.db.models.expressions import RawSQL

    ids = [int(pk) for pk in pairing_ids] or [0]
    return Pairing.objects.filter(pk__in=RawSQL(_SUBTREE_SQL.format(roots=", ".join(["%s"] * len(ids))), ids))
