"""Ledger records in the admin are read-only: a record, its figures and its confirmation change together
only through the confirmation actions (counterpart/confirmations/actions.py), which the admin's plain
model saves would bypass (a new amount with the old figure, no audit row, no confirmation)."""
from django.contrib import admin

from counterpart.ledger.kinds import RECORD_MODELS


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here: the pages and commands write through the actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "pairing", "year", "donor", "qualifier", "version"]
    list_filter = ["year"]
    search_fields = ["pairing__donor__name_en", "pairing__recipient__name_en", "donor__name_en", "note"]


for model in RECORD_MODELS:
    admin.site.register(model, type(f"{model.__name__}Admin", (RecordAdmin,), {}))
