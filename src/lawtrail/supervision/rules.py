"""The rule catalogue's schema: every legal time limit and mandatory step as a typed, versioned object.

The rules themselves are data — YAML files in `supervision/catalogue/`, one per section of the legal
rule catalogue (shared/law/rules.md) — validated here on load by pydantic models. A file that does not
validate stops the load with a message naming the file, the rule id and the field (`CatalogueError`):
a typo in a rule must never turn into a check silently skipped.

A rule says (docs/rules.md has the reference, generated from this catalogue):

* **what it applies to** (`applies_to`): the subject whose events start it (case, incident, measure …),
  the case kind, the offences, the procedure, and conditions in a small closed vocabulary (`Condition`);
* **its kind**: `deadline` (an act must follow its start within a limit), `step` (a required step must
  precede an act) or `prohibition` (an act that must not happen, or not before a waiting period ends);
* **when it starts** (`start`), **its limit** (amount and unit: hours, calendar days, working days,
  months, years — counted by `supervision.periods`), **what satisfies it**, **what extends it** (with
  who approves, how much, how many times), **what suspends and resumes it** (鉴定, 听证 …),
  **what makes it moot** (`cancelled_by`) and **what restarts it**;
* its **warning levels** before the limit (蓝/黄/橙/红), **severity**, **citations** (law, version,
  article, the quoted clause, and how the clause was verified), **effective dates**, and its **status**
  in lawtrail: `live`, `waiting` (for the events a named later issue adds) or `not_applicable` (why);
* **worked examples** — events, a moment, the expected state and due time — that run as tests.

Versions of one rule share a family id and differ by a `.vNNNN` suffix (`ps.case_time_limit.v2012`,
`ps.case_time_limit.v2026`); their effective windows must not overlap. Which version applies to a case
is the engine's business (`supervision.engine`).

The condition vocabulary is in `supervision/conditions.py`; loading and cross-checking the files is
`supervision/loader.py`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from lawtrail.supervision.conditions import (
    FIELD_PATH,
    Condition,
    ConditionItem,
    FactExists,
    SettingRef,
    Strict,
    walk,
)
from lawtrail.supervision.periods import LEGAL_TZ, PeriodUnit

RULE_ID = re.compile(r"^[a-z]+(?:\.[a-z0-9_]+)+$")
VERSION_SUFFIX = re.compile(r"^(?P<family>.+)\.(?P<version>v\d{4})$")
EVENT_NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")


# --- vocabularies -------------------------------------------------------------------------------------


class Verified(StrEnum):
    """How the quoted clause was verified (rules.md, "How to read this catalogue")."""

    YES = "yes"
    SECONDARY = "yes (secondary)"
    UNVERIFIED = "UNVERIFIED"


class Kind(StrEnum):
    DEADLINE = "deadline"
    STEP = "step"
    PROHIBITION = "prohibition"


class SubjectType(StrEnum):
    """The kind of thing whose events start a rule. `period` marks the counting rules of rules.md §1,
    which apply to every limit through the period arithmetic and never to a case on their own."""

    CASE = "case"
    INCIDENT = "incident"
    MEASURE = "measure"
    INTERVIEW = "interview"
    PROPERTY = "property"
    APPRAISAL = "appraisal"
    DOCUMENT = "document"
    HEARING = "hearing"
    DETENTION = "detention"
    FINE = "fine"
    PUBLICATION = "publication"
    INFO_REQUEST = "info_request"
    PROCEEDING = "proceeding"
    PERIOD = "period"


class Status(StrEnum):
    LIVE = "live"
    WAITING = "waiting"
    NOT_APPLICABLE = "not_applicable"


class Issue(StrEnum):
    """Where the events a rule needs come from: the foundation (events that exist now) or a later issue."""

    FOUNDATION = "foundation"
    MEASURES = "issue-4"
    REVIEW = "issue-5"
    OPENNESS = "openness"
    LEGAL_AFFAIRS = "legal-affairs"

    @property
    def label(self) -> str:
        return ISSUE_LABELS[self]


ISSUE_LABELS = {
    Issue.FOUNDATION: "foundation (events recorded now)",
    Issue.MEASURES: "issue 4 (measures, interviews, property, evidence, documents and service, execution)",
    Issue.REVIEW: "issue 5 (approvals and extensions, legal review, collective discussion, hearings, qualification)",
    Issue.OPENNESS: "openness (publication, information requests)",
    Issue.LEGAL_AFFAIRS: "legal affairs (reconsideration, litigation, complaints, court enforcement)",
}
ISSUE_ORDER = list(Issue)


class Severity(StrEnum):
    """critical: liberty or a blocking legal bar; major: a statutory limit or step of the police;
    minor: a formality or a target; info: another authority's or a party's period (monitored only)."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"


class Level(StrEnum):
    """Warning levels before a limit (预警等级), least to most urgent."""

    BLUE = "blue"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"

    @property
    def label(self) -> str:
        return {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}[self.value]


LEVEL_ORDER = list(Level)


class OnLawChange(StrEnum):
    """What to do with a period that runs across the date a new version of the law takes effect."""

    ACT_DATE = "act_date"  # the version in force on the date of the act that started it, throughout
    MANUAL_REVIEW = "manual_review"  # rules.md Open questions 1: route the case to manual review


# --- the parts of a rule ------------------------------------------------------------------------------


class Citation(Strict):
    law: str = Field(min_length=2)
    version: str = Field(min_length=1)
    article: str = Field(min_length=1)
    clause: str = Field(min_length=1, description="the key clause, quoted in Chinese (「…」), or a summary")
    verified: Verified

    def text(self) -> str:
        return f"《{self.law}》（{self.version}）{self.article}"


class AppliesTo(Strict):
    subject: SubjectType
    case_kind: Literal["admin", "criminal"] | None = None
    offences: list[str] = []
    procedure: Literal["general", "summary"] | None = None
    conditions: list[ConditionItem] = []
    text: str = Field(min_length=2, description="what the rule applies to, in Chinese")

    @field_validator("offences")
    @classmethod
    def offence_patterns(cls, v: list[str]) -> list[str]:
        for code in v:
            if not re.match(r"^(ps|cr)\.([a-z0-9_]+|\*)$", code):
                raise ValueError(f"offence {code!r}: a code (ps.assault) or a prefix pattern (ps.*)")
        return v


class Trigger(Strict):
    """The event (any of `events`) that starts a rule, with conditions on it. `pick`: the first such
    event, the last, or each (one result per event, e.g. per detention). `time`: compare the event's
    `occurred` moment (default) or when it was `recorded`."""

    events: list[str] = Field(min_length=1)
    where: list[ConditionItem] = []
    pick: Literal["first", "last", "each"] = "first"
    time: Literal["occurred", "recorded"] = "occurred"

    @model_validator(mode="before")
    @classmethod
    def single_event(cls, data: Any) -> Any:
        if isinstance(data, dict) and "event" in data:
            data = dict(data)
            if "events" in data:
                raise ValueError("give event or events, not both")
            data["events"] = [data.pop("event")]
        return data


class Match(Strict):
    """An event that satisfies, cancels, restarts or violates a rule: its name and conditions on it.
    `time: recorded` compares when the event was recorded (and then it may precede the start);
    `case_level: true` lets an event of the case count for a rule that pairs events by subject (the
    transfer for prosecution ends an arrest's custody clock)."""

    event: str
    where: list[ConditionItem] = []
    time: Literal["occurred", "recorded"] = "occurred"
    case_level: bool = False

    @model_validator(mode="before")
    @classmethod
    def bare_name(cls, data: Any) -> Any:
        return {"event": data} if isinstance(data, str) else data


class Limit(Strict):
    """The limit. `amount_setting` / `unit_setting`: the amount or unit is a setting (the values here are
    its documented defaults); `amount_from`: the amount is a number in the start event's payload (e.g. the
    days of a detention), less `minus_from` if given."""

    amount: int = Field(ge=0)
    unit: PeriodUnit
    amount_setting: str | None = None
    unit_setting: str | None = None
    amount_from: str | None = None
    minus_from: str | None = None

    @field_validator("amount_from", "minus_from")
    @classmethod
    def payload_path(cls, v: str | None) -> str | None:
        if v is not None and not FIELD_PATH.match(v):
            raise ValueError("must be a field path such as payload.days")
        return v


class ExtendedBy(Strict):
    """An approved extension. `amount` `unit` is added to the running limit, or, with `total: true`, the
    limit becomes `amount` `unit` counted from the start (a tier: 8 h → 24 h). `amount_from` takes the
    amount from the event's payload, capped at `max_amount`. At most `max_times` extensions count; one
    approved after the limit it extends had expired does not count when `before_expiry`."""

    event: str
    where: list[ConditionItem] = []
    approver: str = Field(min_length=2, description="who must approve, in Chinese")
    amount: int = Field(ge=0)
    unit: PeriodUnit
    total: bool = False
    amount_from: str | None = None
    max_amount: int | None = None
    max_times: int | None = Field(None, ge=1)
    before_expiry: bool = True
    reason: str = Field(min_length=2)


class PausedBy(Strict):
    """An excluded period: from `pause` to the next `resume` (of the same key when both have one).
    `correlate` pairs the pause with the rule's start as the rule does (`rule`), or by person (`party`:
    the sobering-up restraint of the person being questioned), or not at all (`none`)."""

    pause: Match
    resume: Match
    reason: str = Field(min_length=2)
    correlate: Literal["rule", "party", "none"] = "rule"


class WarnBefore(Strict):
    level: Level
    amount: int = Field(gt=0)
    unit: Literal["hours", "days"]

    def delta(self) -> timedelta:
        return timedelta(hours=self.amount) if self.unit == "hours" else timedelta(days=self.amount)


class Waiting(Strict):
    issue: Issue
    events: list[str] = Field(min_length=1)
    note: str = ""


class ExampleEvent(Strict):
    name: str
    at: datetime
    recorded_at: datetime | None = None
    payload: dict[str, Any] = {}
    context: dict[str, Any] = {}
    key: str = ""

    @field_validator("at", "recorded_at", mode="before")
    @classmethod
    def local_time(cls, v: Any) -> Any:
        return parse_local(v) if v is not None else None


class Expect(Strict):
    state: str
    due: datetime | None = None
    level: Level | None = None
    rule: str | None = Field(
        None, description="the version the engine must pick, when the example is about it"
    )

    @field_validator("due", mode="before")
    @classmethod
    def local_time(cls, v: Any) -> Any:
        return parse_local(v) if v is not None else None


class Example(Strict):
    title: str = Field(min_length=2)
    subject: dict[str, Any] = {}
    events: list[ExampleEvent] = []
    as_of: datetime
    settings: dict[str, Any] = {}
    in_custody: bool | None = None
    expect: Expect

    @field_validator("as_of", mode="before")
    @classmethod
    def local_time(cls, v: Any) -> Any:
        return parse_local(v)


class Rule(Strict):
    id: str
    title: str = Field(min_length=2)
    requirement: str = Field(min_length=2, description="the deadline or requirement, in Chinese")
    rows: list[str] = Field(default_factory=list, description="rules.md rows this rule implements")
    citations: list[Citation] = Field(min_length=1)
    applies_to: AppliesTo
    kind: Kind
    start: Trigger
    limit: Limit | None = None
    satisfied_by: list[Match] = []
    violated_by: list[Match] = []
    cancelled_by: list[Match] = []
    restarted_by: list[Match] = []
    extended_by: list[ExtendedBy] = []
    paused_by: list[PausedBy] = []
    correlate: Literal["none", "subject", "party"] = "none"
    # A rule of the bureau or the province (本局/地方制度), not a row of rules.md: its source is cited
    # (a bureau report, a local regulation), its limit is a setting, and it implements no rules.md row.
    local: bool = False
    allow_on_last_day: bool = False
    holiday_rollover: bool = True
    in_custody: bool = False
    warn_before: list[WarnBefore] | None = None
    severity: Severity
    on_breach: Literal["violated", "manual_review"] = "violated"
    on_law_change: OnLawChange = OnLawChange.ACT_DATE
    advisory_setting: str | None = None
    gate: str | None = None
    effective_from: date
    effective_to: date | None = None
    status: Status
    waiting: Waiting | None = None
    not_applicable_because: str | None = None
    notes: str = ""
    examples: list[Example] = []

    @field_validator("id")
    @classmethod
    def stable_id(cls, v: str) -> str:
        if not RULE_ID.match(v):
            raise ValueError("a rule id is dotted lower-case: section.name[.vNNNN]")
        return v

    @model_validator(mode="after")
    def consistent(self) -> Rule:
        if self.kind is Kind.DEADLINE and (self.limit is None or not self.satisfied_by):
            raise ValueError("a deadline needs a limit and satisfied_by")
        if self.kind is Kind.STEP and not self.satisfied_by:
            raise ValueError("a step needs satisfied_by (the required step)")
        if self.kind is Kind.PROHIBITION and self.limit is not None and not self.violated_by:
            raise ValueError("a prohibition with a limit (a waiting period) needs violated_by")
        if self.status is Status.WAITING and self.waiting is None:
            raise ValueError("status waiting needs waiting: {issue, events}")
        if self.status is not Status.WAITING and self.waiting is not None:
            raise ValueError("waiting is only for status waiting")
        if (self.status is Status.NOT_APPLICABLE) != bool(self.not_applicable_because):
            raise ValueError("not_applicable_because is required for, and only for, status not_applicable")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        unverified = any(c.verified is Verified.UNVERIFIED for c in self.citations)
        if unverified and self.gate is None and self.status is not Status.NOT_APPLICABLE:
            raise ValueError("a rule resting on an UNVERIFIED source must be gated by a setting (gate)")
        return self

    # --- derived --------------------------------------------------------------------------------------

    @property
    def family(self) -> str:
        m = VERSION_SUFFIX.match(self.id)
        return m["family"] if m else self.id

    @property
    def version(self) -> str | None:
        m = VERSION_SUFFIX.match(self.id)
        return m["version"] if m else None

    @property
    def implements(self) -> list[str]:
        """The rules.md rows this rule implements (its own id unless `rows` says otherwise; none for a
        `local` rule, which is not in rules.md)."""
        if self.local:
            return list(self.rows)
        return self.rows or [self.id]

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def window(self) -> str:
        if self.effective_to is None:
            return f"{self.effective_from.isoformat()}起"
        return f"{self.effective_from.isoformat()}至{self.effective_to.isoformat()}"

    def citation_text(self) -> str:
        return "；".join(c.text() for c in self.citations)

    def events_used(self) -> set[str]:
        names = set(self.start.events)
        for m in (*self.satisfied_by, *self.violated_by, *self.cancelled_by, *self.restarted_by):
            names.add(m.event)
        for e in self.extended_by:
            names.add(e.event)
        for p in self.paused_by:
            names.update((p.pause.event, p.resume.event))
        for item in self._conditions():
            if isinstance(item, FactExists):
                names.add(item.fact)
        return names

    def _conditions(self) -> list[ConditionItem]:
        items: list[ConditionItem] = [*self.applies_to.conditions, *self.start.where]
        for m in (*self.satisfied_by, *self.violated_by, *self.cancelled_by, *self.restarted_by):
            items.extend(m.where)
        for e in self.extended_by:
            items.extend(e.where)
        for p in self.paused_by:
            items.extend((*p.pause.where, *p.resume.where))
        return list(walk(items))

    def core_events(self) -> set[str]:
        """The events without which the rule cannot run at all: its start, what satisfies or violates it,
        and the events its applicability depends on."""
        names = set(self.start.events)
        names.update(m.event for m in (*self.satisfied_by, *self.violated_by))
        for item in walk([*self.applies_to.conditions, *self.start.where]):
            if isinstance(item, FactExists):
                names.add(item.fact)
        return names

    def settings_used(self) -> set[str]:
        names = {n for n in (self.gate, self.advisory_setting) if n and n != "unverified"}
        if self.limit:
            names.update(n for n in (self.limit.amount_setting, self.limit.unit_setting) if n)
        for item in self._conditions():
            if isinstance(item, Condition):
                if isinstance(item.value, SettingRef):
                    names.add(item.value.setting)
                if item.field.startswith("setting."):
                    names.add(item.field.split(".", 1)[1])
        return names


class EventSpec(Strict):
    """An event name the catalogue uses: one that exists (`issue: foundation`) or one a later issue adds."""

    name: str
    label: str = Field(min_length=1)
    issue: Issue
    payload: dict[str, str] = {}
    note: str = ""

    @field_validator("name")
    @classmethod
    def dotted(cls, v: str) -> str:
        if not EVENT_NAME.match(v):
            raise ValueError("event names are subject.past_tense_verb")
        return v


class RowState(StrEnum):
    COVERED = "covered"
    WAITING = "waiting"
    NOT_APPLICABLE = "not_applicable"


class RowMapping(Strict):
    """What lawtrail does with a rules.md row that is not itself a rule of the catalogue."""

    state: RowState
    by: list[str] = []
    issue: Issue | None = None
    events: list[str] = []
    why: str = Field(min_length=2)

    @model_validator(mode="after")
    def consistent(self) -> RowMapping:
        if self.state is RowState.WAITING and (self.issue is None or not self.events):
            raise ValueError("a waiting row names the issue and the events it waits for")
        return self


# --- time helpers ---------------------------------------------------------------------------------------


def parse_local(value: Any) -> datetime:
    """A moment written in Asia/Shanghai: "2026-03-01 10:20", "2026-02-04 24:00" (00:00 of the next day),
    a date alone (00:00), or an aware ISO string/datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LEGAL_TZ)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=LEGAL_TZ)
    if not isinstance(value, str):
        raise ValueError(f"not a moment: {value!r}")
    text = value.strip().replace("T", " ")
    if text.endswith(" 24:00"):
        day = date.fromisoformat(text[:-6])
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LEGAL_TZ)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a moment (YYYY-MM-DD HH:MM, Asia/Shanghai): {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LEGAL_TZ)
