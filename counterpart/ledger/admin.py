from django.contrib import admin

from counterpart.ledger.models import RECORD_MODELS


class RecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pairing", "year", "donor", "qualifier"]
    list_filter = ["year"]
    search_fields = ["pairing__donor__name_en", "pairing__recipient__name_en", "donor__name_en", "note"]
    raw_id_fields = ["pairing", "donor", "span", "entered_by"]
    filter_horizontal = ["recipients"]


for model in RECORD_MODELS:
    extra = {}
    for name in ("enterprise", "awardee", "location", "agreement"):
        if any(f.name == name for f in model._meta.fields):
            extra.setdefault("raw_id_fields", RecordAdmin.raw_id_fields + [])
            extra["raw_id_fields"].append(name)
    admin.site.register(model, type(f"{model.__name__}Admin", (RecordAdmin,), extra))
