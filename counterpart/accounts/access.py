"""The one place where permissions are decided. Views get protected objects only through these functions.

Roles (counterpart.accounts.models.Role):
- national office: sees and edits everything, manages users; never confirms (it oversees both sides).
- cooperation office of a unit: sees and edits a pairing when its unit's region lies on one side of it,
  i.e. that side's region is the office's region, inside it, or contains it. Qingdao's office sees
  Qingdao–Guizhou and Shinan–Pingba (Shinan lies in Qingdao); Anshun's office sees Qingdao–Guizhou
  (Anshun lies in Guizhou) and Shinan–Pingba (Pingba lies in Anshun), not a Tongren county's pairing;
  Guangzhou's office does not see Qingdao–Guizhou.
- enterprise or charity: enters and edits its own donations and investments in any pairing; otherwise
  reads what the public reads.
- the public (anonymous): confirmed figures only, read-only.

"Not yours" looks like "not found" (Http404), so nobody learns what exists behind a refusal.
"""
from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from counterpart.accounts.models import Role

DONOR, RECIPIENT = "donor", "recipient"
# Record types an enterprise or charity may enter, and the field that names it in each.
ORGANISATION_RECORDS = {"donation": "donor", "investmentcontract": "enterprise"}


def profile_of(user):
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.profile
    except ObjectDoesNotExist:  # a user without a profile (e.g. a bare superuser) has no role
        return None


def role_of(user) -> str | None:
    if user is not None and user.is_authenticated and user.is_superuser and profile_of(user) is None:
        return Role.NATIONAL
    profile = profile_of(user)
    return profile.role if profile else None


def is_national(user) -> bool:
    return role_of(user) == Role.NATIONAL


def is_office(user) -> bool:
    return role_of(user) == Role.OFFICE and profile_of(user).unit_id is not None


def is_organisation(user) -> bool:
    return role_of(user) == Role.ORGANISATION and profile_of(user).unit_id is not None


_LINES: dict = {}  # (region id, newest region id) -> the line's region ids, per process


def _line_region_ids(user) -> set[int]:
    """Regions on the office's line: its own region, every ancestor and every descendant (cached on the user
    and, per process, by region until a region is added, e.g. a village made on demand)."""
    cached = getattr(user, "_counterpart_line", None)
    if cached is not None:
        return cached
    from django.db.models import Max

    from counterpart.geo.models import Region

    region_id = profile_of(user).unit.region_id
    key = (region_id, Region.objects.aggregate(top=Max("pk"))["top"])
    ids = _LINES.get(key)
    if ids is None:
        ids = set()
        if region_id is not None:
            ids.add(region_id)
            parents = dict(Region.objects.filter(pk=region_id).values_list("pk", "parent_id"))
            node = parents.get(region_id)
            while node is not None:
                ids.add(node)
                node = Region.objects.filter(pk=node).values_list("parent_id", flat=True).first()
            frontier = [region_id]
            while frontier:
                frontier = list(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
                ids.update(frontier)
        if len(_LINES) > 5000:
            _LINES.clear()
        _LINES[key] = frozenset(ids)
        ids = _LINES[key]
    user._counterpart_line = ids
    return ids


def _ancestor_ids(user) -> set[int]:
    """The office's region and the regions containing it."""
    region = profile_of(user).unit.region
    ids = set()
    while region is not None:
        ids.add(region.pk)
        region = region.parent
    return ids


def sides_of(user, pairing) -> set[str]:
    """Which sides of a pairing an office stands on (empty for everyone else)."""
    if not is_office(user):
        return set()
    line = _line_region_ids(user)
    sides = set()
    if pairing.donor.region_id in line:
        sides.add(DONOR)
    if pairing.recipient.region_id in line:
        sides.add(RECIPIENT)
    return sides


def visible_pairings(user):
    """Pairings whose unconfirmed figures, records and workspace a user may see."""
    from counterpart.pairings.models import Pairing

    qs = Pairing.objects.select_related("donor", "recipient")
    if is_national(user):
        return qs
    if is_office(user):
        from django.db.models import Q

        from counterpart.pairings.models import Unit

        # The line's units first (through the region index), then their pairings (through the donor and
        # recipient indexes): joining every pairing to both its units reads all hundred thousand of them.
        units = Unit.objects.filter(region_id__in=_line_region_ids(user)).values("pk")
        return qs.filter(Q(donor_id__in=units) | Q(recipient_id__in=units))
    return qs.none()


def can_see_pairing(user, pairing) -> bool:
    return is_national(user) or bool(sides_of(user, pairing))


def access_pairing(user, pk, write: bool = False):
    """The pairing, if the user may see (or, with write, edit) it; otherwise 404."""
    from counterpart.pairings.models import Pairing

    try:
        pairing = Pairing.objects.select_related("donor", "recipient", "parent").get(pk=pk)
    except (Pairing.DoesNotExist, ValueError, TypeError):
        raise Http404("No such pairing") from None
    if not can_see_pairing(user, pairing):
        raise Http404("No such pairing")
    return pairing


def record_kind(model_or_record) -> str:
    return model_or_record._meta.model_name


def can_create_record(user, model, pairing) -> bool:
    """Offices of either side and the national office enter any record; organisations their own kinds."""
    if is_national(user) or sides_of(user, pairing):
        return True
    return is_organisation(user) and record_kind(model) in ORGANISATION_RECORDS


def owns_record(user, record) -> bool:
    """An organisation's own record: it is named as the giver."""
    field = ORGANISATION_RECORDS.get(record_kind(record))
    return bool(field and is_organisation(user) and getattr(record, f"{field}_id") == profile_of(user).unit_id)


def own_records_filter(user, model) -> dict | None:
    """For an organisation, the filter selecting its own records of this type (None: it has none)."""
    field = ORGANISATION_RECORDS.get(record_kind(model))
    if not field or not is_organisation(user):
        return None
    return {f"{field}_id": profile_of(user).unit_id}


def can_see_record(user, record) -> bool:
    return can_see_pairing(user, record.pairing) or owns_record(user, record)


def can_edit_record(user, record) -> bool:
    return can_see_pairing(user, record.pairing) or owns_record(user, record)


def access_record(user, model, pk, write: bool = False):
    """A ledger record the user may see (or edit); otherwise 404."""
    try:
        record = model.objects.select_related("pairing__donor", "pairing__recipient").get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record") from None
    allowed = can_edit_record(user, record) if write else can_see_record(user, record)
    if not allowed:
        raise Http404("No such record")
    return record


def reporting_side(user, pairing) -> str:
    """The side a new report comes from: the office's side; organisations and the nation report as donors."""
    sides = sides_of(user, pairing)
    if sides == {RECIPIENT}:
        return RECIPIENT
    return DONOR


def can_answer(user, confirmation) -> bool:
    """Only an office on the other side from the report may confirm it or answer with its own figure."""
    if confirmation.state != confirmation.State.PENDING:
        return False
    pairing = confirmation.pairing
    other = RECIPIENT if confirmation.side == DONOR else DONOR
    sides = sides_of(user, pairing)
    if other not in sides:
        return False
    # An office on both sides (a pairing inside its own province) cannot confirm what it reported itself.
    return confirmation.reported_by_id != user.pk and (
        confirmation.reporter_unit_id is None or confirmation.reporter_unit_id != profile_of(user).unit_id)


def can_accept_counter(user, confirmation) -> bool:
    """The reporting side may accept the other side's figure in a dispute (or the national office)."""
    if confirmation.state != confirmation.State.DISPUTED:
        return False
    if is_national(user):
        return True
    if confirmation.reported_by_id == user.pk:
        return True
    return confirmation.side in sides_of(user, confirmation.pairing)


def can_manage_users(user) -> bool:
    """The national office lists, creates, edits, deactivates accounts and resets their passwords."""
    return is_national(user)


def can_manage_account(user, account) -> bool:
    """Whether `user` may change `account`: the national office, and never its own account (so it cannot lock
    itself out or drop its own role)."""
    return can_manage_users(user) and account.pk != user.pk


def cache_scope(user) -> str:
    """What a cached page body may be shared across (counterpart/web/cache.py): everyone who gets this value
    is allowed exactly the same pages. The national office; one office or organisation (by unit: its line of
    regions decides what it sees); signed in without a role; the public."""
    role = role_of(user)
    if role == Role.NATIONAL:
        return "national"
    if is_office(user) or is_organisation(user):
        return f"{role}:{profile_of(user).unit_id}"
    if user is not None and user.is_authenticated:
        return "signed-in"
    return "public"


def can_see_audit(user, pairing) -> bool:
    return can_see_pairing(user, pairing)


def can_plan(user, pairing) -> bool:
    """Agreements (sections, targets), annual plans and their adjustments: offices of either side of the
    pairing, and the national office."""
    return is_national(user) or bool(sides_of(user, pairing))


def can_set_weights(user) -> bool:
    """The assessment's weights and lag margin: the national office only."""
    return is_national(user)
