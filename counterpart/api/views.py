"""The account page's API tokens: make one (shown once), see one's tokens, revoke one."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from counterpart.api.tokens import access_token, do_create_token, do_revoke_token, user_tokens


@login_required
def token_list(request):
    new_token, errors = None, []
    if request.method == "POST":
        try:
            _token, new_token = do_create_token(request.user, request.POST.get("name", ""))
        except ValidationError as exc:
            errors = exc.messages
    response = render(request, "api/tokens.html", {
        "tokens": user_tokens(request.user), "new_token": new_token, "errors": errors,
        "name": request.POST.get("name", "") if errors else ""})
    response["Cache-Control"] = "no-store"  # the new token is on this page once
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = access_token(request.user, pk)
    do_revoke_token(request.user, token)
    messages.success(request, _("The token is revoked: requests with it are refused from now on."))
    return redirect("api_tokens:list")
