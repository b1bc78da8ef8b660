"""One settings module, driven by environment variables (documented in docs/configuration.md).

DATABASE_URL     database; default SQLite at var/counterpart.sqlite3
SECRET_KEY       required when DEBUG is off: nothing starts without it
DEBUG            "1" for development (off unless set; `make run` sets it)
ALLOWED_HOSTS    comma-separated; default "127.0.0.1,localhost"
COUNTERPART_VAR  where runtime files go (SQLite, uploads); default ./var
The rest (HTTPS, cookies, sign-in, sessions, storage) are in docs/configuration.md.
"""
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("COUNTERPART_VAR", Path.cwd() / "var"))


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


# Production is the default: a server started without DEBUG never shows debug tracebacks.
DEBUG = _flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY and os.environ.get("COUNTERPART_SIGNS_NOTHING") == "1":
    # The key signs sessions, CSRF tokens and reset links. A command that only reads files and prints facts
    # (counterpart.cli.SIGNS_NOTHING) signs none of them: a throwaway key of its own process will do.
    SECRET_KEY = secrets.token_urlsafe(50)
if not SECRET_KEY:
    # Refuse to start rather than start and answer every request with an error.
    raise ImproperlyConfigured("SECRET_KEY is not set: give it in the environment (at least 50 random characters; "
                               "see docs/production.env.example), or set DEBUG=1 for development.")
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

# HTTPS behind a reverse proxy (docs/operations.md). All off by default so `make run` works over plain HTTP.
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# /healthz answers 503 when no worker heartbeat is fresh; on by the time a worker runs beside every server.
HEALTH_REQUIRE_WORKER = _flag("HEALTH_REQUIRE_WORKER")  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = _flag("SECURE_COOKIES")
CSRF_COOKIE_SECURE = _flag("SECURE_COOKIES")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
if _flag("SECURE_PROXY_SSL_HEADER"):
    # Only behind a proxy that sets this header itself (and strips it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "counterpart.geo",
    "counterpart.sources",
    "counterpart.indicators",
    "counterpart.pairings",
    "counterpart.ledger",
    "counterpart.ingest",
    "counterpart.reports",
    "counterpart.accounts",
    "counterpart.confirmations",
    "counterpart.audit",
    "counterpart.plans",
    "counterpart.closing",
    "counterpart.web",
    "counterpart.demo",
    "counterpart.ops",
    "counterpart.api",
    "counterpart.opendata",
    "ninja",  # its static files: the API docs' swagger-ui, served locally
]

AUTHENTICATION_BACKENDS = [
    "counterpart.accounts.backends.ThrottledBackend",  # django-axes: refuses locked-out sign-ins first
    "counterpart.accounts.backends.ProfileBackend",
]
# Sessions read from the cache, written through to the database: no session query on most requests.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Signed-in sessions end after this many seconds without a request (counterpart/accounts/idle.py).
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(2 * 3600)))
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_COOKIE_HTTPONLY = True

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked for LOGIN_LOCKOUT_MINUTES; every attempt is kept (admin: Axes) and logged.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "counterpart.accounts.second_factor.locked_out"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_VERBOSE = True
# Logs name the username and address (never the password) so an operator can see who is being tried.
AXES_SENSITIVE_PARAMETERS = []
# Roles that must use a TOTP second factor (counterpart/accounts/second_factor.py); staff always do when
# the list is not empty. Others may enrol on their own.
OTP_REQUIRED_ROLES = _list("OTP_REQUIRED_ROLES", "national")
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Counterpart")
# A device's secret and QR code are its owner's alone: not even the admin shows them.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "counterpart.accounts.idle.IdleSessionMiddleware",
    "counterpart.accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts only from our own static files (no inline scripts or
# handlers anywhere); inline styles are allowed because the maps' SVG and generated reports carry them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "counterpart.urls"
WSGI_APPLICATION = "counterpart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'counterpart.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets two test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Bulk loads and concurrent readers: WAL keeps readers from blocking the writer.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )


def _cache(url: str) -> dict:
    """CACHE_URL: empty for memory in each process (nothing to install), file:///path, db://table,
    redis://host:6379/0 (needs the `redis` package), dummy:// (no caching)."""
    if not url or url.startswith("locmem"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counterpart",
                "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "3000"))}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("file://"):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": url[len("file://"):]}
    if url.startswith("db://"):  # `counterpart createcachetable` first
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": url[len("db://"):]}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL: unknown cache {url!r}")


CACHES = {"default": _cache(os.environ.get("CACHE_URL", ""))}
# Seconds a cached page body lives at most; changes to the figures replace it at once (counterpart/web/cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# plans.Progress's index carries its value as an included column on PostgreSQL; SQLite builds the same index
# without it, which is all the warning says, on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "counterpart.accounts.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "10"))}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "counterpart.accounts.passwords.RepetitionValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Spreadsheets between their dry run and their commit. With several servers, IMPORTS_DIR is a folder they
    # all mount, or IMPORTS_STORAGE_BACKEND names an object-storage backend (e.g. django-storages' S3Storage,
    # configured by its own settings): never one process's local folder.
    "imports": {"BACKEND": os.environ.get("IMPORTS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
                "OPTIONS": ({"location": os.environ.get("IMPORTS_DIR") or str(VAR_DIR / "imports")}
                            if not os.environ.get("IMPORTS_STORAGE_BACKEND") else {})},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = VAR_DIR / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Sign-in failures and lockouts, whatever the root level.
    "loggers": {"axes": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
