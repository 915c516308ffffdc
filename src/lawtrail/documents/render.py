"""Rendering a document: pages (layout.py) → PDF (WeasyPrint, fonts embedded as subsets, so the text can be
extracted) and → .docx (python-docx, with the East Asian font set on every run: python-docx sets only the
Latin ones, documents.md §7.2). Files are stored content-addressed under MEDIA_ROOT/documents/."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from docx import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .layout import Page, pages_for

# Logical fonts → font names written into the .docx (the bureau's licensed fonts; documents.md §7.2: not
# shipped). Override with settings.DOCUMENT_DOCX_FONTS.
DOCX_FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "numerals": "Times New Roman"}


def document_pages(document, *, signed_at: datetime | None = None) -> list[Page]:
    from lawtrail.common.clock import now

    return pages_for(
        kind=document.spec,
        case=document.case,
        fields=document.fields,
        number=document.number,
        signed_at=signed_at or document.issued_at or now(),
    )


def render_html(pages: list[Page], *, title: str, draft: bool = False) -> str:
    return render_to_string("documents/print.html", {"pages": pages, "title": title, "draft": draft})


def render_pdf(pages: list[Page], *, title: str, draft: bool = False) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(pages, title=title, draft=draft)).write_pdf()


def _fonts() -> dict[str, str]:
    return {**DOCX_FONTS, **getattr(settings, "DOCUMENT_DOCX_FONTS", {})}


def _run(paragraph, text: str, *, size: float, bold: bool = False, font: str = "body"):
    fonts = _fonts()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = fonts["numerals"]
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), fonts[font])
    return run


def _para(
    doc,
    text: str = "",
    *,
    size: float = 16,
    align=None,
    indent: bool = False,
    bold: bool = False,
    font: str = "body",
    before: float = 0,
    after: float = 0,
):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = Pt(28.9 if size >= 16 else 24)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        _run(p, text, size=size, bold=bold, font=font)
    return p


def _table(doc, rows: list[list[str]], *, header: list[str] | None = None, size: float = 14) -> None:
    data = ([header] if header else []) + rows
    table = doc.add_table(rows=len(data), cols=len(data[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            _run(cell.paragraphs[0], value, size=size)


def render_docx(pages: list[Page], *, title: str) -> bytes:
    doc = DocxDocument()
    doc.core_properties.title = title
    for index, page in enumerate(pages):
        section = doc.sections[0] if index == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        body = 16 if page.narrative else 14
        _para(doc, page.authority, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(doc, page.title, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, font="title", after=6)
        if page.number:
            _para(doc, page.number, size=16, align=WD_ALIGN_PARAGRAPH.RIGHT, after=10)
        for b in page.blocks:
            if b.kind == "addressee":
                _para(doc, b.text, size=body)
            elif b.kind == "para":
                _para(doc, b.text, size=body, indent=True)
            elif b.kind == "stub":
                _table(doc, b.rows)
            elif b.kind == "table":
                _table(doc, b.rows, header=b.columns)
            elif b.kind == "signature":
                _para(doc, "　　".join(b.lines), size=14, before=8)
            elif b.kind == "seal":
                for i, line in enumerate(([b.text] if b.text else []) + b.lines):
                    p = _para(
                        doc, line, size=body, align=WD_ALIGN_PARAGRAPH.RIGHT, before=24 if i == 0 else 0
                    )
                    p.paragraph_format.right_indent = Pt(body * 4)
            elif b.kind == "receipt":
                for i, line in enumerate(b.lines):
                    _para(doc, line, size=14, before=18 if i == 0 else 0)
        if page.footer:
            _para(doc, page.footer, size=14, before=14)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(data: bytes, suffix: str) -> tuple[str, str]:
    """(storage path, SHA-256) of `data`, stored content-addressed: the same bytes are stored once, and a
    path can be checked against its name."""
    digest = sha256(data)
    path = f"documents/{digest[:2]}/{digest}.{suffix}"
    if not default_storage.exists(path):
        saved = default_storage.save(path, ContentFile(data))
        if saved != path:  # pragma: no cover - a concurrent writer stored the same bytes
            default_storage.delete(saved)
    return path, digest


def read(path: str) -> bytes:
    with default_storage.open(path, "rb") as handle:
        return handle.read()
