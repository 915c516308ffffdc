"""A larger SQLite benchmark database made of copies of a generated one: 10 × 100,000 cases → 1,000,000.

    .venv/bin/python bench/replicate.py --source /tmp/ltbench/b100k.sqlite3 --target /tmp/ltbench/b1m.sqlite3 \
        --copies 10

Why: `bench/generate.py` writes about 100,000 cases in 3–4 minutes on a quiet machine of this kind, but
on the shared 2-core machine, with other sessions' test suites running, the 1,000,000-case run went from
181 s per 100,000 cases to over 12 minutes per 100,000 as the tables grew (and was stopped, twice). This
copies a generated database `--copies − 1` times inside SQLite (INSERT … SELECT, no Python per row), with
the secondary indexes of the event table dropped during the copy and built again after.

What a copy is: every incident, case, handler, party and case or incident event of the source, with new
primary keys (shifted by the source's largest key times the copy's number), new unique numbers (the
case's and incident's number with `-k` appended, in `subject_key` too), new random UUIDs (`event_id`,
`party_id`), the same units, officers, offences and moments. So the bureau has ten times the cases per
station and per day; each case has the same shape and the same history as its original. Not rewritten:
references inside event payloads (`incident.converted`'s case number, a party's id in `case.party_added`)
still name the original — no rule of the benchmark (`ps.case_time_limit.v2012`) reads them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path

# table → (primary key column, {column: SQL expression for copy k}) ; other columns are copied as they are
SHIFT = "{col} + {off}"
COPIED = {
    "incidents_incident": ("id", {"number": "number || '-{k}'"}),
    "incidents_incident_dispatch_officers": (
        "id",
        {"incident_id": "incident_id + {off[incidents_incident]}"},
    ),
    "cases_case": (
        "id",
        {"number": "number || '-{k}'", "incident_id": "incident_id + {off[incidents_incident]}"},
    ),
    "cases_handler": ("id", {"case_id": "case_id + {off[cases_case]}"}),
    "cases_party": (
        "id",
        {"party_id": "lower(hex(randomblob(16)))", "case_id": "case_id + {off[cases_case]}"},
    ),
    "events_event": (
        "seq",
        {
            "event_id": "lower(hex(randomblob(16)))",
            "subject_key": "CASE WHEN subject_type IN ('case', 'incident') THEN subject_key || '-{k}' "
            "ELSE subject_key END",
            "case_id": "case_id + {off[cases_case]}",
            "incident_id": "incident_id + {off[incidents_incident]}",
        },
    ),
}
# Only the events of a case or an incident are copied (those of units and officers stay single).
WHERE = {"events_event": "case_id IS NOT NULL OR incident_id IS NOT NULL"}


def columns(cur: sqlite3.Cursor, table: str) -> list[str]:
    return [row[1] for row in cur.execute(f'PRAGMA table_info("{table}")')]


def replicate(source: Path, target: Path, copies: int) -> dict:
    started = time.perf_counter()
    with sqlite3.connect(source) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    con = sqlite3.connect(target, isolation_level=None)
    cur = con.cursor()
    cur.execute("PRAGMA journal_mode = OFF")
    cur.execute("PRAGMA synchronous = OFF")
    cur.execute("PRAGMA cache_size = -3000000")
    counts = {t: cur.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in COPIED}  # noqa: S608
    top = {
        t: cur.execute(f'SELECT MAX("{pk}") FROM "{t}"').fetchone()[0] or 0  # noqa: S608 - fixed names
        for t, (pk, _) in COPIED.items()
    }
    indexes = cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events_event' AND sql IS NOT NULL"
    ).fetchall()
    t = time.perf_counter()
    for name, _sql in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    timings = {"drop_indexes_s": round(time.perf_counter() - t, 1)}
    cur.execute("BEGIN")
    for k in range(1, copies):
        t = time.perf_counter()
        off = {table: top[table] * k for table in COPIED}
        for table, (pk, rewrite) in COPIED.items():
            cols = columns(cur, table)
            exprs = []
            for col in cols:
                if col == pk:
                    exprs.append(SHIFT.format(col=f'"{col}"', off=off[table]))
                elif col in rewrite:
                    exprs.append(rewrite[col].format(k=k, off=off))
                else:
                    exprs.append(f'"{col}"')
            where = f"WHERE {pk} <= {top[table]}" + (f" AND ({WHERE[table]})" if table in WHERE else "")
            quoted = ", ".join(f'"{c}"' for c in cols)
            cur.execute(f'INSERT INTO "{table}" ({quoted}) SELECT {", ".join(exprs)} FROM "{table}" {where}')  # noqa: S608
        print(f"  copy {k}: {time.perf_counter() - t:.0f} s", flush=True)
    cur.execute("COMMIT")
    t = time.perf_counter()
    for _name, sql in indexes:
        cur.execute(sql)
    timings["create_indexes_s"] = round(time.perf_counter() - t, 1)
    for table, (pk, _) in COPIED.items():
        cur.execute(
            "UPDATE sqlite_sequence SET seq = (SELECT MAX(" + pk + f') FROM "{table}") WHERE name = ?',  # noqa: S608
            [table],
        )
    t = time.perf_counter()
    cur.execute("ANALYZE")
    timings["analyze_s"] = round(time.perf_counter() - t, 1)
    cur.execute("PRAGMA journal_mode = WAL")
    after = {t: cur.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in COPIED}  # noqa: S608
    con.close()
    return {
        "source": str(source),
        "target": str(target),
        "copies": copies,
        "rows_source": counts,
        "rows_target": after,
        "seconds": round(time.perf_counter() - started, 1),
        **timings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, type=Path, help="a SQLite database from bench/generate.py")
    parser.add_argument("--target", required=True, type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args(argv)
    if args.target.exists():
        parser.error(f"{args.target} exists: remove it first")
    print(json.dumps(replicate(args.source, args.target, args.copies), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
