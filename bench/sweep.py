"""The supervision sweep on generated data (bench/generate.py): hand-written SQL against the engine.

    .venv/bin/python bench/sweep.py --database-url postgres://…/lawtrail_bench --out var/bench/pg-100k.json

The rule is the simplest deadline of the catalogue: `ps.case_time_limit.v2012` (治安管理处罚法 2012
Art. 99 — an administrative 治安 case must be decided or terminated within 30 days of its acceptance;
counted in days, the acceptance day not counted, due at 24:00, a last day that is a rest day rolls over
to the next working day). At `--as-of` (default the generator's end, 2025-12-20 12:00 Beijing time):

* **SQL** — the overdue cases in one hand-written query: administrative cases with a 治安 offence (or
  none) that are not yet decided or terminated and were accepted before the *cutoff*. The due time
  depends only on the acceptance day, and is monotonic in it, so the period arithmetic (with the legal
  calendar's rollover) is done once in Python for the boundary — `acceptance_cutoff()` — and the query
  is a plain range scan. The query ignores extensions, appraisal pauses and mediation restarts (the
  generator makes none), which the engine honours: on real data it would be a pre-filter, not an answer.
* **Engine** — every administrative case's events loaded in chunks of case ids (raw SQL on the
  `event_case_time` index), turned into `Fact`s and judged by `supervision.engine.evaluate` with the
  calendar seeded in the database (`load_calendar()`). By default only the events the rule reads are
  loaded (`--timeline rule`); `--timeline full` loads every event of the case, as a general sweep must.
* **sources.build_many** — if the runtime's fact builder (`supervision/sources.py`) is present, the same
  evaluation with facts built by it (ORM, whole timelines with the incident's events), timed on
  `--sources-limit` cases.

Both answers must be the same set of overdue case ids; any difference is printed and recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

RULE_ID = "ps.case_time_limit.v2012"
DEFAULT_AS_OF = "2025-12-20T12:00:00+08:00"
OPEN_STATUSES = ("accepted", "filed", "investigating", "rights_notified")
PS_LAW = "治安管理处罚法"

SQL_WHERE = """
    FROM cases_case c LEFT JOIN cases_offence o ON o.id = c.offence_id
    WHERE c.kind = 'admin'
      AND (c.offence_id IS NULL OR o.law = %s)
      AND c.status IN ('accepted', 'filed', 'investigating', 'rights_notified')
      AND c.accepted_at >= %s AND c.accepted_at < %s
"""
SQL_COUNT = "SELECT COUNT(*)" + SQL_WHERE
SQL_IDS = "SELECT c.id" + SQL_WHERE + " ORDER BY c.id"


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def acceptance_cutoff(rule, calendar, as_of: datetime) -> datetime:
    """The first acceptance moment whose 30-day limit has not passed at `as_of`: 00:00 (Beijing) of the day
    after the latest acceptance day that is overdue. Due times depend only on the acceptance day and never
    decrease with it, so one boundary splits the cases."""
    from lawtrail.supervision.periods import LEGAL_TZ, compute_deadline

    day = as_of.astimezone(LEGAL_TZ).date()
    while True:
        start = datetime.combine(day, dtime(12), tzinfo=LEGAL_TZ)
        deadline = compute_deadline(
            start=start,
            amount=rule.limit.amount,
            unit=rule.limit.unit,
            calendar=calendar,
            holiday_rollover=rule.holiday_rollover,
        )
        if as_of > deadline.due:  # the engine's test for overdue (deadlines.evaluate_period)
            return datetime.combine(day + timedelta(days=1), dtime(0), tzinfo=LEGAL_TZ)
        day -= timedelta(days=1)


def sql_baseline(connection, rule, calendar, as_of: datetime, repeat: int) -> dict[str, Any]:
    from lawtrail.supervision.periods import LEGAL_TZ

    t = time.perf_counter()
    cutoff = acceptance_cutoff(rule, calendar, as_of)
    cutoff_seconds = time.perf_counter() - t
    since = datetime.combine(rule.effective_from, dtime(0), tzinfo=LEGAL_TZ)
    # As the column is stored: aware on PostgreSQL, a naive UTC string on SQLite (where an aware parameter
    # would be compared as text with its "+08:00" and give wrong answers near the boundary).
    params = [PS_LAW, *(connection.ops.adapt_datetimefield_value(m) for m in (since, cutoff))]
    out: dict[str, Any] = {"cutoff": cutoff.isoformat(), "cutoff_ms": round(cutoff_seconds * 1000, 3)}
    with connection.cursor() as cur:
        for label, sql in (("count", SQL_COUNT), ("ids", SQL_IDS)):
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                cur.execute(sql, params)
                rows = cur.fetchall()
                times.append(time.perf_counter() - t)
            out[label] = {
                "first_s": round(times[0], 4),
                "median_s": round(statistics.median(times), 4),
                "runs": len(times),
            }
            if label == "count":
                out["overdue"] = rows[0][0]
            else:
                ids = [r[0] for r in rows]
        with connection.cursor() as c2:
            c2.execute("SELECT COUNT(*) FROM cases_case")
            total = c2.fetchone()[0]
    out["ids_per_s"] = round(len(ids) / out["ids"]["median_s"]) if out["ids"]["median_s"] else None
    out["cases_in_db"] = total
    out["sql"] = " ".join(SQL_IDS.split())
    return {"result": out, "ids": set(ids)}


def engine_sweep(
    connection,
    rule,
    catalogue,
    calendar,
    as_of: datetime,
    chunk: int,
    timeline: str,
    max_id: int | None = None,
) -> dict[str, Any]:
    """Load the facts of every administrative case in chunks of ids and evaluate the rule on each."""
    from lawtrail.supervision.engine import State, evaluate
    from lawtrail.supervision.facts import Fact
    from lawtrail.supervision.settings import SupervisionSettings

    settings = SupervisionSettings.defaults()
    names = sorted(
        {
            *rule.start.events,
            *(m.event for m in rule.satisfied_by),
            *(m.event for m in rule.restarted_by),
            *(e.event for e in rule.extended_by),
            *(p.pause.event for p in rule.paused_by),
            *(p.resume.event for p in rule.paused_by),
        }
    )
    with connection.cursor() as cur:
        cur.execute("SELECT MIN(id), MAX(id) FROM cases_case")
        lo, hi = cur.fetchone()
    if max_id is not None:
        hi = min(hi or 0, max_id)
    load_s = eval_s = 0.0
    cases = events = 0
    states: Counter[str] = Counter()
    overdue: set[int] = set()
    name_filter = f" AND name IN ({', '.join(['%s'] * len(names))})" if timeline == "rule" else ""
    # Only placeholders are interpolated into the query text.
    event_sql = " ".join(
        [
            "SELECT case_id, name, occurred_at, recorded_at, payload FROM events_event",
            "WHERE case_id >= %s AND case_id < %s",
            name_filter,
            "ORDER BY case_id, occurred_at, seq",
        ]
    )
    case_sql = (
        "SELECT c.id, c.kind, c.procedure, o.code, o.law, o.category FROM cases_case c"
        " LEFT JOIN cases_offence o ON o.id = c.offence_id"
        " WHERE c.kind = 'admin' AND c.id >= %s AND c.id < %s"
    )
    started = time.perf_counter()
    for first in range(lo or 0, (hi or 0) + 1, chunk):
        t = time.perf_counter()
        with connection.cursor() as cur:
            end = min(first + chunk, (hi or 0) + 1)
            cur.execute(case_sql, [first, end])
            subjects = {
                row[0]: {
                    "type": "case",
                    "kind": row[1],
                    "procedure": row[2],
                    "offence": row[3],
                    "offence_law": row[4],
                    "offence_category": row[5],
                }
                for row in cur.fetchall()
            }
            cur.execute(event_sql, [first, end, *(names if name_filter else [])])
            timelines: dict[int, list[Fact]] = {cid: [] for cid in subjects}
            for case_id, name, occurred, recorded, payload in cur.fetchall():
                facts = timelines.get(case_id)
                if facts is None:
                    continue  # a criminal case in the id range
                facts.append(
                    Fact(
                        name=name,
                        occurred_at=_aware(occurred),
                        recorded_at=_aware(recorded),
                        payload=json.loads(payload) if isinstance(payload, str) else payload,
                        subject=subjects[case_id],
                    )
                )
                events += 1
        load_s += time.perf_counter() - t
        t = time.perf_counter()
        for case_id, facts in timelines.items():
            result = evaluate(
                rule, facts, as_of=as_of, calendar=calendar, settings=settings, catalogue=catalogue
            )
            states[result.state.value] += 1
            if result.state is State.OVERDUE:
                overdue.add(case_id)
        eval_s += time.perf_counter() - t
        cases += len(timelines)
    wall = time.perf_counter() - started
    return {
        "result": {
            "timeline": timeline,
            "chunk_ids": chunk,
            "max_case_id": hi,
            "cases": cases,
            "events": events,
            "wall_s": round(wall, 2),
            "load_s": round(load_s, 2),
            "evaluate_s": round(eval_s, 2),
            "events_per_s_loaded": round(events / load_s) if load_s else None,
            "cases_per_s": round(cases / wall) if wall else None,
            "evaluate_us_per_case": round(eval_s / cases * 1e6, 1) if cases else None,
            "states": dict(states),
            "overdue": len(overdue),
        },
        "ids": overdue,
    }


def _rule_names(rule) -> list[str]:
    return sorted(
        {
            *rule.start.events,
            *(m.event for m in rule.satisfied_by),
            *(m.event for m in rule.restarted_by),
            *(e.event for e in rule.extended_by),
            *(p.pause.event for p in rule.paused_by),
            *(p.resume.event for p in rule.paused_by),
        }
    )


def _timelines(cur, where: str, params: list, names: list[str]) -> tuple[dict[int, list], dict[int, int]]:
    """The administrative cases matching `where` (on c) with the rule's events as Facts, and their units."""
    from lawtrail.supervision.facts import Fact

    cur.execute(
        "SELECT c.id, c.kind, c.procedure, o.code, o.law, o.category, c.unit_id FROM cases_case c"  # noqa: S608
        " LEFT JOIN cases_offence o ON o.id = c.offence_id WHERE c.kind = 'admin' AND " + where,
        params,
    )
    subjects, units = {}, {}
    for row in cur.fetchall():
        subjects[row[0]] = {
            "type": "case",
            "kind": row[1],
            "procedure": row[2],
            "offence": row[3],
            "offence_law": row[4],
            "offence_category": row[5],
        }
        units[row[0]] = row[6]
    timelines: dict[int, list] = {cid: [] for cid in subjects}
    if not subjects:
        return timelines, units
    ids = sorted(subjects)
    cur.execute(
        "SELECT case_id, name, occurred_at, recorded_at, payload FROM events_event"  # noqa: S608 - placeholders
        f" WHERE case_id IN ({', '.join(['%s'] * len(ids))}) AND name IN ({', '.join(['%s'] * len(names))})"
        " ORDER BY case_id, occurred_at, seq",
        [*ids, *names],
    )
    for case_id, name, occurred, recorded, payload in cur.fetchall():
        timelines[case_id].append(
            Fact(
                name=name,
                occurred_at=_aware(occurred),
                recorded_at=_aware(recorded),
                payload=json.loads(payload) if isinstance(payload, str) else payload,
                subject=subjects[case_id],
            )
        )
    return timelines, units


def due_index_sweep(
    connection, rule, catalogue, calendar, as_of: datetime, chunk: int, previous: timedelta
) -> dict[str, Any]:
    """The runtime's periodic sweep for this rule (supervision/runtime.py, `mode="due"`), on this data.

    1. *The previous sweep*, at `as_of - previous`: the rule evaluated on every administrative case with
       what was recorded by then; each running result leaves its next check time in the runtime's own
       tables (`SupervisedSubject.next_check_at`, indexed, and `Obligation`), written in bulk — what a
       full sweep (`lawtrail supervise --full`) leaves. Timed apart: it is not part of the periodic sweep.
    2. *The sweep at `as_of`*: (a) the cases with a next check due (`next_check_at <= as_of`, an index
       range), (b) the cases with events of the rule recorded since the previous sweep (the runtime reads
       `events.seq > the last sweep's`; the generated events are not numbered in the order they were
       recorded, so this reads `recorded_at` on the events of the rule's names instead — slower), (c)
       their events loaded and the rule evaluated, (d) their obligations rewritten. The overdue set is the
       previous sweep's, updated with the re-evaluated cases (the runtime keeps it as alert rows).
    """
    from lawtrail.cases.models import Case
    from lawtrail.supervision.engine import State, evaluate
    from lawtrail.supervision.models import Obligation, SupervisedSubject
    from lawtrail.supervision.runtime import (
        Pending,
        Target,
        family_index,
        load_checked,
        next_check,
        write_obligations,
    )
    from lawtrail.supervision.settings import SupervisionSettings

    settings = SupervisionSettings.defaults()
    index = family_index(catalogue)
    names = _rule_names(rule)
    family = rule.family
    before = as_of - previous

    def obligations_for(results: dict[int, Any], units: dict[int, int], at: datetime):
        subjects, obligations = [], []
        for case_id, result in results.items():
            moment = next_check(family, [result], as_of=at, index=index)
            subjects.append(
                SupervisedSubject(
                    subject_type="case",
                    subject_id=case_id,
                    unit_id=units[case_id],
                    fingerprint="bench",
                    checked_at=at,
                    next_check_at=moment,
                )
            )
            if moment is not None:
                obligations.append((case_id, result, moment))
        return subjects, obligations

    def write(subjects, obligations) -> None:
        made = SupervisedSubject.objects.bulk_create(subjects, batch_size=2000)
        pk = {s.subject_id: s.pk for s in made}
        Obligation.objects.bulk_create(
            [
                Obligation(
                    subject_id=pk[case_id],
                    family=family,
                    rule_id=result.rule_id,
                    state=str(result.state),
                    due=result.due,
                    next_check_at=moment,
                )
                for case_id, result, moment in obligations
            ],
            batch_size=2000,
        )

    Obligation.objects.all().delete()
    SupervisedSubject.objects.all().delete()
    with connection.cursor() as cur:
        cur.execute("SELECT MIN(id), MAX(id) FROM cases_case")
        lo, hi = cur.fetchone()
    # 1. the previous sweep
    t = time.perf_counter()
    overdue: set[int] = set()
    primed = 0
    for first in range(lo or 0, (hi or 0) + 1, chunk):
        with connection.cursor() as cur:
            timelines, units = _timelines(cur, "c.id >= %s AND c.id < %s", [first, first + chunk], names)
        results = {
            cid: evaluate(
                rule, facts, as_of=before, calendar=calendar, settings=settings, catalogue=catalogue
            )
            for cid, facts in timelines.items()
        }
        overdue |= {cid for cid, r in results.items() if r.state is State.OVERDUE}
        subjects, obligations = obligations_for(results, units, before)
        from django.db import transaction

        with transaction.atomic():
            write(subjects, obligations)
        primed += len(results)
    prime_s = time.perf_counter() - t
    with connection.cursor() as cur:
        tables = "supervision_supervisedsubject, supervision_obligation"
        cur.execute("ANALYZE" if connection.vendor == "sqlite" else f"ANALYZE {tables}")
    overdue_before = len(overdue)
    # 2. the sweep at as_of
    adapt = connection.ops.adapt_datetimefield_value
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT subject_id FROM supervision_supervisedsubject"
            " WHERE next_check_at <= %s AND subject_type = 'case'",
            [adapt(as_of)],
        )
        due_ids = {r[0] for r in cur.fetchall()}
    due_s = time.perf_counter() - started
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT DISTINCT case_id FROM events_event WHERE case_id IS NOT NULL"  # noqa: S608 - placeholders
            f" AND name IN ({', '.join(['%s'] * len(names))}) AND recorded_at > %s AND recorded_at <= %s",
            [*names, adapt(before), adapt(as_of)],
        )
        changed_ids = {r[0] for r in cur.fetchall()}
    changed_s = time.perf_counter() - t
    # What the runtime reads instead: the events numbered after the previous sweep's last (a primary-key
    # range). Timed on as many events as were recorded in the window, taken from the end of the table.
    side = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) FROM events_event WHERE recorded_at > %s AND recorded_at <= %s",
            [adapt(before), adapt(as_of)],
        )
        recent = cur.fetchone()[0]
        cur.execute("SELECT MAX(seq) FROM events_event")
        last_seq = cur.fetchone()[0] or 0
        t = time.perf_counter()
        cur.execute(
            "SELECT DISTINCT case_id, incident_id FROM events_event WHERE seq > %s AND seq <= %s"
            " AND (case_id IS NOT NULL OR incident_id IS NOT NULL)",  # the runtime's query (_due_and_changed)
            [last_seq - recent, last_seq],
        )
        by_seq = len(cur.fetchall())
        by_seq_s = time.perf_counter() - t
    side_s = time.perf_counter() - side  # not part of the sweep: taken out of its wall time below
    todo = sorted(due_ids | changed_ids)
    load_s = eval_s = write_s = 0.0
    evaluated = 0
    from django.db import transaction

    for i in range(0, len(todo), chunk):
        ids = todo[i : i + chunk]
        t = time.perf_counter()
        with connection.cursor() as cur:
            timelines, units = _timelines(cur, f"c.id IN ({', '.join(['%s'] * len(ids))})", ids, names)
        load_s += time.perf_counter() - t
        t = time.perf_counter()
        results = {
            cid: evaluate(rule, facts, as_of=as_of, calendar=calendar, settings=settings, catalogue=catalogue)
            for cid, facts in timelines.items()
        }
        for cid, result in results.items():
            if result.state is State.OVERDUE:
                overdue.add(cid)
            else:
                overdue.discard(cid)
        eval_s += time.perf_counter() - t
        t = time.perf_counter()
        # the runtime's own write path: read the stored rows, rewrite the changed ones
        with transaction.atomic():
            checked = load_checked(("case", cid) for cid in results)
            pending = []
            for cid, result in results.items():
                moment = next_check(family, [result], as_of=as_of, index=index)
                fresh = []
                if moment is not None:
                    fresh.append(
                        Obligation(
                            family=family,
                            rule_id=result.rule_id,
                            state=str(result.state),
                            due=result.due,
                            next_check_at=moment,
                        )
                    )
                target = Target("case", Case(id=cid, unit_id=units[cid]))
                pending.append(Pending(target, checked[("case", cid)], "bench", fresh, True))
            write_obligations(pending, as_of=as_of)
        write_s += time.perf_counter() - t
        evaluated += len(results)
    wall = time.perf_counter() - started - side_s
    return {
        "result": {
            "previous_sweep_at": before.isoformat(),
            "previous_sweep_cases": primed,
            "previous_sweep_s": round(prime_s, 2),
            "previous_sweep_overdue": overdue_before,
            "due_query_s": round(due_s, 4),
            "due": len(due_ids),
            "changed_query_s": round(changed_s, 4),
            "changed": len(changed_ids),
            "events_in_window": recent,
            "changed_query_by_seq_s": round(by_seq_s, 4),
            "changed_subjects_by_seq": by_seq,
            "evaluated": evaluated,
            "load_s": round(load_s, 3),
            "evaluate_s": round(eval_s, 3),
            "write_s": round(write_s, 3),
            "wall_s": round(wall, 3),
            # the same sweep with the runtime's seq-range read instead of the recorded_at scan
            "wall_with_seq_read_s": round(wall - changed_s + by_seq_s, 3),
            "overdue": len(overdue),
        },
        "ids": overdue,
    }


def sources_sweep(rule, catalogue, calendar, as_of: datetime, limit: int, chunk: int) -> dict[str, Any]:
    """The same rule with facts built by the runtime's `supervision.sources.build_many` (if it exists)."""
    try:
        from lawtrail.supervision.sources import build_many
    except ImportError as error:
        return {"result": {"available": False, "why": str(error)}, "ids": set()}
    from lawtrail.cases.models import Case
    from lawtrail.supervision.engine import State, evaluate
    from lawtrail.supervision.settings import SupervisionSettings

    settings = SupervisionSettings.defaults()
    qs = Case.objects.select_related("offence", "incident").filter(kind="admin").order_by("id")
    started = time.perf_counter()
    build_s = eval_s = 0.0
    cases = facts_n = 0
    overdue: set[int] = set()
    last = 0
    while cases < limit:
        t = time.perf_counter()
        records = list(qs.filter(id__gt=last)[: min(chunk, limit - cases)])
        if not records:
            break
        last = records[-1].id
        built, _ = build_many(cases=records)
        build_s += time.perf_counter() - t
        t = time.perf_counter()
        for case_id, (_subject, facts) in built.items():
            facts_n += len(facts)
            result = evaluate(
                rule, facts, as_of=as_of, calendar=calendar, settings=settings, catalogue=catalogue
            )
            if result.state is State.OVERDUE:
                overdue.add(case_id)
        eval_s += time.perf_counter() - t
        cases += len(records)
    wall = time.perf_counter() - started
    return {
        "result": {
            "available": True,
            "cases": cases,
            "facts": facts_n,
            "wall_s": round(wall, 2),
            "build_s": round(build_s, 2),
            "evaluate_s": round(eval_s, 2),
            "cases_per_s": round(cases / wall) if wall else None,
            "overdue": len(overdue),
            "last_case_id": last,
        },
        "ids": overdue,
    }


def supervise_command(database_url: str, as_of: datetime, timeout: int) -> dict[str, Any]:
    """Time `lawtrail supervise --as-of … --json` (the runtime's sweep of every rule), if it exists."""
    lawtrail = Path(sys.executable).with_name("lawtrail")
    local = as_of.astimezone(UTC) + timedelta(hours=8)
    env = {**os.environ, "DATABASE_URL": database_url}
    help_run = subprocess.run(  # noqa: S603 - our own command
        [str(lawtrail), "help"], capture_output=True, text=True, env=env, check=False
    )
    if "supervise" not in help_run.stdout:
        return {"available": False}
    t = time.perf_counter()
    try:
        run = subprocess.run(  # noqa: S603 - our own command
            [str(lawtrail), "supervise", "--as-of", f"{local:%Y-%m-%d %H:%M}", "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"available": True, "timed_out_after_s": timeout}
    wall = time.perf_counter() - t
    out: dict[str, Any] = {"available": True, "wall_s": round(wall, 2), "returncode": run.returncode}
    try:
        out["output"] = json.loads(run.stdout)
    except json.JSONDecodeError:
        out["output_tail"] = (run.stdout + run.stderr)[-2000:]
    return out


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--as-of", default=DEFAULT_AS_OF)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each SQL query")
    parser.add_argument("--chunk", type=int, default=5000, help="case ids per engine chunk")
    parser.add_argument("--timeline", choices=["rule", "full"], nargs="+", default=["rule"])
    parser.add_argument("--engine-max-id", type=int, help="evaluate only cases with id up to this (a slice)")
    parser.add_argument("--sources-limit", type=int, default=0, help="cases for sources.build_many (0: skip)")
    parser.add_argument(
        "--supervise-timeout", type=int, default=0, help="time `lawtrail supervise` (0: skip)"
    )
    parser.add_argument(
        "--due-index",
        action="store_true",
        help="also the runtime's periodic sweep on next-check times (writes the supervision tables)",
    )
    parser.add_argument("--due-previous-hours", type=float, default=24, help="previous sweep, hours before")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)
    as_of = datetime.fromisoformat(args.as_of)
    if as_of.tzinfo is None:
        parser.error("--as-of must carry a UTC offset")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawtrail.settings.dev")
    import django

    django.setup()
    from django.db import connection

    from lawtrail.supervision.calendar import load_calendar
    from lawtrail.supervision.loader import default_catalogue

    catalogue = default_catalogue()
    rule = catalogue.get(RULE_ID)
    calendar = load_calendar()
    report: dict[str, Any] = {
        "rule": RULE_ID,
        "as_of": as_of.isoformat(),
        "database": connection.vendor,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    sql = sql_baseline(connection, rule, calendar, as_of, args.repeat)
    report["sql"] = sql["result"]
    print(
        f"SQL: {sql['result']['overdue']:,} overdue; ids in {sql['result']['ids']['median_s']} s", flush=True
    )
    report["engine"] = {}
    for timeline in args.timeline:
        engine = engine_sweep(
            connection, rule, catalogue, calendar, as_of, args.chunk, timeline, args.engine_max_id
        )
        last = engine["result"]["max_case_id"]
        expected = {i for i in sql["ids"] if i <= last}
        engine["result"]["sql_overdue_in_slice"] = len(expected)
        only_sql = sorted(expected - engine["ids"])
        only_engine = sorted(engine["ids"] - sql["ids"])
        engine["result"]["same_as_sql"] = not only_sql and not only_engine
        engine["result"]["only_sql"] = only_sql[:50]
        engine["result"]["only_engine"] = only_engine[:50]
        report["engine"][timeline] = engine["result"]
        print(f"engine ({timeline}): {json.dumps(engine['result'], ensure_ascii=False)}", flush=True)
    if args.due_index:
        due = due_index_sweep(
            connection, rule, catalogue, calendar, as_of, args.chunk, timedelta(hours=args.due_previous_hours)
        )
        only_sql = sorted(sql["ids"] - due["ids"])
        only_due = sorted(due["ids"] - sql["ids"])
        due["result"]["same_as_sql"] = not only_sql and not only_due
        due["result"]["only_sql"] = only_sql[:50]
        due["result"]["only_engine"] = only_due[:50]
        sql_s = sql["result"]["ids"]["median_s"]
        due["result"]["ratio_to_sql_ids"] = round(due["result"]["wall_s"] / sql_s, 1) if sql_s else None
        report["due_index"] = due["result"]
        print(f"due-index sweep: {json.dumps(due['result'], ensure_ascii=False)}", flush=True)
    if args.sources_limit:
        sources = sources_sweep(rule, catalogue, calendar, as_of, args.sources_limit, 500)
        if sources["result"].get("available"):
            last = sources["result"]["last_case_id"]
            expected = {i for i in sql["ids"] if i <= last}
            sources["result"]["same_as_sql"] = sources["ids"] == expected
        report["sources"] = sources["result"]
        print(f"sources.build_many: {json.dumps(sources['result'], ensure_ascii=False)}", flush=True)
    if args.supervise_timeout:
        report["supervise"] = supervise_command(args.database_url, as_of, args.supervise_timeout)
        print(f"lawtrail supervise: { {k: v for k, v in report['supervise'].items() if k != 'output'} }")
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    same = all(e["same_as_sql"] for e in report["engine"].values())
    if "due_index" in report:
        same = same and report["due_index"]["same_as_sql"]
    print("same overdue set in SQL and engine: " + ("yes" if same else "NO"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
