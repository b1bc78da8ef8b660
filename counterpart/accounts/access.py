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

DONOR, RECIPIENT, NATIONAL = "donor", "recipient", "national"


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


# The largest primary key a lookup is tried with (BigAutoField); a larger number is no row.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """A row id from a URL or a form (`?pairing=12`), or None for anything that cannot be one ("abc", "",
    "-3", a number past the column's range): such an id names nothing, so it is "not found", never a 500."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text.isdigit() or not text.isascii():
            return None
        number = int(text)
    return number if 0 < number <= MAX_ID else None


def _one(queryset, pk, what: str):
    """The row with this id, or 404 for a missing row and a bad id alike."""
    number = parse_id(pk)
    found = queryset.filter(pk=number).first() if number is not None else None
    if found is None:
        raise Http404(f"No such {what}")
    return found


def _refuse_unless(allowed: bool, what: str) -> None:
    if not allowed:
        raise Http404(f"No such {what}")


def access_pairing(user, pk, write: bool = False):
    """The pairing's workspace (dashboard, unconfirmed figures, plans): the offices on its line and the
    national office; otherwise 404."""
    from counterpart.pairings.models import Pairing

    pairing = _one(Pairing.objects.select_related("donor__region", "recipient__region", "parent"), pk, "pairing")
    _refuse_unless(can_see_pairing(user, pairing), "pairing")
    return pairing


def access_public_pairing(pk):
    """A pairing's public page (its names and confirmed figures): everyone; 404 only for no such pairing."""
    from counterpart.pairings.models import Pairing

    return _one(Pairing.objects.select_related("donor__region", "recipient__region", "parent"), pk, "pairing")


def record_kind(model_or_record) -> str:
    return model_or_record._meta.model_name


def _organisation_field(model_or_record) -> str | None:
    from counterpart.ledger.kinds import is_record, kind_of

    return kind_of(model_or_record).organisation_field if is_record(model_or_record) else None


def can_create_record(user, model, pairing) -> bool:
    """Offices of either side and the national office enter any record; organisations their own kinds."""
    if is_national(user) or sides_of(user, pairing):
        return True
    return is_organisation(user) and _organisation_field(model) is not None


def owns_record(user, record) -> bool:
    """An organisation's own record: it is named as the giver."""
    field = _organisation_field(record)
    return bool(field and is_organisation(user) and getattr(record, f"{field}_id") == profile_of(user).unit_id)


def own_records_filter(user, model) -> dict | None:
    """For an organisation, the filter selecting its own records of this type (None: it has none)."""
    field = _organisation_field(model)
    if not field or not is_organisation(user):
        return None
    return {f"{field}_id": profile_of(user).unit_id}


def can_see_record(user, record) -> bool:
    return can_see_pairing(user, record.pairing) or owns_record(user, record)


def _confirmation(record, confirmation):
    if confirmation is not None:
        return confirmation
    from counterpart.confirmations.actions import confirmation_for

    return confirmation_for(record)


def owner_side(record, confirmation=None) -> str:
    """The side that reported the record (a record with no confirmation row, e.g. bulk synthetic data, is
    the donor side's)."""
    confirmation = _confirmation(record, confirmation)
    return confirmation.side if confirmation is not None else DONOR


def can_edit_record(user, record, confirmation=None) -> bool:
    """Only the side that reported a record changes or withdraws it: an office standing on that side, or
    the organisation that entered it in its own name. The other side confirms or answers with its own
    figure; the national office corrects (can_correct_record), with a reason."""
    if owns_record(user, record):
        return True
    if not is_office(user):
        return False
    confirmation = _confirmation(record, confirmation)
    if confirmation is not None and confirmation.reported_by_id is not None and is_organisation(
            confirmation.reported_by):
        return False  # an organisation's own report is its own to change
    return owner_side(record, confirmation) in sides_of(user, record.pairing)


def can_withdraw_record(user, record, confirmation=None) -> bool:
    return can_edit_record(user, record, confirmation)


def can_correct_record(user, record) -> bool:
    """The national office corrects any record, giving a reason; both sides then confirm again."""
    return is_national(user)


def can_comment(user, record) -> bool:
    """Both sides (and the national office) write in a record's thread; so does the organisation whose
    record it is."""
    return can_see_pairing(user, record.pairing) or owns_record(user, record)


def access_record(user, model, pk, write: bool = False):
    """A ledger record the user may see (or change: its owner side, or the national office correcting it);
    otherwise 404."""
    try:
        record = model.objects.select_related("pairing__donor", "pairing__recipient").get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record") from None
    if write:
        allowed = can_edit_record(user, record) or can_correct_record(user, record)
    else:
        allowed = can_see_record(user, record)
    if not allowed:
        raise Http404("No such record")
    return record


def reporting_side(user, pairing) -> str:
    """The side a new report comes from: the office's side; organisations report as donors; the national
    office's own figures go to both sides."""
    if is_national(user):
        return NATIONAL
    sides = sides_of(user, pairing)
    if sides == {RECIPIENT}:
        return RECIPIENT
    return DONOR


def can_answer(user, confirmation) -> bool:
    """Only an office on a side still asked may confirm a report or answer with its own figure."""
    if confirmation.state != confirmation.State.PENDING:
        return False
    sides = sides_of(user, confirmation.pairing)
    if not (confirmation.answering_sides & sides):
        return False
    if confirmation.side == NATIONAL:
        return True
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


def is_privileged(account) -> bool:
    """An account with rights in the Django admin (staff or superuser)."""
    return bool(account.is_staff or account.is_superuser)


def can_manage_account(user, account) -> bool:
    """Whether `user` may change `account`: the national office, never its own account (so it cannot lock
    itself out or drop its own role), and an admin account (staff or superuser) only when it is a superuser
    itself: otherwise setting the superuser's password would sign it in to /admin/."""
    if not can_manage_users(user) or account.pk == user.pk:
        return False
    return user.is_superuser or not is_privileged(account)


def can_grant_admin_rights(user) -> bool:
    """Making an account staff or superuser: superusers only."""
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def access_user(user, pk):
    """An account the national office may change (accounts/views.py); otherwise 404."""
    from django.contrib.auth.models import User

    _refuse_unless(can_manage_users(user), "account")
    account = _one(User.objects.select_related("profile__unit"), pk, "account")
    _refuse_unless(can_manage_account(user, account), "account")
    return account


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


def can_see_audit_log(user) -> bool:
    """The whole audit trail, every pairing's: the national office."""
    return is_national(user)


def can_plan(user, pairing) -> bool:
    """Agreements (sections, targets), annual plans and their adjustments: offices of either side of the
    pairing, and the national office."""
    return is_national(user) or bool(sides_of(user, pairing))


def can_set_weights(user) -> bool:
    """The assessment's weights and lag margin: the national office only."""
    return is_national(user)


# Reports ---------------------------------------------------------------------------------------------------

def can_see_annual_report(user, pairing) -> bool:
    """A pairing's annual report (it shows figures awaiting confirmation and who entered them): the offices on
    the pairing's line and the national office."""
    return can_see_pairing(user, pairing)


def access_report(user, pk):
    """The pairing whose annual report the user asked for; otherwise 404."""
    from counterpart.pairings.models import Pairing

    pairing = _one(Pairing.objects.select_related("donor", "recipient", "parent"), pk, "report")
    _refuse_unless(can_see_annual_report(user, pairing), "report")
    return pairing


def checks_scope(user):
    """The data checks a user may read: every pairing's for the national office (None), the pairings on an
    office's line (a query); 404 for everyone else."""
    if is_national(user):
        return None
    _refuse_unless(is_office(user), "report")
    return visible_pairings(user)


def can_see_checks(user) -> bool:
    return is_national(user) or is_office(user)


def can_see_unconfirmed_totals(user) -> bool:
    """National totals of what is reported but not confirmed (and their counts): the national office only;
    an office sees unconfirmed figures of its own pairings, never the nation's."""
    return is_national(user)


def can_see_names(user, pairing=None) -> bool:
    """Who entered a figure (a username): the offices of the pairing and the national office; the public
    (and everyone else) sees no usernames."""
    if pairing is None:
        return is_national(user)
    return can_see_pairing(user, pairing)


# Imported documents and their proposals ---------------------------------------------------------------------

def can_import(user) -> bool:
    """Uploading a narrative report: offices, the national office and admin staff."""
    return bool(user is not None and user.is_authenticated and (user.is_staff or is_national(user)
                                                                 or is_office(user)))


def can_review(user, batch) -> bool:
    """An imported document under review and its proposals: the national office (and admin staff), and the
    office that imported it (its figures become records reported by that office)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or is_national(user):
        return True
    if not is_office(user) or batch.imported_by_id is None:
        return False
    if batch.imported_by_id == user.pk:
        return True
    importer = profile_of(batch.imported_by)
    return importer is not None and importer.unit_id == profile_of(user).unit_id


def reviewable(user, queryset):
    """The imported documents a user may review (filtered in Python: the rule lives in one place)."""
    return [b for b in queryset.select_related("imported_by__profile") if can_review(user, b)]


def access_batch(user, pk):
    """An imported document's review page; otherwise 404."""
    from counterpart.ingest.models import DocumentImport

    batch = _one(DocumentImport.objects.select_related("document", "pairing__donor", "pairing__recipient",
                                                       "imported_by__profile"), pk, "document")
    _refuse_unless(can_review(user, batch), "document")
    return batch


def access_proposal(user, pk):
    """A proposal, through its document's review rule; otherwise 404."""
    from counterpart.ingest.models import Proposal

    proposal = _one(Proposal.objects.select_related("batch__document", "batch__imported_by__profile"), pk,
                    "proposal")
    _refuse_unless(can_review(user, proposal.batch), "proposal")
    return proposal


def under_review(document) -> bool:
    """An imported document is under review until a reviewer has decided on a proposal and none is pending;
    documents that did not come through the review queue (curated, loaded) are reviewed."""
    from counterpart.ingest.models import DocumentImport, Proposal

    batch = DocumentImport.objects.filter(document=document).first()
    if batch is None:
        return False
    states = set(batch.proposals.values_list("status", flat=True).distinct())
    return Proposal.State.PENDING in states or not states


def can_see_document(user, document) -> bool:
    """Reviewed documents are public; one under review is for its reviewers."""
    if not under_review(document):
        return True
    return can_review(user, document.ingest)


def visible_documents(user, queryset=None):
    """The source documents a user may open (the home page's list)."""
    from django.db.models import Exists, OuterRef, Q

    from counterpart.ingest.models import DocumentImport, Proposal
    from counterpart.sources.models import SourceDocument

    qs = SourceDocument.objects.all() if queryset is None else queryset
    if user is not None and user.is_authenticated and (user.is_staff or is_national(user)):
        return qs
    pending = Proposal.objects.filter(batch__document=OuterRef("pk"), status=Proposal.State.PENDING)
    decided = Proposal.objects.filter(batch__document=OuterRef("pk")).exclude(status=Proposal.State.PENDING)
    imported = DocumentImport.objects.filter(document=OuterRef("pk"))
    reviewed = ~Exists(imported) | (Exists(decided) & ~Exists(pending))
    if is_office(user):
        mine = DocumentImport.objects.filter(document=OuterRef("pk")).filter(
            Q(imported_by=user) | Q(imported_by__profile__unit_id=profile_of(user).unit_id))
        return qs.filter(reviewed | Exists(mine))
    return qs.filter(reviewed)


def access_document(user, pk):
    """A source document's page: reviewed documents for everyone, one under review for its reviewers;
    otherwise 404."""
    from counterpart.sources.models import SourceDocument

    document = _one(SourceDocument.objects.select_related("ingest__imported_by__profile"), pk, "document")
    _refuse_unless(can_see_document(user, document), "document")
    return document


# Agreements and plans ---------------------------------------------------------------------------------------

def access_agreement(user, pk, write: bool = False):
    """An agreement: its page is public (agreements are published texts); entering its sections and targets
    is for those who plan the pairing (can_plan). Otherwise 404."""
    from counterpart.pairings.models import Agreement

    agreement = _one(Agreement.objects.select_related("pairing__donor", "pairing__recipient"), pk, "agreement")
    if write:
        _refuse_unless(can_plan(user, agreement.pairing), "agreement")
    return agreement


def access_plan(user, pk):
    """An annual plan (its page and its items): those who plan the pairing; otherwise 404."""
    from counterpart.plans.models import AnnualPlan

    plan = _one(AnnualPlan.objects.select_related("pairing__donor", "pairing__recipient", "derived_from",
                                                  "span__document"), pk, "plan")
    _refuse_unless(can_plan(user, plan.pairing), "plan")
    return plan


def access_plan_item(user, pk):
    """A plan item to adjust: those who plan its plan's pairing; otherwise 404."""
    from counterpart.plans.models import PlanItem

    item = _one(PlanItem.objects.select_related("plan__pairing__donor", "plan__pairing__recipient"), pk,
                "plan item")
    _refuse_unless(can_plan(user, item.plan.pairing), "plan item")
    return item


def access_planned_pairing(user, pk):
    """A pairing whose agreements and annual plans the user enters (can_plan); otherwise 404."""
    pairing = access_public_pairing(pk)
    _refuse_unless(can_plan(user, pairing), "pairing")
    return pairing
