"""The case list: filters, pagination that keeps the filters, htmx fragments, and a bounded query count."""

from __future__ import annotations

import pytest

from lawtrail.cases.services import case_event
from tests.factories import at, make_case


@pytest.fixture
def many(bureau):
    """Officer A's station: 55 admin cases in March (every 5th filed), 5 criminal cases in April, and
    3 admin cases of officer A2's station handled by officer A2."""
    admin = []
    for i in range(55):
        case = make_case(
            bureau.officer_a, title=f"殴打他人案{i:02d}", when=f"2026-03-{1 + i % 28:02d} 10:{i:02d}"
        )
        if i % 5 == 0:
            case_event(
                case=case, name="case.filed", actor=bureau.officer_a, occurred_at=at("2026-03-29 09:00")
            )
        admin.append(case)
    criminal = [
        make_case(bureau.officer_a, kind="criminal", title=f"盗窃案{i}", when=f"2026-04-{1 + i:02d} 09:00")
        for i in range(5)
    ]
    return admin, criminal


def numbers(response) -> set[str]:
    return {c.number for c in response.context["page"].object_list}


def test_the_list_has_50_cases_a_page_newest_first(bureau, many, signed_in):
    """Given 60 cases, when the list opens, then page 1 has 50, newest first, and page 2 the other 10."""
    client = signed_in("officer_a")

    first = client.get("/cases/")
    second = client.get("/cases/?page=2")

    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].title == "盗窃案4"
    assert len(second.context["page"].object_list) == 10
    assert first.context["page"].paginator.count == 60


def test_filter_by_kind(bureau, many, signed_in):
    """Given admin and criminal cases, when filtered by kind 刑事案件, then only the criminal ones are listed."""
    _, criminal = many

    response = signed_in("officer_a").get("/cases/?kind=criminal")

    assert numbers(response) == {c.number for c in criminal}


def test_filter_by_status(bureau, many, signed_in):
    """Given 11 filed cases, when filtered by status 已立案, then exactly those are listed."""
    admin, _ = many

    response = signed_in("officer_a").get("/cases/?status=filed")

    assert numbers(response) == {c.number for i, c in enumerate(admin) if i % 5 == 0}


def test_filter_by_handler_badge(bureau, records, signed_in):
    """Given cases led by officers A and A2, when the unit head filters by A2's badge, then only A2's case."""
    response = signed_in("head_sub_a").get(f"/cases/?handler={bureau.officer_a2.badge_no}")

    assert numbers(response) == {records.case_a2.number}


def test_filter_by_acceptance_dates(bureau, many, signed_in):
    """Given cases accepted in March and April, when filtered from 04-02 to 04-03, then two cases."""
    _, criminal = many

    response = signed_in("officer_a").get("/cases/?accepted_from=2026-04-02&accepted_to=2026-04-03")

    assert numbers(response) == {criminal[1].number, criminal[2].number}


def test_filter_by_offence_and_text(bureau, many, signed_in):
    """Given the catalogue code of theft and a title fragment, when filtered, then the matching cases."""
    _, criminal = many

    by_offence = signed_in("officer_a").get("/cases/?offence=cr.theft")
    by_text = signed_in("officer_a").get("/cases/?q=盗窃案3")

    assert numbers(by_offence) == {c.number for c in criminal}
    assert numbers(by_text) == {criminal[3].number}


def test_only_mine(bureau, records, signed_in):
    """Given the unit head who handles no case, when 只看我的 is ticked, then the list is empty."""
    response = signed_in("head_sub_a").get("/cases/?mine=on")

    assert numbers(response) == set()
    assert "没有符合条件的案件" in response.content.decode()


def test_a_malformed_date_is_shown_as_an_error_and_the_other_filters_still_apply(bureau, many, signed_in):
    """Given a date that is not a date, when the list is filtered, then the field shows an error and the
    kind filter still applies."""
    response = signed_in("officer_a").get("/cases/?kind=criminal&accepted_from=2026-13-45")

    assert len(numbers(response)) == 5
    assert response.context["form"].errors["accepted_from"]


def test_page_links_keep_the_filters(bureau, many, signed_in):
    """Given 55 admin cases, when the admin filter is on, then the page-2 link keeps kind=admin."""
    response = signed_in("officer_a").get("/cases/?kind=admin")

    html = response.content.decode()
    assert 'href="?kind=admin&amp;page=2"' in html
    assert len(signed_in("officer_a").get("/cases/?kind=admin&page=2").context["page"].object_list) == 5


def test_an_htmx_request_gets_only_the_results_fragment(bureau, many, signed_in):
    """Given htmx updating the table, when it asks for the list, then only the results come back (no page
    frame), and the response varies on HX-Request so caches keep the two apart."""
    response = signed_in("officer_a").get("/cases/?kind=criminal", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "<table" in html
    assert "HX-Request" in response["Vary"]


def test_the_filter_form_works_without_javascript(bureau, many, signed_in):
    """Given a browser without JS, when the page opens, then the filters are a plain GET form to the list."""
    html = signed_in("officer_a").get("/cases/").content.decode()

    assert 'method="get" action="/cases/"' in html
    assert 'hx-get="/cases/"' in html
    assert 'hx-push-url="true"' in html


def test_the_case_list_uses_a_bounded_number_of_queries(
    bureau, many, signed_in, django_assert_max_num_queries
):
    """Given 60 cases with handlers, when a page of 50 is listed, then the query count does not grow with
    the rows (no N+1)."""
    client = signed_in("head_sub_a")
    client.get("/cases/")  # warm the session

    with django_assert_max_num_queries(14):
        response = client.get("/cases/")
    assert len(response.context["page"].object_list) == 50


def test_the_incident_list_uses_a_bounded_number_of_queries(bureau, signed_in, django_assert_max_num_queries):
    """Given 60 incidents, when a page of 50 is listed, then the query count does not grow with the rows."""
    from tests.web.conftest import make_incident

    for i in range(60):
        make_incident(bureau.officer_a, when=f"2026-03-{1 + i % 28:02d} 08:{i:02d}")
    client = signed_in("officer_a")
    client.get("/incidents/")

    with django_assert_max_num_queries(12):
        response = client.get("/incidents/")
    assert len(response.context["page"].object_list) == 50


def test_the_workbench_uses_a_bounded_number_of_queries(
    bureau, many, signed_in, django_assert_max_num_queries
):
    """Given 60 cases, when the workbench opens, then a fixed number of queries builds it."""
    client = signed_in("officer_a")
    client.get("/")

    with django_assert_max_num_queries(14):
        client.get("/")
