"""On the demo bureau (`small`: a year up to the anchor, seed 7): the sweep finds every defect the generator
planted (demo/models.py) and nothing else.

The demo is written as `lawtrail demo` writes it — with the incremental check off, its closed cases checked
once at the end (demo.generator.check_closed_cases), then one sweep at the anchor. Why `small` and not
`city`: generating the city bureau takes about 13 minutes on this machine before the sweep (docs/demo.md),
far beyond a test; `small` (about a minute) is the largest scale that fits, and it covers a whole year,
including the change of the 治安管理处罚法 on 2026-01-01.

Planted kind → the rule families that find it (RULES_FOR). The converse: every *finding* — an alert at
level overdue (which includes met_late: a breach on record) or violation — is on a planted case or
incident of a kind that family finds. Warnings before a limit are not findings (nothing is wrong yet).
Manual-review alerts are prompts for a legal officer, not findings; they are allowed on planted subjects
of a matching kind and, anywhere, for the families of REVIEW_PROMPTS, each with its reason. The rules that
went live when other apps registered document, detention and review events (DEMO_LACKS) find steps the
generator does not record yet: the full converse is a strict xfail until it does.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from lawtrail.common import clock
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.demo.generator import generate
from lawtrail.demo.models import DefectKind, PlantedDefect
from lawtrail.supervision.models import Alert, AlertLevel

SCALE = "small"
SEED = 7
ANCHOR = date(2026, 11, 22)
END = datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day, tzinfo=LEGAL_TZ)

# Planted kind → the rule families that should raise an alert on the planted case or incident.
RULES_FOR = {
    DefectKind.CASE_OVERDUE: {"ps.case_time_limit", "ap.decision_90d"},
    DefectKind.INCIDENT_NOT_CONVERTED: {
        "intake.criminal_accept_and_record",
        "intake.criminal_receipt",
        "intake.public_order_incident_not_accepted",
    },
    DefectKind.INCIDENT_NO_BODY_CAMERA: {"rec.field_av_mandatory_situations", "rec.field_av_upload"},
    # The interviews of a single-handler case are held by its one officer: 询问 (admin; the 2018 rule
    # before 2026, the v2026 law after) or 讯问 (criminal).
    DefectKind.CASE_SINGLE_HANDLER: {
        "pa.two_officers",
        "ps.two_officers_investigation",
        "cr.interrogation_two_investigators",
    },
    DefectKind.INCIDENT_NOT_REVIEWED: {"intake.duty_leader_review"},
    DefectKind.DECISION_LATE_ENTRY: {"pa.decision_entry"},
}
FINDINGS = {AlertLevel.OVERDUE, AlertLevel.VIOLATION}
# Manual-review prompts a clean history raises too — by design, not defects of the demo.
REVIEW_PROMPTS = {
    "ap.transfer_crime": "an administrative case from an incident the call-taker classed 刑事 (a theft below "
    "the criminal threshold): lawful when the act is not serious enough for a criminal penalty, which only "
    "the legal officer can judge (公安刑事规定 Art. 177)",
    "intake.public_order_incident_not_accepted": "a 治安 incident closed as not a police matter or invalid: "
    "有案不立 cannot be proven from the records, the legal officer reads the reasons",
    "ps.case_time_limit": "an administrative case accepted in 2025 and decided in 2026 straddles the change of "
    "the 治安管理处罚法: the catalogue routes it to manual review (rules.md Open questions 1)",
}

# Rules that went live on 2026-11-22 when other apps registered their events (documents served, detention
# family notices, reviews), for which the generator records nothing yet: every decided case lacks them. Not
# unavoidable — the generator must record these steps (docs/demo.md); until it does, the full converse is a
# strict xfail (it fails loudly once the generator is fixed) and the check below it excludes only these.
DEMO_LACKS = {
    "ps.decision_delivery": "no document.served of the penalty decision to the offender",
    "pa.delivery_of_decisions": "no document.served of other decisions (no-penalty, termination)",
    "pa.victim_copy_2d": "no document.served of the decision's copy to the victim",
    "intake.no_filing_notice_3d": "no document.served of the 不予立案通知书 to the complainant",
    "pa.detention_family_notice": "no family notice after 行政拘留 (detention.family_notified)",
    "rv.police_admin_review_all_cases": "no review.completed (审核审批) before the decision (approvals app)",
}


@pytest.fixture(scope="module")
def swept(django_db_setup, django_db_blocker):
    """The demo bureau, generated as `lawtrail demo` does, then swept twice at the anchor."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as mp,
    ):
        with override_settings(SUPERVISION_INCREMENTAL=False):
            generate(scale=SCALE, seed=SEED, anchor=ANCHOR)
        mp.setattr(clock, "now", lambda: END)
        out = io.StringIO()
        call_command("supervise", "--json", stdout=out)
        first = json.loads(out.getvalue())
        out = io.StringIO()
        call_command("supervise", "--json", stdout=out)
        yield first, json.loads(out.getvalue())
        transaction.set_rollback(True)


def planted() -> dict[tuple[str, str], set[str]]:
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject_type, key, kind in PlantedDefect.objects.values_list("subject_type", "subject_key", "kind"):
        kinds[(subject_type, key)].add(kind)
    return kinds


def alerted() -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject_type, key, family in Alert.objects.values_list("subject_type", "subject_key", "family"):
        found[(subject_type, key)].add(family)
    return found


def explained_by_plant(alert: Alert, kinds: dict[tuple[str, str], set[str]]) -> bool:
    return any(alert.family in RULES_FOR[k] for k in kinds.get((alert.subject_type, alert.subject_key), ()))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(DefectKind))
def test_every_planted_defect_of_the_kind_has_a_matching_alert(swept, kind):
    """Given the swept demo bureau, then every defect of this kind has an alert of a matching rule family
    on its case or incident."""
    found = alerted()
    defects = list(PlantedDefect.objects.filter(kind=kind))
    missed = [d.subject_key for d in defects if not found[(d.subject_type, d.subject_key)] & RULES_FOR[kind]]
    assert defects
    assert missed == []


def stray_findings() -> list[tuple[str, str, str]]:
    kinds = planted()
    findings = Alert.objects.filter(level__in=FINDINGS)
    assert findings.exists()
    return [(a.family, a.level, a.subject_key) for a in findings if not explained_by_plant(a, kinds)]


@pytest.mark.django_db
def test_every_finding_outside_the_steps_the_demo_lacks_is_a_planted_defect(swept):
    """Given the swept demo bureau, then every alert at level overdue or violation is on a planted case or
    incident, of a rule family that finds the kind planted there — except those of DEMO_LACKS."""
    assert [s for s in stray_findings() if s[0] not in DEMO_LACKS] == []


@pytest.mark.django_db
@pytest.mark.xfail(strict=True, reason="the generator does not record yet: " + "; ".join(DEMO_LACKS.values()))
def test_every_finding_is_a_planted_defect(swept):
    """Given the swept demo bureau, then every alert at level overdue or violation is on a planted case or
    incident, of a rule family that finds the kind planted there — the history is otherwise clean."""
    assert stray_findings() == []


@pytest.mark.django_db
def test_manual_review_prompts_are_planted_or_of_the_listed_families(swept):
    """Given the swept demo bureau, then each manual-review alert is either on a planted subject of a
    matching family or of a family that prompts a legal officer on clean histories too (REVIEW_PROMPTS)."""
    kinds = planted()
    reviews = Alert.objects.filter(level=AlertLevel.MANUAL_REVIEW)
    stray = [
        (a.family, a.subject_key)
        for a in reviews
        if a.family not in REVIEW_PROMPTS and not explained_by_plant(a, kinds)
    ]
    assert stray == []


@pytest.mark.django_db
def test_the_year_straddles_the_change_of_law_and_such_cases_go_to_manual_review(swept):
    """Given the swept demo bureau (a year up to 2026-11-22), then some administrative case accepted in 2025
    is routed to manual review under ps.case_time_limit.v2012 (the 2026-01-01 change of law)."""
    straddling = Alert.objects.filter(
        family="ps.case_time_limit", level=AlertLevel.MANUAL_REVIEW, rule_id="ps.case_time_limit.v2012"
    )
    assert straddling.exists()


@pytest.mark.django_db
def test_a_second_sweep_on_the_demo_bureau_changes_nothing(swept):
    """Given the swept demo bureau, when it is swept again at the same moment, then nothing changes."""
    first, second = swept
    assert first["counts"]["cases"] > 0
    assert (second["counts"]["opened"], second["counts"]["updated"], second["counts"]["resolved"]) == (
        0,
        0,
        0,
    )
