"""WSGI entry point (served by gunicorn sync workers; see design/stack-notes)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawtrail.settings.dev")
application = get_wsgi_application()
