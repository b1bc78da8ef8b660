"""Signed-in sessions end after SESSION_IDLE_SECONDS without a request.

The last request's time is written to the session at most once a minute: writing it on every request
(SESSION_SAVE_EVERY_REQUEST) would cost a database write per page, which the page cache is there to avoid.
"""
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _

KEY = "counterpart_seen"
WRITE_EVERY = 60  # seconds


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(KEY)
            if seen is not None and now - seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("You were signed out after %(m)s minutes without activity; sign in "
                                         "again.") % {"m": settings.SESSION_IDLE_SECONDS // 60})
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")
            if seen is None or now - seen >= WRITE_EVERY:
                request.session[KEY] = now  # also renews the cookie's SESSION_COOKIE_AGE
        return self.get_response(request)
