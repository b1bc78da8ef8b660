"""Signing in: Django's model backend, reading the user's profile (role and unit) with the user.

Every page asks for the user and then for their role, so loading both in one query saves a query on every
request (the web bench's pages are mostly cache hits that make only a handful of queries)."""
from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("profile__unit").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request (the login page, the admin's). A sign-in
    made in code (a shell, a test client's login()) has no address to throttle and goes on to the next
    backend unchecked, instead of failing as axes' own backend does."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
