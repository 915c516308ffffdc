"""Local and demo use: `make run`. Not for production (see production.py)."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = os.environ.get("LAWTRAIL_DEBUG", "0") == "1"
# A development key kept in var/ so that sessions survive restarts; production reads LAWTRAIL_SECRET_KEY.
if not SECRET_KEY:  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _key_file = VAR_DIR / "dev-secret-key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()
