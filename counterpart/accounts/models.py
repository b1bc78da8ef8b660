from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL = "national", _("national office")
    OFFICE = "office", _("cooperation office")
    ORGANISATION = "organisation", _("enterprise or charity")


class Profile(models.Model):
    """Who a user works for; every permission check starts here (counterpart/accounts/access.py)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="profile")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey("pairings.Unit", verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="profiles",
                             help_text=_("the region or organisation whose office this is"))
    language = models.CharField(_("language"), max_length=8, default="zh-hans",
                                choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"
