"""Approval pages: the case section, asking, deciding, the inbox, and the administrator's pages — scoped
(out of scope is 404) and permission-checked (403)."""

from __future__ import annotations

from django.test import Client

from lawtrail.approvals.models import ApprovalRequest, Benchmark, Policy
from tests.approvals.helpers import case_for_decision, seeded


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


DECISION_FORM = {"outcome": "penalty", "detention_days": "7", "fine_yuan": "600", "circumstance": "ordinary"}


def test_ask_decide_and_see_the_history_on_the_case_page(bureau, django_assert_max_num_queries):
    """Given the default policies, when the officer asks for a decision through the form and the unit head
    approves it from the inbox, then the case page's approval section shows the request waiting for the
    legal review with the head's opinion."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    officer = login(bureau.officer_a)
    assert officer.post(f"/approvals/case/{case.number}/decision/", DECISION_FORM).status_code == 302
    request = ApprovalRequest.objects.get(case=case)
    head = login(bureau.head_sub_a)
    inbox = head.get("/approvals/").content.decode()
    assert request.summary in inbox
    decided = head.post(
        f"/approvals/{request.request_id}/", {"result": "approve", "opinion": "事实清楚，同意"}
    )
    assert decided.status_code == 302
    with django_assert_max_num_queries(80):
        page = officer.get(f"/cases/{case.number}/").content.decode()
    assert "事实清楚，同意" in page
    assert "待法制审核" in page


def test_the_requester_sees_no_decision_form_and_a_refusal_is_shown_beside_its_field(bureau):
    """Given a request, when its requester opens it, then there is no decision form; when the head returns
    it without a reason, then the page shows the error and nothing changes."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    login(bureau.officer_a).post(f"/approvals/case/{case.number}/decision/", DECISION_FORM)
    request = ApprovalRequest.objects.get(case=case)
    assert "提交意见" not in login(bureau.officer_a).get(f"/approvals/{request.request_id}/").content.decode()
    response = login(bureau.head_sub_a).post(
        f"/approvals/{request.request_id}/", {"result": "return", "opinion": "否"}
    )
    assert response.status_code == 200
    assert "退回或不同意时必须写明理由" in response.content.decode()
    assert ApprovalRequest.objects.get(pk=request.pk).status == "pending"


def test_outside_the_benchmark_the_form_asks_for_a_reason(bureau):
    """Given the 殴打他人 benchmark, then the form shows its ranges; when a 15-day detention is asked as 一般
    without a reason, then the form shows the refusal beside the reason field and no request exists."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    blank = login(bureau.officer_a).get(f"/approvals/case/{case.number}/decision/").content.decode()
    assert "本局裁量基准（殴打他人）：情节较轻：拘留0–5日，罚款0–1000元；一般：拘留5–10日" in blank
    response = login(bureau.officer_a).post(
        f"/approvals/case/{case.number}/decision/", {**DECISION_FORM, "detention_days": "15"}
    )
    assert response.status_code == 200
    assert "超出裁量基准" in response.content.decode()
    assert not ApprovalRequest.objects.exists()


def test_out_of_scope_requests_are_404(bureau):
    """Given a request of station A's case, when an officer of the other sub-bureau opens it, then 404."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    login(bureau.officer_a).post(f"/approvals/case/{case.number}/decision/", DECISION_FORM)
    request = ApprovalRequest.objects.get(case=case)
    assert login(bureau.officer_b).get(f"/approvals/{request.request_id}/").status_code == 404
    assert login(bureau.officer_b).get(f"/approvals/case/{case.number}/decision/").status_code == 404


def test_administration_pages_are_for_administrators_and_the_legal_brigade(bureau):
    """Given a case officer and a unit head, then the policy, benchmark and qualification pages are 403;
    the legal officer opens them."""
    for officer in (bureau.officer_a, bureau.head_sub_a):
        client = login(officer)
        for url in ("/approvals/policies/", "/approvals/benchmarks/", "/approvals/qualifications/"):
            assert client.get(url).status_code == 403
    legal = login(bureau.legal_officer)
    for url in ("/approvals/policies/", "/approvals/benchmarks/", "/approvals/qualifications/"):
        assert legal.get(url).status_code == 200


def test_a_policy_saved_in_the_page_is_a_new_version(bureau):
    """Given the default 传唤 policy, when the legal officer saves two steps, then version 2 is current."""
    seeded(bureau)
    client = login(bureau.legal_officer)
    data = {"note": "增加局领导审批"}
    for i, (title, role, scope) in enumerate(
        [("所长审批", "unit_head", "case_unit"), ("局长审批", "bureau_leader", "bureau")]
    ):
        data |= {
            f"title_{i}": title,
            f"kind_{i}": "approval",
            f"role_{i}": role,
            f"scope_{i}": scope,
            f"hours_{i}": "4",
        }
    for i in range(2, 5):
        data |= {
            f"title_{i}": "",
            f"kind_{i}": "approval",
            f"role_{i}": "unit_head",
            f"scope_{i}": "case_unit",
            f"hours_{i}": "",
        }
    assert client.post("/approvals/policies/summons/", data).status_code == 302
    current = Policy.objects.get(bureau=bureau.bureau, act_kind="summons", is_current=True)
    assert (current.version, current.chain()) == (2, "所长审批 → 局长审批")


def test_benchmarks_and_exams_are_entered_in_the_pages(bureau):
    """Given the legal officer, when a benchmark and a passed exam are entered, then both are recorded."""
    client = login(bureau.legal_officer)
    saved = client.post(
        "/approvals/benchmarks/",
        {
            "offence": "ps.gambling",
            "circumstance": "ordinary",
            "detention_min": "0",
            "detention_max": "5",
            "fine_min": "0",
            "fine_max": "800",
            "source": "本局裁量基准（2026）第3条",
        },
    )
    assert saved.status_code == 302
    assert Benchmark.objects.get(offence__code="ps.gambling").fine_max == 800
    exam = client.post(
        "/approvals/qualifications/",
        {
            "form": "exam",
            "officer": bureau.officer_a.badge_no,
            "level": "intermediate",
            "taken_on": "2026-02-10",
            "score": "88",
            "certificate_no": "ZJ-1",
        },
    )
    assert exam.status_code == 302
    bureau.officer_a.refresh_from_db()
    assert bureau.officer_a.qualification_level == "intermediate"
