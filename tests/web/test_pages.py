"""Sign-in, the workbench, and the 404 page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import PASSWORD


@pytest.mark.parametrize(
    "url", ["/", "/cases/", "/incidents/", "/incidents/new/", "/cases/X1/", "/incidents/J1/"]
)
def test_pages_require_sign_in(db, client: Client, url: str):
    """Given no session, when any page is opened, then the browser is sent to the login page and back."""
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={url}"


def test_login_page_is_chinese(db, client: Client):
    """Given a visitor, when the login page opens, then it is in Chinese with the product name."""
    response = client.get("/login/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "执法全流程监督平台" in html
    assert "账号" in html
    assert "密码" in html
    assert '<html lang="zh-Hans">' in html


def test_a_wrong_password_is_refused_in_chinese(bureau, client: Client):
    """Given an officer's account, when the password is wrong, then the login page says so in Chinese."""
    response = client.post("/login/", {"username": bureau.officer_a.badge_no, "password": "wrong-password"})

    assert response.status_code == 200
    assert "账号或密码不正确" in response.content.decode()


def test_an_officer_signs_in_and_lands_on_the_workbench(bureau, records, client: Client):
    """Given an officer's account, when they sign in, then they land on the workbench with their cases."""
    response = client.post(
        "/login/", {"username": bureau.officer_a.badge_no, "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain == [("/", 302)]
    html = response.content.decode()
    assert "工作台" in html
    assert "张伟" in html
    assert "西江派出所" in html
    assert records.case_a.title in html


def test_the_workbench_shows_my_cases_my_units_incidents_counts_and_charts(bureau, records, signed_in):
    """Given officer A with two cases and a new incident, when the workbench opens, then it lists them,
    counts the cases per status of the scope, and draws the charts as inline SVG."""
    response = signed_in("officer_a").get("/")

    assert response.status_code == 200
    html = response.content.decode()
    wb = response.context["wb"]
    assert [c.number for c in wb.my_cases] == [records.criminal_a.number, records.case_a.number]
    assert [i.number for i in wb.new_incidents] == [records.incident_a.number]
    assert wb.case_counts == {"accepted": 2}
    assert records.case_a2.title not in html  # another station's case is not mine, nor in my scope
    assert records.incident_b.place not in html
    assert html.count("<svg") == 3  # the logo and two charts
    assert "各状态案件数" in html
    assert "近14日警情数" in html


def test_a_unit_head_sees_the_new_incidents_of_the_sub_units(bureau, records, signed_in):
    """Given the head of sub-bureau A, when the workbench opens, then station A's new incident is listed
    (and station B's is not)."""
    response = signed_in("head_sub_a").get("/")

    assert [i.number for i in response.context["wb"].new_incidents] == [records.incident_a.number]
    assert response.context["wb"].case_counts == {"accepted": 3}


def test_a_user_without_an_officer_sees_an_empty_workbench_with_an_explanation(db, client: Client):
    """Given an account not linked to an officer, when it opens the workbench, then it sees nothing and is
    told why."""
    user = get_user_model().objects.create_user(username="nobody", password=PASSWORD)
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 200
    assert "您的账号未关联民警信息" in response.content.decode()
    assert response.context["wb"].case_counts == {}


def test_logout_ends_the_session(bureau, signed_in):
    """Given a signed-in officer, when they press 退出, then the session ends and pages need a login again."""
    client = signed_in("officer_a")

    response = client.post("/logout/")

    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_the_404_page_is_chinese_with_a_way_back(bureau, signed_in):
    """Given a case number that does not exist, when it is opened, then a Chinese 404 page links back."""
    response = signed_in("officer_a").get("/cases/X000/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "未找到该页面或记录" in html
    assert 'href="/"' in html
    assert "返回工作台" in html


def test_every_asset_is_served_locally(bureau, records, signed_in):
    """Given the pages, when they are rendered, then no script, stylesheet or image comes from elsewhere."""
    client = signed_in("officer_a")
    for url in [
        "/",
        "/cases/",
        f"/cases/{records.case_a.number}/",
        f"/incidents/{records.incident_a.number}/",
    ]:
        html = client.get(url).content.decode()
        assert "http://" not in html
        assert "https://" not in html
        assert "/static/lawtrail/vendor/htmx.min.js" in html


def test_an_htmx_request_without_a_session_sends_the_whole_page_to_the_login(db, client: Client):
    """Given an expired session, when htmx asks for the case table, then the answer tells htmx to load the
    login page for the page the user was on (not to swap the login form into the table)."""
    response = client.get(
        "/cases/?kind=admin",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/cases/?status=filed"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/login/?next=/cases/%3Fstatus%3Dfiled"
    assert response.content == b""


def test_an_expired_form_gets_a_chinese_page(bureau, records):
    """Given a form posted without its CSRF token (expired page), then a Chinese 403 page explains it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(bureau.officer_a.user)

    response = client.post(f"/cases/{records.case_a.number}/actions/file/", {"note": ""})

    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
