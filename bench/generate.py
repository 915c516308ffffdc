"""Synthetic data for the supervision benchmarks: a bureau's year of incidents and cases, fast.

    DATABASE_URL=postgres://…/lawtrail_bench .venv/bin/lawtrail migrate
    .venv/bin/python bench/generate.py --cases 100000 --database-url postgres://…/lawtrail_bench --seed 1

Why this does not go through `events.services.event_record`: the one write path validates, locks and
applies one event per transaction (a few ms each), so 10,000,000 events would take most of a day. Here the
rows of lawtrail's tables (units, officers, incidents and their dispatched officers, cases, handlers,
parties and the event history) are written directly in bulk — COPY on PostgreSQL, executemany on
SQLite — with the same columns, keys and payloads that `event_record` would have produced. The events
are not applied, they are *described*; `--check N` (default 200) replays a random sample of the
generated cases through the registry's payload schemas and the case state machines
(`cases/machine.py` plus the guards of `cases/events.py`) and compares the replayed status with the
status written to `cases_case`, so a generator bug shows up as a failed check rather than as a
benchmark on impossible data.

What is generated (same seed, same data):

* one bureau, sub-bureaus and police stations (one station per ~5,000 cases a year), 12 officers per
  station, each unit and officer with its `unit.created` / `officer.created` event;
* cases accepted uniformly over the 365 days before `--as-of` (default 2025-12-20 12:00 Beijing time,
  inside the 2012 治安管理处罚法 so that no case straddles the 2026-01-01 revision), about 55 %
  administrative (almost all 治安 offences) and 45 % criminal, each with a lead and an assisting
  handler, one to three parties and its lifecycle (about 10 events a case). Administrative cases: about
  4 % decided after the 30-day limit, 2 % never decided (压案不查), the rest decided in time, terminated,
  executed and closed; criminal cases filed or not filed, investigated, transferred or withdrawn;
* 85 % of cases come from an incident (接警 → 派警 → 到达 → 处警结果「受案」 → 转为案件), and there are
  0.3 further incidents per case disposed otherwise (调解, 非警务, 无效, 移交);
* every event at or before `--as-of` (later steps have not happened yet, so recent cases are still
  open); `recorded_at` is a few minutes after `occurred_at`.

Not generated: extensions, appraisal pauses or mediation restarts of the case time limit (so the simple
SQL of bench/sweep.py and the engine must agree exactly), media records, role grants, the number
counters of `common_sequence` (record new cases by hand in a generated database at your own risk).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from lawtrail.common.idnumbers import make_id_number

# Asia/Shanghai has had no daylight saving since 1991: local time is UTC+8 for every generated moment.
LOCAL = timedelta(hours=8)
DEFAULT_AS_OF = datetime(2025, 12, 20, 4, 0, tzinfo=UTC)  # 2025-12-20 12:00 Beijing time
CASES_PER_STATION = 5000
OFFICERS_PER_STATION = 12
CHUNK = 10_000
SQLITE_CACHE_KIB = 3_000_000  # 3 GiB of page cache while generating into SQLite
SOURCE = "bench"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志明海燕红梅文斌鹏飞宇浩婷雪琳晨阳"
DISTRICTS = ["万秀区", "长洲区", "龙圩区", "岑溪市", "藤县", "蒙山县", "苍梧县"]
STREETS = ["北山路", "锦江路", "新兴二路", "蝶山三路", "西江一路", "泗洲路", "红岭路", "钱鉴路", "富民路"]
ESTATES = ["桂江小区", "翡翠小区", "龙湖小区", "江景花园", "富民新村", "滨江苑"]
PROCURATORATES = ["梧州市万秀区人民检察院", "梧州市长洲区人民检察院", "梧州市人民检察院"]


@dataclass
class Unit:
    id: int
    code: str
    name: str
    officers: list[tuple[int, str, str]] = field(default_factory=list)  # (id, badge, name)


@dataclass
class Offence:
    id: int
    code: str
    name: str
    kind: str
    law: str


@dataclass
class Rows:
    """The rows of one chunk, per table, in the column order of COLUMNS."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, row: tuple) -> None:
        self.tables[table].append(row)


COLUMNS = {
    "org_unit": ("id", "code", "name", "short_name", "kind", "path", "depth", "bureau_id", "parent_id"),
    "org_officer": (
        "id",
        "badge_no",
        "name",
        "unit_id",
        "is_auxiliary",
        "qualification_level",
        "qualification_expires",
        "phone",
        "user_id",
        "is_active",
    ),
    "incidents_incident": (
        "id",
        "number",
        "bureau_id",
        "unit_id",
        "source",
        "received_at",
        "place",
        "category",
        "reporter_name",
        "reporter_phone",
        "description",
        "status",
        "dispatched_at",
        "dispatch_unit_id",
        "arrived_at",
        "disposal",
        "disposed_at",
        "disposal_note",
        "reviewed_at",
        "reviewed_by_id",
        "review_note",
    ),
    "incidents_incident_dispatch_officers": ("incident_id", "officer_id"),
    "cases_case": (
        "id",
        "number",
        "bureau_id",
        "unit_id",
        "kind",
        "title",
        "summary",
        "offence_id",
        "procedure",
        "status",
        "outcome",
        "decision",
        "incident_id",
        "query_code",
        "accepted_at",
        "filed_at",
        "decided_at",
        "closed_at",
        "updated_at",
        "year",
        "seq_no",
    ),
    "cases_handler": ("id", "case_id", "officer_id", "role", "assigned_at", "released_at"),
    "cases_party": (
        "id",
        "party_id",
        "case_id",
        "role",
        "name",
        "gender",
        "id_number",
        "birth_date",
        "phone",
        "address",
        "is_minor",
        "added_at",
    ),
    "events_event": (
        "seq",
        "event_id",
        "name",
        "subject_type",
        "subject_key",
        "bureau_id",
        "unit_id",
        "case_id",
        "incident_id",
        "actor_id",
        "actor_name",
        "occurred_at",
        "recorded_at",
        "payload",
        "source",
    ),
}
# Insertion order (foreign keys point backwards).
TABLES = list(COLUMNS)

# Status after each case lifecycle event (cases/machine.py); other case events leave it unchanged.
TARGET = {
    "case.filed": "filed",
    "case.not_filed": "not_filed",
    "case.investigation_started": "investigating",
    "case.rights_notified": "rights_notified",
    "case.decided": "decided",
    "case.terminated": "terminated",
    "case.executed": "executed",
    "case.transferred_for_prosecution": "transferred",
    "case.withdrawn": "withdrawn",
    "case.closed": "closed",
}


@dataclass
class GeneratedCase:
    """What --check needs of a generated case: its row (as a dict) and its events (name, at, payload)."""

    row: dict[str, Any]
    events: list[tuple[str, datetime, dict[str, Any]]]


class Generator:
    def __init__(self, *, cases: int, seed: int, as_of: datetime, offences: list[Offence], sample: int):
        self.cases = cases
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.start = as_of - timedelta(days=365)
        self.admin_offences = [o for o in offences if o.kind == "admin"]
        self.ps_offences = [o for o in self.admin_offences if o.law == "治安管理处罚法"]
        self.criminal_offences = [o for o in offences if o.kind == "criminal"]
        self.units: list[Unit] = []
        self.stations: list[Unit] = []
        self.seq = {"event": 0, "incident": 0, "case": 0, "handler": 0, "party": 0}
        self.case_counters: dict[tuple[str, str, int], int] = defaultdict(int)
        self.incident_counters: dict[tuple[str, date], int] = defaultdict(int)
        wanted = min(sample, cases)
        self.sample_ids = set(random.Random(seed + 1).sample(range(1, cases + 1), wanted))
        self.samples: list[GeneratedCase] = []
        self.counts: dict[str, int] = defaultdict(int)

    # --- helpers ------------------------------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def person(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2)))

    def phone(self) -> str:
        return f"1{self.rng.choice('3589')}{self.rng.randrange(10**9):09d}"

    def address(self) -> str:
        r = self.rng
        return (
            f"梧州市{r.choice(DISTRICTS)}{r.choice(STREETS)}{r.randint(1, 300)}号"
            f"{r.choice(ESTATES)}{r.randint(1, 30)}栋{r.randint(1, 30)}{r.randint(1, 6):02d}"
        )

    def event(
        self,
        rows: Rows,
        *,
        name: str,
        subject_type: str,
        key: str,
        unit: Unit,
        at: datetime,
        payload: dict[str, Any],
        case_id: int | None = None,
        incident_id: int | None = None,
        actor: tuple[int, str, str] | None = None,
        delay_minutes: int | None = None,
    ) -> None:
        self.seq["event"] += 1
        delay = self.rng.randint(0, 20) if delay_minutes is None else delay_minutes
        rows.add(
            "events_event",
            (
                self.seq["event"],
                self.uuid(),
                name,
                subject_type,
                key,
                1,
                unit.id,
                case_id,
                incident_id,
                actor[0] if actor else None,
                actor[2] if actor else "",
                at,
                min(at + timedelta(minutes=delay), self.as_of),
                json.dumps(payload, ensure_ascii=False),
                SOURCE,
            ),
        )

    # --- the organisation ---------------------------------------------------------------------------

    def organisation(self) -> Rows:
        rows = Rows()
        at = self.start - timedelta(days=30)
        n_stations = max(4, -(-self.cases // CASES_PER_STATION))
        n_sub = max(1, min(9, -(-n_stations // 40)))
        bureau = Unit(1, "450400000000", "梧州市公安局")
        self._unit(rows, bureau, "市局", "bureau", None, "450400000000/", 0, at)
        next_id = 2
        subs = []
        for s in range(n_sub):
            code = f"4504{s + 3:02d}000000"
            sub = Unit(next_id, code, f"梧州市公安局第{s + 1}分局")
            next_id += 1
            self._unit(rows, sub, f"{s + 1}分局", "sub_bureau", bureau, f"{bureau.code}/{code}/", 1, at)
            subs.append(sub)
        for i in range(n_stations):
            sub = subs[i % n_sub]
            code = f"{sub.code[:6]}{51 + i // n_sub:02d}0000"
            station = Unit(next_id, code, f"{sub.name}第{i // n_sub + 1}派出所")
            next_id += 1
            path = f"{bureau.code}/{sub.code}/{code}/"
            self._unit(rows, station, f"{i // n_sub + 1}所", "station", sub, path, 2, at)
            self.stations.append(station)
        officer_id = 0
        for unit in self.units:
            for _ in range(OFFICERS_PER_STATION if unit in self.stations else 2):
                officer_id += 1
                badge = f"45{officer_id:04d}"
                name = self.person()
                auxiliary = unit in self.stations and self.rng.random() < 0.2
                level = (
                    "none" if auxiliary else self.rng.choice(["basic", "basic", "intermediate", "advanced"])
                )
                expires = None if auxiliary else date(2028 + self.rng.randint(0, 3), 12, 31)
                phone = self.phone()
                rows.add(
                    "org_officer",
                    (officer_id, badge, name, unit.id, auxiliary, level, expires, phone, None, True),
                )
                payload = {
                    "name": name,
                    "unit": unit.code,
                    "is_auxiliary": auxiliary,
                    "qualification_level": level,
                    "qualification_expires": expires.isoformat() if expires else None,
                    "phone": phone,
                }
                self.event(
                    rows,
                    name="officer.created",
                    subject_type="officer",
                    key=badge,
                    unit=unit,
                    at=at,
                    payload=payload,
                    delay_minutes=0,
                )
                if not auxiliary:
                    unit.officers.append((officer_id, badge, name))
        self.counts["units"] = len(self.units)
        self.counts["officers"] = officer_id
        return rows

    def _unit(
        self, rows: Rows, unit: Unit, short: str, kind: str, parent: Unit | None, path: str, depth: int, at
    ) -> None:
        self.units.append(unit)
        rows.add(
            "org_unit", (unit.id, unit.code, unit.name, short, kind, path, depth, 1, parent and parent.id)
        )
        payload = {"name": unit.name, "short_name": short, "kind": kind, "parent": parent and parent.code}
        self.event(
            rows, name="unit.created", subject_type="unit", key=unit.code, unit=unit, at=at, payload=payload
        )

    # --- incidents ------------------------------------------------------------------------------------

    def incident(
        self, rows: Rows, unit: Unit, received: datetime, category: str, disposal: str, description: str
    ) -> tuple[int, str, datetime]:
        """An incident received at `received` and disposed; returns (id, number, disposed_at)."""
        r = self.rng
        self.seq["incident"] += 1
        iid = self.seq["incident"]
        day = (received + LOCAL).date()
        self.incident_counters[(unit.code, day)] += 1
        number = f"J{unit.code}{day:%Y%m%d}{self.incident_counters[(unit.code, day)]:04d}"
        source = r.choices(["call_110", "walk_in", "online", "patrol"], [70, 15, 10, 5])[0]
        place = self.address()
        reporter = self.person() if source != "patrol" else ""
        reporter_phone = self.phone() if source == "call_110" else ""
        taker = unit.officers[0]
        officers = r.sample(unit.officers, 2)
        dispatched = received + timedelta(minutes=r.randint(1, 5))
        arrived = dispatched + timedelta(minutes=r.randint(5, 25))
        disposed = arrived + timedelta(minutes=r.randint(20, 90))
        note = {
            "accepted_as_case": "经初步核实，涉嫌违法犯罪，已受案",
            "mediated": "经民警现场调解，双方达成和解",
            "not_police_matter": "经核实不属于公安机关管辖事项，已告知报警人",
            "invalid": "经回拨核实为误报",
            "transferred": "已移交相关职能部门处理",
        }[disposal]
        common = {"subject_type": "incident", "key": number, "unit": unit, "incident_id": iid}
        received_payload = {
            "unit": unit.code,
            "source": source,
            "place": place,
            "category": category,
            "reporter_name": reporter,
            "reporter_phone": reporter_phone,
            "description": description,
        }
        self.event(
            rows, name="incident.received", at=received, payload=received_payload, actor=taker, **common
        )
        dispatch_payload = {"unit": unit.code, "officers": [o[1] for o in officers]}
        self.event(
            rows, name="incident.dispatched", at=dispatched, payload=dispatch_payload, actor=taker, **common
        )
        self.event(
            rows, name="incident.arrived", at=arrived, payload={"note": ""}, actor=officers[0], **common
        )
        self.event(
            rows,
            name="incident.disposed",
            at=disposed,
            payload={"disposal": disposal, "note": note},
            actor=officers[0],
            **common,
        )
        reviewed_at = None
        reviewer = None
        if disposal != "accepted_as_case" and r.random() < 0.85:
            reviewed_at = disposed + timedelta(hours=r.randint(1, 6))
            if reviewed_at <= self.as_of:
                reviewer = unit.officers[1]
                self.event(
                    rows,
                    name="incident.reviewed",
                    at=reviewed_at,
                    payload={"note": "已审核"},
                    actor=reviewer,
                    **common,
                )
            else:
                reviewed_at = None
        rows.add(
            "incidents_incident",
            (
                iid,
                number,
                1,
                unit.id,
                source,
                received,
                place,
                category,
                reporter,
                reporter_phone,
                description,
                "disposed",  # a converted incident is updated by the case (see case())
                dispatched,
                unit.id,
                arrived,
                disposal,
                disposed,
                note,
                reviewed_at,
                reviewer[0] if reviewer else None,
                "已审核" if reviewer else "",
            ),
        )
        for officer in officers:
            rows.add("incidents_incident_dispatch_officers", (iid, officer[0]))
        self.counts["incidents"] += 1
        return iid, number, disposed

    def stray_incident(self, rows: Rows, at: datetime) -> None:
        r = self.rng
        unit = r.choice(self.stations)
        category, description = r.choice(
            [
                ("dispute", "报警人称与邻居因噪音问题发生口角"),
                ("assistance", "报警人称老人走失，请求帮助寻找"),
                ("traffic", "报警人称两车剐蹭，双方对责任有争议"),
                ("dispute", "报警人称与商家因退款发生纠纷"),
                ("other", "报警人称楼道内有可疑人员"),
            ]
        )
        disposal = r.choices(["mediated", "not_police_matter", "invalid", "transferred"], [50, 25, 10, 15])[0]
        self.incident(rows, unit, at, category, disposal, description)

    # --- cases -----------------------------------------------------------------------------------------

    def case(self, rows: Rows, accepted: datetime) -> None:
        r = self.rng
        self.seq["case"] += 1
        cid = self.seq["case"]
        unit = r.choice(self.stations)
        admin = r.random() < 0.55
        kind = "admin" if admin else "criminal"
        if admin:
            offence = r.choice(self.ps_offences if r.random() < 0.98 else self.admin_offences)
        else:
            offence = r.choice(self.criminal_offences)
        year = (accepted + LOCAL).year
        letter = "X" if admin else "A"
        self.case_counters[(letter, unit.code, year)] += 1
        seq_no = self.case_counters[(letter, unit.code, year)]
        number = f"{letter}{unit.code}{year}{seq_no:05d}"
        lead, assisting = r.sample(unit.officers, 2)
        suspect = self.person()
        short = offence.name.split("（")[0]
        title = f"{suspect}{short}案"
        summary = (
            f"{(accepted + LOCAL):%m月%d日}，{suspect}在{r.choice(DISTRICTS)}{r.choice(STREETS)}涉嫌{short}。"
        )
        query_code = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))

        incident_id = incident_number = None
        if r.random() < 0.85:
            received = accepted - timedelta(minutes=r.randint(150, 300))
            category = "criminal" if not admin else r.choice(["public_order", "dispute"])
            incident_id, incident_number, _ = self.incident(
                rows, unit, received, category, "accepted_as_case", f"报警人称有人{short}"
            )

        plan: list[tuple[str, datetime, dict[str, Any], tuple[int, str, str]]] = []
        accepted_payload = {
            "unit": unit.code,
            "kind": kind,
            "title": title,
            "summary": summary,
            "offence": offence.code,
            "procedure": "general",
            "incident": incident_number,
            "query_code": query_code,
        }
        plan.append(("case.accepted", accepted, accepted_payload, lead))
        t = accepted + timedelta(minutes=r.randint(3, 15))
        if incident_number:
            plan.append(("incident.converted", t, {"case": number}, lead))
        t += timedelta(minutes=r.randint(5, 30))
        plan.append(("case.handler_assigned", t, {"officer": lead[1], "role": "lead"}, lead))
        t += timedelta(minutes=r.randint(5, 30))
        plan.append(("case.handler_assigned", t, {"officer": assisting[1], "role": "assisting"}, lead))
        roles = ["admin_suspect" if admin else "criminal_suspect"]
        if r.random() < 0.6:
            roles.append("victim")
        if r.random() < 0.3:
            roles.append("witness")
        for i, role in enumerate(roles):
            t += timedelta(minutes=r.randint(20, 90))
            plan.append(("case.party_added", t, self.party_payload(role, suspect if i == 0 else None), lead))
        plan.extend(
            self.admin_lifecycle(accepted, t, lead) if admin else self.criminal_lifecycle(accepted, t, lead)
        )

        status = "accepted"
        fields: dict[str, Any] = {"filed_at": None, "decided_at": None, "closed_at": None}
        outcome, decision, updated = "", {}, accepted
        kept = []
        for name, at, payload, actor in plan:
            if at > self.as_of:
                break  # not happened yet: everything after it is in the future too
            kept.append((name, at, payload))
            if name == "incident.converted":
                self.event(
                    rows,
                    name=name,
                    subject_type="incident",
                    key=incident_number,
                    unit=unit,
                    at=at,
                    payload=payload,
                    incident_id=incident_id,
                    actor=actor,
                )
                continue
            self.event(
                rows,
                name=name,
                subject_type="case",
                key=number,
                unit=unit,
                at=at,
                payload=payload,
                case_id=cid,
                actor=actor,
            )
            if name == "case.handler_assigned":
                self.seq["handler"] += 1
                officer = lead if payload["role"] == "lead" else assisting
                rows.add("cases_handler", (self.seq["handler"], cid, officer[0], payload["role"], at, None))
            elif name == "case.party_added":
                self.party_row(rows, cid, payload, at)
            elif name in TARGET:
                status = TARGET[name]
                updated = at
                if name == "case.filed":
                    fields["filed_at"] = at
                elif name == "case.decided":
                    fields["decided_at"] = at
                    outcome = payload["outcome"]
                    decision = {"penalty": payload["penalty"], "reason": payload["reason"]}
                elif name == "case.closed":
                    fields["closed_at"] = at
        if incident_id is not None and any(k[0] == "incident.converted" for k in kept):
            # The incident was written as disposed; its conversion happened: rewrite the status column.
            table = rows.tables["incidents_incident"]
            for i in range(len(table) - 1, -1, -1):
                if table[i][0] == incident_id:
                    table[i] = (*table[i][:11], "converted", *table[i][12:])
                    break
        row = {
            "id": cid,
            "number": number,
            "bureau_id": 1,
            "unit_id": unit.id,
            "kind": kind,
            "title": title,
            "summary": summary,
            "offence_id": offence.id,
            "procedure": "general",
            "status": status,
            "outcome": outcome,
            "decision": json.dumps(decision, ensure_ascii=False),
            "incident_id": incident_id,
            "query_code": query_code,
            "accepted_at": accepted,
            **fields,
            "updated_at": updated,
            "year": year,
            "seq_no": seq_no,
        }
        rows.add("cases_case", tuple(row[c] for c in COLUMNS["cases_case"]))
        self.counts["cases"] += 1
        self.counts[f"cases.{kind}.{status}"] += 1
        if cid in self.sample_ids:
            self.samples.append(GeneratedCase(row=row, events=kept))

    def party_payload(self, role: str, name: str | None) -> dict[str, Any]:
        r = self.rng
        gender = r.choice(["male", "male", "female"])
        born = date(1950, 1, 1) + timedelta(days=r.randint(0, 365 * 60))
        region = r.choice(["450403", "450405", "450406", "450481", "450422"])
        serial = r.randrange(0, 500) * 2 + (1 if gender == "male" else 0)
        return {
            "party_id": str(self.uuid()),
            "role": role,
            "name": name or self.person(),
            "gender": gender,
            "id_number": make_id_number(region, born, serial),
            "phone": self.phone(),
            "address": self.address(),
            "is_minor": None,
        }

    def party_row(self, rows: Rows, cid: int, payload: dict[str, Any], at: datetime) -> None:
        self.seq["party"] += 1
        id_number = payload["id_number"]
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
        on = (at + LOCAL).date()
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        rows.add(
            "cases_party",
            (
                self.seq["party"],
                uuid.UUID(payload["party_id"]),
                cid,
                payload["role"],
                payload["name"],
                payload["gender"],
                id_number,
                born,
                payload["phone"],
                payload["address"],
                age < 18,
                at,
            ),
        )
        self.counts["parties"] += 1

    def admin_lifecycle(self, accepted: datetime, after: datetime, actor) -> list:
        r = self.rng
        days = timedelta(days=1)
        steps: list = []
        t = after + timedelta(hours=r.randint(1, 24))
        if r.random() < 0.4:
            steps.append(("case.filed", t, {"note": ""}, actor))
            t += timedelta(hours=r.randint(2, 24))
        steps.append(("case.investigation_started", t, {"note": ""}, actor))
        fate = r.random()
        if fate < 0.02:
            return steps  # 压案不查: nothing more is ever done
        if fate < 0.07:
            end = max(t + timedelta(hours=2), accepted + r.randint(5, 29) * days)
            steps.append(
                ("case.terminated", end, {"reason": "双方达成调解协议并已履行完毕，依法终止调查"}, actor)
            )
            steps.append(("case.closed", end + r.randint(1, 5) * days, {"note": ""}, actor))
            return steps
        late = r.random() < 0.04
        decided = accepted + timedelta(
            days=r.randint(31, 50) if late else r.randint(4, 29), hours=r.randint(0, 8)
        )
        decided = max(decided, t + 3 * days)
        if r.random() < 0.88:
            steps.append(
                (
                    "case.rights_notified",
                    decided - timedelta(days=r.randint(1, 2)),
                    {"note": "已告知拟作出的行政处罚内容及事实、理由、依据，当事人未提出陈述申辩"},
                    actor,
                )
            )
            fine = r.choice([None, 200, 300, 500, 1000])
            detention = r.choice([None, None, 5, 10, 15]) if fine != 1000 else None
            penalty = {
                "warning": fine is None and detention is None,
                "fine_yuan": fine,
                "detention_days": detention,
                "confiscation": "",
                "other": "",
            }
            steps.append(
                ("case.decided", decided, {"outcome": "penalty", "penalty": penalty, "reason": ""}, actor)
            )
            executed = decided + timedelta(days=r.randint(1, 15))
            steps.append(("case.executed", executed, {"note": "处罚已执行完毕"}, actor))
            steps.append(("case.closed", executed + r.randint(1, 10) * days, {"note": ""}, actor))
        else:
            reason = "违法行为轻微并及时纠正，没有造成危害后果"
            steps.append(
                ("case.decided", decided, {"outcome": "no_penalty", "penalty": None, "reason": reason}, actor)
            )
            steps.append(("case.closed", decided + r.randint(1, 10) * days, {"note": ""}, actor))
        return steps

    def criminal_lifecycle(self, accepted: datetime, after: datetime, actor) -> list:
        r = self.rng
        days = timedelta(days=1)
        steps: list = []
        t = after + timedelta(days=r.randint(1, 7), hours=r.randint(0, 8))
        if r.random() < 0.1:
            steps.append(("case.not_filed", t, {"reason": "经审查，没有犯罪事实"}, actor))
            steps.append(("case.closed", t + r.randint(1, 10) * days, {"note": ""}, actor))
            return steps
        steps.append(("case.filed", t, {"note": ""}, actor))
        t += timedelta(hours=r.randint(2, 48))
        steps.append(("case.investigation_started", t, {"note": ""}, actor))
        fate = r.random()
        if fate < 0.55:
            t += r.randint(30, 180) * days
            payload = {"procuratorate": r.choice(PROCURATORATES), "note": ""}
            steps.append(("case.transferred_for_prosecution", t, payload, actor))
            steps.append(("case.closed", t + r.randint(5, 30) * days, {"note": ""}, actor))
        elif fate < 0.6:
            t += r.randint(20, 120) * days
            steps.append(("case.withdrawn", t, {"reason": "经侦查，犯罪嫌疑人的行为不构成犯罪"}, actor))
            steps.append(("case.closed", t + r.randint(1, 10) * days, {"note": ""}, actor))
        return steps

    def chunks(self):
        """Rows per chunk of CHUNK cases (in order of acceptance) with their share of stray incidents."""
        span = (self.as_of - self.start).total_seconds()
        done = 0
        while done < self.cases:
            n = min(CHUNK, self.cases - done)
            lo = self.start.timestamp() + span * done / self.cases
            hi = self.start.timestamp() + span * (done + n) / self.cases
            rows = Rows()
            moments = sorted(self.rng.uniform(lo, hi) for _ in range(n))
            strays = sorted(self.rng.uniform(lo, hi) for _ in range(round(n * 0.3)))
            for ts in moments:
                self.case(rows, datetime.fromtimestamp(int(ts), UTC))
            for ts in strays:
                at = datetime.fromtimestamp(int(ts), UTC)
                if at < self.as_of - timedelta(hours=3):
                    self.stray_incident(rows, at)
            done += n
            yield rows


# --- writing -------------------------------------------------------------------------------------------


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, date):
        return value.isoformat()
    return value


def write(connection, rows: Rows) -> None:
    """Write one chunk's rows: COPY on PostgreSQL, executemany on SQLite (same transaction)."""
    vendor = connection.vendor
    for table in TABLES:
        data = rows.tables.get(table)
        if not data:
            continue
        cols = COLUMNS[table]
        if vendor == "postgresql":
            raw = connection.connection
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(cols))
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})"  # noqa: S608 - fixed names
            with connection.cursor() as cur:
                cur.executemany(sql, [tuple(_sqlite_value(v) for v in row) for row in data])


def load_offences(connection) -> list[Offence]:
    with connection.cursor() as cur:
        cur.execute("SELECT id, code, name, kind, law FROM cases_offence WHERE is_active ORDER BY code")
        return [Offence(*row) for row in cur.fetchall()]


def ensure_empty(connection) -> None:
    with connection.cursor() as cur:
        for table in ("org_unit", "cases_case", "incidents_incident", "events_event"):
            cur.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed names
            if cur.fetchone()[0]:
                raise SystemExit(f"{table} is not empty: generate into a freshly migrated database")


def reset_sequences(connection) -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    models = [m for m in apps.get_models() if m._meta.db_table in COLUMNS]
    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cur.execute(sql)


def generate(
    *, connection, cases: int, seed: int, as_of: datetime = DEFAULT_AS_OF, check: int = 200, progress=None
) -> dict[str, Any]:
    """Write the dataset into `connection` (a Django connection to a migrated, empty database) and check a
    sample of it. Returns the counts, the timings and the list of check failures (empty when all pass)."""
    from django.db import transaction

    ensure_empty(connection)
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            # A bulk load: a page cache that holds the indexes (with SQLite's default of 2 MB, inserting
            # random UUIDs into the event_id index of a multi-GB table reads a page from disk per row and
            # the rate fell fourfold between 100,000 and 400,000 cases), and no fsync per chunk (a crash
            # means generating again).
            cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            if not connection.in_atomic_block:  # (a test runs it inside its transaction)
                cur.execute("PRAGMA synchronous = OFF")
    gen = Generator(cases=cases, seed=seed, as_of=as_of, offences=load_offences(connection), sample=check)
    started = time.perf_counter()
    gen_seconds = write_seconds = 0.0
    with transaction.atomic(using=connection.alias):
        t = time.perf_counter()
        rows = gen.organisation()
        gen_seconds += time.perf_counter() - t
        t = time.perf_counter()
        write(connection, rows)
        write_seconds += time.perf_counter() - t
    chunks = gen.chunks()
    while True:
        t = time.perf_counter()
        rows = next(chunks, None)
        gen_seconds += time.perf_counter() - t
        if rows is None:
            break
        t = time.perf_counter()
        with transaction.atomic(using=connection.alias):
            write(connection, rows)
        write_seconds += time.perf_counter() - t
        if progress:
            progress(gen.counts["cases"], gen.seq["event"], time.perf_counter() - started)
    with transaction.atomic(using=connection.alias):
        reset_sequences(connection)
    t = time.perf_counter()
    with connection.cursor() as cur:
        # Planner statistics: without them SQLite answers "the events of these cases with these names" from
        # the index on `name` (every case.accepted of the table) instead of `event_case_time`.
        cur.execute("ANALYZE")
    analyze_seconds = time.perf_counter() - t
    failures = check_cases(gen.samples)
    return {
        "counts": dict(gen.counts),
        "events": gen.seq["event"],
        "seconds": time.perf_counter() - started,
        "generate_seconds": gen_seconds,
        "write_seconds": write_seconds,
        "analyze_seconds": analyze_seconds,
        "checked": len(gen.samples),
        "failures": failures,
    }


# --- checking -----------------------------------------------------------------------------------------


def check_cases(samples: list[GeneratedCase]) -> list[str]:
    """Replay each sampled case's events through the payload schemas and the state machine (with the
    guards of cases/events.py); the replayed status must be the one written. Returns the failures."""
    from lawtrail.cases.machine import machine_for
    from lawtrail.common.errors import DomainError
    from lawtrail.events.registry import EVENT_TYPES

    failures = []
    for sample in samples:
        row = sample.row
        machine = machine_for(row["kind"])
        status, outcome, previous = "accepted", "", None
        try:
            for name, at, payload in sample.events:
                EVENT_TYPES[name].payload.model_validate(payload)
                if previous and at < previous:
                    raise ValueError(f"{name} at {at} before the previous event")
                if at < row["accepted_at"] and name != "case.accepted":
                    raise ValueError(f"{name} before the acceptance")
                previous = at
                if name == "case.party_added" and status == "closed":
                    raise ValueError("party added to a closed case")
                if name not in TARGET:
                    continue
                if name == "case.decided" and payload["outcome"] == "penalty" and status != "rights_notified":
                    raise ValueError("penalty without prior notice of rights")
                if name == "case.executed" and outcome != "penalty":
                    raise ValueError("executed without a penalty")
                if name == "case.closed" and status == "decided" and outcome == "penalty":
                    raise ValueError("closed before the penalty was executed")
                status = machine.check(name, status).target
                if name == "case.decided":
                    outcome = payload["outcome"]
            if status != row["status"]:
                raise ValueError(f"replayed status {status}, written {row['status']}")
            if outcome != row["outcome"]:
                raise ValueError(f"replayed outcome {outcome!r}, written {row['outcome']!r}")
        except (DomainError, ValueError) as error:
            failures.append(f"{row['number']}: {error}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default=DEFAULT_AS_OF.isoformat(), help="end of the data (aware ISO 8601)")
    parser.add_argument("--check", type=int, default=200, help="cases to replay through the state machines")
    args = parser.parse_args(argv)
    as_of = datetime.fromisoformat(args.as_of)
    if as_of.tzinfo is None:
        parser.error("--as-of must carry a UTC offset")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawtrail.settings.dev")
    import django

    django.setup()
    from django.db import connection

    def progress(cases: int, events: int, seconds: float) -> None:
        if cases % 100_000 == 0 or cases == args.cases:
            print(f"  {cases:,} cases, {events:,} events, {seconds:.0f} s", flush=True)

    result = generate(
        connection=connection,
        cases=args.cases,
        seed=args.seed,
        as_of=as_of,
        check=args.check,
        progress=progress,
    )
    print(json.dumps({k: v for k, v in result.items() if k != "failures"}, ensure_ascii=False, indent=1))
    print(f"checked {result['checked']} cases: {len(result['failures'])} failures")
    for failure in result["failures"][:20]:
        print("  " + failure)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
