"""The cost of one event: `events.services.event_record` timed on realistic case events.

    .venv/bin/lawtrail demo --scale small   # into a scratch SQLite: DATABASE_URL=sqlite:////tmp/x/demo.sqlite3
    .venv/bin/python bench/incremental.py --source sqlite:////tmp/x/demo.sqlite3 --out var/bench/incremental.json

The demo database is copied twice (it is never changed); on each copy every open case of the demo bureau
gets a witness added (`case.party_added`) and is then walked to its end along its state machine
(`case.filed`, `case.investigation_started`, `case.rights_notified`, `case.decided` with a penalty,
`case.executed`, `case.transferred_for_prosecution`, `case.closed`), repeated `--rounds` times for
the witnesses. Each `event_record` call — validation, lock, apply, append, and the post-apply listeners —
is timed on its own; the two copies differ only in the setting `SUPERVISION_INCREMENTAL` (the
supervision runtime's incremental re-evaluation of the case after each event, when that hook exists).
The goal (issue 3) is p99 under 5 ms per event.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

# The next step of each open case (kind, status) → (event, payload).
NEXT = {
    ("admin", "accepted"): ("case.investigation_started", {"note": ""}),
    ("admin", "filed"): ("case.investigation_started", {"note": ""}),
    ("admin", "investigating"): (
        "case.rights_notified",
        {"note": "已告知拟作出的行政处罚内容及事实、理由、依据"},
    ),
    ("admin", "rights_notified"): (
        "case.decided",
        {"outcome": "penalty", "penalty": {"fine_yuan": 200}, "reason": ""},
    ),
    ("admin", "decided"): ("case.executed", {"note": "罚款已缴纳"}),
    ("admin", "executed"): ("case.closed", {"note": ""}),
    ("admin", "terminated"): ("case.closed", {"note": ""}),
    ("criminal", "accepted"): ("case.filed", {"note": ""}),
    ("criminal", "filed"): ("case.investigation_started", {"note": ""}),
    ("criminal", "investigating"): (
        "case.transferred_for_prosecution",
        {"procuratorate": "梧州市万秀区人民检察院", "note": ""},
    ),
    ("criminal", "transferred"): ("case.closed", {"note": ""}),
    ("criminal", "not_filed"): ("case.closed", {"note": ""}),
    ("criminal", "withdrawn"): ("case.closed", {"note": ""}),
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(ms: list[float]) -> dict[str, Any]:
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def run_mode(database_url: str, hook: bool, rounds: int) -> dict[str, Any]:
    """In this process (Django set up on `database_url`): record the events, timing each."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawtrail.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    settings.SUPERVISION_INCREMENTAL = hook

    from lawtrail.cases.models import Case, Handler
    from lawtrail.common import clock
    from lawtrail.common.errors import DomainError
    from lawtrail.events.registry import POST_APPLY
    from lawtrail.events.services import event_record

    cases = list(Case.objects.exclude(status="closed").order_by("id"))
    leads = {
        h.case_id: h.officer
        for h in Handler.objects.filter(role="lead", released_at__isnull=True).select_related("officer")
    }
    timings: dict[str, list[float]] = defaultdict(list)
    hook_ms: list[float] = []
    hook_cpu_ms: list[float] = []
    cpu_ms: dict[str, list[float]] = defaultdict(list)
    refused: dict[str, int] = defaultdict(int)
    primed = None
    try:  # load the runtime's rule set and calendar once, outside the timings (a worker keeps them)
        from lawtrail.supervision.runtime import Engine

        Engine.load()
    except ImportError:
        pass
    if hook:
        try:  # the state a running installation has: every subject evaluated once (a full sweep)
            from lawtrail.supervision.runtime import family_index, sweep

            family_index(Engine.load().catalogue)
            t = time.perf_counter()
            primed = sweep(full=True).counts
            primed["wall_s"] = round(time.perf_counter() - t, 2)
            if connection.vendor == "sqlite":  # not the sweep's pages in the WAL file while timing
                with connection.cursor() as cur:
                    cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (ImportError, TypeError):
            pass

    # Time the post-apply listeners on their own: the cost the incremental check adds to an event.
    def timed(listener):
        def wrapper(event, subject):
            t, c = time.perf_counter(), time.thread_time()
            try:
                return listener(event, subject)
            finally:
                hook_ms.append((time.perf_counter() - t) * 1000)
                hook_cpu_ms.append((time.thread_time() - c) * 1000)

        return wrapper

    listeners = [f"{f.__module__}.{f.__qualname__}" for f in POST_APPLY]
    POST_APPLY[:] = [timed(f) if f.__module__ == "lawtrail.supervision.runtime" else f for f in POST_APPLY]

    def record(case, name: str, payload: dict[str, Any]) -> None:
        t, c = time.perf_counter(), time.thread_time()
        try:
            event_record(
                name=name, subject_key=case.number, payload=payload, actor=leads.get(case.id), source="bench"
            )
        except DomainError as error:  # refused by a guard: not timed
            refused[f"{name}: {error}"[:120]] += 1
            return
        timings[name].append((time.perf_counter() - t) * 1000)
        cpu_ms[name].append((time.thread_time() - c) * 1000)

    now = clock.now()
    for case in cases:
        for i in range(rounds):
            witness = {
                "party_id": str(uuid.uuid4()),
                "role": "witness",
                "name": f"证人{i + 1}",
                "phone": "13800000000",
            }
            record(case, "case.party_added", witness)
        status, outcome = case.status, case.outcome
        for _ in range(8):
            step = NEXT.get((case.kind, status))
            if status == "decided" and outcome != "penalty":
                step = ("case.closed", {"note": ""})  # only a penalty is executed
            if step is None:
                break
            record(case, *step)
            status, outcome = Case.objects.values_list("status", "outcome").get(id=case.id)
    all_ms = [v for values in timings.values() for v in values]
    transitions = [v for name, values in timings.items() if name != "case.party_added" for v in values]
    out: dict[str, Any] = {
        "hook": hook,
        "post_apply_listeners": listeners,
        "open_cases": len(cases),
        "refused": refused,
        "all": summary(all_ms) if all_ms else None,
        "transitions": summary(transitions) if transitions else None,
        "party_added": summary(timings["case.party_added"]) if timings["case.party_added"] else None,
        "supervision_hook_only": summary(hook_ms) if hook and hook_ms else None,
        # CPU time of this thread: what the work costs, without the waits for the CPU that other
        # processes on a shared machine cause (SQLite reads from the page cache count as CPU time)
        "supervision_hook_only_cpu": summary(hook_cpu_ms) if hook and hook_cpu_ms else None,
        "all_cpu": summary([v for values in cpu_ms.values() for v in values]) if cpu_ms else None,
        "primed_by_full_sweep": primed,
        "started": now.isoformat(),
        "elapsed_s": round((clock.now() - now) / timedelta(seconds=1), 1),
    }
    try:
        from lawtrail.supervision.models import Alert

        out["alerts_after"] = Alert.objects.count()
    except ImportError:
        out["alerts_after"] = None
    return out


def _run_child(url: str, mode: str, rounds: int) -> dict[str, Any]:
    run = subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, "--source", url, "--mode", mode, "--rounds", str(rounds)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def run_postgres(args) -> int:
    """The same on PostgreSQL: each mode on a copy of the source database (CREATE DATABASE … TEMPLATE)."""
    import psycopg

    base, _, name = args.source.rpartition("/")
    report: dict[str, Any] = {
        "source": args.source,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for mode in ("off", "on"):
            copy = f"{name}_bench_{mode}"
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
            try:
                report[f"hook_{mode}"] = _run_child(f"{base}/{copy}", mode, args.rounds)
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            print(f"hook {mode}: {json.dumps(report[f'hook_{mode}'], ensure_ascii=False)}", flush=True)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", required=True, help="sqlite:///… or postgres://… URL of a `lawtrail demo` database"
    )
    parser.add_argument("--rounds", type=int, default=3, help="witnesses added per open case")
    parser.add_argument("--mode", choices=["on", "off"], help=argparse.SUPPRESS)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if args.mode:
        print(json.dumps(run_mode(args.source, args.mode == "on", args.rounds), ensure_ascii=False))
        return 0
    if args.source.startswith("postgres"):
        return run_postgres(args)
    source = Path(args.source.removeprefix("sqlite:///"))
    report: dict[str, Any] = {
        "source": str(source),
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("off", "on"):
            copy = Path(tmp) / f"{mode}.sqlite3"
            shutil.copyfile(source, copy)
            run = subprocess.run(  # noqa: S603 - this script
                [
                    sys.executable,
                    __file__,
                    "--source",
                    f"sqlite:///{copy}",
                    "--mode",
                    mode,
                    "--rounds",
                    str(args.rounds),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            report[f"hook_{mode}"] = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"hook {mode}: {json.dumps(report[f'hook_{mode}'], ensure_ascii=False)}", flush=True)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
