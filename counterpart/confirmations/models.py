from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confirmation(models.Model):
    """One side's report of a ledger record, waiting for (or answered by) the other side.

    One row per record; its history is in the audit trail. A disagreement keeps both figures: the
    reported one (`reported_value`, also still on the record) and the other side's (`counter_value`).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        DISPUTED = "disputed", _("disputed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Side(models.TextChoices):
        DONOR = "donor", _("donor side")
        RECIPIENT = "recipient", _("recipient side")
        # A correction by the national office: it goes back to both sides, and counts when both agree.
        NATIONAL = "national", _("national office")

    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="confirmations")
    side = models.CharField(_("reported by side"), max_length=10, choices=Side.choices)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    reporter_unit = models.ForeignKey("pairings.Unit", verbose_name=_("reporting unit"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING,
                             db_index=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    slot = models.CharField(_("figure"), max_length=32, blank=True,
                            help_text=_("which figure of the record the other side disputes"))
    reported_value = models.DecimalField(_("reported figure"), max_digits=24, decimal_places=4, null=True,
                                         blank=True)
    counter_value = models.DecimalField(_("the other side's figure"), max_digits=24, decimal_places=4,
                                        null=True, blank=True)
    counter_note = models.TextField(_("the other side's note"), blank=True)
    agreed_sides = models.JSONField(_("sides that agreed"), default=list, blank=True,
                                    help_text=_("after a national correction: the sides that confirmed it"))

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        ordering = ["-reported_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["record_type", "record_id"],
                                               name="confirmation_one_per_record")]

    def __str__(self):
        return f"{self.record_type.model} #{self.record_id}: {self.state}"

    @property
    def other_side(self) -> str:
        return self.Side.RECIPIENT if self.side == self.Side.DONOR else self.Side.DONOR

    @property
    def answering_sides(self) -> set[str]:
        """The sides still asked to confirm."""
        if self.side == self.Side.NATIONAL:
            return {self.Side.DONOR, self.Side.RECIPIENT} - set(self.agreed_sides)
        return {self.other_side}


class Comment(models.Model):
    """One message in the thread on a record (or standalone figure) that both sides and the national office
    read: the reason for a disagreement, the answer to it. Append-only, like the audit trail."""

    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), on_delete=models.PROTECT,
                                related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=Confirmation.Side.choices, blank=True)
    text = models.TextField(_("comment"))
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="comment_record")]

    def __str__(self):
        return self.text[:60]
