from django.contrib import admin

from counterpart.sources.models import SourceDocument, Span


class SpanInline(admin.TabularInline):
    model = Span
    extra = 0
    fields = ["start", "end", "quote"]
    readonly_fields = ["quote"]

    @admin.display(description="text")
    def quote(self, obj):
        return obj.text[:200]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["doc_id", "title", "year", "language", "imported_at"]
    list_filter = ["language", "year"]
    search_fields = ["doc_id", "title", "text"]
    readonly_fields = ["sha256", "imported_at"]
    inlines = [SpanInline]


@admin.register(Span)
class SpanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "document", "start", "end"]
    list_filter = ["document"]
    search_fields = ["document__doc_id"]
