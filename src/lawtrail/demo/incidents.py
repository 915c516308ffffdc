"""One incident from call to review: received, call recording, dispatch, arrival, disposal, body-camera
clips uploaded at the end of the shift, conversion into a case, and the duty leader's review next morning.

Times follow what happens in a city bureau: a 110 call is dispatched within minutes and officers arrive
5–20 minutes later (longer in the counties); walk-in and online reports are handled at the station without
a dispatch; clips reach the evidence store when the shift ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.org.models import Officer

from .data.places import CITY, ESTATES, HOSPITALS, SPOTS, VENUES
from .data.scenarios import CAUSES, FRAUD_TYPES
from .models import DefectKind
from .org_builder import Station
from .people import Person
from .plan import Item
from .world import World, iso

DISPOSAL_DELAY = {  # minutes from arrival (or receipt, without a dispatch) to the recorded disposal
    "gambling": (60, 200),
    "fight": (30, 150),
    "drunk_driving": (40, 120),
    "drug_use": (60, 180),
    "traffic_accident": (20, 90),
    "misdial": (2, 10),
}
SHIFT_ENDS = (8, 20)  # body-camera clips are uploaded when the day or night shift ends (08:30 / 20:30)


@dataclass
class Intake:
    """What was written for an incident; the case writer carries on from here."""

    number: str
    station: Station
    arrived_at: datetime | None
    disposed_at: datetime | None
    disposer: Officer | None
    reporter: Person | None
    officers: list[Officer]
    place: str
    description: str


def place_in(world: World, station: Station, scenario_venues: tuple[str, ...], *, mode: str = "") -> str:
    rng = world.rng
    district = station.district
    prefix = f"{CITY}{district.name}"
    if mode == "public":
        return rng.choice([f"{rng.choice(HOSPITALS)}门诊大厅", f"{prefix}{rng.choice(district.landmarks)}"])
    if mode == "road":
        first, second = rng.sample(station.roads, 2)
        return (
            f"{prefix}{first}与{second}交叉路口"
            if rng.random() < 0.6
            else f"{prefix}{first}{rng.randint(1, 300)}号路段"
        )
    r = rng.random()
    road = rng.choice(station.roads)
    if scenario_venues and r < 0.8:
        return f"{prefix}{road}{rng.randint(1, 260)}号{rng.choice(scenario_venues)}"
    if r < 0.35:
        return f"{prefix}{road}{rng.randint(1, 300)}号"
    if r < 0.6:
        return f"{prefix}{road}{rng.choice(ESTATES)}小区{rng.choice(SPOTS)}"
    if r < 0.8 and district.landmarks:
        return f"{prefix}{rng.choice(district.landmarks)}{rng.choice(SPOTS)}"
    return f"{prefix}{road}{rng.choice(VENUES)}"


def home_in(world: World, station: Station) -> str:
    rng = world.rng
    road = rng.choice(station.roads)
    return (
        f"{CITY}{station.district.name}{road}{rng.randint(1, 260)}号{rng.choice(ESTATES)}小区"
        f"{rng.randint(1, 30)}栋{rng.randint(1, 28)}0{rng.randint(1, 6)}"
    )


def describe(world: World, item: Item) -> tuple[str, str]:
    """(place, description) of an incident: a home address when the template speaks of one."""
    rng = world.rng
    s = item.scenario
    template = rng.choice(s.descriptions)
    if "{home}" in template:
        place = home_in(world, item.station)
    else:
        place = place_in(world, item.station, s.venues, mode=s.extra.get("place", ""))
    fields = {
        "place": place.removeprefix(CITY),
        "home": place.removeprefix(CITY),
        "item": rng.choice(s.items) if s.items else "财物",
        "value": item.value or rng.randint(500, 3000),
        "amount": item.value or rng.randint(3000, 60000),
        "hour": item.at.astimezone(LEGAL_TZ).hour,
        "fraud": rng.choice(FRAUD_TYPES),
        "hospital": rng.choice(HOSPITALS),
        "bac": rng.randint(82, 210),
        "grams": rng.choice([1.2, 2.5, 3.8, 5.6, 8.1]),
        "n": rng.randint(3, 9),
        "blade": rng.randint(16, 32),
        "cause": rng.choice(CAUSES.get(s.extra.get("cause", ""), ["琐事"])),
        "relative": rng.choice(CAUSES["relative"]),
    }
    return place, template.format(**fields)


class IncidentWriter:
    def __init__(self, world: World):
        self.w = world
        self._call_taker = 0

    def call_taker(self) -> Officer:
        takers = self.w.org.call_takers
        self._call_taker = (self._call_taker + 1) % len(takers)
        return takers[self._call_taker]

    def duty_leader(self, station: Station, at: datetime) -> Officer:
        """The sub-bureau's duty leader of the day (they take turns)."""
        leaders = next(
            sb for sb in self.w.org.sub_bureaus if sb.unit.id == station.sub_bureau.id
        ).duty_leaders
        return leaders[at.astimezone(LEGAL_TZ).toordinal() % len(leaders)]

    def crew(self, station: Station, *, size: int = 2) -> list[Officer]:
        """A patrol crew: a police officer with an auxiliary, or two police officers."""
        rng = self.w.rng
        lead = rng.choice(station.police)
        others = [o for o in station.police if o.id != lead.id]
        if station.auxiliaries and rng.random() < 0.6:
            crew = [lead, rng.choice(station.auxiliaries)]
        else:
            crew = [lead, rng.choice(others)]
        if size > 2 and others:
            extra = rng.choice(others)
            if all(o.id != extra.id for o in crew):
                crew.append(extra)
        return crew

    def write(self, item: Item) -> Intake:
        """Write the incident up to its disposal; an incident that becomes a case is disposed by
        `dispose_as_case` (the case must exist before the conversion is recorded)."""
        w, rng, rec, end = self.w, self.w.rng, self.w.rec, self.w.end
        s, station = item.scenario, item.station
        unit = station.unit
        place, description = describe(w, item)
        reporter = None
        if item.source != "patrol":
            reporter = w.people.person(on=item.at.date(), ages=(18, 72))
        number = w.incident_number(unit, item.at)
        if item.source == "call_110":
            actor, lag = self.call_taker(), timedelta(seconds=rng.randint(20, 150))
        elif item.source == "patrol":
            actor, lag = None, timedelta(seconds=rng.randint(60, 600))
        else:
            actor, lag = rng.choice(station.police), timedelta(seconds=rng.randint(60, 900))
        officers = self.crew(station, size=3 if s.parties in ("group", "fight") and rng.random() < 0.3 else 2)
        if item.source == "patrol":
            actor = officers[0]
        rec.record(
            "incident.received",
            number,
            {
                "unit": unit.code,
                "source": item.source,
                "place": place,
                "category": s.category,
                "description": description,
                "reporter_name": reporter.name if reporter else "",
                "reporter_phone": reporter.phone if reporter else "",
            },
            actor=actor,
            at=item.at,
            lag=lag,
        )
        w.stats["incidents"] += 1
        if item.source == "call_110":
            duration = rng.randint(35, 280)
            self.media(
                number,
                "call_recording",
                captured=item.at - timedelta(seconds=duration),
                duration=duration,
                officer=None,
                uri=f"cad://wuzhou110/{item.at:%Y/%m/%d}/{number}.wav",
                recorded=item.at + timedelta(seconds=rng.randint(30, 240)),
            )
        t = item.at
        arrived = None
        if item.dispatched:
            if item.source == "patrol":
                dispatched = t + timedelta(seconds=rng.randint(30, 120))
                arrived = dispatched + timedelta(seconds=rng.randint(20, 90))
                dispatcher = officers[0]
            else:
                dispatched = t + timedelta(seconds=rng.randint(50, 240))
                far = station.district.region[4:6] != "03" and station.district.region[4:6] != "05"
                arrived = dispatched + timedelta(minutes=rng.randint(8, 30) if far else rng.randint(4, 18))
                dispatcher = actor
            if dispatched > end:
                return Intake(number, station, None, None, None, reporter, officers, place, description)
            rec.record(
                "incident.dispatched",
                number,
                {"unit": unit.code, "officers": [o.badge_no for o in officers]},
                actor=dispatcher,
                at=dispatched,
                lag=timedelta(seconds=rng.randint(0, 30)),
            )
            if arrived > end:
                return Intake(number, station, None, None, None, reporter, officers, place, description)
            rec.record(
                "incident.arrived",
                number,
                {"note": ""},
                actor=officers[0],
                at=arrived,
                lag=timedelta(seconds=rng.randint(10, 300)),
            )
            t = arrived
        low, high = DISPOSAL_DELAY.get(s.key, (25, 120) if item.dispatched else (20, 90))
        if item.source == "online":
            low, high = 40, 480
        disposed = t + timedelta(minutes=rng.randint(low, high))
        disposer = officers[0] if item.dispatched or actor is None else actor
        if disposed > end:
            return Intake(number, station, arrived, None, None, reporter, officers, place, description)
        if not item.converts:
            kind, note = self.other_disposal(item)
            rec.record(
                "incident.disposed", number, {"disposal": kind, "note": note}, actor=disposer, at=disposed
            )
            if DefectKind.INCIDENT_NOT_CONVERTED in item.defects:
                w.plant(
                    DefectKind.INCIDENT_NOT_CONVERTED,
                    "incident",
                    number,
                    f"刑事警情（{s.key}）处警结果登记为「{kind}」，未受案、未转为案件（有案不立）",
                    category=s.category,
                    disposal=kind,
                    received_at=iso(item.at),
                    disposed_at=iso(disposed),
                )
        return Intake(number, station, arrived, disposed, disposer, reporter, officers, place, description)

    def other_disposal(self, item: Item) -> tuple[str, str]:
        rng = self.w.rng
        options = item.scenario.other_disposals or (("mediated", 1.0, "经民警现场调解，双方达成和解"),)
        if DefectKind.INCIDENT_NOT_CONVERTED in item.defects:
            options = (
                ("mediated", 1.0, "双方自行协商解决，报警人表示不再追究"),
                ("invalid", 0.5, "报警人称财物已找到"),
                ("not_police_matter", 0.3, "经了解属民事纠纷，已告知报警人通过诉讼途径解决"),
            )
        choice = rng.choices(options, [o[1] for o in options])[0]
        return choice[0], choice[2]

    def body_camera(
        self, item: Item, number: str, officers: list[Officer], arrived: datetime, disposed: datetime
    ) -> None:
        """One clip per officer on scene, uploaded at the end of the shift."""
        w, rng = self.w, self.w.rng
        if DefectKind.INCIDENT_NO_BODY_CAMERA in item.defects:
            w.plant(
                DefectKind.INCIDENT_NO_BODY_CAMERA,
                "incident",
                number,
                f"已派警出警（{len(officers)}名民警到场），但未关联任何执法记录仪视频",
                officers=[o.badge_no for o in officers],
                arrived_at=iso(arrived),
                disposed_at=iso(disposed),
            )
            return
        local = disposed.astimezone(LEGAL_TZ)
        shift_ends = [
            (local + timedelta(days=days)).replace(hour=hour, minute=30, second=0, microsecond=0)
            for days in (0, 1)
            for hour in SHIFT_ENDS
        ]
        upload = min(moment for moment in shift_ends if moment > local)
        for officer in officers:
            if rng.random() < 0.05 and officer.is_auxiliary:
                continue  # not every auxiliary wears a camera; the police officer's clip covers the scene
            start = arrived - timedelta(seconds=rng.randint(0, 150))
            duration = int((disposed - start).total_seconds()) + rng.randint(-300, 120)
            recorded = upload + timedelta(minutes=rng.randint(5, 90))
            if recorded > w.end:
                continue  # not uploaded yet
            self.media(
                number,
                "body_camera",
                captured=start,
                duration=max(60, min(duration, 4 * 3600)),
                officer=officer,
                uri=f"bwc://wuzhou/{officer.badge_no}/{start:%Y%m%d}/{start:%H%M%S}.mp4",
                recorded=recorded,
            )

    def media(
        self,
        number: str,
        kind: str,
        *,
        captured: datetime,
        duration: int,
        officer: Officer | None,
        uri: str,
        recorded: datetime,
    ) -> None:
        w = self.w
        w.rec.record(
            "incident.media_linked",
            number,
            {
                "media_id": str(w.rec.uuid()),
                "kind": kind,
                "uri": uri,
                "sha256": w.rec.sha256(),
                "captured_at": iso(captured),
                "duration_seconds": duration,
                "officer": officer.badge_no if officer else None,
            },
            actor=officer,
            at=min(recorded, w.end),
            recorded=recorded,
        )
        w.stats[f"media.{kind}"] += 1

    def dispose_as_case(self, intake: Intake, note: str) -> None:
        assert intake.disposed_at is not None
        self.w.rec.record(
            "incident.disposed",
            intake.number,
            {"disposal": "accepted_as_case", "note": note},
            actor=intake.disposer,
            at=intake.disposed_at,
        )

    def converted(self, intake: Intake, case_number: str) -> None:
        assert intake.disposed_at is not None
        self.w.rec.record(
            "incident.converted",
            intake.number,
            {"case": case_number},
            actor=intake.disposer,
            at=intake.disposed_at,
            lag=timedelta(seconds=self.w.rng.randint(30, 600)),
        )
        self.w.stats["incidents.converted"] += 1

    def after(self, item: Item, intake: Intake) -> None:
        """What follows the disposal: the body-camera clips arrive, the duty leader reviews."""
        if item.dispatched and intake.arrived_at is not None and intake.disposed_at is not None:
            self.body_camera(item, intake.number, intake.officers, intake.arrived_at, intake.disposed_at)
        self.review(item, intake)

    def review(self, item: Item, intake: Intake) -> None:
        """The duty leader reviews yesterday's incidents the next morning."""
        w = self.w
        if DefectKind.INCIDENT_NOT_REVIEWED in item.defects:
            w.plant(
                DefectKind.INCIDENT_NOT_REVIEWED,
                "incident",
                intake.number,
                "警情超过3日未经值班领导审核",
                received_at=iso(item.at),
            )
            return
        # The morning after the day it came in (intake.duty_leader_review: by 24:00 of the next day); the
        # disposal is always done by then (incidents are disposed of within hours).
        at = w.next_morning(item.at)
        if intake.disposed_at is not None and at <= intake.disposed_at:
            at = intake.disposed_at + timedelta(minutes=w.rng.randint(10, 60))
        if at > w.end:
            return  # today's list: the duty leader has not got to it yet
        leader = self.duty_leader(intake.station, at)
        note = w.rng.choices(["", "已审核，处置规范", "已审核", "处置及时，同意"], [5, 3, 3, 1])[0]
        w.rec.record(
            "incident.reviewed",
            intake.number,
            {"note": note},
            actor=leader,
            at=at,
            lag=timedelta(seconds=w.rng.randint(10, 120)),
        )
