from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfirmationsConfig(AppConfig):
    name = "counterpart.confirmations"
    label = "confirmations"
    verbose_name = _("confirmations")
