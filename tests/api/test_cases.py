"""Cases over the API: accept, read, list with filters, the timeline, transitions by events, parties."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrail.cases.models import Case
from lawtrail.common.idnumbers import make_id_number
from lawtrail.events.models import Event
from tests.factories import make_case

WHEN = "2026-03-02T10:00:00+08:00"
VALID_ID = make_id_number("450403", date(1990, 5, 17), 21)
CHILD_ID = make_id_number("450403", date(2015, 5, 17), 22)
BAD_ID = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


def test_accepting_a_case_records_it_and_answers_its_details(bureau, api_as):
    """Given officer A, when they accept a case in their station naming themselves lead, then 201 with the
    new number, offence and lead, and `case.accepted` is recorded with source `api`."""
    response = post(
        api_as("officer_a"),
        "/api/cases",
        {
            "unit": bureau.station_a.code,
            "kind": "admin",
            "title": "张某殴打他人案",
            "offence": "ps.assault",
            "lead": bureau.officer_a.badge_no,
            "occurred_at": WHEN,
        },
    )

    body = response.json()
    assert response.status_code == 201
    assert body["number"] == f"X{bureau.station_a.code}202600001"
    assert (body["status"], body["status_label"], body["kind_label"]) == ("accepted", "已受案", "行政案件")
    assert body["offence"] == {"code": "ps.assault", "name": "殴打他人"}
    assert body["lead"] == {"badge_no": bureau.officer_a.badge_no, "name": bureau.officer_a.name}
    assert body["unit"] == {"id": bureau.station_a.id, "code": bureau.station_a.code, "name": "西江派出所"}
    accepted = Event.objects.get(name="case.accepted", subject_key=body["number"])
    assert (accepted.source, accepted.actor_id) == ("api", bureau.officer_a.id)


def test_an_offence_of_the_other_kind_is_422_on_the_offence_field(bureau, api_as):
    """Given a criminal offence, when an administrative case is accepted with it, then 422 on `offence`."""
    response = post(
        api_as("officer_a"),
        "/api/cases",
        {"unit": bureau.station_a.code, "kind": "admin", "title": "错案由", "offence": "cr.theft"},
    )

    assert response.status_code == 422
    assert response.json()["field"] == "offence"
    assert not Case.objects.exists()


def test_a_lead_from_another_bureau_is_404_on_lead(bureau, api_as):
    """Given an officer of another bureau, when named as lead, then 404 on `lead` and nothing is recorded."""
    response = post(
        api_as("officer_a"),
        "/api/cases",
        {
            "unit": bureau.station_a.code,
            "kind": "admin",
            "title": "外局主办",
            "lead": bureau.other_bureau_officer.badge_no,
        },
    )

    assert response.status_code == 404
    assert response.json()["field"] == "lead"
    assert not Case.objects.exists()


def test_an_auxiliary_officer_as_lead_is_422_on_lead(bureau, api_as):
    """Given an auxiliary officer, when named as lead, then 422 `auxiliary_lead` on `lead`, and no case."""
    response = post(
        api_as("officer_a"),
        "/api/cases",
        {
            "unit": bureau.station_a.code,
            "kind": "admin",
            "title": "辅警主办",
            "lead": bureau.auxiliary_a.badge_no,
        },
    )

    assert response.status_code == 422
    assert (response.json()["code"], response.json()["field"]) == ("auxiliary_lead", "lead")
    assert not Case.objects.exists()


def test_case_details_carry_parties_handlers_offence_and_incident(bureau, api_as):
    """Given a case converted from an incident with a party, when it is read, then all of them are there."""
    client = api_as("officer_a")
    incident = post(
        client,
        "/api/incidents",
        {
            "unit": bureau.station_a.code,
            "source": "call_110",
            "place": "西江一路",
            "category": "public_order",
            "description": "有人打架",
            "occurred_at": "2026-03-01T21:00:00+08:00",
        },
    ).json()
    number = post(
        client,
        f"/api/incidents/{incident['number']}/convert",
        {
            "kind": "admin",
            "title": "西江一路打架案",
            "offence": "ps.assault",
            "lead": bureau.officer_a.badge_no,
        },
    ).json()["number"]
    post(
        client,
        f"/api/cases/{number}/parties",
        {"role": "admin_suspect", "name": "张三", "id_number": VALID_ID},
    )

    body = client.get(f"/api/cases/{number}").json()

    assert body["incident"] == incident["number"]
    assert body["accepted_at"].endswith("+08:00")
    assert body["offence"]["code"] == "ps.assault"
    assert [(h["officer"]["badge_no"], h["role"]) for h in body["handlers"]] == [
        (bureau.officer_a.badge_no, "lead")
    ]
    assert [(p["name"], p["role"], p["id_number"], p["birth_date"]) for p in body["parties"]] == [
        ("张三", "admin_suspect", VALID_ID, "1990-05-17")
    ]


def test_an_allowed_transition_is_201_with_the_event(bureau, api_as):
    """Given an accepted administrative case, when `case.investigation_started` is appended, then 201 with
    the event, and the case is investigating."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"),
        f"/api/cases/{case.number}/events",
        {"name": "case.investigation_started", "payload": {"note": "调取监控"}, "occurred_at": WHEN},
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["name"], body["label"], body["subject_key"], body["source"]) == (
        "case.investigation_started",
        "开始调查/侦查",
        case.number,
        "api",
    )
    assert body["payload"] == {"note": "调取监控"}
    assert body["actor"] == {"badge_no": bureau.officer_a.badge_no, "name": bureau.officer_a.name}
    assert body["occurred_at"] == "2026-03-02T10:00:00+08:00"
    case.refresh_from_db()
    assert case.status == "investigating"


def test_a_refused_transition_is_409_in_chinese_and_records_nothing(bureau, api_as):
    """Given an accepted administrative case, when it is closed straight away, then 409
    `transition_not_allowed` naming the current state, and neither the case nor the history changes."""
    case = make_case(bureau.officer_a)
    before = Event.objects.count()

    response = post(
        api_as("officer_a"), f"/api/cases/{case.number}/events", {"name": "case.closed", "occurred_at": WHEN}
    )

    body = response.json()
    assert response.status_code == 409
    assert body["code"] == "transition_not_allowed"
    assert body["message"].startswith("行政案件当前状态为「已受案」，不能结案")
    assert Event.objects.count() == before
    case.refresh_from_db()
    assert case.status == "accepted"


def test_a_penalty_before_notice_of_rights_is_409_with_its_own_code(bureau, api_as):
    """Given a case under investigation, when a penalty is decided without the notice of rights, then 409
    `rights_not_notified` (行政处罚法 第44条)."""
    case = make_case(bureau.officer_a)
    client = api_as("officer_a")
    post(
        client,
        f"/api/cases/{case.number}/events",
        {"name": "case.investigation_started", "occurred_at": WHEN},
    )

    response = post(
        client,
        f"/api/cases/{case.number}/events",
        {
            "name": "case.decided",
            "payload": {"outcome": "penalty", "penalty": {"fine_yuan": 200}},
            "occurred_at": WHEN,
        },
    )

    assert response.status_code == 409
    assert response.json()["code"] == "rights_not_notified"


@pytest.mark.parametrize("name", ["case.accepted", "incident.dispatched", "case.no_such_step"])
def test_only_case_events_after_acceptance_can_be_appended(bureau, api_as, name):
    """Given a case, when an event that is not a later case event is appended, then 422 on `name`."""
    case = make_case(bureau.officer_a)

    response = post(api_as("officer_a"), f"/api/cases/{case.number}/events", {"name": name, "payload": {}})

    assert response.status_code == 422
    assert response.json()["field"] == "name"
    assert response.json()["message"].startswith("取值无效，可选值：")


def test_a_bad_id_number_in_an_event_payload_is_422_on_payload_id_number(bureau, api_as):
    """Given a case, when a party with a wrong GB 11643 check character is appended, then 422 on
    `payload.id_number` with the expected check character, and no party is added."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"),
        f"/api/cases/{case.number}/events",
        {
            "name": "case.party_added",
            "payload": {
                "party_id": "0b7f0b5e-4c89-4b8a-9d43-7d2a4b1f6c11",
                "role": "victim",
                "name": "李四",
                "id_number": BAD_ID,
            },
        },
    )

    body = response.json()
    assert response.status_code == 422
    assert (body["code"], body["field"]) == ("invalid_payload", "payload.id_number")
    assert body["message"] == f"身份证号校验位错误（按GB 11643应为{VALID_ID[17]}），请核对号码"
    assert not case.parties.exists()


def test_an_unknown_payload_field_is_422_on_that_field(bureau, api_as):
    """Given a case, when a payload carries a misspelt field, then 422 on it (typos are never dropped)."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"),
        f"/api/cases/{case.number}/events",
        {"name": "case.filed", "payload": {"nots": "x"}},
    )

    assert response.status_code == 422
    assert response.json()["field"] == "payload.nots"


def test_a_naive_occurred_at_is_422(bureau, api_as):
    """Given a case, when an event is dated without a time zone, then 422 on `occurred_at`."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"),
        f"/api/cases/{case.number}/events",
        {"name": "case.filed", "occurred_at": "2026-03-02T10:00:00"},
    )

    assert response.status_code == 422
    assert response.json() == {
        "code": "validation_failed",
        "message": "时间必须带时区，如 +08:00",
        "field": "occurred_at",
    }


def test_the_timeline_lists_events_in_the_order_they_happened(bureau, api_as):
    """Given events entered out of order, when the timeline is read, then it follows occurred_at."""
    case = make_case(bureau.officer_a)
    client = api_as("officer_a")
    post(
        client,
        f"/api/cases/{case.number}/events",
        {"name": "case.filed", "occurred_at": "2026-03-03T09:00:00+08:00"},
    )
    post(
        client,
        f"/api/cases/{case.number}/parties",
        {"role": "victim", "name": "李四", "occurred_at": "2026-03-02T09:00:00+08:00"},
    )

    body = client.get(f"/api/cases/{case.number}/events").json()

    assert [e["name"] for e in body] == [
        "case.accepted",
        "case.handler_assigned",
        "case.party_added",
        "case.filed",
    ]
    assert body[0]["label"] == "受案"


def test_adding_a_party_answers_the_party(bureau, api_as):
    """Given a case, when a minor is added as a victim, then 201 with the party, minor from the ID number."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"),
        f"/api/cases/{case.number}/parties",
        {"role": "victim", "name": "小明", "gender": "male", "id_number": CHILD_ID, "occurred_at": WHEN},
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["name"], body["role_label"], body["is_minor"], body["birth_date"]) == (
        "小明",
        "被侵害人",
        True,
        "2015-05-17",
    )
    assert Event.objects.get(name="case.party_added", subject_key=case.number).source == "api"
    assert [p["party_id"] for p in api_as("officer_a").get(f"/api/cases/{case.number}/parties").json()] == [
        body["party_id"]
    ]


def test_a_bad_id_number_on_the_parties_endpoint_is_422_on_id_number(bureau, api_as):
    """Given the parties endpoint (whose body is the party), when the ID number is wrong, then 422 on
    `id_number`."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"),
        f"/api/cases/{case.number}/parties",
        {"role": "victim", "name": "李四", "id_number": BAD_ID},
    )

    assert response.status_code == 422
    assert response.json()["field"] == "id_number"


def test_a_suspect_of_the_wrong_kind_is_422_on_role(bureau, api_as):
    """Given an administrative case, when a criminal suspect is added, then 422 on `role`."""
    case = make_case(bureau.officer_a)

    response = post(
        api_as("officer_a"), f"/api/cases/{case.number}/parties", {"role": "criminal_suspect", "name": "张三"}
    )

    assert response.status_code == 422
    assert response.json()["field"] == "role"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["刑事案", "第二行政案", "第一行政案"]),
        ("?kind=criminal", ["刑事案"]),
        ("?status=filed", ["第二行政案"]),
        ("?offence=ps.assault", ["第二行政案", "第一行政案"]),
        ("?q=第一", ["第一行政案"]),
        ("?accepted_from=2026-03-02&accepted_to=2026-03-02", ["第二行政案"]),
        ("?handler=100002", ["第二行政案"]),
        ("?mine=true", ["刑事案", "第一行政案"]),
    ],
)
def test_case_filters(bureau, api_as, query, titles):
    """Given three cases of sub-bureau A, when the unit head filters, then the matching cases, newest first."""
    first = make_case(bureau.officer_a, title="第一行政案", when="2026-03-01 10:00")
    second = make_case(bureau.officer_a2, title="第二行政案", when="2026-03-02 10:00")
    make_case(bureau.head_sub_a, kind="criminal", title="刑事案", when="2026-03-03 10:00")
    client = api_as("head_sub_a")
    post(
        client,
        f"/api/cases/{second.number}/events",
        {"name": "case.filed", "occurred_at": "2026-03-02T11:00:00+08:00"},
    )
    post(
        client,
        f"/api/cases/{first.number}/events",
        {
            "name": "case.handler_assigned",
            "payload": {"officer": bureau.head_sub_a.badge_no, "role": "assisting"},
        },
    )

    body = client.get(f"/api/cases{query}").json()

    assert [item["title"] for item in body["items"]] == titles


def test_case_list_is_paginated_with_a_total(bureau, api_as):
    """Given five cases, when they are read two at a time, then pages of two, two and one, total five."""
    for day in range(1, 6):
        make_case(bureau.officer_a, title=f"案{day}", when=f"2026-03-0{day} 10:00")
    client = api_as("officer_a")

    pages = [client.get(f"/api/cases?limit=2&offset={offset}").json() for offset in (0, 2, 4)]

    assert [[item["title"] for item in page["items"]] for page in pages] == [
        ["案5", "案4"],
        ["案3", "案2"],
        ["案1"],
    ]
    assert {(page["total"], page["limit"]) for page in pages} == {(5, 2)}


@pytest.mark.parametrize(
    ("query", "field"), [("limit=0", "limit"), ("limit=201", "limit"), ("status=nope", "status")]
)
def test_bad_list_parameters_are_422_on_the_parameter(bureau, api_as, query, field):
    """Given a bad query parameter, when cases are listed, then 422 naming the parameter, in Chinese."""
    response = api_as("officer_a").get(f"/api/cases?{query}")

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["code"] == "validation_failed"


def test_offence_catalogue_filters_by_kind_and_text(bureau, api_as):
    """Given the seeded catalogue, when administrative offences matching 殴打 are listed, then 殴打他人 with
    its current article is among them and nothing criminal is."""
    body = api_as("officer_a").get("/api/offences?kind=admin&q=殴打").json()

    assault = next(item for item in body["items"] if item["code"] == "ps.assault")
    assert assault["name"] == "殴打他人"
    assert assault["article"].startswith("《治安管理处罚法》第")
    assert {item["kind"] for item in body["items"]} == {"admin"}
    assert body["total"] == len(body["items"])
