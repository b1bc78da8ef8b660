"""Personal API tokens: made and revoked by their owner (account page), checked on every API request."""
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.api.models import ApiToken
from counterpart.audit.actions import do_log_change
from counterpart.audit.models import Action

PREFIX = "cpt_"
MAX_ACTIVE = 20


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def do_create_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token itself (which is never stored)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name saying what it is for.")})
    if len(name) > 100:
        raise ValidationError({"name": _("At most %(n)s characters.") % {"n": 100}})
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError({"name": _("At most %(n)s active tokens: revoke one first.") % {"n": MAX_ACTIVE}})
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, digest=digest(raw), prefix=raw[:12])
    do_log_change(user, Action.CREATE, token, None, {"name": name, "prefix": token.prefix})
    return token, raw


@transaction.atomic
def do_revoke_token(user, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        do_log_change(user, Action.DELETE, token, {"name": token.name, "prefix": token.prefix}, None,
                      note="revoked")
    return token


def user_tokens(user):
    return ApiToken.objects.filter(user=user)


def access_token(user, pk) -> ApiToken:
    """One of the user's own tokens; anybody else's looks like none."""
    from django.http import Http404

    token = ApiToken.objects.filter(user=user, pk=pk).first() if user.is_authenticated else None
    if token is None:
        raise Http404("No such token")
    return token


def user_for_token(raw: str):
    """The active user a token belongs to, or None. Marks the token used at most once a minute (a read must
    not write on every request)."""
    if not raw or not raw.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(raw), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
