"""The year's intake, planned before anything is written: which incidents come in, where and when, how they
are reported, which become cases and of what offence, which cases must end in which state, and which
records carry a planted defect. Planning first lets the defects be chosen from the whole year (at least one
of each kind at every scale) and lets the writer walk the items in time order."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lawtrail.common.clock import LEGAL_TZ

from .data.places import DISTRICTS
from .data.scenarios import DIRECT_REPORTS, HOURS, SCENARIOS, Scenario
from .models import DefectKind
from .org_builder import SHOWCASE_STATION, Station
from .scales import Scale

BY_KEY = {s.key: s for s in SCENARIOS}
SHOWCASE_SUB_STATIONS = frozenset(DISTRICTS[0].stations)  # 万秀分局

# Share of eligible records that carry each planted defect (at least one of each at every scale).
DEFECT_RATES = {
    DefectKind.CASE_OVERDUE: 0.04,  # of admin cases accepted ≥ 45 days before the anchor
    DefectKind.INCIDENT_NOT_CONVERTED: 0.03,  # of criminal-category incidents
    DefectKind.INCIDENT_NO_BODY_CAMERA: 0.02,  # of dispatched incidents
    DefectKind.CASE_SINGLE_HANDLER: 0.02,  # of cases with a suspect known at acceptance
    DefectKind.INCIDENT_NOT_REVIEWED: 0.02,  # of incidents older than 3 days
    DefectKind.DECISION_LATE_ENTRY: 0.04,  # of admin cases accepted ≥ 40 days before the anchor
}

# Every state of both case machines is reached by at least one case: one item per state is planned to
# stop there, at an age at which that state is normal (no planted defect hides in these).
FORCED_STATES: list[tuple[str, str, timedelta]] = [
    ("admin", "accepted", timedelta(hours=10)),
    ("admin", "filed", timedelta(days=2)),
    ("admin", "investigating", timedelta(days=12)),
    ("admin", "rights_notified", timedelta(days=16)),
    ("admin", "decided", timedelta(days=9)),
    ("admin", "terminated", timedelta(days=8)),
    ("admin", "executed", timedelta(days=24)),
    ("admin", "closed", timedelta(days=50)),
    ("criminal", "accepted", timedelta(hours=20)),
    ("criminal", "filed", timedelta(days=1, hours=6)),
    ("criminal", "not_filed", timedelta(days=5)),
    ("criminal", "investigating", timedelta(days=30)),
    ("criminal", "transferred", timedelta(days=55)),
    ("criminal", "withdrawn", timedelta(days=57)),
    ("criminal", "closed", timedelta(days=58)),
]
# The two journeys written with fixed content (journeys.py): key, days before the anchor, hour, minute.
JOURNEYS = [("barbecue", 17, 22, 14), ("ebike", 75, 10, 20)]
SHOWCASE_MINIMUM = {
    DefectKind.CASE_OVERDUE: 3,
    DefectKind.INCIDENT_NOT_CONVERTED: 1,
    DefectKind.INCIDENT_NO_BODY_CAMERA: 2,
}
FORCED_SCENARIOS = {
    "admin": ["fight", "gambling", "drug_use", "provocation"],
    "criminal": ["telecom_fraud", "burglary"],
}


@dataclass
class Item:
    index: int
    at: datetime
    station: Station
    scenario: Scenario
    source: str | None  # None: a criminal report taken at the counter without an incident
    converts: bool
    kind: str | None = None
    offence: str | None = None
    value: int = 0
    forced_state: str | None = None
    defects: set[str] = field(default_factory=set)
    journey: str | None = None  # one of the user journeys (journeys.py), written with fixed content

    @property
    def dispatched(self) -> bool:
        return self.source == "patrol" or (self.source == "call_110" and self.scenario.dispatch)


class Planner:
    def __init__(
        self, *, rng: random.Random, scale: Scale, stations: list[Station], start: datetime, end: datetime
    ):
        self.rng, self.scale, self.stations = rng, scale, stations
        self.start, self.end = start, end
        self._weights = [s.weight for s in stations]

    def _moment(self, scenario: Scenario, source: str | None) -> datetime:
        rng = self.rng
        day = self.start + timedelta(days=rng.randrange((self.end - self.start).days))
        profile = "office" if source == "walk_in" else "day" if source == "online" else scenario.hours
        hour = rng.choices(range(24), HOURS[profile])[0]
        at = day.astimezone(LEGAL_TZ).replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        return min(at, self.end - timedelta(minutes=rng.randint(20, 600)))

    def _day_weight_ok(self, scenario: Scenario, at: datetime) -> bool:
        """Weekends are busier for disputes and public order: thin out weekday draws instead."""
        if at.astimezone(LEGAL_TZ).weekday() >= 5:
            return True
        return self.rng.random() < 1 / (1 + scenario.weekend)

    def _offence(self, item: Item) -> None:
        s, rng = item.scenario, self.rng
        if s.value_range[1]:
            item.value = rng.randint(*s.value_range) // 10 * 10
        if s.criminal_threshold is not None and item.source is None:  # a counter report is a criminal one
            item.value = max(item.value, s.criminal_threshold + rng.randint(0, 2000) // 10 * 10)
        if s.criminal_threshold is not None:
            item.offence = s.offences[0][0] if item.value >= s.criminal_threshold else s.offences[1][0]
        else:
            item.offence = rng.choices([c for c, _ in s.offences], [w for _, w in s.offences])[0]
        item.kind = "criminal" if item.offence.startswith("cr.") else "admin"

    def item(
        self, index: int, scenario: Scenario, *, direct: bool = False, at: datetime | None = None
    ) -> Item:
        rng = self.rng
        source = None if direct else rng.choices(list(scenario.sources), list(scenario.sources.values()))[0]
        while at is None:
            candidate = self._moment(scenario, source)
            if self._day_weight_ok(scenario, candidate):
                at = candidate
        station = rng.choices(self.stations, self._weights)[0]
        converts = direct or (bool(scenario.offences) and rng.random() < scenario.convert)
        item = Item(index, at, station, scenario, source, converts)
        if converts:
            self._offence(item)
        return item

    def plan(self) -> list[Item]:
        rng = self.rng
        scenarios = SCENARIOS
        weights = [s.weight for s in scenarios]
        items = [self.item(i, rng.choices(scenarios, weights)[0]) for i in range(self.scale.incidents)]
        direct = [BY_KEY[k] for k, _ in DIRECT_REPORTS]
        direct_w = [w for _, w in DIRECT_REPORTS]
        for _ in range(self.scale.direct_reports):
            items.append(self.item(len(items), rng.choices(direct, direct_w)[0], direct=True))
        for kind, state, age in FORCED_STATES:
            age = min(age, (self.end - self.start) * 0.9)
            scenario = BY_KEY[rng.choice(FORCED_SCENARIOS[kind])]
            at = self.end - age - timedelta(minutes=rng.randint(0, 90))
            item = self.item(len(items), scenario, direct=kind == "criminal", at=at)
            if kind == "admin":
                item.source = rng.choice([s for s in scenario.sources if s != "online"])
                item.converts = True
                while True:
                    self._offence(item)
                    if item.kind == "admin":
                        break
            item.forced_state = state
            items.append(item)
        for key, age, hour, minute in JOURNEYS:
            day = (self.end - timedelta(days=age)).astimezone(LEGAL_TZ)
            at = day.replace(hour=hour, minute=minute, second=5)
            scenario = BY_KEY["fight" if key == "barbecue" else "ebike_theft"]
            station = next(s for s in self.stations if s.unit.name == SHOWCASE_STATION)
            items.append(Item(len(items), at, station, scenario, None, True, journey=key))
        items.sort(key=lambda it: (it.at, it.index))
        self.plant(items)
        return items

    def plant(self, items: list[Item]) -> None:
        """Choose the records that carry each planted defect."""
        end = self.end
        free = [it for it in items if it.forced_state is None and it.journey is None]

        def pick(kind: str, candidates: list[Item]) -> None:
            if not candidates:
                return
            n = max(1, round(len(candidates) * DEFECT_RATES[kind]))
            for it in self.rng.sample(candidates, min(n, len(candidates))):
                it.defects.add(kind)
            # The legal brigade's Monday (journey 3) finds at least this many in the showcase sub-bureau.
            local = [it for it in candidates if it.station.unit.name in SHOWCASE_SUB_STATIONS]
            missing = SHOWCASE_MINIMUM.get(kind, 0) - sum(kind in it.defects for it in local)
            spare = [it for it in local if kind not in it.defects]
            for it in self.rng.sample(spare, max(0, min(missing, len(spare)))):
                it.defects.add(kind)

        pick(
            DefectKind.INCIDENT_NOT_CONVERTED,
            [
                it
                for it in free
                if it.source and it.scenario.category == "criminal" and it.at < end - timedelta(days=2)
            ],
        )
        for it in free:  # an incident that is not converted has no case
            if DefectKind.INCIDENT_NOT_CONVERTED in it.defects:
                it.converts, it.kind, it.offence = False, None, None
        pick(
            DefectKind.INCIDENT_NO_BODY_CAMERA,
            [it for it in free if it.dispatched and it.at < end - timedelta(days=2)],
        )
        pick(
            DefectKind.INCIDENT_NOT_REVIEWED,
            [it for it in free if it.source and it.at < end - timedelta(days=3)],
        )
        # A single handler shows in the interviews: of the suspect known at acceptance (admin cases always
        # have one; criminal ones unless only the victim is known).
        pick(
            DefectKind.CASE_SINGLE_HANDLER,
            [it for it in free if it.converts and (it.kind == "admin" or it.scenario.parties != "victim")],
        )
        old_admin = [it for it in free if it.converts and it.kind == "admin"]
        pick(DefectKind.CASE_OVERDUE, [it for it in old_admin if it.at < end - timedelta(days=45)])
        pick(
            DefectKind.DECISION_LATE_ENTRY,
            [
                it
                for it in old_admin
                if it.at < end - timedelta(days=40) and DefectKind.CASE_OVERDUE not in it.defects
            ],
        )
