"""In headless Chromium, under the Content-Security-Policy: the property inventory (overdue, by location),
an item page with its QR code and custody chain, the printable label and the case page's section, on a
desktop and a phone (screenshots in test-artifacts/)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lawtrail.cases.services import offences_sync
from lawtrail.common import clock
from lawtrail.property.services import property_event
from tests.factories import PASSWORD, make_case
from tests.property.browser_driver import drive
from tests.property.helpers import seize_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_inventory_item_label_and_case_section(live_server, bureau, center, size):
    """Given one phone held for two days and one handed over and stored, when officer A opens the inventory,
    the stored item, its label and the case page, then the overdue view lists the held phone, the location
    view the stored one on its box, the item page shows its QR code and custody chain, the label its code,
    and the case page both items with their holders — with no CSP violation."""
    offences_sync()  # the transactional database is flushed after each test, with the offence catalogue
    now = clock.now().replace(second=0, microsecond=0)
    case = make_case(bureau.officer_a, when=(now - timedelta(days=3)).strftime("%Y-%m-%d %H:%M"))
    two_days_ago = (now - timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    held = seize_phone(bureau.officer_a, case, when=two_days_ago)
    stored = seize_phone(bureau.officer_a, case, when=two_days_ago)
    property_event(
        item=stored,
        name="property.handed_over",
        actor=bureau.officer_a,
        payload={"center": center.unit.code, "received_by": center.custodian.badge_no, "location": "A-01-03"},
        occurred_at=now - timedelta(days=1, hours=20),
    )
    verdict = drive(
        {
            "base": live_server.url,
            "username": bureau.officer_a.badge_no,
            "password": PASSWORD,
            "viewport": SIZES[size],
            "artifacts": str(ARTIFACTS),
            "pages": [
                {"path": "/property/", "texts": [held.code], "screenshot": f"property-overdue-{size}.png"},
                {
                    "path": "/property/?view=location",
                    "texts": [stored.code, "A-01-03"],
                    "screenshot": f"property-location-{size}.png",
                },
                {
                    "path": f"/property/{stored.code}/",
                    "visible": [".prop-head-qr svg", "#chain-title"],
                    "texts": ["财物中心 孙丽（100050）"],
                    "screenshot": f"property-item-{size}.png",
                },
                {
                    "path": f"/property/{stored.code}/label/",
                    "visible": [".prop-label svg"],
                    "texts": [stored.code],
                    "screenshot": f"property-label-{size}.png",
                },
                {
                    "path": f"/cases/{case.number}/",
                    "visible": ["#property-title"],
                    "texts": [held.code, stored.code],
                },
            ],
        }
    )
    assert verdict == {"missing": [], "violations": []}
