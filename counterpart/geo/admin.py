from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("adcode", "name_zh", "name_en", "type_en", "level", "parent", "active")
    list_filter = ("level", "active", "type_en")
    search_fields = ("=adcode", "adcode", "name_zh", "name_en", "name_pinyin", "aliases")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    ordering = ("adcode",)
    readonly_fields = ("path",)
    fieldsets = (
        (None, {"fields": ("adcode", "name_zh", "name_en", "type_en", "name_pinyin", "level", "parent",
                           "path", "active")}),
        (_("Other names"), {"fields": ("aliases",),
                            "description": _("Former names and English exonyms, one per line.")}),
    )

    @admin.display(description=_("path"))
    def path(self, obj):
        return " / ".join(str(r.name_zh) for r in [*obj.ancestors(), obj]) if obj.pk else ""
