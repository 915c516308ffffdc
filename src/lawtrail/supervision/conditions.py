"""The condition vocabulary of the rule catalogue: the models conditions are written in, and how they are
read against a fact of a timeline.

Condition vocabulary. A `Condition` reads one field and compares it:

* fields: `payload.<path>` (the event's payload), `subject.<name>` (the attributes of the case or incident
  the facts belong to: `kind`, `offence`, `offence_law`, `procedure`, `category`, `source` …),
  `context.<name>` (what the fact builder looked up for the event, e.g. `officer_is_auxiliary`),
  `event.date` (the day the event happened, Asia/Shanghai, "YYYY-MM-DD") and `setting.<name>` (a setting);
* operators: `eq`, `ne`, `in`, `not_in` (a list; `null` in the list matches an absent field; an empty
  string counts as absent), `present`,
  `absent`, `gt`, `gte`, `lt`, `lte` (numbers, or ISO dates against a date string), `startswith`;
* a value may be `{setting: NAME}`: the value of that setting (supervision/settings.py);
* `{any: [conditions]}` holds when one of them holds, `{all: [conditions]}` when every one does;
* `{fact: EVENT, where: [conditions], exists: true|false}` holds when the timeline does (not) contain such
  an event — e.g. "the case has a victim".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lawtrail.supervision.periods import LEGAL_TZ
from lawtrail.supervision.settings import SupervisionSettings

if TYPE_CHECKING:
    from lawtrail.supervision.facts import Fact
    from lawtrail.supervision.loader import Catalogue

FIELD_PATH = re.compile(r"^(payload|subject|context|setting|event)\.[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    PRESENT = "present"
    ABSENT = "absent"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    STARTSWITH = "startswith"


class SettingRef(Strict):
    setting: str


class Condition(Strict):
    field: str
    op: Op
    value: SettingRef | list[Any] | bool | int | float | str | None = None

    @field_validator("field")
    @classmethod
    def known_root(cls, v: str) -> str:
        if not FIELD_PATH.match(v):
            raise ValueError(
                "field must be payload.<path>, subject.<name>, context.<name>, event.date or setting.<name>"
            )
        return v

    @model_validator(mode="after")
    def value_fits_op(self) -> Condition:
        v = self.value
        if isinstance(v, SettingRef):
            return self
        if self.op in (Op.PRESENT, Op.ABSENT):
            if v is not None:
                raise ValueError(f"{self.op} takes no value")
        elif self.op in (Op.IN, Op.NOT_IN):
            if not isinstance(v, list) or not v:
                raise ValueError(f"{self.op} needs a non-empty list (or {{setting: NAME}})")
        elif self.op in (Op.GT, Op.GTE, Op.LT, Op.LTE):
            if isinstance(v, str):
                date.fromisoformat(v)
            elif not isinstance(v, int | float) or isinstance(v, bool):
                raise ValueError(f"{self.op} needs a number or an ISO date (or {{setting: NAME}})")
        elif v is None:
            raise ValueError(f"{self.op} needs a value")
        return self


class AnyOf(Strict):
    any: list[ConditionItem] = Field(min_length=2)


class AllOf(Strict):
    all: list[ConditionItem] = Field(min_length=2)


class FactExists(Strict):
    fact: str
    where: list[ConditionItem] = []
    exists: bool = True


ConditionItem = Annotated[Condition | AnyOf | AllOf | FactExists, Field(union_mode="left_to_right")]
AnyOf.model_rebuild()
AllOf.model_rebuild()
FactExists.model_rebuild()


def walk(items: Iterable[ConditionItem]) -> Iterable[ConditionItem]:
    """Every condition, nested ones included."""
    for item in items:
        yield item
        if isinstance(item, AnyOf):
            yield from walk(item.any)
        elif isinstance(item, AllOf):
            yield from walk(item.all)
        elif isinstance(item, FactExists):
            yield from walk(item.where)


def legal_day(moment: datetime) -> date:
    """The day a moment falls on in the legal time zone (Asia/Shanghai)."""
    return moment.astimezone(LEGAL_TZ).date()


_MISSING = object()


def resolve_field(
    path: str, fact: Fact | None, subject: Mapping[str, Any], settings: SupervisionSettings | None = None
) -> Any:
    root, _, rest = path.partition(".")
    source: Any
    if root == "subject":
        source = subject
    elif root == "setting":
        return settings.get(rest) if settings is not None else _MISSING
    elif fact is None:
        return _MISSING
    elif root == "event":
        return legal_day(fact.occurred_at).isoformat() if rest == "date" else _MISSING
    else:
        source = fact.payload if root == "payload" else fact.context
    for part in rest.split("."):
        if isinstance(source, Mapping) and part in source:
            source = source[part]
        else:
            return _MISSING
    return _MISSING if source is None or source == "" else source


def target_value(condition: Condition, settings: SupervisionSettings) -> Any:
    value = condition.value
    return settings.get(value.setting) if isinstance(value, SettingRef) else value


def holds(
    item: ConditionItem,
    fact: Fact | None,
    subject: Mapping[str, Any],
    facts: Sequence[Fact],
    settings: SupervisionSettings,
) -> bool:
    """Whether a condition of the catalogue's vocabulary (rules.py) holds for `fact` in this timeline."""
    if isinstance(item, AnyOf):
        return any(holds(c, fact, subject, facts, settings) for c in item.any)
    if isinstance(item, AllOf):
        return all(holds(c, fact, subject, facts, settings) for c in item.all)
    if isinstance(item, FactExists):
        found = any(
            f.name == item.fact and all(holds(c, f, subject, facts, settings) for c in item.where)
            for f in facts
        )
        return found == item.exists
    value = resolve_field(item.field, fact, subject, settings)
    target = target_value(item, settings)
    present = value is not _MISSING
    match item.op:
        case Op.PRESENT:
            return present
        case Op.ABSENT:
            return not present
        case Op.EQ:
            return present and value == target
        case Op.NE:
            return not present or value != target
        case Op.IN:
            return (value in target) if present else (None in target)
        case Op.NOT_IN:
            return (value not in target) if present else (None not in target)
        case Op.STARTSWITH:
            return present and isinstance(value, str) and value.startswith(str(target))
    if isinstance(target, str):
        if not present or not isinstance(value, str):
            return False
    elif not present or isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return {Op.GT: value > target, Op.GTE: value >= target, Op.LT: value < target, Op.LTE: value <= target}[
        item.op
    ]


def describe(item: ConditionItem, catalogue: Catalogue | None = None) -> str:
    """A condition in words, for explanations and docs/rules.md."""
    if isinstance(item, AnyOf):
        return "（" + " 或 ".join(describe(c, catalogue) for c in item.any) + "）"
    if isinstance(item, AllOf):
        return "（" + " 且 ".join(describe(c, catalogue) for c in item.all) + "）"
    if isinstance(item, FactExists):
        label = catalogue.label(item.fact) if catalogue else item.fact
        where = f"（{'，'.join(describe(c, catalogue) for c in item.where)}）" if item.where else ""
        return f"{'有' if item.exists else '没有'}「{label}」事件{where}"
    value = item.value
    shown = f"设置 {value.setting}" if isinstance(value, SettingRef) else value
    if isinstance(shown, bool):
        shown = "是" if shown else "否"
    if isinstance(shown, list):
        shown = "、".join("（空）" if v is None else str(v) for v in shown)
    words = {
        Op.EQ: "=",
        Op.NE: "≠",
        Op.IN: "属于",
        Op.NOT_IN: "不属于",
        Op.PRESENT: "已填写",
        Op.ABSENT: "未填写",
        Op.GT: ">",
        Op.GTE: "≥",
        Op.LT: "<",
        Op.LTE: "≤",
        Op.STARTSWITH: "以…开头：",
    }[item.op]
    return f"{item.field} {words}{'' if item.op in (Op.PRESENT, Op.ABSENT) else ' ' + str(shown)}"
