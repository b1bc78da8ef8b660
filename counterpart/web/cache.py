"""Cached page bodies: a repeat view costs a cache read instead of the aggregation, the map and the template.

What is cached is the body of a page (its `content` block), never the frame around it: the frame carries
the user's name, the CSRF tokens of the language and log-out forms, and the messages, and is rendered
for every request. A body that contains a CSRF token is never stored.

The key holds everything that changes a body:
- the page (view name), the path and the query string (sorted);
- the language;
- the user's access scope from counterpart/accounts/access.py (`cache_scope`): the national office, one
  office's unit, one organisation, signed in without a role, or the public. Two offices never share a key;
- the data version: a token in the `web.DataVersion` row that every write action changes in its own
  transaction (`bump_version()`, called explicitly by the actions of ledger records, confirmations,
  observations, pairings, places, documents and proposals, and by the report refresh), so every server
  process sees the change at commit. Only the plans' tables still move it from a model signal (below),
  until their actions call it themselves.

Bulk loads that bypass model signals (`counterpart synth`) are followed by `report refresh`, which saves
a RefreshState and so changes the version; entries also expire after PAGE_CACHE_SECONDS.
The cache is Django's default cache (settings.CACHES: per process in memory unless CACHE_URL says otherwise).
"""
import hashlib
import threading
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Apps whose saves still move the version from a signal: the plans' (their actions do not bump it yet).
# Every other app's actions call bump_version() themselves; no figure's version depends on a signal.
WATCHED_APPS = {"plans"}
# Derived tables rebuilt from the watched ones: they change after a change that already moved the version
# (a refresh, new weights, an edited plan), or when an assessment keeps the scores it read, which shows
# nothing new.
DERIVED = {"plans.planscore", "plans.progress", "plans.progressstate"}
HEADER = "X-Counterpart-Cache"
_local = threading.local()  # the versions this thread wrote (a page build may refresh the report totals)


def data_version(request=None) -> str:
    """The current data version (read once per request)."""
    if request is not None and getattr(request, "_counterpart_version", None):
        return request._counterpart_version
    from counterpart.web.models import DataVersion

    token = DataVersion.objects.filter(pk=1).values_list("token", flat=True).first() or "0"
    if request is not None:
        request._counterpart_version = token
    return token


def bump_version():
    """A new data version, in the caller's transaction (rolled back with it)."""
    from counterpart.web.models import DataVersion

    token = uuid.uuid4().hex
    written = getattr(_local, "written", None)
    if written is None or len(written) > 1000:
        written = _local.written = set()
    written.add(token)
    if not DataVersion.objects.filter(pk=1).update(token=token):
        with transaction.atomic():  # the row is gone (a flushed test database): put it back
            DataVersion.objects.update_or_create(pk=1, defaults={"token": token})
    return token


def _changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in WATCHED_APPS and meta.label_lower not in DERIVED:
        bump_version()


def _m2m_changed(sender, action, instance, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(type(instance))


def connect():
    post_save.connect(_changed, dispatch_uid="counterpart-data-version-save")
    post_delete.connect(_changed, dispatch_uid="counterpart-data-version-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="counterpart-data-version-m2m")


def _query(request) -> str:
    return urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))


def cache_key(request, name: str, scope: str, page: bool = True, version: str | None = None) -> str:
    where = [request.path, _query(request)] if page else []
    parts = [name, scope, get_language() or "", *where, version or data_version(request)]
    return "cp:body:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached(request, name: str, scope: str, build) -> str:
    """The body `build()` returns, from the cache when this key was built before."""
    key = cache_key(request, name, scope)
    html = cache.get(key)
    if html is not None:
        request._counterpart_cache = "hit"
        return mark_safe(html)
    html = str(build())
    key = _key_after_build(request, name, scope, key)
    if key and "csrfmiddlewaretoken" not in html:  # a per-user token must never be served to someone else
        cache.set(key, html, getattr(settings, "PAGE_CACHE_SECONDS", 600))
    request._counterpart_cache = "miss"
    return mark_safe(html)


def _key_after_build(request, name, scope, key):
    """The key to store a freshly built body under. If the data version changed while it was built, the body
    is stored under the new version only when this thread made the change (a small database refreshing its
    report totals on the way); after someone else's change it is not stored at all."""
    before = data_version(request)
    now = data_version()
    if now == before:
        return key
    if now in getattr(_local, "written", ()):
        request._counterpart_version = now
        return cache_key(request, name, scope)
    return None


def cached_value(request, name: str, scope: str, build):
    """Like `cached` for any picklable value shared by pages (e.g. a map's SVG): path and query aside."""
    key = cache_key(request, name, scope, page=False, version=data_version())
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, getattr(settings, "PAGE_CACHE_SECONDS", 600))
    return value


def render_body(request, template: str, context: dict) -> str:
    return render_to_string(template, context, request=request)


def mark(response, request):
    """Say whether the body came from the cache (tests and the benchmark read it)."""
    state = getattr(request, "_counterpart_cache", None)
    if state:
        response[HEADER] = state
    return response
