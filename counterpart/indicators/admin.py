from django.contrib import admin

from counterpart.indicators.models import Indicator, Observation
from counterpart.ledger.admin import ReadOnlyAdmin


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "label_en", "label_zh", "unit", "category"]
    list_filter = ["category", "unit"]
    search_fields = ["code", "label_en", "label_zh"]


class PartInline(admin.TabularInline):
    model = Observation
    fk_name = "part_of"
    extra = 0
    fields = ["indicator", "value", "qualifier", "year", "status"]
    readonly_fields = fields
    verbose_name_plural = "parts"
    can_delete = False


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    """Read-only: a figure's value and status change only through the actions (its record's, or its
    confirmation's), so an admin save can neither put an unconfirmed value into the official totals nor
    make a figure disagree with its record."""

    list_display = ["indicator", "value", "qualifier", "year", "pairing", "donor", "status", "part_of", "span"]
    list_filter = ["indicator", "year", "status", "qualifier", "stated"]
    search_fields = ["indicator__code", "pairing__donor__name_en", "pairing__recipient__name_en", "note"]
    exclude = ["also_stated"]
    inlines = [PartInline]
