"""Processes the durability tests start: `python -m tests.durability.worker <command> …` prints one JSON line.

Runs against the database named by DATABASE_URL (a SQLite file in WAL mode, see conftest.py)."""

from __future__ import annotations

import json
import sys
import threading
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from lawtrail.api.services import api_token_create  # noqa: E402
from lawtrail.audit.services import audit_verify  # noqa: E402
from lawtrail.cases.models import Case, Party  # noqa: E402
from lawtrail.cases.services import case_add_party, case_event  # noqa: E402
from lawtrail.common import clock  # noqa: E402
from lawtrail.common.errors import DomainError  # noqa: E402
from lawtrail.events.models import Event  # noqa: E402
from lawtrail.org.models import Officer  # noqa: E402
from tests.factories import make_bureau, make_case  # noqa: E402

CRIMINAL, ADMIN = "电动车被盗案", "烧烤摊殴打他人案"


def _case(title: str) -> Case:
    return Case.objects.get(title=title)


def seed() -> dict:
    bureau = make_bureau()
    criminal = make_case(bureau.officer_a, kind="criminal", title=CRIMINAL)
    admin = make_case(bureau.officer_a, title=ADMIN)
    return {"criminal": criminal.number, "admin": admin.number}


def _threads(n: int, work, prepare=None) -> list:
    """Run `work(i, prepared)` in n threads released together after each ran `prepare(i)`; each thread uses
    (and closes) its own connection."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        try:
            prepared = prepare(i) if prepare else None
            barrier.wait()
            results[i] = work(i, prepared)
        except Exception as exc:
            results[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def race_file(n: int) -> dict:
    """n officers' sessions file the same accepted criminal case at the same moment."""
    officer = Officer.objects.get(badge_no="100001")

    def work(i: int, case: Case) -> str:
        try:
            case_event(case=case, name="case.filed", actor=officer, payload={})
        except DomainError as error:
            return error.code
        return "ok"

    # each writer has read the case while it was still "accepted", before any of them writes
    outcomes = Counter(_threads(n, work, prepare=lambda i: _case(CRIMINAL)))
    case = _case(CRIMINAL)
    return {
        "outcomes": dict(outcomes),
        "status": case.status,
        "filed_events": Event.objects.filter(case=case, name="case.filed").count(),
    }


def race_parties(n: int) -> dict:
    """n writers each add a party to the same case at the same moment."""
    officer = Officer.objects.get(badge_no="100001")

    def work(i: int, case: Case) -> str:
        case_add_party(case=case, actor=officer, role="witness", name=f"证人{i}")
        return "ok"

    outcomes = Counter(_threads(n, work, prepare=lambda i: _case(ADMIN)))
    report = audit_verify()
    return {
        "outcomes": dict(outcomes),
        "parties": Party.objects.filter(case=_case(ADMIN)).count(),
        "events": Event.objects.filter(case=_case(ADMIN), name="case.party_added").count(),
        "audit_ok": report.ok,
        "audit_checked": report.checked,
    }


def http_load(threads: int, rounds: int) -> dict:
    """Concurrent API clients through Django's full request stack: each round reads the case and adds a
    party (a write that takes the database's write lock)."""
    setup_test_environment()  # "testserver" is an allowed host
    number = _case(ADMIN).number
    officer = Officer.objects.get(badge_no="100001")
    tokens = [api_token_create(officer=officer, name=f"load {i}")[1] for i in range(threads)]
    before = Party.objects.filter(case=_case(ADMIN)).count()

    def work(i: int, _: None) -> list[int]:
        client = Client(headers={"authorization": f"Bearer {tokens[i]}"})
        statuses = []
        for r in range(rounds):
            statuses.append(client.get(f"/api/cases/{number}").status_code)
            body = {"role": "witness", "name": f"证人{i}-{r}"}
            statuses.append(
                client.post(f"/api/cases/{number}/parties", body, content_type="application/json").status_code
            )
        return statuses

    results = _threads(threads, work)
    statuses = Counter(s for r in results for s in (r if isinstance(r, list) else [r]))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    return {
        "statuses": {str(k): v for k, v in statuses.items()},
        "added": Party.objects.filter(case=_case(ADMIN)).count() - before,
        "journal_mode": mode,
        "audit_ok": audit_verify().ok,
    }


def write_import(path: str, n: int) -> dict:
    """A JSON Lines file of n `case.party_added` events on the administrative case (a large import)."""
    number = _case(ADMIN).number
    start = clock.now() - timedelta(days=1)
    with Path(path).open("w", encoding="utf-8") as f:
        for i in range(n):
            moment = (start + timedelta(seconds=i)).isoformat()
            line = {
                "id": str(uuid.uuid4()),
                "name": "case.party_added",
                "subject": number,
                "occurred_at": moment,
                "recorded_at": moment,
                "actor": "100001",
                "source": "test",
                "payload": {"party_id": str(uuid.uuid4()), "role": "witness", "name": f"证人{i}"},
            }
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return {"lines": n}


def counts() -> dict:
    from lawtrail.audit.models import AuditEntry

    return {
        "events": Event.objects.count(),
        "parties": Party.objects.count(),
        "cases": Case.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def add_case() -> dict:
    officer = Officer.objects.get(badge_no="100001")
    return {"number": make_case(officer, title="备份之后的案件").number}


COMMANDS = {
    "seed": lambda: seed(),
    "race-file": lambda n: race_file(int(n)),
    "race-parties": lambda n: race_parties(int(n)),
    "http-load": lambda t, r: http_load(int(t), int(r)),
    "write-import": lambda path, n: write_import(path, int(n)),
    "counts": lambda: counts(),
    "add-case": lambda: add_case(),
}

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))  # noqa: T201
