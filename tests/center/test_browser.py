"""In headless Chromium, under the Content-Security-Policy: the center's live board and a stay page on a
desktop and a phone (screenshots in test-artifacts/)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lawtrail.cases.services import offences_sync
from lawtrail.center.services import stay_enter, stay_event
from lawtrail.common import clock
from lawtrail.measures.services import measure_apply
from tests.factories import PASSWORD
from tests.measures.helpers import case_with_suspect
from tests.property.browser_driver import drive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_board_and_a_stay_page(live_server, bureau, center, size):
    """Given three people in the center (a summons 7 h 20 min in, one 2 h in, a voluntary witness), when the
    center's officer opens the board and the first stay, then the board shows the three, the first in red,
    and the stay page its check, belongings and rooms — with no CSP violation."""
    offences_sync()  # the transactional database is flushed after each test, with the offence catalogue
    now = clock.now().replace(second=0, microsecond=0)
    stays = []
    for minutes, room, reason in (
        (440, "候问室1", "summons"),
        (120, "询问室2", "summons"),
        (30, "", "voluntary"),
    ):
        case, party = case_with_suspect(bureau.officer_a)
        measure = None
        if reason == "summons":
            measure = measure_apply(
                actor=bureau.officer_a,
                case=case,
                party=party,
                kind="summons",
                occurred_at=now - timedelta(minutes=minutes + 10),
            )
        stays.append(
            stay_enter(
                actor=bureau.officer_a,
                case=case,
                party=party,
                center=center.unit,
                reason=reason,
                measure=measure,
                occurred_at=now - timedelta(minutes=minutes),
                room=room,
            )
        )
    stay_event(
        stay=stays[0],
        name="center.checked",
        actor=center.staff,
        payload={"items_found": "打火机一个", "belongings": [{"description": "手机", "quantity": "1部"}]},
        occurred_at=now - timedelta(minutes=430),
    )
    verdict = drive(
        {
            "base": live_server.url,
            "username": center.staff.badge_no,
            "password": PASSWORD,
            "viewport": SIZES[size],
            "artifacts": str(ARTIFACTS),
            "pages": [
                {
                    "path": "/center/",
                    "visible": [".ctr-board .ctr-card.ctr-red"],
                    "texts": ["在中心 3 人", "候问室1", "询问室2", "无法定时限"],
                    "screenshot": f"center-board-{size}.png",
                },
                {
                    "path": f"/center/{stays[0].stay_id}/",
                    "visible": ["#check-title", "#rooms-title"],
                    "texts": ["打火机一个", "手机 1部"],
                    "screenshot": f"center-stay-{size}.png",
                },
            ],
        }
    )
    assert verdict == {"missing": [], "violations": []}
