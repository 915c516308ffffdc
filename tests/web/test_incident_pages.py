"""Incident pages: list filters, registration, the actions on an incident, review and conversion."""

from __future__ import annotations

from lawtrail.cases.models import Case
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident, MediaRecord
from tests.web.conftest import WHEN, make_incident


def act(client, incident: Incident, slug: str, data: dict, **extra):
    return client.post(
        f"/incidents/{incident.number}/actions/{slug}/", {"occurred_at": WHEN, **data}, **extra
    )


def test_register_an_incident(bureau, signed_in):
    """Given officer A, when a walk-in report is registered, then it gets its number in A's unit and the
    incident page opens."""
    response = signed_in("officer_a").post(
        "/incidents/new/",
        {
            "unit": str(bureau.station_a.id),
            "source": "walk_in",
            "category": "criminal",
            "place": "西江派出所接待大厅",
            "description": "群众报称电动车被盗",
            "reporter_name": "",
            "reporter_phone": "",
            "occurred_at": "2026-03-02T09:15",
        },
        follow=True,
    )

    incident = Incident.objects.get()
    assert incident.unit == bureau.station_a
    assert incident.number.startswith(f"J{bureau.station_a.code}20260302")
    assert response.redirect_chain == [(f"/incidents/{incident.number}/", 302)]
    assert "警情已登记" in response.content.decode()


def test_an_incident_can_only_be_registered_in_a_unit_in_scope(bureau, signed_in):
    """Given officer A, when the form is posted with station B's unit, then the unit field refuses it."""
    response = signed_in("officer_a").post(
        "/incidents/new/",
        {
            "unit": str(bureau.station_b.id),
            "source": "walk_in",
            "category": "dispute",
            "place": "某处",
            "description": "某事",
            "occurred_at": "2026-03-02T09:15",
        },
    )

    assert response.context["form"].errors["unit"]
    assert not Incident.objects.exists()


def test_dispatch_arrival_and_disposal(bureau, records, signed_in):
    """Given a received incident, when it is dispatched to A with two officers, arrived and disposed as
    mediated, then the page shows each step in its timeline."""
    client = signed_in("officer_a")
    incident = records.incident_a

    assert (
        act(
            client, incident, "dispatch", {"unit": str(bureau.station_a.id), "officers": "100001，F10001"}
        ).status_code
        == 302
    )
    assert act(client, incident, "arrive", {"note": "到达现场"}).status_code == 302
    assert act(client, incident, "dispose", {"disposal": "mediated", "note": "双方和解"}).status_code == 302

    incident.refresh_from_db()
    assert incident.status == "disposed"
    assert sorted(o.badge_no for o in incident.dispatch_officers.all()) == ["100001", "F10001"]
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    for label in ("接警", "派警", "到达现场", "处警结果", "调解处理"):
        assert label in html


def test_an_unknown_officer_in_a_dispatch_is_shown_on_the_officers_field(bureau, records, signed_in):
    """Given a received incident, when it is dispatched with a badge that does not exist, then the error
    names it beside 出警民警警号 and the incident is not dispatched."""
    response = act(
        signed_in("officer_a"),
        records.incident_a,
        "dispatch",
        {"unit": str(bureau.station_a.id), "officers": "999999"},
    )

    assert response.context["open"]["form"].errors["officers"] == ["警号999999对应的民警不存在"]
    records.incident_a.refresh_from_db()
    assert records.incident_a.status == "received"


def test_convert_into_a_case_with_me_as_lead(bureau, records, signed_in):
    """Given a received incident, when 受案并转为案件 is posted with the defaults, then a case is accepted with
    officer A as lead, linked to the incident, and its page opens."""
    client = signed_in("officer_a")
    form = client.get(f"/incidents/{records.incident_a.number}/actions/convert/").context["open"]["form"]
    assert form.initial["lead"] == "100001"

    response = act(
        client,
        records.incident_a,
        "convert",
        {"kind": "admin", "title": "西江一路烧烤摊殴打他人案", "offence": "ps.assault", "lead": "100001"},
        follow=True,
    )

    case = Case.objects.get(incident=records.incident_a)
    assert response.redirect_chain == [(f"/cases/{case.number}/", 302)]
    assert case.handlers.get(role="lead").officer == bureau.officer_a
    records.incident_a.refresh_from_db()
    assert records.incident_a.status == "converted"


def test_a_mismatched_offence_is_refused_beside_the_offence_field(bureau, records, signed_in):
    """Given a received incident, when it is converted into an administrative case with a criminal offence,
    then the error sits on 案由 and nothing is written (the incident is not even disposed)."""
    before = Event.objects.count()

    response = act(
        signed_in("officer_a"),
        records.incident_a,
        "convert",
        {"kind": "admin", "title": "某案", "offence": "cr.theft", "lead": "100001"},
    )

    assert "与案件类型不符" in response.context["open"]["form"].errors["offence"][0]
    assert Event.objects.count() == before
    records.incident_a.refresh_from_db()
    assert records.incident_a.status == "received"


def test_an_incident_disposed_otherwise_cannot_be_converted(bureau, records, signed_in):
    """Given an incident disposed as mediated, when it is converted anyway, then the page explains why."""
    client = signed_in("officer_a")
    act(client, records.incident_a, "dispose", {"disposal": "mediated"})

    response = act(
        client, records.incident_a, "convert", {"kind": "admin", "title": "某案", "lead": "100001"}
    )

    assert "调解处理" in response.content.decode()
    assert "不能转为案件" in response.content.decode()
    assert not Case.objects.filter(incident=records.incident_a).exists()


def test_register_a_recording(bureau, records, signed_in):
    """Given an incident, when the call recording is registered, then it is listed with its short hash."""
    client = signed_in("officer_a")
    digest = "ab" * 32

    act(
        client,
        records.incident_a,
        "media",
        {
            "kind": "call_recording",
            "uri": "evidence://110/0001.wav",
            "sha256": digest.upper(),
            "captured_at": "2026-03-01T22:14",
        },
    )

    media = MediaRecord.objects.get(incident=records.incident_a)
    assert media.sha256 == digest
    html = client.get(f"/incidents/{records.incident_a.number}/").content.decode()
    assert "evidence://110/0001.wav" in html
    assert digest[:12] in html


def test_a_bad_hash_is_shown_beside_the_hash_field(bureau, records, signed_in):
    """Given an incident, when a recording's SHA-256 is not hexadecimal, then the error is on that field."""
    response = act(
        signed_in("officer_a"),
        records.incident_a,
        "media",
        {
            "kind": "cctv",
            "uri": "evidence://cctv/1.mp4",
            "sha256": "z" * 64,
            "captured_at": "2026-03-01T22:14",
        },
    )

    assert response.context["open"]["form"].errors["sha256"]
    assert not MediaRecord.objects.exists()


def test_the_duty_review_is_for_leaders(bureau, records, signed_in):
    """Given a new incident, when the case officer asks for the review form, then 403 with the reason; when
    the unit head reviews it, then it is marked reviewed by them."""
    assert (
        signed_in("officer_a").get(f"/incidents/{records.incident_a.number}/actions/review/").status_code
        == 403
    )

    response = act(signed_in("head_sub_a"), records.incident_a, "review", {"note": "处置规范"})

    assert response.status_code == 302
    records.incident_a.refresh_from_db()
    assert records.incident_a.reviewed_by == bureau.head_sub_a


def test_the_incident_list_filters(bureau, records, signed_in):
    """Given two incidents in station A, one reviewed, when filtered by 只看未审核 and by text, then the right
    ones are listed."""
    other = make_incident(bureau.officer_a, when="2026-03-03 08:00", place="城东路菜市场")
    act(signed_in("head_sub_a"), records.incident_a, "review", {"note": ""})
    client = signed_in("officer_a")

    unreviewed = client.get("/incidents/?unreviewed=on").context["page"].object_list
    by_text = client.get("/incidents/?q=菜市场").context["page"].object_list
    by_date = client.get("/incidents/?received_from=2026-03-02").context["page"].object_list
    by_status = client.get("/incidents/?status=dispatched").context["page"].object_list

    assert [i.number for i in unreviewed] == [other.number]
    assert [i.number for i in by_text] == [other.number]
    assert [i.number for i in by_date] == [other.number]
    assert list(by_status) == []


def test_the_incident_page_shows_the_linked_case(bureau, records, signed_in):
    """Given a converted incident, when its page opens, then the case is linked."""
    client = signed_in("officer_a")
    act(client, records.incident_a, "convert", {"kind": "admin", "title": "烧烤摊案", "lead": "100001"})
    case = Case.objects.get(incident=records.incident_a)

    html = client.get(f"/incidents/{records.incident_a.number}/").content.decode()

    assert f'href="/cases/{case.number}/"' in html
