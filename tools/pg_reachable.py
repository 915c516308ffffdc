"""Exit 0 when the PostgreSQL server of the URL given as the only argument answers, 1 when it does not.

`make test` runs the suite a second time on PostgreSQL when one is reachable (and CI requires it):
this is the check, with a short timeout so a missing server costs three seconds, not a hang.
"""

from __future__ import annotations

import sys

import dj_database_url
import psycopg


def main(url: str) -> int:
    config = dj_database_url.parse(url)
    if "postgres" not in config["ENGINE"]:
        print(f"not a PostgreSQL URL: {url}", file=sys.stderr)
        return 1
    try:
        # The server, not the named database: Django creates its own test database ("test_" + name).
        psycopg.connect(
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        print(f"PostgreSQL not reachable at {url}: {str(exc).strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
