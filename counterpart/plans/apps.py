from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    # No signal receivers: the write actions keep the plans' derived tables (scores.py, progress.py) by
    # calling them, so a write that bypasses the actions is visible as such.
    name = "counterpart.plans"
    label = "plans"
    verbose_name = _("plans and assessment")
