"""Synthetic people: Chinese names, valid GB 11643 ID numbers (some minors), phones and addresses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from lawtrail.common.idnumbers import make_id_number

from .data.names import COMMON_CHARS, FEMALE_CHARS, MALE_CHARS, SURNAMES
from .data.places import DISTRICTS, ESTATES, HOME_REGIONS

_SURNAMES = [s for s, _ in SURNAMES]
_SURNAME_WEIGHTS = [w for _, w in SURNAMES]
_REGIONS = [(code, name) for code, name, _ in HOME_REGIONS]
_REGION_WEIGHTS = [w for _, _, w in HOME_REGIONS]
_ROADS = {d.region: d.roads for d in DISTRICTS}
_MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "158",
    "159",
    "166",
    "173",
    "177",
    "180",
    "182",
    "183",
    "186",
    "187",
    "188",
    "189",
    "191",
    "199",
]


@dataclass(frozen=True)
class Person:
    name: str
    gender: str  # "male" / "female"
    id_number: str
    born: date
    phone: str
    address: str

    def party(self, role: str) -> dict[str, str]:
        """The payload fields of case.party_added for this person (party_id is added by the caller)."""
        return {
            "role": role,
            "name": self.name,
            "gender": self.gender,
            "id_number": self.id_number,
            "phone": self.phone,
            "address": self.address,
        }


class People:
    """Draws names and identities from one seeded RNG; ID numbers are unique within a run."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._ids: set[str] = set()

    def gender(self, male_share: float = 0.5) -> str:
        return "male" if self.rng.random() < male_share else "female"

    def name(self, gender: str) -> str:
        rng = self.rng
        surname = rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]
        pool = MALE_CHARS if gender == "male" else FEMALE_CHARS
        if rng.random() < 0.22:
            return surname + rng.choice(pool)
        first = rng.choice(pool + COMMON_CHARS)
        second = rng.choice(pool)
        while second == first:
            second = rng.choice(pool)
        return surname + first + second

    def phone(self) -> str:
        return self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def address(self, region: str, region_name: str) -> str:
        rng = self.rng
        roads = _ROADS.get(region)
        if roads:
            if rng.random() < 0.6:
                return f"梧州市{region_name.removeprefix('梧州市')}{rng.choice(roads)}{rng.randint(1, 260)}号{rng.choice(ESTATES)}小区{rng.randint(1, 30)}栋{rng.randint(1, 28)}0{rng.randint(1, 6)}"
            return f"梧州市{region_name.removeprefix('梧州市')}{rng.choice(roads)}{rng.randint(1, 400)}号"
        return f"{_province(region)}{region_name}{rng.choice(['人民路', '解放路', '建设路', '中山路', '新华路', '东风路'])}{rng.randint(1, 300)}号"

    def person(self, *, on: date, ages: tuple[int, int] = (18, 60), gender: str | None = None) -> Person:
        """A person aged within `ages` on `on`, with an ID number whose birth date and sex digit agree."""
        rng = self.rng
        gender = gender or self.gender()
        region, region_name = rng.choices(_REGIONS, _REGION_WEIGHTS)[0]
        while True:
            age = rng.randint(*ages)
            born = on - timedelta(days=age * 365 + rng.randint(15, 350))
            serial = rng.randrange(100) * 10 + rng.choice(
                (1, 3, 5, 7, 9) if gender == "male" else (0, 2, 4, 6, 8)
            )
            id_number = make_id_number(region, born, serial)
            if id_number not in self._ids:
                self._ids.add(id_number)
                break
        return Person(
            self.name(gender), gender, id_number, born, self.phone(), self.address(region, region_name)
        )


def _province(region: str) -> str:
    return {"45": "广西壮族自治区", "44": "广东省", "43": "湖南省"}.get(region[:2], "")
