from django import template

from counterpart.opendata.downloads import tree_nodes

register = template.Library()


@register.inclusion_tag("opendata/_tree.html")
def portal_tree():
    """The pairing tree linking to each pairing's confirmed figures (on the public page)."""
    return {"tree": tree_nodes()}
