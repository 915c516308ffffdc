"""Visibility is scoped by unit: a case officer sees their unit, a unit head the sub-units, the legal
brigade and bureau leaders the whole bureau; nobody sees another bureau. Out of scope is "not found"."""

import pytest

from lawtrail.cases.selectors import case_get, case_list
from lawtrail.common.errors import NotFound
from lawtrail.incidents.selectors import incident_get, incident_list
from lawtrail.incidents.services import incident_receive
from lawtrail.org.policies import EMPTY_SCOPE, scope_for
from tests.factories import make_case


@pytest.fixture
def cases(bureau):
    return {
        "a": make_case(bureau.officer_a, title="西江所案件"),
        "a2": make_case(bureau.officer_a2, title="城东所案件"),
        "b": make_case(bureau.officer_b, title="大塘所案件"),
    }


def visible_titles(officer) -> set[str]:
    return set(case_list(scope_for(officer)).values_list("title", flat=True))


def test_case_officer_sees_own_unit_only(bureau, cases):
    """Given cases in three stations, when a station-A officer lists cases, then only station A's appear."""
    assert visible_titles(bureau.officer_a) == {"西江所案件"}


def test_case_officer_gets_not_found_outside_unit(bureau, cases):
    """Given a case of station B, when a station-A officer opens it, then it does not exist for them."""
    with pytest.raises(NotFound):
        case_get(scope_for(bureau.officer_a), cases["b"].number)


def test_unit_head_sees_sub_units(bureau, cases):
    """Given the unit head of sub-bureau A, then both its stations' cases are visible, not sub-bureau B's."""
    assert visible_titles(bureau.head_sub_a) == {"西江所案件", "城东所案件"}


@pytest.mark.parametrize("who", ["legal_officer", "leader"])
def test_legal_brigade_and_leaders_see_whole_bureau(bureau, cases, who):
    """Given the legal brigade and a bureau leader, then every case of the bureau is visible."""
    assert visible_titles(getattr(bureau, who)) == {"西江所案件", "城东所案件", "大塘所案件"}


def test_other_bureau_sees_nothing(bureau, cases):
    """Given an officer of another bureau, then no case of this bureau is visible."""
    assert visible_titles(bureau.other_bureau_officer) == set()


def test_handler_sees_case_outside_own_unit(bureau, cases):
    """Given an officer of station A2 assigned to assist on a station-A case, then that case is visible to them."""
    from lawtrail.cases.services import case_event

    case_event(
        case=cases["a"],
        name="case.handler_assigned",
        actor=bureau.officer_a,
        payload={"officer": bureau.officer_a2.badge_no, "role": "assisting"},
    )
    assert visible_titles(bureau.officer_a2) == {"西江所案件", "城东所案件"}


def test_anonymous_scope_sees_nothing(bureau, cases):
    assert not case_list(EMPTY_SCOPE).exists()


def test_incidents_are_scoped_like_cases(bureau):
    """Given an incident of station B, when a station-A officer looks for it, then it is not found; the
    sub-bureau B chain and the bureau leader see it."""
    incident = incident_receive(
        actor=bureau.officer_b,
        unit=bureau.station_b,
        source="walk_in",
        place="大塘路",
        category="public_order",
        description="群众上门报警",
    )
    with pytest.raises(NotFound):
        incident_get(scope_for(bureau.officer_a), incident.number)
    assert incident_get(scope_for(bureau.leader), incident.number) == incident
    assert list(incident_list(scope_for(bureau.officer_b))) == [incident]
    assert not incident_list(scope_for(bureau.head_sub_a)).exists()
