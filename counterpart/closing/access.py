"""Who may do what in closing a year (the rules; views answer 404 when they say no, like accounts/access.py).

- Sign-off: an office standing on a side of the pairing signs off that side. An office on both sides (a
  pairing inside its own line) signs off one of them only: two sides means two offices.
- Approval: an office on a side of the parent pairing, or the national office; the national office alone
  approves a root pairing.
- Close and reopen: the national office.
- The completeness page: the national office (every pairing) and offices (the pairings on their line).
"""
from counterpart.accounts.access import (
    DONOR,
    RECIPIENT,
    can_see_pairing,
    is_national,
    is_office,
    profile_of,
    sides_of,
    visible_pairings,
)


def can_see_years(user) -> bool:
    return is_national(user) or is_office(user)


def year_pairings(user):
    """The pairings whose year status the user sees."""
    return visible_pairings(user)


def can_see_pairing_year(user, pairing) -> bool:
    return can_see_pairing(user, pairing)


def sign_off_sides(user, pairing, signed=()) -> list[str]:
    """The sides this user may sign off now; `signed` is the pairing-year's sign-offs (SignOff rows)."""
    if not is_office(user):
        return []
    unit_id = profile_of(user).unit_id
    sides = sides_of(user, pairing)
    # The other side signed by the same office: this office cannot be both sides.
    own = {s.side for s in signed if s.unit_id == unit_id}
    if own:
        return sorted(own)  # it may sign its own side again (after the figures changed)
    return [s for s in (DONOR, RECIPIENT) if s in sides]


def approver_sides(user, pairing) -> list[str]:
    """The approver sides (donor/recipient of the parent, or national) this user approves as."""
    if is_national(user):
        return ["national"]
    if pairing.parent_id is None or not is_office(user):
        return []
    parent = pairing.parent
    return [s for s in (DONOR, RECIPIENT) if s in sides_of(user, parent)]


def can_close_year(user) -> bool:
    return is_national(user)


def can_reopen_year(user) -> bool:
    return is_national(user)
