from django.contrib import admin

from counterpart.confirmations.models import Confirmation


@admin.register(Confirmation)
class ConfirmationAdmin(admin.ModelAdmin):
    list_display = ["record_type", "record_id", "pairing", "side", "state", "reported_value", "counter_value"]
    list_filter = ["state", "side", "record_type"]
    raw_id_fields = ["pairing", "reporter_unit"]
