from django.contrib import admin

from counterpart.indicators.models import Indicator, Observation


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
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "value", "qualifier", "year", "pairing", "donor", "status", "part_of", "span"]
    list_filter = ["indicator", "year", "status", "qualifier", "stated"]
    search_fields = ["indicator__code", "pairing__donor__name_en", "pairing__recipient__name_en", "note"]
    raw_id_fields = ["pairing", "donor", "part_of", "span", "entered_by"]
    filter_horizontal = ["recipients"]
    exclude = ["also_stated"]
    readonly_fields = ["record_type", "record_id", "slot", "created_at"]
    inlines = [PartInline]
