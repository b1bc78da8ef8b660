"""Signing in safely: a TOTP second factor (django-otp) and the page shown when sign-in is locked (django-axes).

A user who has confirmed an authenticator app is asked for its six-digit code after the password, on every
sign-in. National-office accounts (OTP_REQUIRED_ROLES) and staff must enrol one before they can open any page;
everyone else may enrol from the same page. The enrolment QR code is drawn as SVG on the server (segno),
so no image service or script is needed.
"""
import base64

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

# Paths a signed-in but not yet verified user may reach: signing in and out, the second-factor pages,
# static files, the language switch and the health check.
EXEMPT = ("/accounts/login/", "/accounts/logout/", "/accounts/second-factor/", "/static/", "/i18n/", "/healthz")


def required(user) -> bool:
    """Whether this user must use a second factor."""
    roles = settings.OTP_REQUIRED_ROLES
    if not roles:
        return False
    if user.is_staff or user.is_superuser:
        return True
    profile = getattr(user, "profile", None)
    return profile is not None and profile.role in roles


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not user.is_verified()
                and not request.path.startswith(EXEMPT)):
            target = "accounts:otp_verify" if user_has_device(user, confirmed=True) else (
                "accounts:otp_setup" if required(user) else None)
            if target:
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _token(request) -> str:
    return "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())


@login_required
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), then give one code to confirm."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("authenticator app"), confirmed=False)
    error = None
    if request.method == "POST":
        if device.verify_token(_token(request)):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # One confirmed device per user: an enrolment replaces the one before.
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            return redirect(_next(request))
        error = _("That code is not right: check the clock of your phone and give the code now shown.")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1d2b36", title=_("QR code for your authenticator app"))
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "accounts/otp_setup.html", {
        "qr": qr, "key": " ".join(key[i:i + 4] for i in range(0, len(key), 4)), "error": error,
        "next": _next(request), "required": required(request.user),
        "enrolled": user_has_device(request.user, confirmed=True)}, status=400 if error else 200)


@login_required
def verify(request):
    """After the password: the code from the user's authenticator app."""
    error = None
    if request.method == "POST":
        token = _token(request)
        for device in devices_for_user(request.user, confirmed=True):
            allowed, _why = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                otp_login(request, device)
                return redirect(_next(request))
        error = _("That code is not right, or too many wrong codes were given: wait a moment and give the "
                  "code now shown.")
    return render(request, "accounts/otp_verify.html", {"error": error, "next": _next(request)},
                  status=400 if error else 200)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked sign-in: the login page with a message, status 429."""
    from django.contrib.auth.forms import AuthenticationForm

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = AuthenticationForm(request)
    return render(request, "registration/login.html", {
        "form": form, "locked": _("Too many wrong passwords: signing in as this user from here is locked for "
                                  "%(m)s minutes. Ask your administrator if you have forgotten the password.")
        % {"m": minutes}}, status=429)
