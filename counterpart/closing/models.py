"""Year close: each side's sign-off of a pairing's year, the approval above it, and the national office's
close of a year, one revision per close, with the reports it published (snapshots)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    DONOR = "donor", _("donor side")
    RECIPIENT = "recipient", _("recipient side")


class ApproverSide(models.TextChoices):
    DONOR = "donor", _("parent pairing's donor side")
    RECIPIENT = "recipient", _("parent pairing's recipient side")
    NATIONAL = "national", _("national office")


class SignOff(models.Model):
    """One side of a pairing attests that the year's figures are settled, as they stood (`digest`).

    A later change of those figures makes the sign-off out of date (the digest no longer matches) without
    anything being written: the side signs off again."""

    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    unit = models.ForeignKey("pairings.Unit", verbose_name=_("office"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed off by"), null=True,
                             on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("signed off at"))
    digest = models.CharField(_("figures digest"), max_length=64)
    figures = models.PositiveIntegerField(_("figures"), default=0)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [models.UniqueConstraint(fields=["pairing", "year", "side"], name="signoff_one_per_side")]
        indexes = [models.Index(fields=["year", "pairing"], name="signoff_year_pairing")]

    def __str__(self):
        return f"{self.pairing} {self.year} {self.side}"


class Approval(models.Model):
    """The level above approves a pairing's signed-off year: both sides of the parent pairing, or the
    national office (the only approver of a root pairing, and allowed for any)."""

    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    side = models.CharField(_("approved by"), max_length=10, choices=ApproverSide.choices)
    unit = models.ForeignKey("pairings.Unit", verbose_name=_("office"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                             on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("approved at"))
    digest = models.CharField(_("figures digest"), max_length=64)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [models.UniqueConstraint(fields=["pairing", "year", "side"], name="approval_one_per_side")]
        indexes = [models.Index(fields=["year", "pairing"], name="approval_year_pairing")]

    def __str__(self):
        return f"{self.pairing} {self.year} {self.side}"


class Revision(models.Model):
    """One close of a year by the national office: revision 1 is the first close; a close after a reopening
    that changed figures is the next revision. The year is closed while its latest revision is not reopened."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("revision"))
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True,
                                  on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(_("figures digest"), max_length=64)
    figures = models.PositiveIntegerField(_("figures"), default=0)
    # Per pairing with figures: whether both sides had signed off and the level above approved, at close.
    pairings = models.JSONField(_("pairings at close"), default=dict)
    # "pairing id:indicator id" -> the subtree's confirmed actual, for the plans' scorecards of the year.
    actuals = models.JSONField(_("actuals at close"), default=dict)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reopened by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("year close revision")
        verbose_name_plural = _("year close revisions")
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="revision_unique_number")]
        # The guard's one query: is there a revision of this year not reopened?
        indexes = [models.Index(fields=["year", "reopened_at"], name="revision_year_open")]

    def __str__(self):
        return f"{self.year} r{self.number}"

    @property
    def is_current(self) -> bool:
        return self.reopened_at is None


class Snapshot(models.Model):
    """A report as published by a close: the document (report data: headings, paragraphs, tables, charts,
    notes) as JSON, from which every format is rendered again identically."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("national statistics")
        ANNUAL = "annual", _("annual report")

    revision = models.ForeignKey(Revision, verbose_name=_("revision"), on_delete=models.CASCADE,
                                 related_name="snapshots")
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    lang = models.CharField(_("language"), max_length=8)
    document = models.JSONField(_("document"))

    class Meta:
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        constraints = [
            models.UniqueConstraint(fields=["revision", "kind", "pairing", "lang"], name="snapshot_unique"),
            models.UniqueConstraint(fields=["revision", "kind", "lang"], condition=models.Q(pairing__isnull=True),
                                    name="snapshot_unique_national"),
        ]

    def __str__(self):
        return f"{self.revision} {self.kind} {self.pairing_id or ''} {self.lang}"
