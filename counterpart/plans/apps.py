from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "counterpart.plans"
    label = "plans"
    verbose_name = _("plans and assessment")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_save

        if apps.is_installed("counterpart.reports"):
            from counterpart.plans.progress import on_reports_refreshed
            from counterpart.reports.models import RefreshState

            post_save.connect(on_reports_refreshed, sender=RefreshState, dispatch_uid="plans_progress_refresh")
