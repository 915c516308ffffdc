"""Cases brought to the point where their documents are made: an administrative assault decided with a
fine and detention, a criminal theft with a detained suspect."""

from __future__ import annotations

import io
from datetime import date

from docx import Document as DocxDocument
from pypdf import PdfReader

from lawtrail.cases.models import Case, Party
from lawtrail.cases.services import case_accept, case_add_party, case_event
from lawtrail.common.idnumbers import make_id_number
from lawtrail.documents.models import Document
from lawtrail.documents.render import read
from lawtrail.measures.services import measure_apply
from lawtrail.org.models import Officer
from tests.factories import at, make_case

SUSPECT_ID = make_id_number("450403", date(1990, 5, 6), 13)


def decided_assault(officer: Officer, *, when: str = "2026-03-06 16:00") -> tuple[Case, Party]:
    """殴打他人, suspect 李明 (男, 1990-05-06), decided 行政拘留5日并处罚款200元 at `when`."""
    case = case_accept(
        actor=officer,
        unit=officer.unit,
        kind="admin",
        title="李明殴打他人案",
        summary="2026年3月1日21时许，李明在西江路烧烤店内因琐事殴打张华。",
        offence="ps.assault",
        occurred_at=at("2026-03-01 21:40"),
        lead=officer,
    )
    case_add_party(
        case=case,
        actor=officer,
        role="admin_suspect",
        name="李明",
        gender="male",
        id_number=SUSPECT_ID,
        address="梧州市万秀区西江路8号",
        occurred_at=at("2026-03-01 22:00"),
    )
    for name, moment in (
        ("case.investigation_started", "2026-03-01 22:10"),
        ("case.rights_notified", "2026-03-06 15:00"),
    ):
        case_event(case=case, name=name, actor=officer, payload={}, occurred_at=at(moment))
    case_event(
        case=case,
        name="case.decided",
        actor=officer,
        payload={"outcome": "penalty", "penalty": {"detention_days": 5, "fine_yuan": 200}},
        occurred_at=at(when),
    )
    case.refresh_from_db()
    return case, case.parties.get(role="admin_suspect")


def detained_theft(officer: Officer) -> tuple[Case, Party, object]:
    """盗窃, suspect 王强 detained (刑事拘留) on 2026-03-02 10:00."""
    case = make_case(officer, kind="criminal", title="王强盗窃案", when="2026-03-01 09:00")
    case_add_party(
        case=case,
        actor=officer,
        role="criminal_suspect",
        name="王强",
        gender="male",
        address="梧州市长洲区大塘路1号",
        occurred_at=at("2026-03-01 09:10"),
    )
    case_event(case=case, name="case.filed", actor=officer, payload={}, occurred_at=at("2026-03-01 12:00"))
    party = case.parties.get()
    measure = measure_apply(
        actor=officer,
        case=case,
        party=party,
        kind="criminal_detention",
        occurred_at=at("2026-03-02 10:00"),
        approver="副局长 黄勇",
    )
    case.refresh_from_db()
    return case, party, measure


def pdf_text(document: Document) -> str:
    reader = PdfReader(io.BytesIO(read(document.pdf_path)))
    return "\n".join(page.extract_text() for page in reader.pages)


def docx_text(document: Document) -> str:
    doc = DocxDocument(io.BytesIO(read(document.docx_path)))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts)
