"""Build docs/rules.md from the supervision rule catalogue and the legal rule catalogue it must cover.

Reads:

* the legal rule catalogue, ``shared/law/rules.md`` (default: ``../shared/law/rules.md`` from the
  repository root): every table row whose first cell is a rule id. When the file is there, the rows are
  also written to ``src/lawtrail/supervision/catalogue/_rulesmd_rows.json`` — a snapshot, so that the
  documentation and the tests work in a checkout without the shared folder;
* lawtrail's catalogue (``src/lawtrail/supervision/catalogue/*.yaml``) and its settings.

Writes ``docs/rules.md``: a summary; how rules, states, versions and warnings work; the settings with
their defaults; every rule of lawtrail's catalogue (limit, status, citations, worked examples); every row
of rules.md with its state in lawtrail — covered (the rules that carry it), waiting (for which later
issue and events) or not applicable (why); and the events the catalogue waits for.

The script fails with exit status 1 when a rules.md row is neither implemented by a rule nor mapped in
``catalogue/_rows.yaml``. ``--check`` writes nothing and exits 1 if a file is not up to date
(tests/supervision/test_catalogue.py runs the same comparison).

Usage (from the repository root)::

    .venv/bin/python tools/build_rules_doc.py [--check] [--source PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lawtrail.supervision.conditions import describe  # noqa: E402
from lawtrail.supervision.loader import CATALOGUE_DIR, Catalogue, load_catalogue  # noqa: E402
from lawtrail.supervision.periods import format_moment  # noqa: E402
from lawtrail.supervision.rules import ISSUE_ORDER, Issue, Kind, RowState, Rule, Status  # noqa: E402
from lawtrail.supervision.settings import SETTINGS  # noqa: E402

DOC = ROOT / "docs" / "rules.md"
SNAPSHOT = CATALOGUE_DIR / "_rulesmd_rows.json"
DEFAULT_SOURCE = ROOT.parent / "shared" / "law" / "rules.md"
ROW_ID = re.compile(r"^[a-z]+\.[a-z0-9_.]+$")
COLUMNS = ("id", "applies_to", "start", "requirement", "extension", "unit", "source", "clause", "verified")
TIME_UNIT = re.compile(r"hours|days|months|years")


class SourceError(Exception):
    pass


# --- rules.md ----------------------------------------------------------------------------------------


def parse_rules_md(text: str) -> list[dict[str, str]]:
    """Every table row of rules.md whose first cell is a rule id, with its section."""
    rows: list[dict[str, str]] = []
    section, title = "", ""
    for number, line in enumerate(text.splitlines(), start=1):
        heading = re.match(r"^## (\d+)\. (.+)$", line)
        if heading:
            section, title = heading.group(1), heading.group(2).strip()
            continue
        if not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not ROW_ID.match(cells[0]):
            continue
        if len(cells) != len(COLUMNS):
            raise SourceError(f"rules.md line {number}: {len(cells)} cells, expected {len(COLUMNS)}")
        row = dict(zip(COLUMNS, cells, strict=True))
        row["section"], row["section_title"] = section, title
        rows.append(row)
    ids = [r["id"] for r in rows]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    if duplicates:
        raise SourceError(f"rules.md: duplicated row ids {duplicates}")
    return rows


SNAPSHOT_FIELDS = ("id", "section", "section_title", "requirement", "unit", "verified")


def snapshot_text(rows: list[dict[str, str]]) -> str:
    """The rows as the snapshot keeps them: what docs/rules.md and the tests need."""
    kept = [{k: row[k] for k in SNAPSHOT_FIELDS} for row in rows]
    return json.dumps(kept, ensure_ascii=False, indent=1) + "\n"


def load_rows(source: Path | None) -> list[dict[str, str]]:
    if source is not None and source.exists():
        return json.loads(snapshot_text(parse_rules_md(source.read_text(encoding="utf-8"))))
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def is_time_row(row: dict[str, str]) -> bool:
    return bool(TIME_UNIT.search(row["unit"]))


# --- mapping ------------------------------------------------------------------------------------------

STATE_WORD = {"covered": "covered", "waiting": "waiting", "not_applicable": "not applicable"}


def implementers(catalogue: Catalogue) -> dict[str, list[Rule]]:
    out: dict[str, list[Rule]] = {}
    for rule in catalogue.rules.values():
        for row in rule.implements:
            out.setdefault(row, []).append(rule)
    return out


def row_state(row_id: str, catalogue: Catalogue, by_row: dict[str, list[Rule]]) -> dict:
    """The state of a rules.md row in lawtrail: from the rules that implement it, else from _rows.yaml."""
    rules = by_row.get(row_id, [])
    if rules:
        statuses = {r.status for r in rules}
        if Status.LIVE in statuses:
            state = RowState.COVERED
        elif Status.WAITING in statuses:
            state = RowState.WAITING
        else:
            state = RowState.NOT_APPLICABLE
        issues = sorted({r.waiting.issue for r in rules if r.waiting}, key=ISSUE_ORDER.index)
        events = sorted({e for r in rules if r.waiting for e in r.waiting.events})
        why = "；".join(r.not_applicable_because or "" for r in rules if r.not_applicable_because)
        return {
            "state": state,
            "rules": [r.id for r in rules],
            "issues": issues,
            "events": events,
            "why": why,
        }
    mapping = catalogue.rows.get(row_id)
    if mapping is None:
        raise SourceError(f"rules.md row {row_id} is neither implemented by a rule nor mapped in _rows.yaml")
    return {
        "state": mapping.state,
        "rules": list(mapping.by),
        "issues": [mapping.issue] if mapping.issue else [],
        "events": list(mapping.events),
        "why": mapping.why,
    }


# --- rendering ---------------------------------------------------------------------------------------


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def link(rule_id: str) -> str:
    return f"[`{rule_id}`](#{anchor(rule_id)})"


def anchor(rule_id: str) -> str:
    return "rule-" + rule_id.replace(".", "-").replace("_", "-")


def limit_text(rule: Rule) -> str:
    if rule.limit is None:
        return "—"
    text = rule.limit.unit.amount(rule.limit.amount)
    extras = []
    if rule.limit.amount_setting:
        extras.append(f"设置 `{rule.limit.amount_setting}`")
    if rule.limit.unit_setting:
        extras.append(f"单位按设置 `{rule.limit.unit_setting}`")
    if rule.limit.amount_from:
        extras.append(f"取自 `{rule.limit.amount_from}`")
    return text + (f"（{'，'.join(extras)}）" if extras else "")


def status_text(rule: Rule) -> str:
    if rule.status is Status.LIVE:
        return "live" + (f" (gated: `{rule.gate}`)" if rule.gate else "")
    if rule.status is Status.WAITING:
        assert rule.waiting is not None
        return f"waiting — {rule.waiting.issue.value}" + (f" (gated: `{rule.gate}`)" if rule.gate else "")
    return "not applicable"


def events_text(catalogue: Catalogue, names: list[str]) -> str:
    return "、".join(f"{catalogue.label(n)}（`{n}`）" for n in names)


def render_rule(rule: Rule, catalogue: Catalogue) -> list[str]:
    out = [f'<a id="{anchor(rule.id)}"></a>', f"#### `{rule.id}` {rule.title}", ""]
    applies = rule.applies_to
    scope = [applies.text]
    if applies.case_kind:
        scope.append({"admin": "行政案件", "criminal": "刑事案件"}[applies.case_kind])
    if applies.procedure:
        scope.append({"general": "一般程序", "summary": "简易程序"}[applies.procedure])
    if applies.offences:
        scope.append("案由：" + "、".join(f"`{o}`" for o in applies.offences))
    scope.extend(describe(c, catalogue) for c in applies.conditions)
    lines = [
        f"- **要求**：{rule.requirement}",
        f"- **适用**：{'；'.join(scope)}（主体 `{applies.subject.value}`，类型 {rule.kind.value}）",
    ]
    start = events_text(catalogue, rule.start.events)
    if rule.start.where:
        start += "，" + "，".join(describe(c, catalogue) for c in rule.start.where)
    if rule.start.pick == "each":
        start += "（每次分别计算）"
    lines.append(f"- **{'起算' if rule.kind is Kind.DEADLINE else '触发'}**：{start}")
    if rule.limit is not None:
        lines.append(f"- **期限**：{limit_text(rule)}")
    for label, matches in (
        ("满足" if rule.kind is not Kind.STEP else "须先有", rule.satisfied_by),
        ("违反", rule.violated_by),
        ("不再适用", rule.cancelled_by),
        ("重新起算", rule.restarted_by),
    ):
        if matches:
            parts = []
            for m in matches:
                text = f"{catalogue.label(m.event)}（`{m.event}`）"
                if m.where:
                    text += "：" + "，".join(describe(c, catalogue) for c in m.where)
                if m.time == "recorded":
                    text += "（按录入时间）"
                parts.append(text)
            lines.append(f"- **{label}**：{'；'.join(parts)}")
    for ext in rule.extended_by:
        how = f"改为{ext.unit.amount(ext.amount)}" if ext.total else f"延长{ext.unit.amount(ext.amount)}"
        times = f"，以{ext.max_times}次为限" if ext.max_times else ""
        lines.append(f"- **延长**：{ext.reason}——{how}，{ext.approver}批准{times}（`{ext.event}`）")
    for pause in rule.paused_by:
        lines.append(f"- **不计入**：{pause.reason}（`{pause.pause.event}` → `{pause.resume.event}`）")
    flags = []
    if rule.in_custody:
        flags.append("限制人身自由的期间，不因节假日顺延")
    elif rule.limit is not None and not rule.holiday_rollover:
        flags.append("最后一日不顺延")
    if rule.warn_before:
        flags.append(
            "预警："
            + "、".join(
                f"{w.level.label}提前{w.amount}{'小时' if w.unit == 'hours' else '日'}"
                for w in rule.warn_before
            )
        )
    if rule.on_law_change.value == "manual_review":
        flags.append("跨越新旧法施行日的转人工审查（设置 `law_transition_policy`）")
    if rule.advisory_setting:
        flags.append(f"按设置 `{rule.advisory_setting}` 可只作预警")
    if flags:
        lines.append(f"- **计算**：{'；'.join(flags)}")
    lines.append(f"- **严重程度**：{rule.severity.value}；**施行**：{rule.window()}")
    if rule.status is Status.WAITING:
        assert rule.waiting is not None
        lines.append(
            f"- **状态**：waiting — {rule.waiting.issue.label}；待有事件 {', '.join(f'`{e}`' for e in rule.waiting.events)}"
        )
    elif rule.status is Status.NOT_APPLICABLE:
        lines.append(f"- **状态**：not applicable — {cell(rule.not_applicable_because or '')}")
    else:
        lines.append("- **状态**：live" + (f"（须启用：`{rule.gate}`）" if rule.gate else ""))
    if rule.local:
        lines.append(
            "- **本局/地方规则**：不是 rules.md 的条目；期限为设置，依据为所引的本局或地方文件"
            + (f"（相关 rules.md 条目：{', '.join(f'`{r}`' for r in rule.rows)}）" if rule.rows else "")
        )
    elif rule.rows and rule.rows != [rule.id]:
        lines.append(f"- **rules.md 条目**：{', '.join(f'`{r}`' for r in rule.rows)}")
    for citation in rule.citations:
        lines.append(
            f"- **依据**：{citation.text()}：{cell(citation.clause)}（verified: {citation.verified.value}）"
        )
    if rule.notes:
        lines.append(f"- **说明**：{cell(rule.notes)}")
    lines.append("- **示例**：")
    for example in rule.examples:
        expect = example.expect
        due = f"，期满 {format_moment(expect.due)}" if expect.due else ""
        level = f"（{expect.level.label}）" if expect.level else ""
        settings = f"；设置 {json.dumps(example.settings, ensure_ascii=False)}" if example.settings else ""
        lines.append(
            f"  - {example.title} — 截至 {format_moment(example.as_of)}：**{expect.state}**{level}{due}{settings}"
        )
    out.extend(lines)
    out.append("")
    return out


def render(catalogue: Catalogue, rows: list[dict[str, str]]) -> str:
    by_row = implementers(catalogue)
    states = {r["id"]: row_state(r["id"], catalogue, by_row) for r in rows}
    row_ids = {r["id"] for r in rows}
    unknown = sorted({i for rule in catalogue.rules.values() for i in rule.implements} - row_ids)
    unknown += sorted(set(catalogue.rows) - row_ids)
    if unknown:
        raise SourceError(f"rules named in the catalogue that rules.md does not have: {unknown}")
    rules = list(catalogue.rules.values())
    status_count = Counter(r.status for r in rules)
    examples = sum(len(r.examples) for r in rules)
    row_count = Counter(s["state"] for s in states.values())
    time_rows = [r for r in rows if is_time_row(r)]
    time_in = [r for r in time_rows if r["id"] in by_row]

    out: list[str] = [
        "# 规则目录 — the supervision rule catalogue",
        "",
        "<!-- Generated by tools/build_rules_doc.py from src/lawtrail/supervision/catalogue/ and "
        "shared/law/rules.md; do not edit by hand. -->",
        "",
        "lawtrail checks every legal time limit and mandatory step of the legal rule catalogue "
        "(`shared/law/rules.md`) with rules that are data: YAML files in `src/lawtrail/supervision/catalogue/`, "
        "validated by `supervision/rules.py`, evaluated by the pure engine `supervision/engine.py` with the "
        "period arithmetic of `supervision/periods.py`. Regenerate this page with "
        "`.venv/bin/python tools/build_rules_doc.py`; a test fails when it is stale.",
        "",
        "## Summary",
        "",
        "| | count |",
        "| --- | ---: |",
        f"| rules in lawtrail's catalogue | {len(rules)} |",
        f"| — live (evaluated on today's records) | {status_count[Status.LIVE]} |",
        f"| — waiting for a later issue's events | {status_count[Status.WAITING]} |",
        f"| — not applicable | {status_count[Status.NOT_APPLICABLE]} |",
        f"| — of which bureau or provincial rules (not rows of rules.md; limits are settings) | "
        f"{sum(r.local for r in rules)} |",
        f"| worked examples (each runs as a test) | {examples} |",
        f"| rows of rules.md | {len(rows)} |",
        f"| — covered | {row_count[RowState.COVERED]} |",
        f"| — waiting | {row_count[RowState.WAITING]} |",
        f"| — not applicable | {row_count[RowState.NOT_APPLICABLE]} |",
        f"| rows whose unit is hours, days, working days, months or years | {len(time_rows)} |",
        f"| — of which in lawtrail's catalogue | {len(time_in)} |",
        "",
        "## How a rule is evaluated",
        "",
        "- **Kinds.** `deadline`: an act must follow the start event within the limit. `step`: a required "
        "step must come before an act (the prior notice before a penalty). `prohibition`: an act that must not "
        "happen — or, with a limit, not before a waiting period ends (a hearing 7 working days after its "
        "notice).",
        "- **States.** `not_applicable` (does not apply, or has not started), `pending`, `warning` (with a "
        "level), `paused` (an excluded period: 鉴定, 听证 …), `met`, `met_late` (satisfied after the limit: a "
        "violation on record), `overdue`, `violated`, `manual_review` (a person decides: a period straddling "
        "the 2026-01-01 change of the 治安管理处罚法, or a pattern that only suggests a breach).",
        "- **What we knew then.** Only facts recorded by the moment of evaluation count (`as_of`), so "
        "回头看 asks the engine the same question about any past day.",
        "- **Versions.** Versions of one rule share a family id (`ps.case_time_limit.v2012`, `.v2026`) and "
        "have non-overlapping effective dates; the version in force on the date of the act that starts it "
        "applies. A period that began under one version and is still running when the next takes effect is "
        "routed to manual review where the catalogue recommends it (Open questions 1).",
        "- **Periods.** Hours run from the recorded moment; days exclude the start day and end at 24:00; "
        "working days use the legal calendar; months use the corresponding day or the month's end; a last "
        "day on a holiday moves to the next working day except for persons in custody "
        "(`supervision/periods.py`). Extensions add to the running limit or, for tiers (8 h → 24 h), replace "
        "it; one approved after the limit expired does not count. Excluded periods stop the clock.",
        "- **Warning levels.** A rule may set its own (`warn_before`); otherwise: hours under 24 — yellow 3 h, "
        "orange 2 h, red 1 h before; 24 h or more — yellow 6 h, orange 3 h, red 1 h; days under 7 — orange "
        "1 day, red 12 h; 7–29 days — yellow 3, orange 2, red 1 day; 30 days or more — blue 10, yellow 5, "
        "orange 3, red 1 day; months and years — blue 30, yellow 15, orange 7, red 3 days.",
        "- **Conditions** use a small closed vocabulary (fields `payload.*`, `subject.*`, `context.*`, "
        "`event.date`, `setting.*`; operators eq, ne, in, not_in, present, absent, gt, gte, lt, lte, "
        "startswith; `any`, `all`, `fact` exists) — see the docstring of `supervision/conditions.py`. What a "
        "fact carries (the fact builder's contract) is in the docstring of `supervision/facts.py`.",
        "- **UNVERIFIED** sources are never enforced silently: such rules are gated (`gate: unverified`) and "
        "run only when their id is listed in the setting `unverified_rules_enabled`.",
        "- **By hand.** `lawtrail deadline RULE_ID --start TIME [--event NAME@TIME …] [--as-of TIME] "
        "[--custody] [--json]` evaluates one rule on a hand-made timeline without touching the records.",
        "",
        "## Settings",
        "",
        "The points the catalogue leaves unsettled or provincial. Defaults are the catalogue's "
        "recommendation; a bureau overrides them in the Django setting `SUPERVISION_RULES`.",
        "",
        "| setting | default | meaning | source | why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in SETTINGS.values():
        default = spec.default
        shown = (
            ", ".join(default)
            if isinstance(default, tuple) and default
            else ("(none)" if default == () else default)
        )
        if isinstance(shown, bool):
            shown = "yes" if shown else "no"
        out.append(
            f"| `{spec.name}` | {cell(shown)} | {cell(spec.title)} | {cell(spec.source)} | {cell(spec.why)} |"
        )
    out += ["", "## Rules", ""]
    by_file: dict[str, list[Rule]] = {}
    for rule in rules:
        by_file.setdefault(catalogue.files[rule.id], []).append(rule)
    for file_name in sorted(by_file):
        out += [
            f"### {file_name}",
            "",
            "| rule | title | limit | kind | status | citation |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for rule in by_file[file_name]:
            out.append(
                f"| {link(rule.id)} | {cell(rule.title)} | {cell(limit_text(rule))} | {rule.kind.value} | "
                f"{status_text(rule)} | {cell(rule.citation_text())} |"
            )
        out.append("")
        for rule in by_file[file_name]:
            out += render_rule(rule, catalogue)
    out += [
        "## Every row of rules.md",
        "",
        "Each row of the legal rule catalogue and what lawtrail does with it: **covered** (the rules that "
        "carry it — live), **waiting** (the rules or the check will run when the named issue records the "
        "events), **not applicable** (why).",
        "",
    ]
    section = None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            out += [
                "",
                f"### §{section} {row['section_title']}",
                "",
                "| row | unit | verified | state | in lawtrail | why / waits for |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
        state = states[row["id"]]
        rules_cell = ", ".join(link(r) for r in state["rules"]) or "—"
        why = state["why"]
        if state["state"] is RowState.WAITING:
            waits = "; ".join(Issue(i).label for i in state["issues"])
            why = (
                f"{waits}: {', '.join(f'`{e}`' for e in state['events'])}" + (f" — {why}" if why else "")
            ).strip()
        out.append(
            f"| `{row['id']}` | {cell(row['unit'])} | {cell(row['verified'])} | {STATE_WORD[state['state'].value]} | "
            f"{rules_cell} | {cell(why)} |"
        )
    out += [
        "",
        "## Events the catalogue waits for",
        "",
        "Rules are written against these names now; they become live when the issue that records them lands.",
        "",
    ]
    used: dict[str, list[str]] = {}
    for rule in rules:
        for name in sorted(rule.events_used()):
            used.setdefault(name, []).append(rule.id)
    for issue in ISSUE_ORDER:
        if issue is Issue.FOUNDATION:
            continue
        specs = [s for s in catalogue.events.values() if s.issue is issue]
        if not specs:
            continue
        out += [
            f"### {issue.label}",
            "",
            "| event | label | payload used | rules |",
            "| --- | --- | --- | --- |",
        ]
        for spec in specs:
            payload = "; ".join(f"`{k}`: {v}" for k, v in spec.payload.items()) or cell(spec.note)
            rule_links = ", ".join(link(r) for r in used.get(spec.name, [])) or "—"
            out.append(f"| `{spec.name}` | {spec.label} | {cell(payload)} | {rule_links} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def outputs(source: Path | None = DEFAULT_SOURCE) -> dict[Path, str]:
    """The files this tool writes, with their content (the snapshot only when the source is there)."""
    rows = load_rows(source)
    catalogue = load_catalogue()
    files = {DOC: render(catalogue, rows)}
    if source is not None and source.exists():
        files[SNAPSHOT] = snapshot_text(rows)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is stale")
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="the legal rule catalogue (rules.md)"
    )
    args = parser.parse_args(argv)
    try:
        files = outputs(args.source)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(files[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
