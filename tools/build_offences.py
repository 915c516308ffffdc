"""Build the offence seed file from the offence catalogue markdown.

Reads the markdown tables of the offence catalogue (``law/offences.md`` in the
shared research folder) and writes ``src/lawtrail/cases/data/offences.json``:
one object per offence code, sorted by code.

Tables read:

* Part 1 section 1.2, the main 治安 table (several sub-tables, each under a
  bold category heading such as ``**扰乱公共秩序 (public order)**``): offences
  with both a v2012 and a v2026 article.
* Part 1 section 1.3, offences new in v2026 (v2026 version only).
* Part 1 section 1.4, offences removed by v2026 (v2012 version only).
* Part 2, common criminal charges (one ``current`` version each).

Rows of sections 1.3 and 1.4 have no category heading; their category is the
section (节) of chapter 3 of the law that holds their article (see
``CHAPTER3_SECTIONS``), and every main-table row is checked against the same
ranges.  The "after 2026" columns of section 1.4 are appended to the notes.
The top-level ``law`` is the law of the newest version; an older version that
rested on another law keeps that law's name in its article text.

Any other table in the file is ignored.  The script fails with exit status 1
and a message naming the line when a table header is not the expected one, a
row has the wrong number of cells, a code is malformed or duplicated, or the
row counts disagree with the counts the document states about itself.

Usage (from the repository root)::

    python tools/build_offences.py [SOURCE] [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, TypedDict

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE: Final = REPO_ROOT / ".." / "shared" / "law" / "offences.md"
DEFAULT_OUTPUT: Final = REPO_ROOT / "src" / "lawtrail" / "cases" / "data" / "offences.json"

ADMIN_LAW: Final = "治安管理处罚法"
CRIMINAL_LAW: Final = "刑法"
V2012_END: Final = "2025-12-31"
V2026_START: Final = "2026-01-01"
EMPTY_CELL: Final = "—"

Kind = Literal["admin", "criminal"]
Section = Literal["main", "new", "removed", "criminal"]

SECTION_LABELS: Final[dict[Section, str]] = {
    "main": "1.2 main table (v2012 + v2026)",
    "new": "1.3 new in v2026",
    "removed": "1.4 removed by v2026",
    "criminal": "2 criminal charges",
}

# Section headings that open a table we read.  Any other heading closes it.
SECTION_HEADINGS: Final[tuple[tuple[re.Pattern[str], Section], ...]] = (
    (re.compile(r"^###\s+1\.2\b"), "main"),
    (re.compile(r"^###\s+1\.3\b"), "new"),
    (re.compile(r"^###\s+1\.4\b"), "removed"),
    (re.compile(r"^##\s+2\."), "criminal"),
)

EXPECTED_HEADERS: Final[dict[Section, tuple[str, ...]]] = {
    "main": (
        "code",
        "案由",
        "v2012 art.",
        "v2012 base",
        "v2012 other tiers",
        "v2026 art.",
        "v2026 base",
        "v2026 other tiers",
        "调解 (derived)",
        "notes",
        "verified",
    ),
    "new": ("code", "案由", "v2026 art.", "base", "other tiers", "notes", "verified"),
    "removed": (
        "code",
        "案由",
        "v2012 art.",
        "v2012 base",
        "v2012 other tiers",
        "after 2026",
        "after-2026 penalty",
        "notes",
        "verified",
    ),
    "criminal": (
        "code",
        "罪名",
        "刑法 art.",
        "罪名 source",
        "base tier",
        "higher tiers",
        "速裁 (derived)",
        "notes",
        "verified",
    ),
}

# Sections (节) of chapter 3 of each version of the 治安管理处罚法, as article
# ranges.  v2026: 第一节 Arts. 26-35, 第二节 36-46, 第三节 47-60, 第四节 61-89
# (text of the 2025-06-27 revision).  v2012: 23-29, 30-39, 40-49, 50-76.
# Used to give a category to the rows of sections 1.3 and 1.4, which have no
# category heading; every main-table row is checked against these ranges.
CHAPTER3_SECTIONS: Final[dict[str, tuple[tuple[int, int, str], ...]]] = {
    "v2012": (
        (23, 29, "扰乱公共秩序"),
        (30, 39, "妨害公共安全"),
        (40, 49, "侵犯人身权利、财产权利"),
        (50, 76, "妨害社会管理"),
    ),
    "v2026": (
        (26, 35, "扰乱公共秩序"),
        (36, 46, "妨害公共安全"),
        (47, 60, "侵犯人身权利、财产权利"),
        (61, 89, "妨害社会管理"),
    ),
}

CODE_RE: Final = re.compile(r"^(?P<prefix>ps|cr)\.[a-z0-9_]+$")
CATEGORY_RE: Final = re.compile(r"^\*\*(?P<name>[^*]+?)\s*(?:\([^)]*\))?\*\*$")
SEPARATOR_RE: Final = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
# An article cell that starts with the name of another law: "禁毒法 61".
OTHER_LAW_RE: Final = re.compile(r"^(?P<law>\S+法)\s+\S")
LEADING_NUMBER_RE: Final = re.compile(r"^(?P<number>\d+)")
ROW_COUNTS_RE: Final = re.compile(
    r"part 1 has (?P<main>\d+) offences in the main table, (?P<new>\d+) new in v2026 "
    r"and (?P<removed>\d+) removed; part 2 has (?P<criminal>\d+) criminal charges",
)


class Version(TypedDict):
    """One version of an offence: the article and penalties in force."""

    version: str
    article: str
    effective_from: str | None
    effective_to: str | None
    base: str
    other_tiers: str


class Offence(TypedDict):
    """One offence (治安 violation or 罪名), as written to the seed file."""

    code: str
    name: str
    kind: Kind
    category: str
    law: str
    versions: list[Version]
    mediation: str
    fast_track: str
    notes: str


@dataclass
class Row:
    """A table row: its cells keyed by column header, and where it came from."""

    section: Section
    line: int
    cells: dict[str, str]
    category: str = ""


@dataclass
class ParseResult:
    """Everything read from the markdown file."""

    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seen_sections: set[Section] = field(default_factory=set)
    stated_counts: dict[Section, int] | None = None


class CatalogueError(Exception):
    """The catalogue cannot be turned into seed data."""


def clean(cell: str) -> str:
    """Remove bold markers; an em-dash cell means "nothing" and becomes ""."""
    text = cell.replace("**", "").strip()
    return "" if text == EMPTY_CELL else text


def split_cells(line: str) -> list[str]:
    """Split a markdown table line into stripped cells (no escaped pipes used)."""
    inner = line.strip()
    inner = inner.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in inner.split("|")]


def section_of_heading(line: str) -> Section | None:
    """Return the section a heading opens, or None for any other heading."""
    for pattern, section in SECTION_HEADINGS:
        if pattern.match(line):
            return section
    return None


def parse_markdown(text: str) -> ParseResult:
    """Collect the rows of the tables we read, checking headers and cell counts."""
    result = ParseResult()
    lines = text.splitlines()
    section: Section | None = None
    category = ""
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        lineno = index + 1
        if line.startswith("#"):
            section = section_of_heading(line)
            category = ""
            if section is not None:
                if section in result.seen_sections:
                    result.errors.append(f"line {lineno}: section {section!r} appears twice")
                result.seen_sections.add(section)
            index += 1
            continue
        if section == "main" and (match := CATEGORY_RE.match(line)):
            category = match.group("name").strip()
            index += 1
            continue
        if not line.startswith("|"):
            index += 1
            continue
        # A table: consecutive lines starting with "|".
        end = index
        while end < len(lines) and lines[end].strip().startswith("|"):
            end += 1
        if section is not None:
            parse_table(lines, index, end, section, category, result)
        index = end
    if match := ROW_COUNTS_RE.search(" ".join(lines)):
        result.stated_counts = {key: int(match.group(key)) for key in SECTION_LABELS}
    return result


def parse_table(
    lines: list[str],
    start: int,
    end: int,
    section: Section,
    category: str,
    result: ParseResult,
) -> None:
    """Read one table (lines[start:end]) of a section into result.rows."""
    header = tuple(split_cells(lines[start]))
    expected = EXPECTED_HEADERS[section]
    if header != expected:
        result.errors.append(
            f"line {start + 1}: unexpected header for section {SECTION_LABELS[section]!r}: "
            f"{list(header)} (expected {list(expected)})",
        )
        return
    if start + 1 >= end or not SEPARATOR_RE.match(lines[start + 1].strip()):
        result.errors.append(f"line {start + 2}: missing table separator row")
        return
    if section == "main" and not category:
        result.errors.append(f"line {start + 1}: main-table table without a bold category heading")
        return
    for index in range(start + 2, end):
        cells = split_cells(lines[index])
        if len(cells) != len(expected):
            result.errors.append(
                f"line {index + 1}: {len(cells)} cells, expected {len(expected)} "
                f"({SECTION_LABELS[section]}): {lines[index].strip()[:80]}",
            )
            continue
        result.rows.append(
            Row(
                section=section,
                line=index + 1,
                cells=dict(zip(expected, cells, strict=True)),
                category=category,
            ),
        )


def law_of(article: str, default: str) -> str:
    """Return the law an article cell names ("禁毒法 61" -> 禁毒法), else default."""
    match = OTHER_LAW_RE.match(article)
    return match.group("law") if match else default


def section_category(version: str, article: str) -> str | None:
    """Return the chapter-3 section of a 治安法 article cell, or None if unknown."""
    match = LEADING_NUMBER_RE.match(article)
    if not match:
        return None
    number = int(match.group("number"))
    for first, last, name in CHAPTER3_SECTIONS[version]:
        if first <= number <= last:
            return name
    return None


def admin_version(version: str, article: str, base: str, other_tiers: str) -> Version:
    """Build a v2012 or v2026 version entry."""
    return Version(
        version=version,
        article=article,
        effective_from=V2026_START if version == "v2026" else None,
        effective_to=V2012_END if version == "v2012" else None,
        base=base,
        other_tiers=other_tiers,
    )


def check_category(row: Row, version: str, article: str) -> str | None:
    """Return an error when a 治安法 article lies outside its heading's category."""
    if law_of(article, ADMIN_LAW) != ADMIN_LAW:
        return None
    found = section_category(version, article)
    if found != row.category:
        return (
            f"line {row.line}: {version} article {article!r} is in section {found!r}, "
            f"but the row is under heading {row.category!r}"
        )
    return None


def build_offence(row: Row) -> tuple[Offence | None, list[str]]:
    """Turn one table row into an offence, or report why it cannot be."""
    cells = {key: clean(value) for key, value in row.cells.items()}
    code = cells["code"].replace("`", "").strip()
    errors: list[str] = []
    match = CODE_RE.match(code)
    expected_prefix = "cr" if row.section == "criminal" else "ps"
    if not match or match.group("prefix") != expected_prefix:
        return None, [
            f"line {row.line}: malformed code {cells['code']!r} (expected {expected_prefix}.<name>)"
        ]

    if row.section == "criminal":
        offence = Offence(
            code=code,
            name=cells["罪名"],
            kind="criminal",
            category="",
            law=law_of(cells["刑法 art."], CRIMINAL_LAW),
            versions=[
                Version(
                    version="current",
                    article=cells["刑法 art."],
                    effective_from=None,
                    effective_to=None,
                    base=cells["base tier"],
                    other_tiers=cells["higher tiers"],
                ),
            ],
            mediation="",
            fast_track=cells["速裁 (derived)"],
            notes=cells["notes"],
        )
        return offence, errors

    versions: list[Version] = []
    category = row.category
    notes = cells["notes"]
    mediation = ""
    if row.section == "main":
        versions.append(
            admin_version("v2012", cells["v2012 art."], cells["v2012 base"], cells["v2012 other tiers"])
        )
        versions.append(
            admin_version("v2026", cells["v2026 art."], cells["v2026 base"], cells["v2026 other tiers"])
        )
        mediation = cells["调解 (derived)"]
        errors.extend(
            error
            for version in versions
            if (error := check_category(row, version["version"], version["article"])) is not None
        )
    elif row.section == "new":
        versions.append(admin_version("v2026", cells["v2026 art."], cells["base"], cells["other tiers"]))
    else:  # removed
        versions.append(
            admin_version("v2012", cells["v2012 art."], cells["v2012 base"], cells["v2012 other tiers"])
        )
        after = cells["after 2026"]
        if cells["after-2026 penalty"]:
            after = f"{after} ({cells['after-2026 penalty']})" if after else cells["after-2026 penalty"]
        if after:
            notes = f"{notes}. After 2026: {after}" if notes else f"After 2026: {after}"

    if not category:
        last = versions[-1]
        found = section_category(last["version"], last["article"])
        if found is None:
            errors.append(
                f"line {row.line}: cannot place {last['version']} article {last['article']!r} in a category"
            )
        category = found or ""

    offence = Offence(
        code=code,
        name=cells["案由"],
        kind="admin",
        category=category,
        # The law of the newest version; an older version that rests on
        # another law keeps that law's name in its article text.
        law=law_of(versions[-1]["article"], ADMIN_LAW),
        versions=versions,
        mediation=mediation,
        fast_track="",
        notes=notes,
    )
    return offence, errors


def build(text: str) -> tuple[list[Offence], Counter[Section]]:
    """Parse the markdown and return the sorted offences and counts per section."""
    parsed = parse_markdown(text)
    errors = list(parsed.errors)
    missing = [SECTION_LABELS[key] for key in SECTION_LABELS if key not in parsed.seen_sections]
    if missing:
        errors.append(f"sections not found: {', '.join(missing)}")

    offences: list[Offence] = []
    first_line: dict[str, int] = {}
    counts: Counter[Section] = Counter()
    for row in parsed.rows:
        offence, row_errors = build_offence(row)
        errors.extend(row_errors)
        if offence is None:
            continue
        if offence["code"] in first_line:
            errors.append(
                f"line {row.line}: duplicate code {offence['code']!r} (first at line {first_line[offence['code']]})",
            )
            continue
        first_line[offence["code"]] = row.line
        offences.append(offence)
        counts[row.section] += 1

    if parsed.stated_counts is None:
        print(
            "warning: the document's own row-count sentence was not found; counts not checked",
            file=sys.stderr,
        )
    else:
        errors.extend(
            f"{SECTION_LABELS[key]}: parsed {counts[key]} rows, the document says {stated}"
            for key, stated in parsed.stated_counts.items()
            if counts[key] != stated
        )

    if errors:
        raise CatalogueError("\n".join(errors))
    offences.sort(key=lambda offence: offence["code"])
    return offences, counts


def summary(offences: list[Offence], counts: Counter[Section], output: Path) -> str:
    """Describe what was written: counts per kind, section, category and law."""
    kinds = Counter(offence["kind"] for offence in offences)
    categories = Counter(offence["category"] for offence in offences if offence["kind"] == "admin")
    laws = Counter(offence["law"] for offence in offences)
    lines = [f"wrote {len(offences)} offences to {output}"]
    lines.append(f"  by kind: admin {kinds['admin']}, criminal {kinds['criminal']}")
    lines.append("  by section:")
    lines.extend(f"    {SECTION_LABELS[key]}: {counts[key]}" for key in SECTION_LABELS)
    lines.append("  admin by category:")
    lines.extend(f"    {name}: {count}" for name, count in categories.most_common())
    lines.append("  by law: " + ", ".join(f"{name} {count}" for name, count in laws.most_common()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCE,
        help="offence catalogue markdown (default: ../shared/law/offences.md from the repository root)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="seed file to write (default: src/lawtrail/cases/data/offences.json)",
    )
    args = parser.parse_args(argv)
    source: Path = args.source
    output: Path = args.output
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot read {source}: {exc}", file=sys.stderr)
        return 1
    try:
        offences, counts = build(text)
    except CatalogueError as exc:
        print(f"error: {source} cannot be converted:\n{exc}", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(offences, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(summary(offences, counts, output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
