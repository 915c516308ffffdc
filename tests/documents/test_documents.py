"""Documents: drafted from the case, issued with a 文号 and locked, rendered to PDF and .docx whose text says
the right names, numbers and dates in Chinese, corrected by a new document, and served."""

from __future__ import annotations

import pytest

from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.documents.choices import DocumentStatus
from lawtrail.documents.machine import DOCUMENT_MACHINE
from lawtrail.documents.models import Document
from lawtrail.documents.render import read, sha256
from lawtrail.documents.selectors import document_get
from lawtrail.documents.services import document_draft, document_edit, document_issue, document_serve
from lawtrail.events.models import Event
from lawtrail.org.policies import scope_for
from tests.documents.helpers import SUSPECT_ID, decided_assault, docx_text, pdf_text
from tests.factories import at

EVIDENCE = {
    "evidence": "李明的陈述和申辩、被侵害人张华的陈述、证人王五的证言、视频监控录像",
    "party_record": "无",
}


def _penalty(bureau, **fields):
    case, party = decided_assault(bureau.officer_a)
    draft = document_draft(
        actor=bureau.officer_a, case=case, kind="penalty_decision", party=party, fields={**EVIDENCE, **fields}
    )
    return case, party, draft


def test_a_draft_is_filled_from_the_case(bureau):
    """Given a decided assault case, when a penalty decision is drafted, then its fields come from the case:
    the party's name, sex, birth date and ID number, the facts, the article in Chinese numerals, the penalty,
    the fine clause, and the unit's 复议 organ and court — and the draft has no number yet."""
    _, _, draft = _penalty(bureau)
    f = draft.fields
    assert (f["party_name"], f["party_gender"], f["party_birth"]) == ("李明", "男", "1990年5月6日")
    assert f["party_id"] == SUSPECT_ID
    assert f["facts"].startswith("2026年3月1日21时许")
    assert f["legal_basis"] == "《中华人民共和国治安管理处罚法》第五十一条第一款"
    assert f["decision"] == "对李明行政拘留5日，并处罚款200元"
    assert "百分之三" in f["late_clause"]
    assert (f["reconsideration_organ"], f["court"]) == ("梧州市人民政府", "梧州市万秀区人民法院")
    assert draft.status == DocumentStatus.DRAFT
    assert draft.number == ""
    event = Event.objects.get(subject_type="document", subject_key=draft.document_id)
    assert event.name == "document.drafted"
    assert event.payload["type"] == "penalty_decision"
    assert event.payload["fields"]["party_name"] == "李明"


def test_issue_numbers_renders_and_stores_the_files_with_their_hash(bureau):
    """Given a complete draft, when it is issued on 2026-03-06, then it gets 梧公万（西江）行罚决字〔2026〕1号,
    the PDF's extracted text and the .docx say the name, ID number, number, penalty and the date
    二〇二六年三月六日, and the stored files match the SHA-256 in the record and the event."""
    _, _, draft = _penalty(bureau)
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    assert issued.status == DocumentStatus.ISSUED
    assert issued.number == "梧公万（西江）行罚决字〔2026〕1号"
    text = pdf_text(issued).replace("\n", "")
    for expected in (
        "梧 州 市 公 安 局 万 秀 分 局",
        "行 政 处 罚 决 定 书",
        "梧公万（西江）行罚决字〔2026〕1号",
        "违法行为人李明，性别男，出生日期1990年5月6日",
        SUSPECT_ID,
        "对李明行政拘留5日，并处罚款200元",
        "二〇二六年三月六日",
        "此联附卷",
        "行政处罚决定书已向我宣告并送达",
    ):
        assert expected in text, expected
    word = docx_text(issued)
    for expected in (
        "行政处罚决定书",
        "梧公万（西江）行罚决字〔2026〕1号",
        "李明",
        "二〇二六年三月六日",
        "梧州市人民政府",
    ):
        assert expected in word, expected
    assert sha256(read(issued.pdf_path)) == issued.pdf_sha256
    assert sha256(read(issued.docx_path)) == issued.docx_sha256
    event = Event.objects.filter(subject_key=issued.document_id, name="document.issued").get()
    assert event.payload["number"] == issued.number
    assert event.payload["pdf_sha256"] == issued.pdf_sha256
    assert event.payload["type"] == "penalty_decision"
    assert event.payload["case"] == issued.case.number


def test_the_docx_sets_the_east_asian_font_on_every_run(bureau):
    """Given an issued decision, then every run of its .docx names an East Asian font (python-docx sets only
    the Latin ones unless told: documents.md §7.2)."""
    import io

    from docx import Document as Docx
    from docx.oxml.ns import qn

    _, _, draft = _penalty(bureau)
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    runs = [r for p in Docx(io.BytesIO(read(issued.docx_path))).paragraphs for r in p.runs]
    assert runs
    assert all(r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)


def test_an_issued_document_is_locked(bureau):
    """Given an issued decision, when its fields are edited or it is issued again, then both are refused
    with a message naming its state, and nothing is written."""
    _, _, draft = _penalty(bureau)
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed, match="已签发"):
        document_edit(document=issued, actor=bureau.officer_a, fields={"decision": "警告"})
    with pytest.raises(TransitionNotAllowed, match="不能签发"):
        document_issue(document=issued, actor=bureau.officer_a)
    assert Event.objects.count() == before
    issued.refresh_from_db()
    assert issued.fields["decision"] == "对李明行政拘留5日，并处罚款200元"


def test_a_draft_with_missing_required_fields_is_not_issued_and_uses_no_number(bureau):
    """Given a draft whose evidence is empty, when it is issued, then it is refused naming the field, and
    no number is consumed: once completed it still gets number 1."""
    _, _, draft = _penalty(bureau, evidence="")
    with pytest.raises(ValidationFailed, match="证据"):
        document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    draft = document_edit(document=draft, actor=bureau.officer_a, fields={"evidence": "李明的陈述"})
    assert draft.fields["evidence"] == "李明的陈述"
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    assert issued.serial == 1


def test_optional_clauses_are_left_out_and_unused_fields_struck_out(bureau):
    """Given a decision without a fine and without a work unit, then the late-payment clause is not printed
    and the work unit prints "/" (documents.md §4: never an empty blank)."""
    _, _, draft = _penalty(bureau, late_clause="", party_employer="")
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    text = pdf_text(issued).replace("\n", "")
    assert "百分之三" not in text
    assert "工作单位/" in text


def test_a_correction_is_a_new_document_citing_the_old_one(bureau):
    """Given an issued decision, when a correction is drafted, edited and issued, then the correction has
    the next number and cites the old one; the old one keeps its number and is marked corrected by a
    `document.corrected` event naming the new number."""
    case, party, draft = _penalty(bureau)
    old = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    fix = document_draft(
        actor=bureau.officer_a, case=case, kind="penalty_decision", party=party, corrects=old
    )
    assert fix.fields["evidence"] == EVIDENCE["evidence"]  # carried over from the corrected document
    fix = document_edit(
        document=fix, actor=bureau.officer_a, fields={"party_address": "梧州市万秀区西江路18号"}
    )
    new = document_issue(document=fix, actor=bureau.officer_a, occurred_at=at("2026-03-06 17:00"))
    old.refresh_from_db()
    assert new.number == "梧公万（西江）行罚决字〔2026〕2号"
    assert new.corrects == old
    assert old.status == DocumentStatus.CORRECTED
    assert old.number == "梧公万（西江）行罚决字〔2026〕1号"
    corrected = Event.objects.get(subject_key=old.document_id, name="document.corrected")
    assert corrected.payload["by_number"] == new.number
    issued_event = Event.objects.get(subject_key=new.document_id, name="document.issued")
    assert issued_event.payload["corrects_number"] == old.number
    with pytest.raises(TransitionNotAllowed):
        document_serve(document=old, actor=bureau.officer_a, to="offender", method="direct", recipient="李明")


def test_only_an_issued_document_can_be_corrected(bureau):
    """Given a draft, when a correction of it is drafted, then it is refused: a draft is simply edited."""
    case, party, draft = _penalty(bureau)
    with pytest.raises(TransitionNotAllowed, match="草稿可以直接修改"):
        document_draft(
            actor=bureau.officer_a, case=case, kind="penalty_decision", party=party, corrects=draft
        )


@pytest.mark.parametrize(
    ("status", "name"),
    [(s, n) for s in DocumentStatus.values for n in DOCUMENT_MACHINE.transitions],
)
def test_transition_table(status, name):
    """Every (state, event) pair: allowed exactly when the machine lists the state as a source."""
    allowed = status in DOCUMENT_MACHINE.transition(name).sources
    if allowed:
        assert DOCUMENT_MACHINE.check(name, status).target
    else:
        with pytest.raises(TransitionNotAllowed):
            DOCUMENT_MACHINE.check(name, status)


def test_the_document_kind_must_fit_the_case(bureau):
    """Given an administrative case, when a 拘留通知书 (criminal) is drafted, then it is refused."""
    case, party = decided_assault(bureau.officer_a)
    with pytest.raises(ValidationFailed, match="刑事案件"):
        document_draft(actor=bureau.officer_a, case=case, kind="detention_notice", party=party)
    assert not Document.objects.exists()


def test_documents_out_of_scope_are_not_found(bureau):
    """Given a document of station A's case, then an officer of another sub-bureau gets NotFound, the
    sub-bureau head and the legal brigade see it."""
    _, _, draft = _penalty(bureau)
    with pytest.raises(NotFound):
        document_get(scope_for(bureau.officer_b), draft.document_id)
    with pytest.raises(NotFound):
        document_get(scope_for(bureau.other_bureau_officer), draft.document_id)
    assert document_get(scope_for(bureau.head_sub_a), draft.document_id) == draft
    assert document_get(scope_for(bureau.legal_officer), draft.document_id) == draft


def test_the_party_must_have_a_role_the_document_is_for(bureau):
    """Given a victim, when a penalty decision is drafted against her, then it is refused naming the role
    the decision is for."""
    from lawtrail.cases.services import case_add_party

    case, _ = decided_assault(bureau.officer_a)
    case_add_party(
        case=case, actor=bureau.officer_a, role="victim", name="张华", occurred_at=at("2026-03-02 09:00")
    )
    victim = case.parties.get(role="victim")
    with pytest.raises(ValidationFailed, match="违法嫌疑人；张华是被侵害人"):
        document_draft(actor=bureau.officer_a, case=case, kind="penalty_decision", party=victim)
