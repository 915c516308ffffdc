"""Case property feeds the supervision rules (catalogue §9): an item not handed over within 24 hours raises
an alert on its case, and the hand-over ends it — through the incremental check and `lawtrail supervise`."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from lawtrail.property.services import property_event
from lawtrail.supervision.loader import default_catalogue
from lawtrail.supervision.models import Alert, AlertState
from lawtrail.supervision.rules import Status, SubjectType
from lawtrail.supervision.runtime import Engine, Target, supervise_one
from tests.factories import at, make_case
from tests.property.helpers import seize_phone
from tests.supervision.runtime_helpers import Clock


def test_the_shipped_property_rules_are_live():
    """Given the shipped catalogue, then every §9 rule on a property item and ps.seized_items_release is live
    (the property events exist: _events.yaml marks them foundation)."""
    catalogue = default_catalogue()
    rules = [r for r in catalogue.rules.values() if r.applies_to.subject is SubjectType.PROPERTY]
    assert len(rules) >= 10
    assert {r.id: r.status for r in rules if r.status is not Status.LIVE} == {}
    assert catalogue.rules["ps.seized_items_release"].status is Status.LIVE


def _hand_over(bureau, center, item):
    return property_event(
        item=item,
        name="property.handed_over",
        actor=bureau.officer_a,
        payload={"center": center.unit.code, "received_by": center.custodian.badge_no},
    )


def test_an_item_held_near_24_hours_warns_and_the_hand_over_resolves_it(bureau, center, monkeypatch):
    """Given a phone seized in a 治安 case at 15:00 (hand over by 15:00 next day, 程序规定 第190条), when the
    case is supervised at 13:30 next day, then a warning of prop.handover_24h_admin is open for the case,
    due 15:00 and naming the item; when the phone is handed to the property center at 14:00, then the
    incremental check auto-resolves it."""
    now = Clock(monkeypatch, "2026-03-01 15:00")
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    supervise_one(Target("case", case), as_of=now.set("2026-03-02 13:30"), engine=Engine.load())
    alert = Alert.objects.get(family="prop.handover_24h_admin", case=case)
    assert (alert.state, alert.due, alert.occurrence) == (
        AlertState.OPEN,
        at("2026-03-02 15:00"),
        str(item.item_id),
    )
    now.set("2026-03-02 14:00")
    _hand_over(bureau, center, item)
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED


def test_the_sweep_finds_an_item_not_handed_over_and_a_late_hand_over_keeps_the_breach(
    bureau, center, monkeypatch
):
    """Given a phone seized at 15:00 and still held by the officer, when `lawtrail supervise` runs at 09:00
    two days later, then an overdue alert of prop.handover_24h_admin is open for the case; when the phone
    is handed over at 10:00, then the alert stays (met late: the breach is on record) and no second alert
    appears on a second sweep."""
    now = Clock(monkeypatch, "2026-03-01 15:00")
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    now.set("2026-03-03 09:00")
    out = StringIO()
    call_command("supervise", "--json", stdout=out)
    assert json.loads(out.getvalue())
    alert = Alert.objects.get(family="prop.handover_24h_admin", case=case)
    assert (alert.level, alert.state) == ("overdue", AlertState.OPEN)
    now.set("2026-03-03 10:00")
    _hand_over(bureau, center, item)
    call_command("supervise", stdout=StringIO())
    alert.refresh_from_db()
    assert alert.state == AlertState.OPEN
    assert Alert.objects.filter(family="prop.handover_24h_admin", case=case).count() == 1
