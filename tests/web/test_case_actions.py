"""The forms on the case page: every transition works when the state machine allows it; a refusal is shown
in Chinese beside its field and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrail.cases.models import Case, Handler, Party
from lawtrail.common.idnumbers import make_id_number
from lawtrail.events.models import Event
from tests.web.conftest import WHEN

ADMIN_PATHS = {
    # slug: (form data, status before → after)
    "file": ({"note": "符合立案条件"}, "accepted", "filed"),
    "investigate": ({"note": "开始调查取证"}, "filed", "investigating"),
    "notify-rights": ({"note": "已制作告知笔录"}, "investigating", "rights_notified"),
    "decide": (
        {"outcome": "penalty", "fine_yuan": "500", "detention_days": "7", "reason": "殴打他人"},
        "rights_notified",
        "decided",
    ),
    "execute": ({"note": "已送拘留所执行"}, "decided", "executed"),
    "close": ({"note": ""}, "executed", "closed"),
    "terminate": ({"reason": "违法事实不能成立"}, "investigating", "terminated"),
}
CRIMINAL_PATHS = {
    "file": ({"note": "立案侦查"}, "accepted", "filed"),
    "not-file": ({"reason": "没有犯罪事实"}, "accepted", "not_filed"),
    "investigate": ({"note": ""}, "filed", "investigating"),
    "transfer": ({"procuratorate": "梧州市万秀区人民检察院", "note": ""}, "investigating", "transferred"),
    "withdraw": ({"reason": "不应追究刑事责任"}, "investigating", "withdrawn"),
    "close": ({"note": ""}, "transferred", "closed"),
}
ROUTE = {
    # how to bring a fresh case to a status, as (slug, data) steps through the same pages
    "admin": {
        "accepted": [],
        "filed": ["file"],
        "investigating": ["investigate"],
        "rights_notified": ["investigate", "notify-rights"],
        "decided": ["investigate", "notify-rights", "decide"],
        "executed": ["investigate", "notify-rights", "decide", "execute"],
    },
    "criminal": {
        "accepted": [],
        "filed": ["file"],
        "investigating": ["file", "investigate"],
        "transferred": ["file", "investigate", "transfer"],
    },
}


def post(client, case: Case, slug: str, data: dict, **extra):
    return client.post(f"/cases/{case.number}/actions/{slug}/", {"occurred_at": WHEN, **data}, **extra)


def bring_to(client, case: Case, status: str, paths: dict) -> None:
    for slug in ROUTE[case.kind][status]:
        assert post(client, case, slug, paths[slug][0]).status_code == 302


@pytest.mark.parametrize("slug", list(ADMIN_PATHS))
def test_each_admin_transition_form_works(bureau, records, signed_in, slug):
    """Given an administrative case in the state a transition starts from, when its form is posted, then
    the case moves on, the event is recorded with the form's time, and the page says so."""
    client = signed_in("officer_a")
    case = records.case_a
    data, before, after = ADMIN_PATHS[slug]
    bring_to(client, case, before, ADMIN_PATHS)

    response = post(client, case, slug, data, follow=True)

    case.refresh_from_db()
    assert case.status == after
    assert response.redirect_chain == [(f"/cases/{case.number}/", 302)]
    assert "已完成" in response.content.decode()
    last = case.events.order_by("-seq").first()
    assert last.actor == bureau.officer_a
    assert last.occurred_at.isoformat() == "2026-03-05T02:30:00+00:00"


@pytest.mark.parametrize("slug", list(CRIMINAL_PATHS))
def test_each_criminal_transition_form_works(bureau, records, signed_in, slug):
    """Given a criminal case in the state a transition starts from, when its form is posted, then it moves."""
    client = signed_in("officer_a")
    case = records.criminal_a
    data, before, after = CRIMINAL_PATHS[slug]
    bring_to(client, case, before, CRIMINAL_PATHS)

    response = post(client, case, slug, data)

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == after


def test_the_decision_records_the_penalty(bureau, records, signed_in):
    """Given a case whose rights were notified, when a warning and a fine of 500 元 are decided, then the
    decision holds them and the timeline shows them in Chinese."""
    client = signed_in("officer_a")
    case = records.case_a
    bring_to(client, case, "rights_notified", ADMIN_PATHS)

    post(
        client,
        case,
        "decide",
        {"outcome": "penalty", "warning": "on", "fine_yuan": "500", "reason": "殴打他人"},
    )

    case.refresh_from_db()
    assert case.decision["penalty"]["fine_yuan"] == 500
    assert case.decision["penalty"]["warning"] is True
    html = client.get(f"/cases/{case.number}/").content.decode()
    assert "处罚：警告、罚款500元" in html


def test_the_page_offers_only_the_transitions_open_from_the_current_state(bureau, records, signed_in):
    """Given an accepted administrative case, when its page opens, then 立案, 开始调查 and 终止调查 are offered
    and 结案 is not."""
    response = signed_in("officer_a").get(f"/cases/{records.case_a.number}/")

    offered = [label for action, label in response.context["transitions"]]
    assert offered == ["立案", "开始调查", "终止调查"]


def test_a_refused_transition_shows_the_chinese_reason_and_changes_nothing(bureau, records, signed_in):
    """Given an accepted administrative case, when 结案 is posted anyway (a stale page), then the form comes
    back with the state machine's reason in Chinese, the case keeps its status and no event is added."""
    client = signed_in("officer_a")
    case = records.case_a
    before = Event.objects.count()

    response = post(client, case, "close", {"note": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "行政案件当前状态为「已受案」，不能结案" in html
    assert 'class="form-errors"' in html
    case.refresh_from_db()
    assert case.status == "accepted"
    assert Event.objects.count() == before


def test_a_penalty_before_the_notice_of_rights_is_refused(bureau, records, signed_in):
    """Given a case under investigation whose rights were not notified, when a penalty is decided, then the
    page cites 《行政处罚法》第44条 and the case stays under investigation."""
    client = signed_in("officer_a")
    case = records.case_a
    bring_to(client, case, "investigating", ADMIN_PATHS)

    response = post(client, case, "decide", {"outcome": "penalty", "fine_yuan": "200"})

    assert "《行政处罚法》第44条" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "investigating"


def test_a_decision_not_to_penalise_needs_a_reason(bureau, records, signed_in):
    """Given a case under investigation, when 不予行政处罚 is decided without a reason, then the service's
    message is shown and nothing changes."""
    client = signed_in("officer_a")
    case = records.case_a
    bring_to(client, case, "investigating", ADMIN_PATHS)

    response = post(client, case, "decide", {"outcome": "no_penalty"})

    assert "不予行政处罚时必须说明理由" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "investigating"


def test_a_reason_is_required_before_the_service_is_asked(bureau, records, signed_in):
    """Given a criminal case, when 不予立案 is posted without a reason, then the reason field is marked."""
    response = post(signed_in("officer_a"), records.criminal_a, "not-file", {"reason": ""})

    assert response.context["open"]["form"].errors["reason"]


def test_a_future_occurred_at_is_refused_beside_the_time_field(bureau, records, signed_in):
    """Given a case, when an action is dated next year, then the error sits next to 发生时间."""
    response = post(
        signed_in("officer_a"), records.case_a, "file", {"note": "", "occurred_at": "2099-01-01T09:00"}
    )

    form = response.context["open"]["form"]
    assert form.errors["occurred_at"] == ["发生时间晚于录入时间：事件不能发生在将来，请核对发生时间"]
    records.case_a.refresh_from_db()
    assert records.case_a.status == "accepted"


def test_late_entry_is_marked_in_the_timeline(bureau, records, signed_in):
    """Given an action entered days after it happened, when the case page opens, then it is marked 补录."""
    client = signed_in("officer_a")
    post(client, records.case_a, "file", {"note": ""})

    html = client.get(f"/cases/{records.case_a.number}/").content.decode()

    assert "补录" in html
    assert "录入于" in html


def test_add_a_party(bureau, records, signed_in):
    """Given a case, when a suspect with a valid ID number is added, then the party is listed with the ID
    number masked."""
    client = signed_in("officer_a")
    id_number = make_id_number("450403", date(1990, 5, 6), 123)

    response = post(
        client,
        records.case_a,
        "add-party",
        {
            "role": "admin_suspect",
            "name": "黄某某",
            "gender": "male",
            "id_number": id_number,
            "phone": "",
            "address": "",
        },
        follow=True,
    )

    party = Party.objects.get(case=records.case_a)
    assert party.name == "黄某某"
    html = response.content.decode()
    assert f"{id_number[:4]}**********{id_number[-4:]}" in html
    assert id_number not in html


def test_a_bad_id_number_shows_the_checksum_error_next_to_the_field(bureau, records, signed_in):
    """Given a case, when a party's ID number has a wrong check character, then the GB 11643 message is
    shown on the ID number field and no party is added."""
    good = make_id_number("450403", date(1990, 5, 6), 123)
    bad = good[:17] + ("0" if good[17] != "0" else "1")

    response = post(
        signed_in("officer_a"),
        records.case_a,
        "add-party",
        {"role": "admin_suspect", "name": "黄某某", "gender": "male", "id_number": bad},
    )

    form = response.context["open"]["form"]
    assert form.errors["id_number"][0].startswith("身份证号校验位错误")
    html = response.content.decode()
    field_html = html[html.index('for="id_id_number"') - 80 : html.index('for="id_id_number"') + 1500]
    assert "has-error" in field_html
    assert "身份证号校验位错误" in field_html
    assert not Party.objects.filter(case=records.case_a).exists()


def test_assign_an_assisting_handler(bureau, records, signed_in):
    """Given a case led by officer A, when the auxiliary officer is assigned as assisting, then both handle."""
    post(signed_in("officer_a"), records.case_a, "assign-handler", {"officer": "F10001", "role": "assisting"})

    active = Handler.objects.filter(case=records.case_a, released_at__isnull=True)
    assert sorted(h.officer.badge_no for h in active) == ["100001", "F10001"]


def test_an_auxiliary_officer_cannot_lead(bureau, records, signed_in):
    """Given a case, when the auxiliary officer is assigned as lead, then the refusal sits on the officer
    field and the lead does not change."""
    response = post(
        signed_in("officer_a"), records.case_a, "assign-handler", {"officer": "F10001", "role": "lead"}
    )

    assert response.context["open"]["form"].errors["officer"] == ["辅警不能担任主办民警"]
    lead = Handler.objects.get(case=records.case_a, role="lead", released_at__isnull=True)
    assert lead.officer == bureau.officer_a


def test_an_htmx_request_for_a_form_gets_the_fragment(bureau, records, signed_in):
    """Given the case page with htmx, when a transition button is pressed, then only its form comes back."""
    response = signed_in("officer_a").get(
        f"/cases/{records.case_a.number}/actions/file/", headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert 'action="/cases/' in html
    assert 'name="occurred_at"' in html


def test_without_javascript_the_action_link_opens_the_case_page_with_the_form(bureau, records, signed_in):
    """Given a browser without JS, when the 立案 link is followed, then the case page opens with the form."""
    response = signed_in("officer_a").get(f"/cases/{records.case_a.number}/actions/file/")

    html = response.content.decode()
    assert "<html" in html
    assert records.case_a.title in html
    assert 'action="/cases/' + records.case_a.number + '/actions/file/"' in html


def test_an_unknown_action_is_404(bureau, records, signed_in):
    """Given a case, when an action that does not exist is asked for, then 404."""
    assert signed_in("officer_a").get(f"/cases/{records.case_a.number}/actions/burn/").status_code == 404


def test_the_case_page_shows_the_offence_article_and_the_timeline(bureau, records, signed_in):
    """Given a case of 殴打他人 accepted in March 2026, when its page opens, then the article in force then is
    cited and the acceptance is the first entry of the timeline."""
    response = signed_in("officer_a").get(f"/cases/{records.case_a.number}/")

    html = response.content.decode()
    assert "《治安管理处罚法》第" in html
    assert response.context["timeline"][0].label == "受案"
    assert response.context["timeline"][1].summary == "主办民警：张伟（100001）"
