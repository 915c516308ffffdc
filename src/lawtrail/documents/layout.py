"""A document laid out as pages — one page per part (联) — of blocks, from which both the PDF (HTML+CSS,
WeasyPrint) and the .docx (python-docx) are drawn, so that the two always say the same thing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .dates import signing_date
from .kinds import DocKind, Part
from .numbering import settings_for

BLANK = "/"  # an unused field is struck out, never left empty (documents.md §4)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Block:
    kind: str  # addressee | para | table | stub | signature | seal | receipt
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class Page:
    authority: str
    title: str
    part: str
    number: str
    blocks: list[Block]
    footer: str
    narrative: bool


def fill(template: str, values: dict[str, Any]) -> str | None:
    """A paragraph with its fields; None when it is optional ("?") and all its fields are empty."""
    optional = template.startswith("?")
    template = template.removeprefix("?")
    keys = PLACEHOLDER.findall(template)
    if optional and all(not str(values.get(k, "")).strip() for k in keys):
        return None
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")).strip() or BLANK, template)


def item_rows(text: str, columns: int) -> list[list[str]]:
    """The items table from its text field: one item a line, "名称|数量|特征|来源|备注"; numbered from 1."""
    rows = []
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        cells = (cells + [""] * columns)[: columns - 1]
        rows.append([str(len(rows) + 1), *[c or BLANK for c in cells]])
    return rows


def pages_for(*, kind: DocKind, case, fields: dict[str, Any], number: str, signed_at: datetime) -> list[Page]:
    numbering = settings_for(case.unit)
    signed = signing_date(signed_at, numbering.date_style)
    number_line = number or fields.get("cites_number", "")
    pages = []
    for part in kind.parts:
        pages.append(
            Page(
                authority=numbering.authority_name,
                title=kind.title + (f"（{part.name}）" if part.stub and part.name else ""),
                part=part.name,
                number=number_line,
                blocks=_blocks(kind, part, fields, signed),
                footer=part.footer,
                narrative=kind.narrative,
            )
        )
    return pages


def _blocks(kind: DocKind, part: Part, fields: dict[str, Any], signed: str) -> list[Block]:
    blocks: list[Block] = []
    if part.stub:
        rows = [
            [label, (str(fields.get(key, "")).strip() or BLANK) if key else ""] for label, key in kind.stub
        ]
        blocks.append(Block("stub", rows=rows))
        if not kind.body:  # a form that is only a table (送达回执, 受案登记表) is sealed under it
            blocks.append(Block("seal", text=kind.seal, lines=[signed]))
    else:
        addressee = part.addressee or kind.addressee
        if addressee:
            blocks.append(Block("addressee", text=f"{str(fields.get(addressee, '')).strip() or BLANK}："))
        for template in part.body or kind.body:
            text = fill(template, fields)
            if text is not None:
                blocks.append(Block("para", text=text))
        if kind.table and not part.body:
            rows = item_rows(fields.get("items", ""), len(kind.table))
            blocks.append(Block("table", columns=list(kind.table), rows=rows or [[BLANK] * len(kind.table)]))
        if kind.signature:
            blocks.append(Block("signature", lines=list(kind.signature)))
        if kind.seal:
            blocks.append(Block("seal", text=kind.seal, lines=[signed]))
        else:
            blocks.append(Block("seal", text="", lines=[signed]))
    if part.receipt:
        blocks.append(Block("receipt", lines=list(part.receipt)))
    return blocks
