from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "counterpart.plans"
    label = "plans"
    verbose_name = _("plans and assessment")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save, pre_save

        from counterpart.pairings.models import Pairing
        from counterpart.plans import scores
        from counterpart.plans.models import Adjustment, AnnualPlan, AssessmentWeights, PlanItem

        # Kept scores (counterpart/plans/scores.py) are forgotten when what they were computed from changes.
        for model, receiver in ((AnnualPlan, scores.on_plan_changed), (PlanItem, scores.on_item_changed),
                                (Adjustment, scores.on_adjustment_changed)):
            post_save.connect(receiver, sender=model, dispatch_uid=f"plans_scores_{model.__name__}_saved")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"plans_scores_{model.__name__}_deleted")
        pre_save.connect(scores.on_pairing_saving, sender=Pairing, dispatch_uid="plans_scores_pairing_saving")
        post_save.connect(scores.on_pairing_saved, sender=Pairing, dispatch_uid="plans_scores_pairing_saved")
        post_delete.connect(scores.on_pairing_deleted, sender=Pairing, dispatch_uid="plans_scores_pairing_deleted")
        post_save.connect(scores.on_weights_saved, sender=AssessmentWeights, dispatch_uid="plans_scores_weights")
        if apps.is_installed("counterpart.reports"):
            from counterpart.plans.progress import on_reports_refreshed
            from counterpart.reports.models import RefreshState

            post_save.connect(on_reports_refreshed, sender=RefreshState, dispatch_uid="plans_progress_refresh")
            post_save.connect(scores.on_reports_refreshed, sender=RefreshState, dispatch_uid="plans_scores_refresh")
