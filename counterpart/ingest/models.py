"""The review queue: an imported document and the facts proposed from it, each awaiting a reviewer."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentImport(models.Model):
    """One narrative report brought in by `counterpart import` or the upload form."""

    document = models.OneToOneField("sources.SourceDocument", verbose_name=_("document"), on_delete=models.PROTECT,
                                    related_name="ingest")
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+",
                                help_text=_("where the document's figures belong; set on import or when its "
                                            "title pairing is accepted"))
    origin = models.CharField(_("file"), max_length=300, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported document")
        verbose_name_plural = _("imported documents")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(self.document)


class Proposal(models.Model):
    """A fact the extractor found (facts format), as proposed and as edited, until accepted or rejected."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("figure")
        PAIRING = "pairing", _("pairing")
        EVENT = "event", _("event")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    batch = models.ForeignKey(DocumentImport, verbose_name=_("imported document"), on_delete=models.CASCADE,
                              related_name="proposals")
    position = models.PositiveIntegerField(_("position"), help_text=_("order in the extractor's output"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    fact = models.JSONField(_("as proposed"))
    edited = models.JSONField(_("as edited"), null=True, blank=True)
    span = models.ForeignKey("sources.Span", verbose_name=_("evidence"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    part_of = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="parts",
                                help_text=_("the proposed total this figure is a part of"))
    status = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING,
                              db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # What accepting made: a figure (and the ledger record it belongs to), a pairing or an event record.
    observation = models.ForeignKey("indicators.Observation", verbose_name=_("observation"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    record_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    record_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["batch", "position"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="proposal_unique_position")]

    def __str__(self):
        return f"{self.batch.document.doc_id} #{self.position} {self.kind}"

    @property
    def current(self) -> dict:
        """The fact as the reviewer will accept it: the edit if there is one."""
        return self.edited if self.edited is not None else self.fact

    @property
    def record(self):
        if self.record_type_id is None:
            return None
        return self.record_type.get_object_for_this_type(pk=self.record_id)
