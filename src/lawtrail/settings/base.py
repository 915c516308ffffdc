"""Settings shared by every environment. Everything secret or site-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Runtime files (the SQLite database, uploads, collected static) live under var/ in the working directory.
VAR_DIR = Path(os.environ.get("LAWTRAIL_VAR_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("LAWTRAIL_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("LAWTRAIL_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "lawtrail.common",
    "lawtrail.org",
    "lawtrail.events",
    "lawtrail.incidents",
    "lawtrail.cases",
    "lawtrail.measures",
    "lawtrail.api",
    "lawtrail.web",
    "lawtrail.supervision",
    "lawtrail.inspections",
    "lawtrail.notifications",
    "lawtrail.documents",
    "lawtrail.property",
    "lawtrail.center",
    "lawtrail.approvals",
    "lawtrail.audit",
    "lawtrail.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lawtrail.web.middleware.ChosenLanguageMiddleware",  # Chinese unless English was chosen (web/middleware.py)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lawtrail.urls"
WSGI_APPLICATION = "lawtrail.wsgi.application"

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
                "lawtrail.web.context.officer",
            ],
        },
    }
]


def database_from_env(url: str | None = None) -> dict:
    """One DATABASE_URL chooses the database; the default is a SQLite file under var/.

    SQLite runs in WAL mode with a busy timeout and IMMEDIATE transactions, so that concurrent
    requests queue for the write lock instead of failing with "database is locked".
    """
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'lawtrail.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workbench"
LOGOUT_REDIRECT_URL = "web:login"

# Chinese by default; English through Django's i18n. Source strings are written in Chinese and translated
# to English in locale/en (see docs/architecture.md#languages).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# The legal time zone: every deadline is computed in Asia/Shanghai; datetimes are stored aware (UTC).
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LAWTRAIL_LOG_LEVEL", "WARNING")},
}

# --- Authentication and security headers (docs/security.md#authentication) -------------------------------
# Kept in one block, appended to the lists above, so that other apps' edits to those lists stay separate.
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += [
    "axes",  # failed-login lockout and the login/logout/failure records (AccessAttempt, AccessLog)
    "django_otp",
    "django_otp.plugins.otp_totp",  # TOTP second factor (RFC 6238)
    "lawtrail.security",
]
MIDDLEWARE += [
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "lawtrail.security.middleware.SessionExpiryMiddleware",  # inactivity and absolute session limits
    "lawtrail.security.middleware.SecondFactorMiddleware",  # TOTP verify / enrolment before anything else
    "csp.middleware.CSPMiddleware",
    "lawtrail.security.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username+IP before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "lawtrail.security.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]

# Lockout: 5 failures for one username from one IP address lock that pair for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # "consecutive failures": a correct login clears that username+IP's count
AXES_LOCKOUT_CALLABLE = "lawtrail.security.views.locked_out"  # the Chinese lockout page, 429
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept (AccessFailureLog), not only the running count
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# The address counted is REMOTE_ADDR: behind a reverse proxy, the proxy must pass the client's own address
# (docs/security.md#authentication).

# Sessions: signed out after LAWTRAIL_SESSION_IDLE_MINUTES without a request, and 8 hours after sign-in
# whatever the activity (SESSION_COOKIE_AGE above is the same 8 hours).
LAWTRAIL_SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("LAWTRAIL_SESSION_IDLE_MINUTES", "30")))
LAWTRAIL_SESSION_MAX_AGE = timedelta(seconds=SESSION_COOKIE_AGE)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Second factor: TOTP, required for the administrator role, optional for everyone else.
LAWTRAIL_SECOND_FACTOR_REQUIRED_ROLES = ["administrator"]
OTP_TOTP_ISSUER = "执法全流程监督平台"
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next one is checked

# Headers. No inline scripts anywhere; inline style *attributes* are allowed (templates still use a few),
# <style> elements are not. Swagger UI at /api/docs runs under the same policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
LAWTRAIL_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

# --- Background work: Django's tasks API (django-tasks backport) on the database (docs/tasks.md) ----------
# The database backend needs no broker: tasks are rows of django_tasks_db's table, run by `lawtrail worker`,
# which also enqueues the scheduled supervision sweep (LAWTRAIL_SWEEP_EVERY_SECONDS, default 5 minutes).
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "lawtrail.tasks"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LAWTRAIL_SWEEP_EVERY_SECONDS = int(os.environ.get("LAWTRAIL_SWEEP_EVERY_SECONDS", "300"))

# --- Notifications (docs/tasks.md#notifications): in the app always; e-mail with Django's mail (EMAIL_*
# settings; the console backend unless EMAIL_HOST is set); SMS through the gateway class named here.
EMAIL_BACKEND = os.environ.get(
    "LAWTRAIL_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("LAWTRAIL_FROM_EMAIL", "lawtrail@localhost")
LAWTRAIL_SMS_GATEWAY = os.environ.get(
    "LAWTRAIL_SMS_GATEWAY", "lawtrail.notifications.channels.LoggingSmsGateway"
)
# Which channels besides the in-app list deliver a notification ("email", "sms").
LAWTRAIL_NOTIFY_CHANNELS = [
    c for c in os.environ.get("LAWTRAIL_NOTIFY_CHANNELS", "email,sms").split(",") if c
]

# --- Audit (docs/security.md#audit) -----------------------------------------------------------------------
# Request id, client address and personal-data reads for the tamper-evident audit log. Before django-axes,
# which must stay last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "lawtrail.audit.middleware.AuditMiddleware"
)
# The checkpoint signing key: a file path (preferred) or LAWTRAIL_AUDIT_KEY; never in the database.
LAWTRAIL_AUDIT_KEY_FILE = os.environ.get("LAWTRAIL_AUDIT_KEY_FILE", "")
