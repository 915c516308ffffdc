"""`lawtrail demo`: a synthetic city bureau, generated deterministically from a seed and an anchor date.

The year of data ends at the start of the anchor day (default: today in Asia/Shanghai), so the workbench has
yesterday's incidents and open cases. Everything is written through `event_record` (writer.py) with its
historical `occurred_at` and a plausible `recorded_at`, so the event history is complete and an export
reproduces the bureau. Same seed, same anchor, same scale → the same records, numbers and event ids.

Order of work: the bureau (org_builder.py); the year's intake planned up front (plan.py), including which
records carry a planted defect; then each item in time order — the incident (incidents.py), its case if it
becomes one (lifecycle.py), the journeys' fixed cases (journeys.py); finally the planted defects are saved
(models.PlantedDefect) for the supervision engine's tests and demos.
"""

from __future__ import annotations

import gc
import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count

from lawtrail.cases.models import Case, Offence, Party
from lawtrail.common import clock
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.incidents.models import Incident, MediaRecord
from lawtrail.org.models import Officer, RoleGrant, Unit
from lawtrail.supervision.runtime import Engine, Target, incremental_enabled, supervise_one

from .incidents import IncidentWriter, describe
from .journeys import JourneyWriter
from .lifecycle import CaseWriter, short_name
from .models import PlantedDefect
from .org_builder import BUREAU_CODE, OrgBuilder
from .people import People
from .plan import Item, Planner
from .scales import SCALES, Scale
from .world import World
from .writer import Recorder

Progress = Callable[[str, int, int], None]


class DemoError(Exception):
    pass


@dataclass
class Result:
    scale: str
    seed: int
    anchor: date
    start: datetime
    end: datetime
    elapsed: float
    counts: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)
    case_states: dict[str, int] = field(default_factory=dict)


def default_anchor() -> date:
    return clock.now().astimezone(LEGAL_TZ).date()


def database_has_cases() -> bool:
    return Case.objects.exists() or Unit.objects.filter(code=BUREAU_CODE).exists()


def generate(
    *,
    scale: str | Scale = "small",
    seed: int = 2026,
    anchor: date | None = None,
    progress: Progress | None = None,
) -> Result:
    """Generate the demo bureau into an empty database (raises DemoError if the demo bureau exists)."""
    started = time.monotonic()
    # Hundreds of thousands of short-lived ORM objects: collect garbage less often (restored at the end).
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    try:
        return _generate(started, scale, seed, anchor, progress)
    finally:
        gc.set_threshold(*thresholds)


def _generate(
    started: float, scale: str | Scale, seed: int, anchor: date | None, progress: Progress | None
) -> Result:
    spec = SCALES[scale] if isinstance(scale, str) else scale
    anchor = anchor or default_anchor()
    if Unit.objects.filter(code=BUREAU_CODE).exists():
        raise DemoError("演示数据已存在（梧州市公安局 450400000000）；请使用空数据库，或加 --if-empty 跳过")
    end = datetime(anchor.year, anchor.month, anchor.day, tzinfo=LEGAL_TZ)
    start = end - timedelta(days=spec.days)
    setup = start - timedelta(days=30) + timedelta(hours=9)
    rng = random.Random(seed)
    rec = Recorder(rng=rng, seed=seed, end=end)
    people = People(rng)
    offences = {o.code: o for o in Offence.objects.all()}
    if not offences:
        raise DemoError("案由目录为空：请先运行 lawtrail migrate")

    # small and tiny are written in one transaction (a failure leaves nothing, so `--if-empty` retries);
    # city commits every `chunk` items (one transaction of a million rows would swell SQLite's WAL).
    with transaction.atomic() if not spec.chunk else nullcontext():
        with transaction.atomic():
            builder = OrgBuilder(
                rec=rec, people=people, rng=rng, scale=spec, setup=setup, start=start, anchor=anchor
            )
            org = builder.build()
            renewed = builder.renew_qualifications()
        world = World(
            seed=seed, rng=rng, rec=rec, people=people, org=org, start=start, end=end, offences=offences
        )
        world.stats["qualification_renewals"] = renewed
        if progress:
            progress("org", org.officers, org.officers)
        items = Planner(rng=rng, scale=spec, stations=org.stations, start=start, end=end).plan()
        write_items(world, items, chunk=spec.chunk or len(items), progress=progress)
        PlantedDefect.objects.bulk_create(world.planted)
        if not incremental_enabled():
            check_closed_cases(world, progress=progress)
    return summarize(world, spec, seed, anchor, time.monotonic() - started)


def check_closed_cases(world: World, *, progress: Progress | None = None, chunk: int = 500) -> int:
    """Check each closed case once, as of the end of the period, when the history was written with the
    incremental check off (`lawtrail demo` does, for speed).

    The incremental check judges a case after each of its events; the sweep (`lawtrail supervise`) takes
    only open cases. A breach on record in a case closed since — a decision entered weeks late, an
    interview by one officer — is found by the incremental check when it is recorded, so a history written
    without it must have its closed cases checked once, or those breaches would never be found."""
    engine = Engine.load()
    cases = Case.objects.filter(bureau=world.org.bureau, status="closed").select_related(
        "offence", "incident"
    )
    ids = list(cases.order_by("id").values_list("id", flat=True))
    for first in range(0, len(ids), chunk):
        with transaction.atomic():
            for case in cases.filter(id__in=ids[first : first + chunk]).order_by("id"):
                supervise_one(Target("case", case), as_of=world.end, engine=engine)
        if progress:
            progress("closed", min(first + chunk, len(ids)), len(ids))
    return len(ids)


def write_items(world: World, items: list[Item], *, chunk: int, progress: Progress | None) -> None:
    incidents = IncidentWriter(world)
    cases = CaseWriter(world)
    journeys = JourneyWriter(world, incidents, cases)
    for first in range(0, len(items), chunk):
        with transaction.atomic():
            for done, item in enumerate(items[first : first + chunk], start=first + 1):
                write_item(world, item, incidents, cases, journeys)
                if progress and (done % 100 == 0 or done == len(items)):
                    progress("items", done, len(items))


def write_item(
    world: World, item: Item, incidents: IncidentWriter, cases: CaseWriter, journeys: JourneyWriter
) -> None:
    if item.journey:
        journeys.write(item)
        return
    if item.source is None:  # 接报案: a criminal report taken at the counter
        station = item.station
        reporter = world.people.person(on=item.at.date(), ages=(18, 75))
        _, description = describe(world, item)
        summary = description.replace("报警人", f"报案人{reporter.name}", 1)
        pending = cases.open(
            item,
            incident=None,
            at=item.at,
            station=station,
            reporter=reporter,
            lead=world.rng.choice(station.police),
            summary=summary,
        )
        cases.walk(pending)
        return
    intake = incidents.write(item)
    pending = None
    if item.converts and intake.disposed_at is not None:
        short = short_name(world, item.offence or "")
        incidents.dispose_as_case(
            intake, f"经{'现场调查' if item.dispatched else '初步核查'}，涉嫌{short}，依法受案调查"
        )
        pending = cases.open(
            item,
            incident=intake.number,
            at=intake.disposed_at,
            station=intake.station,
            reporter=intake.reporter,
            lead=intake.disposer,
            summary=intake.description,
        )
        incidents.converted(intake, pending.number)
    incidents.after(item, intake)
    if pending is not None:
        cases.walk(pending)


def summarize(world: World, spec: Scale, seed: int, anchor: date, elapsed: float) -> Result:
    bureau = world.org.bureau
    counts = {
        "units": Unit.objects.filter(bureau=bureau).count(),
        "officers": Officer.objects.filter(unit__bureau=bureau).count(),
        "auxiliaries": Officer.objects.filter(unit__bureau=bureau, is_auxiliary=True).count(),
        "role_grants": RoleGrant.objects.filter(unit__bureau=bureau).count(),
        "incidents": Incident.objects.filter(bureau=bureau).count(),
        "incidents_converted": Incident.objects.filter(bureau=bureau, status="converted").count(),
        "media": MediaRecord.objects.filter(incident__bureau=bureau).count(),
        "cases": Case.objects.filter(bureau=bureau).count(),
        "cases_admin": Case.objects.filter(bureau=bureau, kind="admin").count(),
        "cases_criminal": Case.objects.filter(bureau=bureau, kind="criminal").count(),
        "parties": Party.objects.filter(case__bureau=bureau).count(),
        "minors": Party.objects.filter(case__bureau=bureau, is_minor=True).count(),
        "events": world.rec.count,
    }
    states = {
        f"{row['kind']}.{row['status']}": row["n"]
        for row in Case.objects.filter(bureau=bureau)
        .values("kind", "status")
        .annotate(n=Count("id"))
        .order_by("kind", "status")
    }
    planted = Counter(d.kind for d in world.planted)
    return Result(
        spec.name,
        seed,
        anchor,
        world.start,
        world.end,
        elapsed,
        counts,
        dict(sorted(planted.items())),
        states,
    )
