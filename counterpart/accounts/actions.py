"""Writes for accounts. Changes to accounts are logged (counterpart/audit) in the same transaction: an account
is never deleted here, only deactivated, so its name stays on everything it entered."""
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from counterpart.accounts.models import Profile
from counterpart.audit.actions import do_log_change
from counterpart.audit.models import Action


@transaction.atomic
def do_set_language(profile, language: str):
    profile.language = language
    profile.save(update_fields=["language"])
    return profile


def account_snapshot(account) -> dict:
    """What the audit keeps of an account (never the password hash)."""
    profile = Profile.objects.filter(user=account).first()
    return {"username": account.username, "is_active": account.is_active, "is_staff": account.is_staff,
            "is_superuser": account.is_superuser,
            "role": profile.role if profile else None, "unit_id": profile.unit_id if profile else None,
            "language": profile.language if profile else None}


def _set_admin_rights(by, account, is_staff, is_superuser) -> None:
    """Rights in the Django admin change only by a superuser's hand (accounts.access.can_grant_admin_rights):
    a national-office account must not make itself, or anyone, an admin."""
    from counterpart.accounts.access import can_grant_admin_rights

    wanted = {"is_staff": is_staff, "is_superuser": is_superuser}
    changes = {k: bool(v) for k, v in wanted.items() if v is not None and bool(v) != getattr(account, k)}
    if not changes:
        return
    if not can_grant_admin_rights(by):
        raise PermissionDenied("Only a superuser grants or removes admin rights.")
    for field, value in changes.items():
        setattr(account, field, value)
    account.save(update_fields=list(changes))


@transaction.atomic
def do_create_account(by, username: str, password: str, role: str, unit=None, language: str = "zh-hans",
                      is_staff=None, is_superuser=None) -> User:
    account = User.objects.create_user(username=username, password=password)
    _set_admin_rights(by, account, is_staff, is_superuser)
    Profile.objects.create(user=account, role=role, unit=unit, language=language)
    do_log_change(by, Action.CREATE, account, None, account_snapshot(account))
    return account


@transaction.atomic
def do_update_account(by, account, role: str, unit=None, language: str | None = None, is_staff=None,
                      is_superuser=None) -> User:
    before = account_snapshot(account)
    _set_admin_rights(by, account, is_staff, is_superuser)
    profile, _created = Profile.objects.get_or_create(user=account, defaults={"role": role, "unit": unit})
    profile.role, profile.unit = role, unit
    if language:
        profile.language = language
    profile.save()
    after = account_snapshot(account)
    if after != before:
        do_log_change(by, Action.UPDATE, account, before, after)
    return account


@transaction.atomic
def do_set_active(by, account, active: bool) -> User:
    """Deactivate (the account can no longer sign in; its records keep its name) or reactivate."""
    before = account_snapshot(account)
    account.is_active = active
    account.save(update_fields=["is_active"])
    do_log_change(by, Action.UPDATE, account, before, account_snapshot(account),
                  note="reactivated" if active else "deactivated")
    return account


@transaction.atomic
def do_reset_password(by, account, password: str) -> User:
    account.set_password(password)
    account.save(update_fields=["password"])
    do_log_change(by, Action.UPDATE, account, None, None, note="password reset")
    return account
