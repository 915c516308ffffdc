"""The bureau: a tree of units (市局 → 分局 → 派出所 / 大队, plus the city's 法制支队, 指挥中心, 执法办案管理中心
and 涉案财物管理中心), its officers (about a quarter auxiliary) and their role grants — all as events.

Unit codes are 12 digits: the GB/T 2260 region code of the district and six digits for the unit
(`450400000000` 梧州市公安局, `450403000000` 万秀分局, `450403510000` 西江派出所, `450400120000` 法制支队).
Within a unit the first officer created is its head, and the next ones carry the unit's other roles, so
that "the lowest badge number without a role" is a plain case officer (demo_accounts relies on this).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lawtrail.org.models import Officer, Unit

from .data.places import CITY, CITY_REGION, DISTRICTS, District
from .people import People
from .scales import Scale
from .writer import Recorder

BUREAU_CODE = f"{CITY_REGION}000000"
BUREAU_NAME = f"{CITY}公安局"
SHOWCASE_STATION = "西江派出所"

# (code suffix, name, short name, kind, officers per scale (tiny, small, city), auxiliary share)
HQ_UNITS = [
    ("110000", "梧州市公安局指挥中心", "指挥中心", "command", (3, 8, 60), 0.3),
    ("120000", "梧州市公安局法制支队", "法制支队", "legal", (4, 8, 25), 0.0),
    ("130000", "梧州市公安局执法办案管理中心", "案管中心", "case_center", (3, 6, 40), 0.3),
    ("140000", "梧州市公安局涉案财物管理中心", "财物中心", "property_center", (2, 3, 12), 0.3),
    ("210000", "梧州市公安局刑事侦查支队", "刑侦支队", "brigade", (0, 0, 150), 0.15),
    ("220000", "梧州市公安局治安管理支队", "治安支队", "brigade", (0, 0, 70), 0.15),
    ("230000", "梧州市公安局禁毒支队", "禁毒支队", "brigade", (0, 0, 50), 0.15),
    ("240000", "梧州市公安局网络安全保卫支队", "网安支队", "brigade", (0, 0, 50), 0.1),
    ("250000", "梧州市公安局巡逻警察支队", "巡警支队", "brigade", (0, 0, 200), 0.4),
]
BUREAU_LEADERS = (2, 4, 8)
SUB_UNITS = [
    ("120000", "法制大队", "legal", (3, 4, 8), 0.0),
    ("210000", "刑事侦查大队", "brigade", (5, 8, 25), 0.2),
    ("220000", "治安管理大队", "brigade", (0, 0, 15), 0.2),
    ("230000", "禁毒大队", "brigade", (0, 0, 10), 0.2),
]
SUB_LEADERS = (2, 3, 8)
STATION_SIZE = (10, 18, 36)
STATION_AUX_SHARE = 0.3
# How busy a station is relative to the others (the city-centre stations see most incidents).
BUSY = {
    "西江派出所": 1.8,
    "城中派出所": 1.4,
    "大塘派出所": 1.3,
    "城东派出所": 1.2,
    "藤州派出所": 1.2,
    "岑城派出所": 1.2,
}


@dataclass
class Station:
    unit: Unit
    district: District
    sub_bureau: Unit
    roads: list[str]
    police: list[Officer]  # qualified officers who handle cases and answer calls
    auxiliaries: list[Officer]
    weight: float


@dataclass
class SubBureau:
    unit: Unit
    district: District
    duty_leaders: list[Officer]
    investigators: list[Officer]  # 刑侦大队: assisting on serious criminal cases
    stations: list[Station] = field(default_factory=list)


@dataclass
class Org:
    bureau: Unit
    sub_bureaus: list[SubBureau]
    stations: list[Station]
    call_takers: list[Officer]
    units: int = 0
    officers: int = 0
    auxiliaries: int = 0
    grants: int = 0

    def station(self, name: str) -> Station:
        return next(s for s in self.stations if s.unit.name == name)

    @property
    def showcase_officer(self) -> Officer:
        """The case officer the journeys' cases are given to (and whom `demo_accounts` signs in as `officer`)."""
        return self.station(SHOWCASE_STATION).police[0]


class OrgBuilder:
    def __init__(
        self,
        *,
        rec: Recorder,
        people: People,
        rng: random.Random,
        scale: Scale,
        setup: datetime,
        start: datetime,
        anchor: date,
    ):
        self.rec, self.people, self.rng, self.scale = rec, people, rng, scale
        self.setup, self.start, self.anchor = setup, start, anchor
        self._police_no = 0
        self._aux_no = 0
        self.renewals: list[tuple[Officer, date]] = []
        self.org: Org | None = None

    # --- units ---------------------------------------------------------------------------------------------

    def unit(self, code: str, name: str, kind: str, parent: Unit | None, short_name: str = "") -> Unit:
        self.rec.record(
            "unit.created",
            code,
            {"name": name, "short_name": short_name, "kind": kind, "parent": parent.code if parent else None},
            actor=None,
            at=self.setup,
            lag=timedelta(0),
        )
        self._units += 1
        return Unit.objects.get(code=code)

    # --- officers ------------------------------------------------------------------------------------------

    def _qualification(self, level_weights: tuple[float, float, float, float]) -> tuple[str, date | None]:
        rng = self.rng
        level = rng.choices(["none", "basic", "intermediate", "advanced"], level_weights)[0]
        if level == "none":
            return level, None
        r = rng.random()
        if r < 0.06:  # expiring within two months of the anchor: the workbench warns about these
            expires = self.anchor + timedelta(days=rng.randint(5, 60))
        elif r < 0.10:  # expired during the year and renewed (officer.qualification_updated)
            expires = self.start.date() + timedelta(
                days=rng.randint(20, max(21, (self.anchor - self.start.date()).days - 20))
            )
        else:
            expires = self.anchor + timedelta(days=rng.randint(61, 4 * 365))
        return level, expires

    def officer(self, unit: Unit, *, auxiliary: bool, senior: bool = False) -> Officer:
        rng = self.rng
        if auxiliary:
            self._aux_no += 1
            badge = f"F45{self._aux_no:04d}"
            level, expires = "none", None
        else:
            self._police_no += 1
            badge = f"45{self._police_no:04d}"
            weights = (0, 0.2, 0.55, 0.25) if senior else (0.02, 0.6, 0.32, 0.06)
            level, expires = self._qualification(weights)
        gender = "male" if rng.random() < (0.82 if not auxiliary else 0.7) else "female"
        payload = {
            "name": self.people.name(gender),
            "unit": unit.code,
            "is_auxiliary": auxiliary,
            "qualification_level": level,
            "qualification_expires": expires.isoformat() if expires else None,
            "phone": self.people.phone(),
        }
        self.rec.record("officer.created", badge, payload, actor=None, at=self.setup, lag=timedelta(0))
        officer = Officer.objects.select_related("unit").get(badge_no=badge)
        self._officers += 1
        self._auxiliaries += auxiliary
        if expires and expires < self.anchor:
            self.renewals.append((officer, expires))
        return officer

    def grant(self, officer: Officer, role: str, unit: Unit) -> None:
        self.rec.record(
            "officer.role_granted",
            officer.badge_no,
            {"role": role, "unit": unit.code},
            actor=None,
            at=self.setup,
            lag=timedelta(0),
        )
        self._grants += 1

    def staff(
        self, unit: Unit, size: int, aux_share: float, *, senior: bool = False
    ) -> tuple[list[Officer], list[Officer]]:
        """`size` officers for `unit`: police first (the first is the head), then auxiliaries."""
        n_aux = round(size * aux_share)
        police = [self.officer(unit, auxiliary=False, senior=senior or i < 3) for i in range(size - n_aux)]
        auxiliaries = [self.officer(unit, auxiliary=True) for _ in range(n_aux)]
        return police, auxiliaries

    # --- the tree ------------------------------------------------------------------------------------------

    def build(self) -> Org:
        self._units = self._officers = self._auxiliaries = self._grants = 0
        col = self.scale.size
        rng = self.rng
        bureau = self.unit(BUREAU_CODE, BUREAU_NAME, "bureau", None, short_name="市局")
        leaders, _ = self.staff(bureau, BUREAU_LEADERS[col], 0.0, senior=True)
        for officer in leaders:
            self.grant(officer, "bureau_leader", bureau)
        call_takers: list[Officer] = []
        for suffix, name, short, kind, sizes, aux in HQ_UNITS:
            if not sizes[col]:
                continue
            unit = self.unit(CITY_REGION + suffix, name, kind, bureau, short_name=short)
            police, auxiliaries = self.staff(unit, sizes[col], aux, senior=kind == "legal")
            self.grant(police[0], "unit_head", unit)
            if kind == "legal":
                for officer in police:
                    self.grant(officer, "legal_officer", bureau)
                self.grant(police[1], "publication_reviewer", bureau)
            elif kind == "command":
                self.grant(police[1], "administrator", bureau)
                for officer in police[2:] or police[:1]:
                    self.grant(officer, "call_taker", bureau)
                    call_takers.append(officer)
            elif kind == "case_center":
                for officer in police:
                    self.grant(officer, "case_center_staff", bureau)

        sub_bureaus: list[SubBureau] = []
        stations: list[Station] = []
        for district in DISTRICTS[: self.scale.districts]:
            sub = self.unit(f"{district.region}000000", district.sub_bureau, "sub_bureau", bureau)
            heads, _ = self.staff(sub, SUB_LEADERS[col], 0.0, senior=True)
            self.grant(heads[0], "unit_head", sub)
            for officer in heads:
                self.grant(officer, "duty_leader", sub)
            investigators: list[Officer] = []
            for suffix, name, kind, sizes, aux in SUB_UNITS:
                if not sizes[col]:
                    continue
                unit = self.unit(
                    f"{district.region}{suffix}", f"{district.sub_bureau}{name}", kind, sub, short_name=name
                )
                police, _ = self.staff(unit, sizes[col], aux, senior=kind == "legal")
                self.grant(police[0], "unit_head", unit)
                if kind == "legal":
                    for officer in police:
                        self.grant(officer, "legal_officer", sub)
                elif suffix == "210000":
                    investigators = [o for o in police[1:] if o.qualification_level != "none"]
            info = SubBureau(sub, district, heads, investigators)
            names = district.stations[: self.scale.stations] if self.scale.stations else district.stations
            roads = district.roads
            for i, name in enumerate(names):
                unit = self.unit(f"{district.region}{50 + i + 1:02d}0000", name, "station", sub)
                size = max(6, round(STATION_SIZE[col] * rng.uniform(0.8, 1.25)))
                police, auxiliaries = self.staff(unit, size, STATION_AUX_SHARE)
                head, deputy, legal = police[0], police[1], police[2]
                self.grant(head, "unit_head", unit)
                self.grant(deputy, "duty_leader", unit)
                self.grant(legal, "legal_officer", unit)
                # Each station patrols a slice of the district's roads (neighbouring stations overlap).
                share = max(4, len(roads) * 2 // max(1, len(names)))
                mine = [roads[(i * len(roads) // len(names) + k) % len(roads)] for k in range(share)]
                # Plain officers handle the cases; in a small station the deputy and the legal officer help.
                handlers = [o for o in police[3:] if o.qualification_level != "none"]
                if len(handlers) < 3:
                    handlers += [o for o in police[1:3] if o.qualification_level != "none"]
                station = Station(
                    unit, district, sub, mine, handlers, auxiliaries, BUSY.get(name, rng.uniform(0.6, 1.2))
                )
                stations.append(station)
                info.stations.append(station)
            sub_bureaus.append(info)
        self.org = Org(
            bureau,
            sub_bureaus,
            stations,
            call_takers,
            self._units,
            self._officers,
            self._auxiliaries,
            self._grants,
        )
        return self.org

    def renew_qualifications(self) -> int:
        """Officers whose qualification ran out during the year passed the exam again shortly before."""
        count = 0
        for officer, expires in self.renewals:
            at = datetime.combine(
                expires - timedelta(days=self.rng.randint(5, 30)), datetime.min.time(), self.setup.tzinfo
            ) + timedelta(hours=10)
            if at <= self.setup:
                at = self.setup + timedelta(days=1)
            level = officer.qualification_level
            if level == "basic" and self.rng.random() < 0.3:
                level = "intermediate"
            self.rec.record(
                "officer.qualification_updated",
                officer.badge_no,
                {
                    "qualification_level": level,
                    "qualification_expires": (expires + timedelta(days=3 * 365)).isoformat(),
                },
                actor=None,
                at=at,
            )
            count += 1
        return count
