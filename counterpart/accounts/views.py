"""Per-user language, and the national office's view of accounts (changes go through the admin)."""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from counterpart.accounts.access import can_manage_users, profile_of
from counterpart.accounts.actions import do_set_language


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


@login_required
def user_list(request):
    if not can_manage_users(request.user):
        raise Http404("No such page")
    users = User.objects.select_related("profile__unit").order_by("username")
    return render(request, "accounts/users.html", {"users": users})
