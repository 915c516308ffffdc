"""Production: every secret from the environment, PostgreSQL through DATABASE_URL, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("LAWTRAIL_SECRET_KEY must be set in the environment.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL must be set in the environment (PostgreSQL in production).")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("LAWTRAIL_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Authentication and security headers (docs/security.md#authentication) -------------------------------
# The "preload" token only matters once a domain is submitted to the browsers' list (an intranet host never
# is); it is set so that `check --deploy` is clean and a public deployment may submit.
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
