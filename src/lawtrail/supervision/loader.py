"""Loading the rule catalogue: the YAML files of `supervision/catalogue/`, validated by the models of
`supervision/rules.py` and cross-checked against each other, the settings and the event vocabulary.

Loading fails loudly — `CatalogueError` names the file, the rule id and the field — so that a mistake in
a rule can never become a check silently skipped. The cross-checks: every event a rule uses is declared
in `_events.yaml`; every setting it uses exists; a live rule starts and is satisfied by events that exist
now, and a waiting rule names the later issue its events come from; every rule has a worked example; the
versions of one rule do not overlap; `_rows.yaml` maps only rows that no rule implements.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lawtrail.supervision.rules import ISSUE_ORDER, EventSpec, Example, Issue, RowMapping, Rule, Status

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
EVENTS_FILE = "_events.yaml"
ROWS_FILE = "_rows.yaml"


class CatalogueError(Exception):
    """The catalogue does not load: the message names the file, the rule id and the field."""


@dataclass(frozen=True)
class Catalogue:
    rules: Mapping[str, Rule]
    events: Mapping[str, EventSpec]
    rows: Mapping[str, RowMapping]
    files: Mapping[str, str] = field(default_factory=dict)  # rule id → file name

    @cached_property
    def families(self) -> dict[str, list[Rule]]:
        """Versions of each rule, oldest first. Computed once per catalogue (the engine asks per rule and
        per event: supervision.runtime evaluates every applicable rule after each event)."""
        out: dict[str, list[Rule]] = {}
        for rule in self.rules.values():
            out.setdefault(rule.family, []).append(rule)
        for versions in out.values():
            versions.sort(key=lambda r: r.effective_from)
        return out

    def versions(self, family: str) -> list[Rule]:
        return self.families.get(family, [])

    def get(self, rule_or_family: str) -> Rule:
        """A rule by id, or by family id (then the newest version)."""
        if rule_or_family in self.rules:
            return self.rules[rule_or_family]
        versions = self.versions(rule_or_family)
        if versions:
            return versions[-1]
        raise KeyError(rule_or_family)

    def label(self, event: str) -> str:
        spec = self.events.get(event)
        return spec.label if spec else event


def _error(file: str, rule_id: str, error: ValidationError) -> CatalogueError:
    lines = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "(rule)"
        lines.append(f"{file}: rule {rule_id}: field {where}: {problem['msg']}")
    return CatalogueError("\n".join(lines))


class _Loader(yaml.SafeLoader):
    """YAML with only `true` / `false` as booleans: `verified: yes` stays the string "yes" (YAML 1.1 would
    read yes/no/on/off as booleans)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        raise CatalogueError(f"{path.name}: not valid YAML: {error}") from None


def load_rules_file(path: Path) -> list[Rule]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogueError(f"{path.name}: expected a mapping with a list under 'rules'")
    unknown = set(data) - {"section", "title", "rules"}
    if unknown:
        raise CatalogueError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    rules = []
    for index, raw in enumerate(data["rules"]):
        rule_id = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
        try:
            rules.append(Rule.model_validate(raw))
        except ValidationError as error:
            raise _error(path.name, rule_id, error) from None
    return rules


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load and cross-check every file of the catalogue; raises CatalogueError on the first problem."""
    directory = directory or CATALOGUE_DIR
    events: dict[str, EventSpec] = {}
    for raw in _read_yaml(directory / EVENTS_FILE)["events"]:
        try:
            spec = EventSpec.model_validate(raw)
        except ValidationError as error:
            raise _error(EVENTS_FILE, raw.get("name", "?"), error) from None
        if spec.name in events:
            raise CatalogueError(f"{EVENTS_FILE}: event {spec.name} declared twice")
        events[spec.name] = spec
    rows: dict[str, RowMapping] = {}
    for row_id, raw in (_read_yaml(directory / ROWS_FILE)["rows"] or {}).items():
        try:
            rows[row_id] = RowMapping.model_validate(raw)
        except ValidationError as error:
            raise _error(ROWS_FILE, row_id, error) from None
    rules: dict[str, Rule] = {}
    files: dict[str, str] = {}
    for path in sorted(directory.glob("[0-9]*.yaml")):
        for rule in load_rules_file(path):
            if rule.id in rules:
                raise CatalogueError(
                    f"{path.name}: rule {rule.id}: field id: also defined in {files[rule.id]}"
                )
            rules[rule.id] = rule
            files[rule.id] = path.name
    catalogue = Catalogue(rules=rules, events=events, rows=rows, files=files)
    _cross_check(catalogue)
    return catalogue


def _cross_check(catalogue: Catalogue) -> None:
    from lawtrail.supervision.settings import SETTINGS

    for rule in catalogue.rules.values():
        where = f"{catalogue.files[rule.id]}: rule {rule.id}"
        for name in sorted(rule.events_used()):
            if name not in catalogue.events:
                raise CatalogueError(f"{where}: field events: event {name} is not declared in {EVENTS_FILE}")
        for name in sorted(rule.settings_used()):
            if name not in SETTINGS:
                raise CatalogueError(f"{where}: field settings: setting {name} does not exist")
        if rule.gate and rule.gate != "unverified" and SETTINGS[rule.gate].kind != "bool":
            raise CatalogueError(f"{where}: field gate: setting {rule.gate} is not a yes/no setting")
        needed = {catalogue.events[n].issue for n in rule.core_events()}
        later = sorted((i for i in needed if i is not Issue.FOUNDATION), key=ISSUE_ORDER.index)
        if rule.status is Status.LIVE and later:
            raise CatalogueError(
                f"{where}: field status: live, but it starts or is satisfied by events of {later[-1]}"
            )
        if rule.status is Status.WAITING:
            assert rule.waiting is not None
            if not later:
                raise CatalogueError(f"{where}: field status: waiting, but all its core events exist")
            if rule.waiting.issue != later[-1]:
                raise CatalogueError(f"{where}: field waiting.issue: its core events come with {later[-1]}")
            missing = {n for n in rule.core_events() if catalogue.events[n].issue is not Issue.FOUNDATION}
            if not missing <= set(rule.waiting.events):
                raise CatalogueError(f"{where}: field waiting.events: also waits for {sorted(missing)}")
        if not rule.examples:
            raise CatalogueError(f"{where}: field examples: every rule needs at least one worked example")
        for index, example in enumerate(rule.examples):
            for event in example.events:
                if event.name not in catalogue.events:
                    raise CatalogueError(
                        f"{where}: field examples.{index}.events: event {event.name} is not declared"
                    )
            for name in example.settings:
                if name not in SETTINGS:
                    raise CatalogueError(f"{where}: field examples.{index}.settings: no setting {name}")
    for family, versions in catalogue.families.items():
        for earlier, later in itertools.pairwise(versions):
            if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
                raise CatalogueError(
                    f"{catalogue.files[later.id]}: rule {later.id}: field effective_from: overlaps {earlier.id}"
                )
        if len(versions) > 1 and any(v.version is None for v in versions):
            raise CatalogueError(f"rule family {family}: every version needs a .vNNNN suffix")
    for row_id, mapping in catalogue.rows.items():
        for rule_id in mapping.by:
            if rule_id not in catalogue.rules:
                raise CatalogueError(f"{ROWS_FILE}: row {row_id}: field by: no rule {rule_id}")
        for name in mapping.events:
            if name not in catalogue.events:
                raise CatalogueError(f"{ROWS_FILE}: row {row_id}: field events: event {name} is not declared")
        if row_id in catalogue.rules:
            raise CatalogueError(f"{ROWS_FILE}: row {row_id}: is a rule of the catalogue; map it there")


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with lawtrail, loaded once per process."""
    return load_catalogue()


def iter_examples(catalogue: Catalogue) -> Iterable[tuple[Rule, int, Example]]:
    for rule in catalogue.rules.values():
        for index, example in enumerate(rule.examples):
            yield rule, index, example
