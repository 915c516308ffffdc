"""The rule catalogue as data: it loads and cross-checks, it is faithful to the legal rule catalogue
(shared/law/rules.md), its generated documentation is up to date, and a broken file is refused with the
file, the rule and the field named."""

from __future__ import annotations

import importlib.util
import itertools
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from lawtrail.events.registry import EVENT_TYPES
from lawtrail.supervision.loader import CATALOGUE_DIR, CatalogueError, default_catalogue, load_catalogue
from lawtrail.supervision.rules import Issue, Kind, Status, Verified
from lawtrail.supervision.settings import SETTINGS, SupervisionSettings
from tests.supervision.rule_fixtures import seeded_calendar

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = CATALOGUE_DIR / "_rulesmd_rows.json"
SOURCE = ROOT.parent / "shared" / "law" / "rules.md"
ROWS = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
CATALOGUE = default_catalogue()
PSEUDO_EVENTS = {"period.started", "period.ended"}


def build_tool():
    spec = importlib.util.spec_from_file_location("build_rules_doc", ROOT / "tools" / "build_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def implemented_rows() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rule in CATALOGUE.rules.values():
        for row in rule.implements:
            out.setdefault(row, []).append(rule.id)
    return out


# --- the catalogue loads and holds together ---------------------------------------------------------


def test_rule_ids_are_unique_across_the_files():
    """Given the YAML files, then no rule id appears twice, in one file or across files."""
    ids = []
    for path in sorted(CATALOGUE_DIR.glob("[0-9]*.yaml")):
        ids.extend(rule["id"] for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"])
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert len(ids) == len(CATALOGUE.rules)


def test_every_rule_has_citations_with_a_quoted_clause_and_worked_examples():
    """Given the catalogue, then each rule cites its law, version, article and clause, and has at least one
    worked example; every deadline has an example with a due time."""
    for rule in CATALOGUE.rules.values():
        assert rule.citations, rule.id
        assert all(c.law and c.version and c.article and c.clause for c in rule.citations), rule.id
        assert rule.examples, rule.id
    deadlines = [r for r in CATALOGUE.rules.values() if r.kind is Kind.DEADLINE]
    assert all(any(e.expect.due for e in r.examples) for r in deadlines)


def test_versions_of_one_rule_have_non_overlapping_effective_windows():
    """Given the rule families with several versions, then their effective windows follow one another."""
    families = {f: v for f, v in CATALOGUE.families.items() if len(v) > 1}
    assert "ps.case_time_limit" in families
    for versions in families.values():
        for earlier, later in itertools.pairwise(versions):
            assert earlier.effective_to is not None
            assert earlier.effective_to < later.effective_from


def test_the_two_texts_of_the_public_security_law_meet_on_2026_01_01():
    """Given the v2012/v2026 pairs, then v2012 ends on 2025-12-31 and v2026 starts on 2026-01-01."""
    pairs = [f for f, v in CATALOGUE.families.items() if {r.version for r in v} == {"v2012", "v2026"}]
    assert "ps.case_time_limit" in pairs
    for family in pairs:
        old, new = CATALOGUE.versions(family)
        assert (old.effective_to.isoformat(), new.effective_from.isoformat()) == ("2025-12-31", "2026-01-01")


def test_unverified_sources_are_never_enforced_silently():
    """Given a rule resting on an UNVERIFIED clause, then it is gated behind a setting or not applicable."""
    unverified = [
        r for r in CATALOGUE.rules.values() if any(c.verified is Verified.UNVERIFIED for c in r.citations)
    ]
    assert unverified
    assert all(r.gate == "unverified" or r.status is Status.NOT_APPLICABLE for r in unverified)
    assert SupervisionSettings.defaults().unverified_rules_enabled == ()


def test_foundation_events_exist_with_the_same_labels():
    """Given the events the catalogue says exist now, then each is a registered event type with the same
    Chinese label, and every registered incident and case event is known to the catalogue."""
    foundation = {n: s for n, s in CATALOGUE.events.items() if s.issue is Issue.FOUNDATION}
    for name, spec in foundation.items():
        if name in PSEUDO_EVENTS:
            continue
        assert name in EVENT_TYPES, name
        assert EVENT_TYPES[name].label == spec.label, name
    registered = {n for n in EVENT_TYPES if n.split(".")[0] in ("incident", "case")}
    assert registered <= set(foundation)


def test_planned_events_do_not_exist_yet():
    """Given the events the catalogue waits for, then none is registered yet — when one is, its issue must
    be changed to foundation and the rules that wait for it made live (this test says which)."""
    landed = [n for n, s in CATALOGUE.events.items() if s.issue is not Issue.FOUNDATION and n in EVENT_TYPES]
    assert landed == []


def test_live_rules_need_only_recorded_events_and_waiting_rules_name_their_issue():
    """Given the catalogue, then a live rule starts and is satisfied by events that exist now, and a
    waiting rule names the latest issue its events come from and, among the events it waits for, only
    events that do not exist yet."""
    for rule in CATALOGUE.rules.values():
        issues = {CATALOGUE.events[n].issue for n in rule.core_events()}
        if rule.status is Status.LIVE:
            assert issues == {Issue.FOUNDATION}, rule.id
        if rule.status is Status.WAITING:
            assert rule.waiting.issue in issues, rule.id
            assert all(CATALOGUE.events[n].issue is not Issue.FOUNDATION for n in rule.waiting.events), (
                rule.id
            )


def test_the_events_of_the_new_apps_exist_and_their_rules_are_live():
    """Given the events the measures, detention, property, documents and approvals apps record, then the
    catalogue marks them as existing and the rules that waited only for them are live — except the two that
    the apps cannot satisfy yet, which say why they are not checked."""
    for name in (
        "measure.change_requested",
        "measure.necessity_reply_sent",
        "measure.identity_established",
        "measure.custody_recounted",
        "detention.admitted",
        "detention.family_notified",
        "property.seized",
        "property.freeze_renewed",
        "document.issued",
        "document.served",
        "review.completed",
        "approval.step_opened",
        "approval.granted",
    ):
        assert CATALOGUE.events[name].issue is Issue.FOUNDATION, name
    for rule_id in (
        "cr.change_measure_request_3d",
        "cr.custody_necessity_review_10d",
        "cr.custody_restart_new_crime",
        "ps.detention_offset",
        "pa.detention_suspension_24h",
        "prop.handover_24h_general",
        "ps.seized_items_release",
        "ps.decision_delivery",
        "rv.police_admin_review_all_cases",
        "apv.act_before_approval",
    ):
        assert CATALOGUE.rules[rule_id].status is Status.LIVE, rule_id
    for rule_id in ("cr.withdrawal_notice_3d", "intake.criminal_filing_approval"):
        assert CATALOGUE.rules[rule_id].status is Status.NOT_APPLICABLE, rule_id
        assert "Not checked yet" in CATALOGUE.rules[rule_id].not_applicable_because, rule_id


def test_settings_used_by_rules_exist_and_limits_match_their_defaults():
    """Given a limit whose amount is a setting, then the amount written in the rule is that setting's
    default, so that docs/rules.md shows the number the engine uses."""
    for rule in CATALOGUE.rules.values():
        assert rule.settings_used() <= set(SETTINGS), rule.id
        if rule.limit and rule.limit.amount_setting:
            assert SETTINGS[rule.limit.amount_setting].default == rule.limit.amount, rule.id
        if rule.limit and rule.limit.unit_setting:
            assert SETTINGS[rule.limit.unit_setting].default == rule.limit.unit.value, rule.id


def test_setting_defaults_are_the_catalogue_recommendations():
    """Given the settings, then their defaults are what rules.md recommends for its open questions."""
    defaults = SupervisionSettings.defaults()
    assert defaults.law_transition_policy == "manual_review"  # Open questions 1
    assert defaults.count_make_up_saturdays is True  # §1.2, Open questions 4
    assert defaults.ps_short_period_unit == "days"  # Open questions 3
    assert defaults.police_seven_day_delivery_unit == "working_days"  # Open questions 3
    assert defaults.publish_ps_decisions is False  # Open questions 8
    assert defaults.hearing_ten_day_advisory is True  # Open questions 5
    assert defaults.mediation_restarts_v2026_clock is False  # Open questions 6
    assert (defaults.legal_review_fine_yuan, defaults.legal_review_fine_yuan_ps_v2026) == (2000, 4000)


def test_every_setting_is_used():
    """Given the settings, then each is used by a rule or by the engine itself."""
    used = {n for r in CATALOGUE.rules.values() for n in r.settings_used()}
    engine_level = {"law_transition_policy", "count_make_up_saturdays", "unverified_rules_enabled"}
    assert set(SETTINGS) == used | engine_level


# --- faithful to rules.md ---------------------------------------------------------------------------


def test_every_time_limited_row_of_rules_md_is_in_the_catalogue():
    """Given the 140 rows of rules.md whose unit is hours, days, working days, months or years, then each is
    implemented by a rule of lawtrail's catalogue."""
    tool = build_tool()
    timed = [r["id"] for r in ROWS if tool.is_time_row(r)]
    assert len(timed) == 140
    assert [row for row in timed if row not in implemented_rows()] == []


def test_every_row_of_rules_md_has_exactly_one_kind_of_state():
    """Given the 288 rows of rules.md, then each is either implemented by rules or mapped in _rows.yaml
    (covered, waiting with its issue and events, or not applicable with why) — never both, never neither."""
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)) == 288
    implemented = implemented_rows()
    assert [i for i in ids if (i in implemented) == (i in CATALOGUE.rows)] == []


def test_rules_name_only_rows_that_exist():
    """Given the rows the rules say they implement and the mapped rows, then all are rules.md rows."""
    ids = {r["id"] for r in ROWS}
    assert set(implemented_rows()) <= ids
    assert set(CATALOGUE.rows) <= ids


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared legal catalogue is not next to this checkout")
def test_snapshot_of_rules_md_rows_is_up_to_date():
    """Given shared/law/rules.md, when its rows are parsed, then the committed snapshot is the same (run
    tools/build_rules_doc.py after rules.md changes)."""
    tool = build_tool()
    assert SNAPSHOT.read_text(encoding="utf-8") == tool.outputs(SOURCE)[tool.SNAPSHOT]


def test_generated_documentation_is_up_to_date():
    """Given the catalogue, when docs/rules.md is regenerated, then the committed file is the same (run
    `.venv/bin/python tools/build_rules_doc.py` after changing a rule)."""
    tool = build_tool()
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == tool.outputs(None)[tool.DOC]


def test_documentation_lists_every_rule_and_every_row():
    """Given docs/rules.md, then it has an entry for every rule and a line for every rules.md row."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id in CATALOGUE.rules:
        assert f"#### `{rule_id}`" in text
    for row in ROWS:
        assert f"| `{row['id']}` |" in text


# --- loading fails loudly ---------------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path):
    """A copy of the catalogue to break one thing in."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)

    def edit(file_name: str, old: str, new: str) -> Path:
        path = target / file_name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return target

    return edit


@pytest.mark.parametrize(
    ("file_name", "old", "new", "message"),
    [
        pytest.param(
            "03_public_security_law.yaml",
            "    limit: {amount: 30, unit: days}\n    satisfied_by: [case.decided, case.terminated]\n    restarted_by: [case.mediation_failed]",
            "    limit: {amount: 30, unit: weeks}\n    satisfied_by: [case.decided, case.terminated]\n    restarted_by: [case.mediation_failed]",
            "03_public_security_law.yaml: rule ps.case_time_limit.v2012: field limit.unit",
            id="unknown unit",
        ),
        pytest.param(
            "02_intake.yaml",
            "  - id: intake.admin_acceptance_review\n    title: 行政案件受案审查期限（24小时，疑难复杂3日）",
            "  - id: intake.admin_acceptance_review\n    title: x",
            "02_intake.yaml: rule intake.admin_acceptance_review: field title",
            id="title too short",
        ),
        pytest.param(
            "02_intake.yaml",
            "    start: {event: incident.disposed}\n    limit: {amount: 24, unit: hours}",
            "    start: {event: incident.dispoed}\n    limit: {amount: 24, unit: hours}",
            "02_intake.yaml: rule intake.emergency_dispatch_then_register: field events: event incident.dispoed",
            id="misspelled event",
        ),
        pytest.param(
            "03_public_security_law.yaml",
            "    effective_from: 2026-01-01\n    status: live\n    notes: >-\n      The hearing period",
            "    effective_from: 2025-12-01\n    status: live\n    notes: >-\n      The hearing period",
            "rule ps.case_time_limit.v2026: field effective_from: overlaps ps.case_time_limit.v2012",
            id="overlapping versions",
        ),
        pytest.param(
            "08_recording.yaml",
            "    gate: unverified\n    severity: minor",
            "    severity: minor",
            "08_recording.yaml: rule rec.field_av_upload: field (rule): Value error, a rule resting on an UNVERIFIED source must be gated",
            id="ungated unverified rule",
        ),
        pytest.param(
            "06_criminal_procedure.yaml",
            "    status: waiting\n    waiting: {issue: issue-4, events: [case.legal_aid_applied, case.legal_aid_forwarded]}\n",
            "    status: live\n",
            "06_criminal_procedure.yaml: rule cr.legal_aid_request_24h: field status: live, but it starts or is satisfied by events of issue-4",
            id="live rule on future events",
        ),
        pytest.param(
            "02_intake.yaml",
            "    limit: {amount: 24, unit: hours, amount_setting: immediate_limit_hours}\n    satisfied_by: [case.filed]",
            "    limit: {amount: 24, unit: hours, amount_setting: immediately}\n    satisfied_by: [case.filed]",
            "02_intake.yaml: rule intake.public_order_filing.v2026: field settings: setting immediately does not exist",
            id="unknown setting",
        ),
    ],
)
def test_a_broken_file_is_refused_naming_file_rule_and_field(broken, file_name, old, new, message):
    """Given a catalogue with one mistake, when it is loaded, then loading fails with a message naming the
    file, the rule id and the field."""
    directory = broken(file_name, old, new)
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    assert message in str(error.value)


def test_a_row_mapping_naming_an_unknown_rule_is_refused(broken):
    """Given _rows.yaml pointing at a rule that does not exist, when loaded, then it is refused."""
    directory = broken("_rows.yaml", "by: [intake.criminal_filing_review,", "by: [intake.no_such_rule,")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    assert "_rows.yaml: row intake.specific_rules_prevail: field by" in str(error.value)


def test_the_examples_calendar_is_the_seeded_calendar(db):
    """Given the calendar table seeded by migration supervision.0002, then `load_calendar()` reads the same
    rest days and make-up days the worked examples were written against."""
    from lawtrail.supervision.calendar import load_calendar

    seeded = load_calendar(count_make_up_saturdays=True)
    assert seeded == seeded_calendar()


def test_yes_and_no_stay_strings_in_the_catalogue():
    """Given `verified: yes` in a file, then it is read as the verification level, not as a boolean."""
    assert {c.verified for r in CATALOGUE.rules.values() for c in r.citations} >= {
        Verified.YES,
        Verified.SECONDARY,
    }
