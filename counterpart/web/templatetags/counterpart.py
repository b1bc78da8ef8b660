"""Template helpers: names in the reader's language, changes as signed per cent."""
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def dn(obj):
    """A unit's, pairing's or region's name in the current language."""
    if obj is None:
        return ""
    lang = get_language() or "en"
    if hasattr(obj, "display_name"):
        return obj.display_name(lang)
    if hasattr(obj, "name_zh") and hasattr(obj, "full_name_en"):
        return obj.name_zh if lang.startswith("zh") else obj.full_name_en
    return str(obj)


@register.filter
def signed(value):
    if value is None:
        return ""
    return f"+{value}%" if value > 0 else f"{value}%"
