from django.contrib import admin

from counterpart.confirmations.models import Comment, Confirmation
from counterpart.ledger.admin import ReadOnlyAdmin


@admin.register(Confirmation)
class ConfirmationAdmin(ReadOnlyAdmin):
    """Read-only: confirming, answering and settling are actions of the two sides, on the record's page."""

    list_display = ["record_type", "record_id", "pairing", "side", "state", "reported_value", "counter_value"]
    list_filter = ["state", "side", "record_type"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["at", "author", "side", "pairing", "text"]
