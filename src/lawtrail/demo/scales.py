"""How big a demo bureau is. `city` is the city bureau of the source reports (about 2,800 officers, 30,000
incidents and 15,000 cases in a year); `small` is what `make run` loads; `tiny` is for the tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    days: int  # the data covers this many days up to the anchor
    districts: int  # sub-bureaus (from data/places.DISTRICTS, in order)
    stations: int | None  # stations per sub-bureau (None: all of the district's stations)
    size: int  # column of the unit-size tables in org_builder (0 tiny, 1 small, 2 city)
    incidents: int
    direct_reports: int  # criminal reports taken at a counter without an incident (接报案)
    chunk: int  # items per transaction (0: the whole run is one transaction)


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", days=60, districts=1, stations=2, size=0, incidents=150, direct_reports=6, chunk=0),
    "small": Scale(
        "small", days=365, districts=2, stations=3, size=1, incidents=600, direct_reports=25, chunk=0
    ),
    "city": Scale(
        "city", days=365, districts=7, stations=None, size=2, incidents=30000, direct_reports=1500, chunk=200
    ),
}
