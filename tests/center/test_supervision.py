"""The center's stays feed the supervision rules on people held: an overlong stay under a summons raises an
alert, through the measure whose clock the center drives (治安管理处罚法 第97条: 询问查证 8 hours)."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from lawtrail.center.services import stay_enter, stay_event
from lawtrail.supervision.models import Alert, AlertState
from lawtrail.supervision.runtime import Engine, Target, supervise_one
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons
from tests.supervision.runtime_helpers import Clock


def _brought_in(bureau, center):
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    return stay_enter(
        actor=bureau.officer_a, case=case, party=party, center=center.unit, reason="summons", measure=measure
    )


def test_an_overlong_stay_raises_an_overdue_alert(bureau, center, monkeypatch):
    """Given a person summoned in a 治安 case and brought into the center at 10:20 (8 hours: due 18:20), when
    `lawtrail supervise` runs at 19:00 with the person still in, then an overdue alert of the questioning
    limit is open on the case; when they leave at 19:10, the breach stays on record (met late)."""
    now = Clock(monkeypatch, "2026-03-01 10:20")
    stay = _brought_in(bureau, center)
    now.set("2026-03-01 19:00")
    out = StringIO()
    call_command("supervise", "--json", stdout=out)
    assert json.loads(out.getvalue())
    alert = Alert.objects.get(family="ps.inquiry_time_limit", case=stay.case)
    assert (alert.level, alert.state, alert.due) == ("overdue", AlertState.OPEN, at("2026-03-01 18:20"))
    now.set("2026-03-01 19:10")
    stay_event(stay=stay, name="center.left", actor=bureau.officer_a, payload={"reason": "released"})
    alert.refresh_from_db()
    assert alert.state == AlertState.OPEN
    assert Alert.objects.filter(family="ps.inquiry_time_limit", case=stay.case).count() == 1


def test_a_stay_near_its_limit_warns_and_the_release_resolves_it(bureau, center, monkeypatch):
    """Given the same person in since 10:20, when the case is supervised at 17:30, then a warning is open
    due 18:20; when they leave the center released at 17:45, the alert is auto-resolved."""
    now = Clock(monkeypatch, "2026-03-01 10:20")
    stay = _brought_in(bureau, center)
    supervise_one(Target("case", stay.case), as_of=now.set("2026-03-01 17:30"), engine=Engine.load())
    alert = Alert.objects.get(family="ps.inquiry_time_limit", case=stay.case)
    assert (alert.state, alert.due) == (AlertState.OPEN, at("2026-03-01 18:20"))
    now.set("2026-03-01 17:45")
    stay_event(stay=stay, name="center.left", actor=bureau.officer_a, payload={"reason": "released"})
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED


def test_handing_a_detained_person_to_the_detention_house_meets_the_24_hour_rule(bureau, center, monkeypatch):
    """Given a criminal suspect detained at 10:10 and brought in (to the 看守所 within 24 hours, 刑事诉讼法
    第85条), when supervised at 09:30 next day, then a warning of cr.detention_to_jail_24h is open; when the
    center hands them to 梧州市看守所 at 09:40, then it is auto-resolved."""
    now = Clock(monkeypatch, "2026-03-01 10:20")
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    measure = summons(bureau.officer_a, case, party, kind="criminal_detention")
    stay = stay_enter(
        actor=bureau.officer_a,
        case=case,
        party=party,
        center=center.unit,
        reason="criminal_detention",
        measure=measure,
    )
    supervise_one(Target("case", case), as_of=now.set("2026-03-02 09:30"), engine=Engine.load())
    alert = Alert.objects.get(family="cr.detention_to_jail_24h", case=case)
    assert (alert.state, alert.due) == (AlertState.OPEN, at("2026-03-02 10:10"))
    now.set("2026-03-02 09:40")
    stay_event(
        stay=stay,
        name="center.handed_over",
        actor=bureau.officer_a,
        payload={"place": "detention_house", "to": "梧州市看守所"},
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED
