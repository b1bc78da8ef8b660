"""Who may review imported documents: one small rule, on top of counterpart.accounts.access."""
from django.http import Http404

from counterpart.accounts import access


def can_import(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_staff or access.is_national(user)
                                                     or access.is_office(user)))


def can_review(user, batch) -> bool:
    """National office and staff review everything; an office reviews documents about its pairings
    (and what it uploaded itself before the document's pairing is known)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or access.is_national(user):
        return True
    if not access.is_office(user):
        return False
    if batch.pairing_id is not None:
        return access.can_see_pairing(user, batch.pairing)
    return batch.imported_by_id == user.pk


def reviewable(user, queryset):
    """The imported documents a user may review (filtered in Python: the rule lives in one place)."""
    return [b for b in queryset if can_review(user, b)]


def access_batch(user, pk):
    from counterpart.ingest.models import DocumentImport

    batch = DocumentImport.objects.select_related("document", "pairing__donor", "pairing__recipient").filter(
        pk=pk).first()
    if batch is None or not can_review(user, batch):
        raise Http404("No such document")
    return batch
