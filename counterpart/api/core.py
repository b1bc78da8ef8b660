"""The API object: who is asking (token or nobody), errors as JSON naming the field in the request's
language, ETags on reads, and keyset pagination."""
import base64
import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponseNotModified
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from counterpart.api.tokens import user_for_token

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


class ApiError(Exception):
    """An error answered as {"errors": [{"field": ..., "message": ...}]} with its HTTP status."""

    def __init__(self, status: int, errors: list[dict]):
        super().__init__(errors)
        self.status, self.errors = status, errors


def error(status: int, message: str, field: str | None = None) -> ApiError:
    return ApiError(status, [{"field": field, "message": str(message)}])


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cpt_…`, a personal token made on the account page."""

    def authenticate(self, request, token):
        return user_for_token(token)


def anonymous(request):
    """Without an Authorization header a request reads what the public pages show; a header with a bad
    token is refused (401), not silently read as anonymous."""
    if request.headers.get("Authorization"):
        return None
    return AnonymousUser()


def current_user(request):
    user = getattr(request, "auth", None)
    return user if user is not None else AnonymousUser()


def signed_in(request):
    user = current_user(request)
    if not user.is_authenticated:
        raise error(401, _("Sign in with a personal API token (Authorization: Bearer …)."), "Authorization")
    return user


def django_errors(exc: DjangoValidationError, aliases: dict | None = None) -> list[dict]:
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        return [{"field": None if name == "__all__" else aliases.get(name, name), "message": str(m)}
                for name, errors in exc.message_dict.items() for m in errors]
    return [{"field": None, "message": str(m)} for m in exc.messages]


def _pydantic_message(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int"):
        return _("Enter a whole number.")
    if kind.startswith(("decimal", "float")):
        return _("Enter a number.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind in ("literal_error", "enum"):
        return _("Choose one of the allowed values.")
    if kind.startswith("str"):
        return _("Enter text.")
    if kind.startswith("dict") or kind == "model_type" or kind == "model_attributes_type":
        return _("Give an object.")
    if kind.startswith("list"):
        return _("Give a list.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("This value is not valid.")


def _field_of(loc) -> str | None:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header", "payload")]
    return ".".join(parts) or None


class CounterpartAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Reads need no token (an anonymous request reads what the public pages show): their security
        lists "no authentication" ({}) beside the bearer token, as OpenAPI 3 spells an optional scheme."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if method == "get" and operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
                # Any request may be malformed or carry a revoked token; a read may be answered "not modified".
                responses = operation.setdefault("responses", {})
                for status, text in (("400", "Bad input: each error names its field"),
                                     ("401", "The token is not valid or has been revoked")):
                    responses.setdefault(status, {"description": text, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Errors"}}}})
                if method == "get":
                    responses.setdefault("304", {"description": "Not modified (If-None-Match matched the ETag)"})
        return schema

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            tag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = tag
            response["Vary"] = "Accept-Language, Authorization, Cookie"
            if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = tag
                return not_modified
        return response


def install_handlers(api: NinjaAPI) -> None:
    def answer(request, status, errors):
        return api.create_response(request, {"errors": errors}, status=status)

    @api.exception_handler(ApiError)
    def _api_error(request, exc):
        return answer(request, exc.status, exc.errors)

    @api.exception_handler(DjangoValidationError)
    def _validation(request, exc):
        return answer(request, 400, django_errors(exc))

    @api.exception_handler(NinjaValidationError)
    def _schema(request, exc):
        return answer(request, 400, [{"field": _field_of(e.get("loc", ())), "message": _pydantic_message(e)}
                                     for e in exc.errors])

    @api.exception_handler(Http404)
    def _missing(request, exc):
        return answer(request, 404, [{"field": None, "message": _("Not found.")}])

    @api.exception_handler(PermissionDenied)
    def _denied(request, exc):
        return answer(request, 404, [{"field": None, "message": _("Not found.")}])

    @api.exception_handler(AuthenticationError)
    def _unauthorised(request, exc):
        return answer(request, 401, [{"field": "Authorization",
                                      "message": _("The API token is not valid or has been revoked.")}])

    @api.exception_handler(HttpError)
    def _http(request, exc):
        return answer(request, exc.status_code, [{"field": None, "message": str(exc)}])


# Keyset pagination: the cursor is the last row's sort key, so page 5,000 costs what page 1 costs.

def encode_cursor(key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None):
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, TypeError):
        raise error(400, _("This cursor is not one this API gave out."), "cursor") from None
    if not isinstance(key, int) or isinstance(key, bool) or key < 0:
        raise error(400, _("This cursor is not one this API gave out."), "cursor")
    return key


def check_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1 or limit > MAX_LIMIT:
        raise error(400, _("Between 1 and %(n)s.") % {"n": MAX_LIMIT}, "limit")
    return limit


def page_by_id(qs, cursor: str | None, limit: int | None, serialise):
    """One page of a query in id order after the cursor, and the cursor of the next page (None at the end)."""
    limit = check_limit(limit)
    after = decode_cursor(cursor)
    if after is not None:
        qs = qs.filter(pk__gt=after)
    rows = list(qs.order_by("pk")[:limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    items = serialise(rows)
    return {"items": items, "next": encode_cursor(rows[-1].pk) if more and rows else None}
