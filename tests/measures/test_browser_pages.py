"""The measures, detention, interview and media pages in headless Chromium: each page renders, fits a phone,
fetches nothing from outside, and a linking proposal is confirmed by clicking. Screenshots go to
test-artifacts/ (looked at while building: measures-*.png, media-*.png)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from lawtrail.cases.services import offences_sync
from lawtrail.incidents.media_services import media_upload
from lawtrail.incidents.services import incident_convert, incident_event
from lawtrail.measures.services import detention_admit, interview_record, measure_apply, measure_event
from tests.browser.test_login_and_case import no_horizontal_overflow, only_local_requests, sign_in
from tests.factories import at, make_case
from tests.incidents.test_media import MP4
from tests.web.conftest import make_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def story(bureau, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    offences_sync()
    a = bureau.officer_a
    incident = make_incident(a, when="2026-03-01 22:14")
    incident_event(
        incident=incident,
        name="incident.dispatched",
        actor=a,
        payload={"unit": bureau.station_a.code, "officers": [a.badge_no, bureau.officer_a2.badge_no]},
        occurred_at=at("2026-03-01 22:16"),
    )
    incident_event(incident=incident, name="incident.arrived", actor=a, occurred_at=at("2026-03-01 22:23"))
    case = incident_convert(
        incident=incident,
        actor=a,
        kind="admin",
        title="西江一路烧烤摊殴打他人案",
        offence="ps.assault",
        occurred_at=at("2026-03-01 23:40"),
        lead=a,
    )
    from lawtrail.cases.services import case_add_party

    case_add_party(
        case=case, actor=a, role="admin_suspect", name="黄某某", occurred_at=at("2026-03-01 23:50")
    )
    party = case.parties.get()
    m = measure_apply(
        actor=a,
        case=case,
        party=party,
        kind="summons",
        occurred_at=at("2026-03-02 09:50"),
        approver="所长 刘洋",
        place="黄某某住处",
    )
    measure_event(
        measure=m,
        name="measure.arrived",
        actor=a,
        payload={"place": "西江派出所"},
        occurred_at=at("2026-03-02 10:20"),
    )
    interview_record(
        actor=a,
        case=case,
        party=party,
        kind="questioning",
        started_at=at("2026-03-02 10:40"),
        ended_at=at("2026-03-02 11:30"),
        officers=[a, bureau.officer_a2],
        place="case_area",
        room="询问室1",
    )
    detention_admit(
        actor=a,
        case=case,
        party=party,
        days=5,
        detention_house="梧州市拘留所",
        decision_number="梧公（治）行罚决字〔2026〕12号",
        occurred_at=at("2026-03-02 15:00"),
    )
    clip = media_upload(
        actor=a,
        upload=ContentFile(MP4, name="clip.mp4"),
        kind="body_camera",
        captured_at=at("2026-03-01 22:25"),
        unit=bureau.station_a,
        officer=a,
        place="西江一路烧烤摊门口",
        duration_seconds=900,
    )
    criminal = make_case(a, kind="criminal", title="蝶山路盗窃案", when="2026-03-01 09:00")
    case_add_party(
        case=criminal, actor=a, role="criminal_suspect", name="韦某", occurred_at=at("2026-03-01 09:10")
    )
    detained = measure_apply(
        actor=a,
        case=criminal,
        party=criminal.parties.get(),
        kind="criminal_detention",
        occurred_at=at("2026-03-01 10:00"),
        approver="副局长 李明",
        place="蝶山路",
    )
    measure_event(measure=detained, name="measure.jailed", actor=a, occurred_at=at("2026-03-01 16:00"))
    measure_event(
        measure=detained, name="measure.arrest_requested", actor=a, occurred_at=at("2026-03-03 16:00")
    )
    return {"case": case, "incident": incident, "measure": m, "clip": clip, "criminal": criminal}


def test_the_pages_render_fit_a_phone_and_a_proposal_is_confirmed(live_server, chromium, story, artifacts):
    """Given a case with a summons, an interview, a detention and an uploaded clip proposed for its incident,
    when officer A opens each page, then each renders with its content, fits a phone without horizontal
    scrolling and fetches nothing from outside; clicking 确认关联 links the clip to the incident."""
    base = live_server.url
    case, clip = story["case"], story["clip"]
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    foreign = only_local_requests(page, base)
    sign_in(page, base, "100001")

    pages = [
        ("measures-case", f"/cases/{case.number}/", "行政拘留执行"),
        ("measures-criminal-case", f"/cases/{story['criminal'].number}/", "提请批准逮捕"),
        ("measures-change", f"/measures/{story['measure'].measure_id}/change/", "变更强制措施"),
        ("measures-detention", f"/measures/case/{case.number}/detention/", "送拘留所执行行政拘留"),
        ("measures-interview", f"/measures/case/{case.number}/interview/", "上传同步录音录像"),
        ("media-list", "/incidents/media/", "音视频资料"),
        ("media-upload", "/incidents/media/upload/", "上传音视频/图片/PDF"),
        ("media-detail", f"/incidents/media/{clip.media_id}/", "智能关联建议"),
    ]
    for name, path, text in pages:
        page.set_viewport_size(DESKTOP)
        page.goto(base + path)
        assert text in page.content(), name
        page.screenshot(path=artifacts / f"{name}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.goto(base + path)
        page.screenshot(path=artifacts / f"{name}-phone.png", full_page=True)
        assert no_horizontal_overflow(page), name

    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/incidents/media/{clip.media_id}/")
    page.get_by_role("button", name="确认关联").click()
    page.wait_for_load_state()
    assert "已确认关联" in page.content()
    assert story["incident"].number in page.locator(".record-head").inner_text()
    page.screenshot(path=artifacts / "media-detail-confirmed.png", full_page=True)
    assert foreign == []
    context.close()
