"""The linking score (智能关联) as pure code: time window and slack, officer, place, the margin to the best
candidate, and a case not proposed besides its own incident or interview."""

from __future__ import annotations

from lawtrail.incidents.linking import MediaFacts, TargetFacts, place_similarity, propose, score
from tests.factories import at

INCIDENT = TargetFacts(
    "incident",
    "J1",
    at("2026-06-12 22:16"),
    at("2026-06-12 23:00"),
    frozenset({"100001", "100002"}),
    "西江一路12号烧烤摊",
    case="A1",
)
NEXT = TargetFacts(
    "incident",
    "J2",
    at("2026-06-12 23:20"),
    at("2026-06-13 00:10"),
    frozenset({"100001", "100002"}),
    "蝶山路3号网吧",
)
CASE = TargetFacts(
    "case", "A1", at("2026-06-12 23:30"), at("2026-06-13 07:30"), frozenset({"100001"}), "西江派出所"
)


def clip(start: str, minutes: int = 20, officer: str | None = "100001", place: str = "") -> MediaFacts:
    return MediaFacts("M", at(start), minutes * 60, officer, place)


def test_officer_and_time_and_place_add_up():
    """Given a clip of a dispatched officer inside the window at the same place, then it scores 1.0 with
    three reasons; without officer and place only the time counts (0.3)."""
    full = score(clip("2026-06-12 22:30", place="西江一路12号烧烤摊"), INCIDENT)
    assert (full.score, len(full.reasons)) == (1.0, 3)
    assert score(clip("2026-06-12 22:30", officer=None), INCIDENT).score == 0.3


def test_times_that_do_not_meet_give_no_candidate_and_the_slack_counts_half():
    """Given clips 20 minutes before the dispatch and 2 hours after the disposal, then the first is in the
    slack (0.15 + officer) and the second no candidate at all."""
    assert score(clip("2026-06-12 21:40", minutes=15), INCIDENT).score == 0.65
    assert score(clip("2026-06-13 01:00"), INCIDENT) is None


def test_the_margin_keeps_the_next_incident_in_the_slack_out():
    """Given a clip inside J1 that ends 10 minutes before the same officers' J2, then J1 is proposed and
    J2 (slack, 0.15 lower) is not; without the margin both are."""
    m = clip("2026-06-12 22:50", minutes=20, place="西江一路烧烤摊")
    assert [c.target.key for c in propose(m, [INCIDENT, NEXT])] == ["J1"]
    assert [c.target.key for c in propose(m, [INCIDENT, NEXT], margin=None)] == ["J1", "J2"]


def test_a_case_is_not_proposed_besides_its_own_incident_scoring_as_well():
    """Given a clip inside J1 (case A1) that also falls in A1's measure window, then only J1 is proposed; a
    clip at the station during the measure only is proposed for the case."""
    m = clip("2026-06-12 22:55", minutes=40)
    assert [c.target.key for c in propose(m, [INCIDENT, CASE], margin=None)] == ["J1"]
    station = clip("2026-06-13 02:00", place="西江派出所")
    assert [c.target.key for c in propose(station, [INCIDENT, CASE])] == ["A1"]


def test_place_similarity_uses_character_bigrams():
    """Given the same place written in another order, then it is similar; another street is not."""
    assert place_similarity("西江一路12号金鹰商场门口", "金鹰商场门口（西江一路）") > 0.5
    assert place_similarity("西江一路12号", "蝶山路3号") == 0
    assert place_similarity("", "西江一路") == 0


def test_below_the_threshold_nothing_is_proposed():
    """Given a CCTV export (no officer) at another place, then nothing is proposed at the default 0.5."""
    assert propose(clip("2026-06-12 22:30", officer=None, place="长洲岛"), [INCIDENT]) == []
