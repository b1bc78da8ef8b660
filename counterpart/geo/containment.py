"""Region within region: the one rule for "this place lies in that one" (a county in its city, a city in its
province, a place in itself), walked up the parent chain. Pairings' sides, forms' recipients and imported
figures all ask here."""


def region_within(region, outer) -> bool:
    """Whether `region` is `outer` or lies inside it (either may be None: then it does not)."""
    if region is None or outer is None:
        return False
    node = region
    while node is not None:
        if node.pk == outer.pk:
            return True
        node = node.parent
    return False


def unit_within(unit, outer) -> bool:
    """Whether a unit (a region's or an organisation's) is `outer` or lies in its region."""
    if unit.pk == outer.pk:
        return True
    if not (unit.region_id and outer.region_id):
        return False
    return region_within(unit.region, outer.region)
