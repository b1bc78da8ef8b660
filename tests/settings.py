"""Settings for the test suite: production's (counterpart/settings.py), with a key for signing (production
refuses to start without one) and the second factor not forced on every national-office test user; the tests
of the second factor turn it on (tests/accounts/test_second_factor.py)."""
import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

from counterpart.settings import *

OTP_REQUIRED_ROLES = []
WHITENOISE_AUTOREFRESH = True  # static files from the apps, without collectstatic
