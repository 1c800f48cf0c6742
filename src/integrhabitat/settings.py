"""Settings, driven by environment variables (see README). SQLite by default, PostgreSQL by DATABASE_URL."""

import contextlib
import os
import re
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("INTEGRHABITAT_VAR_DIR", BASE_DIR.parent.parent / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("INTEGRHABITAT_DEBUG")
# Without INTEGRHABITAT_SECRET_KEY a fixed development key is used; `check --deploy` reports it.
SECRET_KEY = env_str("INTEGRHABITAT_SECRET_KEY", "django-insecure-integrhabitat-development-key")
# The key sealing the audit log (audit/chain.py); SECRET_KEY when empty. Set it, and never change it: entries
# sealed with another key fail `integrhabitat verify_audit`.
AUDIT_KEY = env_str("INTEGRHABITAT_AUDIT_KEY")
# Field-level encryption (lib/crypto.py): Fernet keys for what is written about people (the first encrypts, all
# decrypt: `integrhabitat rotate_keys`), and keys of the blind indexes that find identifiers. Derived from
# SECRET_KEY when empty (development); `integrhabitat serve` refuses to start without both.
FIELD_KEYS = env_str("INTEGRHABITAT_FIELD_KEYS")
INDEX_KEYS = env_str("INTEGRHABITAT_INDEX_KEYS")
ALLOWED_HOSTS = env_list("INTEGRHABITAT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("INTEGRHABITAT_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("INTEGRHABITAT_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_htmx",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "integrhabitat.accounts",
    "integrhabitat.audit",
    "integrhabitat.network",
    "integrhabitat.people",
    "integrhabitat.services",
    "integrhabitat.partners",
    "integrhabitat.cases",
    "integrhabitat.communities",
    "integrhabitat.cocreation",
    "integrhabitat.portal",
    "integrhabitat.improvement",
    "integrhabitat.imports",
    "integrhabitat.privacy",
    "integrhabitat.directory",
    "integrhabitat.api",
    "integrhabitat.backups",
    "integrhabitat.bench",
    "integrhabitat.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "integrhabitat.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "integrhabitat.network.middleware.CenterMiddleware",
    "integrhabitat.lib.security.SecurityHeadersMiddleware",
    "integrhabitat.accounts.middleware.AccountSecurityMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "integrhabitat.urls"
WSGI_APPLICATION = "integrhabitat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "integrhabitat.network.context_processors.center",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
            "libraries": {"numbers": "integrhabitat.lib.templatetags.numbers"},  # lib is not an installed app
        },
    }
]

# Database: embedded SQLite (WAL) unless DATABASE_URL points elsewhere (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    SQLITE_PATH = Path(env_str("INTEGRHABITAT_SQLITE_PATH", str(VAR_DIR / "integrhabitat.sqlite3")))
    # The database is readable by its owner only; SQLite gives its -wal and -shm files the same mode.
    if SQLITE_PATH.parent.is_dir():
        os.close(os.open(SQLITE_PATH, os.O_CREAT | os.O_RDONLY, 0o600))
        for _path in (SQLITE_PATH, Path(f"{SQLITE_PATH}-wal"), Path(f"{SQLITE_PATH}-shm")):
            if _path.exists():
                _path.chmod(0o600)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Read replicas (optional): DATABASE_REPLICA_URL holds one URL or several separated by commas (a comma inside
# a multi-host URL is kept); they become `replica`, `replica_2`... Writes, migrations and every read not
# marked `reading_from_replica()` stay on `default` (lib/db_router.py, docs/scaling.md).
for _number, _url in enumerate(
    filter(None, (u.strip() for u in re.split(r",(?=\s*[a-z][a-z0-9+.-]*://)", env_str("DATABASE_REPLICA_URL")))),
    start=1,
):
    DATABASES["replica" if _number == 1 else f"replica_{_number}"] = {
        **dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["integrhabitat.lib.db_router.PrimaryReplicaRouter"]

# Cache (remembered dashboard figures): each process's own memory unless INTEGRHABITAT_CACHE_URL names a
# shared Redis (redis://host:6379/0), which several app servers should share; it needs the `redis` package.
CACHE_URL = env_str("INTEGRHABITAT_CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Background work (large imports) is queued in the database and run by `integrhabitat db_worker`,
# which `make demo` starts beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Dashboards whose data changed show their last figures, with their time, while the worker computes them
# again (improvement/results/snapshots.py); off, they are computed while the user waits.
FIGURES_IN_BACKGROUND = env_bool("INTEGRHABITAT_FIGURES_IN_BACKGROUND", default=True)

# Covering indexes (deliveries by center and day, with the person and service) are PostgreSQL's; on SQLite
# they are plain indexes, which is all a single center needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Offline: common passwords dressed up ("Password2024!", "C0ntraseña#1") and the user's own names.
    {"NAME": "integrhabitat.accounts.validators.CommonPasswordVariantValidator"},
    {"NAME": "integrhabitat.accounts.validators.PersonalDataValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-step sign-in (django-otp: an authenticator app, with recovery codes) for the roles that read sensitive
# data (`MFA_REQUIRED` in network/roles.py) and network coordinators; anyone may turn it on for themselves.
# `make demo` turns the requirement off.
MFA_REQUIRED = env_bool("INTEGRHABITAT_MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "IntegrHabitat"
# A staff session ends after this long without a request, and this long after signing in whatever happens.
SESSION_IDLE_SECONDS = env_int("INTEGRHABITAT_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_MAX_SECONDS = env_int("INTEGRHABITAT_SESSION_SECONDS", 12 * 60 * 60)

# Login throttling: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("INTEGRHABITAT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("INTEGRHABITAT_LOGIN_THROTTLING", True)

# i18n: Spanish first, English complete; Portuguese later.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("INTEGRHABITAT_STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploaded files (agreement documents) live outside the static files and are never served by URL:
# no MEDIA_URL; a view checks who asks before sending one, as an attachment.
MEDIA_ROOT = Path(env_str("INTEGRHABITAT_MEDIA_ROOT", str(VAR_DIR / "media")))
UPLOAD_MAX_BYTES = env_int("INTEGRHABITAT_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# `integrhabitat backup` encrypts with this Fernet key (several, separated by commas, open older backups too; the
# first encrypts). Keep a copy away from the backups: without it none can be restored.
BACKUP_KEY = env_str("INTEGRHABITAT_BACKUP_KEY")
# Spreadsheet imports: a file larger or longer than this is refused with a message saying so.
IMPORT_MAX_BYTES = env_int("INTEGRHABITAT_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("INTEGRHABITAT_IMPORT_MAX_ROWS", 100_000)
# Days an imported file (and the rows an import left out) is kept: `integrhabitat purge_import_files`.
IMPORT_FILE_DAYS = env_int("INTEGRHABITAT_IMPORT_FILE_DAYS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing directory

# Text messages (one-time codes of the participant portal): see comms/sms.py.
SMS_BACKEND = env_str("INTEGRHABITAT_SMS_BACKEND", "console")
SMS_URL = env_str("INTEGRHABITAT_SMS_URL", "")
SMS_TOKEN = env_str("INTEGRHABITAT_SMS_TOKEN", "")
PORTAL_CODE_MINUTES = env_int("INTEGRHABITAT_PORTAL_CODE_MINUTES", 10)
PORTAL_CODES_PER_HOUR = env_int("INTEGRHABITAT_PORTAL_CODES_PER_HOUR", 3)
# Anonymous pages (lib/ratelimit.py): ratings from one address at the kiosk, messages through the public
# feedback form. A center's tablet rates one person every ~15 s at most.
KIOSK_RATINGS_PER_ADDRESS = env_str("INTEGRHABITAT_KIOSK_RATINGS_PER_ADDRESS", "6/m")
FEEDBACK_PER_ADDRESS = env_str("INTEGRHABITAT_FEEDBACK_PER_ADDRESS", "10/h")
# Portal sign-in limits (portal/services.py): wrong codes a person, number or email may type in an hour
# before their sign-in pauses; codes and wrong codes a whole center takes in an hour before its sign-in
# pauses for everyone (its coordinators are told either way); codes asked and typed per client address;
# minutes without a request before a participant is signed out (shared phones and computers).
PORTAL_WRONG_CODES_PER_HOUR = env_int("INTEGRHABITAT_PORTAL_WRONG_CODES_PER_HOUR", 8)
PORTAL_CENTER_CODES_PER_HOUR = env_int("INTEGRHABITAT_PORTAL_CENTER_CODES_PER_HOUR", 300)
PORTAL_CENTER_WRONG_CODES_PER_HOUR = env_int("INTEGRHABITAT_PORTAL_CENTER_WRONG_CODES_PER_HOUR", 100)
PORTAL_CODES_PER_ADDRESS = env_str("INTEGRHABITAT_PORTAL_CODES_PER_ADDRESS", "30/h")
PORTAL_GUESSES_PER_ADDRESS = env_str("INTEGRHABITAT_PORTAL_GUESSES_PER_ADDRESS", "60/h")
PORTAL_IDLE_MINUTES = env_int("INTEGRHABITAT_PORTAL_IDLE_MINUTES", 15)

# Personal API tokens expire after this many days unless their creator chooses (30, 90, 180 or a date
# up to a year); `check` refuses a value outside 1–365.
API_TOKEN_DAYS = env_int("INTEGRHABITAT_API_TOKEN_DAYS", 90)

# Email: console while developing, SMTP in production (Django 6.1 mailers).
EMAIL_BACKEND_PATH = env_str(
    "INTEGRHABITAT_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("INTEGRHABITAT_EMAIL_HOST", "localhost"),
        "port": env_int("INTEGRHABITAT_EMAIL_PORT", 25),
        "username": env_str("INTEGRHABITAT_EMAIL_USER"),
        "password": env_str("INTEGRHABITAT_EMAIL_PASSWORD"),
        "use_tls": env_bool("INTEGRHABITAT_EMAIL_USE_TLS"),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env_str("INTEGRHABITAT_FROM_EMAIL", "IntegrHabitat <no-reply@integrhabitat.invalid>")

# Security: CSP without inline scripts or styles; secure cookies and HSTS unless debugging.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_COOKIE_SECURE = not DEBUG and env_bool("INTEGRHABITAT_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("INTEGRHABITAT_SSL_REDIRECT", not DEBUG and SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("INTEGRHABITAT_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_bool("INTEGRHABITAT_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

MESSAGE_TAGS = {}
COUNTRIES_FIRST = ["CO", "VE", "PE", "EC", "HT", "CU", "BO", "CL", "AR", "BR"]
COUNTRIES_FIRST_BREAK = None
COUNTRIES_FIRST_REPEAT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The development server's request lines without their query strings (searches carry names and
    # document numbers); `integrhabitat serve` gives gunicorn a format without them (lib/security.py).
    "filters": {"drop_query": {"()": "integrhabitat.lib.security.DropQueryStrings"},
                "quiet_refusals": {"()": "integrhabitat.lib.security.QuietRefusals"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}",
                                     "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["drop_query"]},
    },
    "root": {"handlers": ["console"], "level": env_str("INTEGRHABITAT_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"},
                "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
                "django.request": {"filters": ["quiet_refusals"]}},
}

# Small cells (fewer people than this) are suppressed in published and network-level figures.
SMALL_CELL_THRESHOLD = env_int("INTEGRHABITAT_SMALL_CELL_THRESHOLD", 5)
# ...and fewer than this for sensitive dimensions: mobility/legal status, disability, LGBTQI+, victimhood.
SENSITIVE_CELL_THRESHOLD = env_int("INTEGRHABITAT_SENSITIVE_CELL_THRESHOLD", 10)
PAGE_SIZE = 50
