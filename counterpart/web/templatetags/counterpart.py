"""Template helpers: names in the reader's language, changes as signed per cent."""
from django import template
from django.utils.translation import get_language

from counterpart.locale_names import display_name

register = template.Library()


@register.filter
def dn(obj):
    """A unit's, pairing's, region's, indicator's or agreement's name in the current language."""
    return display_name(obj, get_language() or "en") or ("" if obj is None else str(obj))


@register.simple_tag(takes_context=True)
def query_with(context, name, value):
    """The page's query string (its filters) with one parameter set: a pager's link keeps the filters."""
    from django.utils.http import urlencode

    query = dict(context.get("query") or {})
    query[name] = value
    return urlencode(query)


@register.filter
def signed(value):
    if value is None:
        return ""
    return f"+{value}%" if value > 0 else f"{value}%"
