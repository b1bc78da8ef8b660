from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    CONFIRM = "confirm", _("confirmed")
    DISPUTE = "dispute", _("answered with another figure")
    ACCEPT = "accept", _("accepted the other side's figure")
    IMPORT = "import", _("imported")
    WITHDRAW = "withdraw", _("withdrawn")
    COMMENT = "comment", _("commented")
    CORRECT = "correct", _("corrected by the national office")
    RESTATED = "restated", _("stated again in another document")
    SIGN_OFF = "sign_off", _("signed off the year")
    APPROVE = "approve", _("approved the year")
    CLOSE = "close", _("closed the year")
    REOPEN = "reopen", _("reopened the year")


class Change(models.Model):
    """One change to one object: who, when, and the values before and after. Append-only.

    The object is named by type and id (not a foreign key) so the trace outlives a deleted record.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.ForeignKey(ContentType, verbose_name=_("type"), on_delete=models.PROTECT,
                                    related_name="+")
    object_id = models.PositiveBigIntegerField(_("object id"))
    object_repr = models.CharField(_("object"), max_length=300)
    pairing = models.ForeignKey("pairings.Pairing", verbose_name=_("pairing"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_repr}"

    def diff(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        before, after = self.before or {}, self.after or {}
        return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)]
