"""Per-user language, and the national office's management of accounts: list, create, change role and unit,
deactivate and reactivate, reset a password. Every change is in the audit trail; nothing is deleted.
Permissions: counterpart/accounts/access.py (`can_manage_users`, `can_manage_account`)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from counterpart.accounts import actions
from counterpart.accounts.access import access_user, can_grant_admin_rights, can_manage_users, profile_of
from counterpart.accounts.actions import do_set_language
from counterpart.accounts.forms import AccountForm, NewAccountForm, PasswordForm, unit_text


def _safe_next(request, default="/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return default
    return target


@login_required
def after_login(request):
    """The login page sends people here: their own language comes back with them."""
    response = HttpResponseRedirect(_safe_next(request))
    profile = profile_of(request.user)
    if profile and check_for_language(profile.language):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, profile.language, max_age=365 * 24 * 3600,
                            samesite="Lax")
    return response


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user keeps the choice on their profile."""
    language = request.POST.get("language", "")
    profile = profile_of(request.user)
    if profile and check_for_language(language) and language in dict(settings.LANGUAGES):
        do_set_language(profile, language)
    return django_set_language(request)


def _history(account):
    """The account's audit trail, its notes in the reader's language."""
    from counterpart.audit.actions import history

    notes = {"deactivated": _("deactivated"), "reactivated": _("reactivated"), "password reset": _("password reset")}
    changes = list(history(account))
    for c in changes:
        c.note_text = notes.get(c.note, c.note)
    return changes


def _managing(request):
    if not can_manage_users(request.user):
        raise Http404("No such page")


def _account(request, pk):
    """An account the signed-in national office may change (not its own, no admin's unless a superuser)."""
    return access_user(request.user, pk)


def _admin_rights(request, data) -> dict:
    """The admin rights the form set, when a superuser was offered them; nothing otherwise."""
    if not can_grant_admin_rights(request.user):
        return {}
    return {"is_staff": data.get("is_staff", False), "is_superuser": data.get("is_superuser", False)}


@login_required
def user_list(request):
    _managing(request)
    users = User.objects.select_related("profile__unit").order_by("-is_active", "username")
    return render(request, "accounts/users.html", {"users": users})


@login_required
def user_new(request):
    _managing(request)
    form = NewAccountForm(request.POST or None, admin_rights=can_grant_admin_rights(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = actions.do_create_account(request.user, data["username"], data["password1"], data["role"],
                                            data.get("unit_obj"), data["language"], **_admin_rights(request, data))
        messages.success(request, _("Account “%(name)s” created.") % {"name": account.username})
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
def user_edit(request, pk):
    account = _account(request, pk)
    profile = profile_of(account)
    initial = {"role": profile.role if profile else "", "unit": unit_text(profile.unit if profile else None),
               "language": profile.language if profile else "zh-hans"}
    initial.update(is_staff=account.is_staff, is_superuser=account.is_superuser)
    form = AccountForm(request.POST or None, initial=initial, admin_rights=can_grant_admin_rights(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.do_update_account(request.user, account, data["role"], data.get("unit_obj"), data["language"],
                                  **_admin_rights(request, data))
        messages.success(request, _("Account “%(name)s” saved.") % {"name": account.username})
        return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {
        "form": form, "account": account, "password_form": PasswordForm(account=account),
        "history": _history(account)})


@login_required
@require_POST
def user_active(request, pk):
    account = _account(request, pk)
    active = request.POST.get("active") == "1"
    actions.do_set_active(request.user, account, active)
    if active:
        messages.success(request, _("Account “%(name)s” reactivated.") % {"name": account.username})
    else:
        messages.success(request, _("Account “%(name)s” deactivated: it can no longer sign in; what it entered "
                                    "keeps its name.") % {"name": account.username})
    return redirect("accounts:users")


@login_required
@require_POST
def user_password(request, pk):
    account = _account(request, pk)
    form = PasswordForm(request.POST, account=account)
    if form.is_valid():
        actions.do_reset_password(request.user, account, form.cleaned_data["password1"])
        messages.success(request, _("New password set for “%(name)s”.") % {"name": account.username})
        return redirect("accounts:users")
    profile = profile_of(account)
    edit = AccountForm(initial={"role": profile.role if profile else "",
                                "unit": unit_text(profile.unit if profile else None),
                                "language": profile.language if profile else "zh-hans"})
    return render(request, "accounts/user_form.html", {"form": edit, "account": account, "password_form": form,
                                                       "history": _history(account)})
