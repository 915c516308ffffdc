"""Change of a measure (变更强制措施), the application for change and its decision, every step's page form,
and the execution of an administrative detention (送拘留所、解除、通知家属、暂缓执行)."""

from __future__ import annotations

import pytest
from django.test import Client

from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.measures.forms import STEP_FORMS
from lawtrail.measures.machine import DETENTION_MACHINE
from lawtrail.measures.models import Detention, Measure
from lawtrail.measures.selectors import measure_steps
from lawtrail.measures.services import detention_admit, detention_event, measure_change, measure_event
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def _detention(bureau, **kw):
    case, party = case_with_suspect(bureau.officer_a)
    detention = detention_admit(
        actor=bureau.officer_a,
        case=case,
        party=party,
        days=kw.pop("days", 7),
        detention_house="梧州市拘留所",
        occurred_at=at("2026-03-01 15:00"),
        **kw,
    )
    return case, detention


def test_a_change_ends_the_old_measure_as_changed_and_applies_the_new_one(bureau):
    """Given a criminal detention, when it is changed to bail with an approver and a reason, then the
    detention is ended as `changed` (the event the rules' clocks read), the bail names it as its origin,
    and the two events are in the case history."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    detention = summons(bureau.officer_a, case, party, kind="criminal_detention")
    bail = measure_change(
        measure=detention,
        actor=bureau.officer_a,
        kind="bail",
        approver="局长 张伟",
        reason="羁押必要性消失，患有严重疾病",
        occurred_at=at("2026-03-02 09:00"),
    )
    detention.refresh_from_db()
    assert (detention.status, detention.end_reason) == ("ended", "changed")
    assert (bail.kind, bail.changed_from, bail.approver) == ("bail", detention, "局长 张伟")
    names = list(Event.objects.filter(case=case).order_by("seq").values_list("name", "payload__reason"))
    assert names[-2:] == [("measure.ended", "changed"), ("measure.applied", "羁押必要性消失，患有严重疾病")]


def test_a_change_to_the_same_kind_is_refused_and_writes_nothing(bureau):
    """Given a criminal detention, when it is "changed" into a criminal detention, then it is refused in
    Chinese and the detention is still running (the end was rolled back with the refused application)."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    detention = summons(bureau.officer_a, case, party, kind="criminal_detention")
    before = Event.objects.count()
    with pytest.raises(ValidationFailed, match="变更后的措施与原措施相同"):
        measure_change(
            measure=detention, actor=bureau.officer_a, kind="criminal_detention", approver="x", reason="y"
        )
    detention.refresh_from_db()
    assert detention.status == "applied"
    assert Event.objects.count() == before


def test_changed_from_must_name_a_measure_ended_as_changed(bureau):
    """Given a running summons, when a new measure claims to change it without ending it, then it is
    refused: the old measure must end first."""
    from lawtrail.measures.services import measure_apply

    case, party = case_with_suspect(bureau.officer_a)
    old = summons(bureau.officer_a, case, party)
    with pytest.raises(TransitionNotAllowed, match="原措施尚未以「变更措施」解除"):
        measure_apply(actor=bureau.officer_a, case=case, party=party, kind="bail", changed_from=old)


def test_an_application_for_change_is_decided_once_and_a_refusal_needs_a_reason(bureau):
    """Given a detention, when the lawyer applies for a change, then a refusal without reason is refused,
    a refusal with a reason is recorded, and a second decision is refused."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    m = summons(bureau.officer_a, case, party, kind="criminal_detention")
    m = measure_event(
        measure=m, name="measure.change_requested", actor=bureau.officer_a, payload={"by": "lawyer"}
    )
    assert [s for s, _ in measure_steps(m)].count("change-decided") == 1
    with pytest.raises(ValidationFailed, match="说明理由"):
        measure_event(
            measure=m, name="measure.change_decided", actor=bureau.officer_a, payload={"granted": False}
        )
    m = measure_event(
        measure=m,
        name="measure.change_decided",
        actor=bureau.officer_a,
        payload={"granted": False, "reason": "有串供可能"},
    )
    assert (m.change_requested_by, m.change_granted) == ("lawyer", False)
    with pytest.raises(TransitionNotAllowed, match="没有待决定的变更申请"):
        measure_event(
            measure=m, name="measure.change_decided", actor=bureau.officer_a, payload={"granted": True}
        )


def test_the_steps_offered_follow_the_measure(bureau):
    """Given a summons and a criminal detention, then the summons offers its arrival and the questioning
    tier but no custody step, and the detention offers the detention house and the arrest request but no
    arrival; once the request is pending, its answers are offered instead."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    s = [slug for slug, _ in measure_steps(summons(bureau.officer_a, case, party))]
    assert {"arrived", "extended", "family-notified", "change", "ended"} <= set(s)
    assert not {"jailed", "arrest-requested"} & set(s)
    d = summons(bureau.officer_a, case, party, kind="criminal_detention")
    steps = [slug for slug, _ in measure_steps(d)]
    assert {"jailed", "arrest-requested", "extended-days", "change-requested"} <= set(steps)
    assert "arrived" not in steps
    d = measure_event(measure=d, name="measure.arrest_requested", actor=bureau.officer_a, payload={})
    steps = [slug for slug, _ in measure_steps(d)]
    assert {"arrest-approved", "arrest-refused"} <= set(steps)
    assert "arrest-requested" not in steps


STEP_POSTS = [
    ("criminal_detention", "jailed", {"note": "梧州市看守所"}, "jailed_at"),
    (
        "criminal_detention",
        "arrest-requested",
        {"procuratorate": "万秀区人民检察院", "detained": "on"},
        "arrest_requested_at",
    ),
    (
        "criminal_detention",
        "extended-days",
        {"basis": "roving", "days": "30", "approver": "副局长 李明"},
        "updated_at",
    ),
    ("criminal_detention", "change-requested", {"by": "relative"}, "change_requested_at"),
    (
        "criminal_detention",
        "family-notified",
        {"to": "family", "method": "phone", "recipient": "王父"},
        "family_notified_at",
    ),
    ("summons", "family-notice-impossible", {"reason": "身份不明，无法通知"}, "family_notice_impossible"),
    (
        "criminal_detention",
        "change",
        {"kind": "bail", "approver": "局长 张伟", "reason": "不需要继续羁押"},
        "ended_at",
    ),
    ("arrest", "necessity-proposal", {"note": "建议变更为取保候审"}, "necessity_proposal_at"),
    ("summons", "identity-established", {}, "identity_established_at"),
    ("arrest", "new-crime-found", {"note": "另有抢劫罪行"}, "new_crime_found_at"),
]


@pytest.mark.parametrize(("kind", "slug", "body", "field"), STEP_POSTS)
def test_every_step_has_a_page_form_that_records_it(bureau, kind, slug, body, field):
    """Given a measure, when a step's form is opened and posted, then the page shows the form and the
    post records the step (the measure's field is set) and returns to the case page."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    m = summons(bureau.officer_a, case, party, kind=kind)
    client = login(bureau.officer_a)
    url = f"/measures/{m.measure_id}/{slug}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"occurred_at": "2026-03-01T12:00", **body})
    assert response.status_code == 302, response.content.decode()[:2000]
    m.refresh_from_db()
    assert getattr(m, field)


def test_every_step_form_is_reachable(bureau):
    """Given the step forms, then each slug answers its page (a step that cannot apply now still shows its
    form; the event decides on submission)."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    m = summons(bureau.officer_a, case, party, kind="criminal_detention")
    client = login(bureau.officer_a)
    for slug in STEP_FORMS:
        assert client.get(f"/measures/{m.measure_id}/{slug}/").status_code == 200, slug


def test_a_refused_arrest_answer_without_request_is_shown_on_the_form(bureau):
    """Given a detention with no arrest request, when the approval form is posted, then the page shows the
    refusal in Chinese and nothing is written."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    m = summons(bureau.officer_a, case, party, kind="criminal_detention")
    before = Event.objects.count()
    response = login(bureau.officer_a).post(
        f"/measures/{m.measure_id}/arrest-approved/", {"occurred_at": "2026-03-01T12:00"}
    )
    assert response.status_code == 200
    assert "没有待决的提请批准逮捕" in response.content.decode()
    assert Event.objects.count() == before


# --- administrative detention ---------------------------------------------------------------------------


def test_a_detention_is_admitted_notified_and_released(bureau):
    """Given a 7-day administrative detention with 1 day offset delivered at 15:00, when the family is told
    by phone and the person released at expiry, then the record has each time and the events are
    recorded with the payload fields the catalogue's rules read (days, offset_days)."""
    _case, d = _detention(bureau, offset_days=1, decision_number="梧公（治）行罚决字〔2026〕12号")
    assert (d.status, d.days_to_serve, d.needs_family_notice) == ("in_custody", 6, True)
    d = detention_event(
        detention=d,
        name="detention.family_notified",
        actor=bureau.officer_a,
        payload={"method": "phone", "recipient": "王父"},
        occurred_at=at("2026-03-01 16:00"),
    )
    d = detention_event(
        detention=d, name="detention.released", actor=bureau.officer_a, occurred_at=at("2026-03-07 15:00")
    )
    assert (d.status, d.release_reason, d.family_notice_method) == ("released", "expired", "phone")
    admitted = Event.objects.get(name="detention.admitted", subject_key=str(d.detention_id))
    assert (admitted.payload["days"], admitted.payload["offset_days"]) == (7, 1)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"days": 16}, "最长15日"),
        ({"days": 3, "offset_days": 4}, "折抵日数不能多于"),
    ],
)
def test_impossible_detentions_are_refused(bureau, kw, message):
    """Given a detention of 16 days not combined, or more days offset than decided, then it is refused in
    Chinese."""
    with pytest.raises(ValidationFailed, match=message):
        _detention(bureau, **kw)


def test_a_criminal_case_has_no_administrative_detention(bureau):
    """Given a criminal case, when an administrative detention is delivered, then it is refused."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    with pytest.raises(TransitionNotAllowed, match="刑事拘留"):
        detention_admit(actor=bureau.officer_a, case=case, party=party, days=5, detention_house="拘留所")


def test_a_granted_suspension_releases_the_person_at_once(bureau):
    """Given a detention, when a suspension (暂缓执行) is requested and granted with a guarantor, then the
    release (reason suspended) is recorded with the decision, and a later release is refused by the
    machine."""
    _case, d = _detention(bureau)
    d = detention_event(
        detention=d,
        name="detention.suspension_requested",
        actor=bureau.officer_a,
        occurred_at=at("2026-03-02 09:00"),
    )
    with pytest.raises(ValidationFailed, match="担保"):
        detention_event(
            detention=d,
            name="detention.suspension_decided",
            actor=bureau.officer_a,
            payload={"granted": True},
        )
    d = detention_event(
        detention=d,
        name="detention.suspension_decided",
        actor=bureau.officer_a,
        payload={"granted": True, "guarantee": "担保人 王父"},
        occurred_at=at("2026-03-02 20:00"),
    )
    assert (d.status, d.release_reason, d.released_at) == ("released", "suspended", at("2026-03-02 20:00"))
    with pytest.raises(TransitionNotAllowed, match="已解除"):
        detention_event(detention=d, name="detention.released", actor=bureau.officer_a)


def test_a_refused_suspension_keeps_the_person_in_custody(bureau):
    """Given a suspension request, when it is refused, then the person stays in custody and no release is
    written."""
    _case, d = _detention(bureau)
    d = detention_event(detention=d, name="detention.suspension_requested", actor=bureau.officer_a)
    d = detention_event(
        detention=d, name="detention.suspension_decided", actor=bureau.officer_a, payload={"granted": False}
    )
    assert (d.status, d.suspension_granted) == ("in_custody", False)
    assert not Event.objects.filter(name="detention.released").exists()


def test_the_detention_pages_record_each_step_and_are_scoped(bureau):
    """Given an admin case, when the detention is delivered and released through the pages, then the case
    page lists it; station B's officer gets 404 from its forms."""
    case, party = case_with_suspect(bureau.officer_a)
    client = login(bureau.officer_a)
    response = client.post(
        f"/measures/case/{case.number}/detention/",
        {
            "party": str(party.party_id),
            "days": "5",
            "offset_days": "0",
            "detention_house": "梧州市拘留所",
            "occurred_at": "2026-03-01T15:00",
        },
    )
    assert response.status_code == 302
    d = Detention.objects.get(case=case)
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert "梧州市拘留所" in page
    assert "应通知家属" in page
    for slug, body in [
        ("family-notified", {"method": "phone"}),
        ("released", {"reason": "expired"}),
    ]:
        r = client.post(
            f"/measures/detention/{d.detention_id}/{slug}/", {"occurred_at": "2026-03-02T15:00", **body}
        )
        assert r.status_code == 302, slug
    d.refresh_from_db()
    assert d.status == "released"
    assert login(bureau.officer_b).get(f"/measures/detention/{d.detention_id}/released/").status_code == 404
    assert login(bureau.officer_b).get(f"/measures/case/{case.number}/detention/").status_code == 404


def test_the_case_page_flags_a_missing_family_notice(bureau):
    """Given a criminal detention without family notice, then the case page marks 应通知家属; a bail
    (no notice required) is not marked."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    m = summons(bureau.officer_a, case, party, kind="criminal_detention")
    assert m.needs_family_notice
    assert not Measure(kind="bail").needs_family_notice
    page = login(bureau.officer_a).get(f"/cases/{case.number}/").content.decode()
    assert "应通知家属" in page


def _detention_in(bureau, status: str, name: str):
    """A detention in `status`, with a pending suspension request when the step is its decision."""
    _case, d = _detention(bureau)
    if name == "detention.suspension_decided":
        d = detention_event(detention=d, name="detention.suspension_requested", actor=bureau.officer_a)
    if status == "released":
        d = detention_event(detention=d, name="detention.released", actor=bureau.officer_a)
    return d


DETENTION_STEP_PAYLOADS = {
    "detention.released": {},
    "detention.suspension_requested": {},
    "detention.suspension_decided": {"granted": False},
}
DETENTION_TABLE = [(s, n) for s in ("in_custody", "released") for n in DETENTION_STEP_PAYLOADS]
D_ALLOWED = [(s, n) for s, n in DETENTION_TABLE if s in DETENTION_MACHINE.transition(n).sources]
D_REFUSED = [(s, n) for s, n in DETENTION_TABLE if s not in DETENTION_MACHINE.transition(n).sources]


@pytest.mark.parametrize(("status", "name"), D_ALLOWED)
def test_detention_steps_the_table_allows_move_it_and_write_one_event(bureau, status, name):
    """Given a detention in a state the table allows the step from, when it is recorded, then the detention
    is in the table's target state and one event is written."""
    d = _detention_in(bureau, status, name)
    before = Event.objects.count()
    d = detention_event(detention=d, name=name, actor=bureau.officer_a, payload=DETENTION_STEP_PAYLOADS[name])
    assert d.status == DETENTION_MACHINE.transition(name).target
    assert Event.objects.count() == before + 1


@pytest.mark.parametrize(("status", "name"), D_REFUSED)
def test_detention_steps_the_table_refuses_write_nothing(bureau, status, name):
    """Given a released detention, when any machine step is recorded, then it is refused naming the state
    (已解除) and nothing is written."""
    d = _detention_in(bureau, status, name)
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed, match="已解除"):
        detention_event(detention=d, name=name, actor=bureau.officer_a, payload=DETENTION_STEP_PAYLOADS[name])
    assert Event.objects.count() == before


def test_custody_review_steps_need_what_they_answer(bureau):
    """Given an arrest, then recounting the custody period before another crime is found, or answering a
    custody-necessity proposal never received, is refused; in order, both are recorded; a bail has no
    custody steps."""
    case, party = case_with_suspect(bureau.officer_a, kind="criminal")
    arrest = summons(bureau.officer_a, case, party, kind="arrest")

    def step(m, name):
        return measure_event(measure=m, name=name, actor=bureau.officer_a, occurred_at=at("2026-03-02 10:00"))

    with pytest.raises(TransitionNotAllowed, match="尚未登记发现另有重要罪行"):
        step(arrest, "measure.custody_recounted")
    with pytest.raises(TransitionNotAllowed, match="没有待答复的羁押必要性审查建议"):
        step(arrest, "measure.necessity_reply_sent")
    arrest = step(step(arrest, "measure.new_crime_found"), "measure.custody_recounted")
    arrest = step(step(arrest, "measure.necessity_proposal_received"), "measure.necessity_reply_sent")
    assert arrest.custody_recounted_at == arrest.necessity_replied_at == at("2026-03-02 10:00")
    bail = summons(bureau.officer_a, case, party, kind="bail")
    with pytest.raises(TransitionNotAllowed, match="只有刑事拘留和逮捕"):
        step(bail, "measure.new_crime_found")


def test_every_detention_event_names_its_detention_so_two_detentions_keep_their_own_clocks(bureau):
    """Given a detention, when it is notified and released, then every event's payload names the detention
    (the key the rules pair steps by: two people detained in one case keep their own clocks); a payload
    naming another detention is refused."""
    _case, d = _detention(bureau)
    detention_event(
        detention=d,
        name="detention.family_notified",
        actor=bureau.officer_a,
        payload={"method": "phone", "recipient": "王父"},
        occurred_at=at("2026-03-01 16:00"),
    )
    with pytest.raises(ValidationFailed, match="detention_id"):
        detention_event(
            detention=d,
            name="detention.released",
            actor=bureau.officer_a,
            payload={"detention_id": "00000000-0000-0000-0000-000000000001"},
            occurred_at=at("2026-03-08 15:00"),
        )
    detention_event(
        detention=d, name="detention.released", actor=bureau.officer_a, occurred_at=at("2026-03-08 15:00")
    )

    named = Event.objects.filter(name__startswith="detention.").values_list(
        "payload__detention_id", flat=True
    )
    assert list(named) == [str(d.detention_id)] * 3
