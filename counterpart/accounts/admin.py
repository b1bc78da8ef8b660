from django.contrib import admin

from counterpart.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "language"]
    list_filter = ["role", "language"]
    search_fields = ["user__username", "unit__name_en", "unit__name_zh"]
    raw_id_fields = ["unit"]
