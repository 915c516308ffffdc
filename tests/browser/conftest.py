"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

The fixtures (`chromium`, `artifacts`) are in tests/conftest.py, shared by every folder's browser tests.
"""

from tests.conftest import ARTIFACTS, CHROMIUM_ARGS  # noqa: F401  (names other tests import from here)
