from django.contrib import admin

from counterpart.pairings.models import Agreement, Pairing, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_zh", "region__adcode"]
    raw_id_fields = ["region"]


class SubPairingInline(admin.TabularInline):
    model = Pairing
    fk_name = "parent"
    extra = 0
    fields = ["donor", "recipient", "level", "start_year", "end_year"]
    raw_id_fields = ["donor", "recipient"]
    verbose_name_plural = "sub-pairings"


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    raw_id_fields = ["span"]


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "level", "start_year", "end_year", "parent"]
    list_filter = ["level", "start_year"]
    search_fields = ["donor__name_en", "donor__name_zh", "recipient__name_en", "recipient__name_zh"]
    raw_id_fields = ["donor", "recipient", "parent"]
    filter_horizontal = ["focus"]
    exclude = ["statements"]
    inlines = [SubPairingInline, AgreementInline]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title_en", "pairing", "kind", "date_signed", "period_start", "period_end"]
    list_filter = ["kind", "period_start"]
    search_fields = ["title_en", "title_zh", "text"]
    raw_id_fields = ["pairing", "span"]
