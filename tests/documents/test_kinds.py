"""The other forms: each filled from the case (and the measure it rests on), its parts printed, its text
extractable from the PDF with names, numbers and dates in Chinese."""

from __future__ import annotations

import pytest

from lawtrail.cases.services import case_add_party
from lawtrail.documents.kinds import KINDS, kinds_for
from lawtrail.documents.services import document_draft, document_issue
from tests.documents.helpers import decided_assault, detained_theft, docx_text, pdf_text
from tests.factories import at, make_case


def _flat(document) -> str:
    """The PDF's text without line breaks and spaces (extraction puts spaces between table cells and
    between the letter-spaced title characters)."""
    return pdf_text(document).replace("\n", "").replace(" ", "").replace("\u3000", "")


def test_every_kind_declares_fields_parts_and_a_service_type():
    """The catalogue is data: every kind has fields, at least one part, a service type, and its body and
    stub name only fields it declares."""
    import re

    for kind in KINDS.values():
        assert kind.fields, kind.code
        assert kind.parts, kind.code
        assert kind.service_type, kind.code
        keys = set(kind.field_keys)
        used = {k for t in kind.body for k in re.findall(r"\{(\w+)\}", t)} | {f for _, f in kind.stub if f}
        assert used <= keys, (kind.code, used - keys)
    assert {k.code for k in kinds_for("admin")} >= {"penalty_decision", "summons", "acceptance_receipt"}
    assert {k.code for k in kinds_for("criminal")} >= {"detention_notice", "seizure_decision", "seizure_list"}


def test_detention_notice_from_the_measure(bureau):
    """Given 王强 detained on 2026-03-02 10:00, when the 拘留通知书 is drafted from the detention, then it is
    filled with the time, the crime and the approver; issued, its three parts say 王强, 盗窃罪, the time, the
    看守所, the 拘通 number and 二〇二六年三月二日, and the stub lists the approver."""
    case, party, measure = detained_theft(bureau.officer_a)
    draft = document_draft(
        actor=bureau.officer_a,
        case=case,
        kind="detention_notice",
        party=party,
        measure=measure,
        fields={
            "family_name": "王大山（父亲）",
            "detention_house": "梧州市看守所",
            "party_birth": "1988年7月9日",
        },
    )
    assert draft.fields["detained_at"] == "2026年3月2日10时00分"
    assert draft.fields["crime"] == "盗窃罪"
    assert draft.fields["approver"] == "副局长 黄勇"
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-02 18:00"))
    text = _flat(issued)
    assert issued.number == "梧公万（西江）拘通字〔2026〕1号"
    for expected in (
        "拘留通知书（存根）",
        "王大山（父亲）：",
        "我局已于2026年3月2日10时00分将涉嫌盗窃罪的王强",
        "现羁押在梧州市看守所",
        "二〇二六年三月二日",
        "此联交被拘留人家属",
        "副局长黄勇",
        "（公安局印）",
    ):
        assert expected in text, expected
    assert "未在二十四小时以内通知的原因" not in text


def test_seizure_decision_and_its_list_print_the_items(bureau):
    """Given a seizure from the suspect, when the decision and the list are issued, then both print the
    items table numbered from 1; the list carries the decision's number and its three parts."""
    case, party, _ = detained_theft(bureau.officer_a)
    items = (
        "手机|1部|黑色，IMEI 8612345|犯罪嫌疑人随身携带|已封存\n现金|3200元|百元面额32张|犯罪嫌疑人上衣口袋|"
    )
    decision = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="seizure_decision",
            party=party,
            fields={"items": items, "party_id": "/", "party_birth": "1988年7月9日"},
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-02 11:00"),
    )
    listing = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="seizure_list",
            party=party,
            fields={"items": items},
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-02 11:10"),
    )
    assert decision.number == "梧公万（西江）扣字〔2026〕1号"
    assert listing.fields["cites_number"] == decision.number  # filled from the case's issued decision
    assert listing.number == ""  # a list carries its decision's number
    for doc in (decision, listing):
        text = _flat(doc)
        assert "1手机1部黑色，IMEI8612345犯罪嫌疑人随身携带已封存" in text
        assert "2现金3200元" in text
        assert decision.number in text
    assert "此联交保管人员" in _flat(listing)
    assert "保管人：" in _flat(listing)
    assert "手机" in docx_text(listing)


def test_acceptance_receipt_gives_the_query_code(bureau):
    """Given a case accepted with a query code, then the 受案回执 to the reporter prints the code, the case
    number and the time of the report."""
    case = make_case(bureau.officer_a, when="2026-03-01 09:30")
    case_add_party(
        case=case, actor=bureau.officer_a, role="reporter", name="张华", occurred_at=at("2026-03-01 09:35")
    )
    receipt = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="acceptance_receipt",
            party=case.parties.get(role="reporter"),
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-01 09:40"),
    )
    assert case.query_code
    text = _flat(receipt)
    for expected in (
        "张华：",
        "2026年3月1日9时30分",
        case.number,
        case.query_code,
        "张伟",
        "二〇二六年三月一日",
    ):
        assert expected in text, expected


def test_summons_with_the_arrival_lines(bureau):
    """Given an administrative summons, then it says the appearance time and place, the forced-summons
    warning, and the 附卷 part has the arrival and departure lines the person fills in."""
    case, party = decided_assault(bureau.officer_a)
    summons = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="summons",
            party=party,
            fields={"appear_at": "2026年3月2日9时"},
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-01 23:00"),
    )
    text = _flat(summons)
    assert summons.number == "梧公万（西江）行传字〔2026〕1号"
    for expected in (
        "李明：",
        "因你（单位）涉嫌殴打他人，根据《中华人民共和国治安管理处罚法》第九十六条之规定",
        "现传唤你于2026年3月2日9时前到西江派出所接受询问",
        "依法强制传唤",
        "被传唤人到达时间",
        "被传唤人离开时间",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("kind", ["no_filing_notice", "filing_decision"])
def test_criminal_filing_documents(bureau, kind):
    """Given a criminal case, then the filing decision and the refusal notice are numbered 立 / 不立 and
    name the case; the refusal notice offers 复议 to the police, not 行政复议 (documents.md §6.4)."""
    case = make_case(bureau.officer_a, kind="criminal", title="王强盗窃案", when="2026-03-01 09:00")
    case_add_party(
        case=case, actor=bureau.officer_a, role="reporter", name="张华", occurred_at=at("2026-03-01 09:05")
    )
    party = case.parties.get() if kind == "no_filing_notice" else None
    doc = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind=kind,
            party=party,
            fields={"reason": "没有犯罪事实"} if kind == "no_filing_notice" else {},
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-03 10:00"),
    )
    text = _flat(doc)
    if kind == "filing_decision":
        assert doc.number == "梧公万（西江）立字〔2026〕1号"
        assert "决定对王强盗窃案立案侦查" in text
    else:
        assert doc.number == "梧公万（西江）不立字〔2026〕1号"
        assert "向梧州市公安局万秀分局申请复议" in text
        assert "行政复议" not in text


def test_service_receipt_cites_the_document(bureau):
    """Given an issued decision, when a 送达回执 is made for it, then the receipt names the document and its
    number and has the signature rows of the 送达回证."""
    case, party = decided_assault(bureau.officer_a)
    decision = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="penalty_decision",
            party=party,
            fields={"evidence": "陈述"},
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-06 16:05"),
    )
    receipt = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="service_receipt",
            party=party,
            fields={
                "cites_title": decision.title,
                "cites_number": decision.number,
                "served_at": "2026年3月6日16时10分",
                "place": "西江派出所",
                "method": "直接送达",
            },
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-06 16:20"),
    )
    text = _flat(receipt)
    for expected in (
        "送达回执",
        "行政处罚决定书",
        decision.number,
        "李明",
        "2026年3月6日16时10分",
        "见证人签名",
        "送达人签名",
    ):
        assert expected in text, expected


def test_bail_decision_has_four_parts_and_the_execution_notice(bureau):
    """Given a bail decision for 王强, then its four parts are the stub, the 附卷 copy with his receipt, the
    original for him, and the execution notice addressed to the executing station with its own text."""
    case, party, _ = detained_theft(bureau.officer_a)
    bail = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="bail_decision",
            party=party,
            fields={
                "party_birth": "1988年7月9日",
                "reason": "可能判处管制、拘役或者独立适用附加刑",
                "start": "2026年3月5日",
                "guarantee": "交纳保证金（大写）壹万元整",
                "executor": "梧州市公安局长洲分局大塘派出所",
            },
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-05 10:00"),
    )
    assert bail.number == "梧公万（西江）取保字〔2026〕1号"
    pages = pdf_text(bail).split("梧 州 市 公 安 局 万 秀 分 局")[1:]
    assert len(pages) == 4
    flat = [p.replace("\n", "").replace(" ", "") for p in pages]
    assert "取保候审决定书（存根）" in flat[0]
    assert "本决定书已向我宣读" in flat[1]
    assert "此联交被取保候审人" in flat[2]
    assert "梧州市公安局长洲分局大塘派出所：" in flat[3]
    assert "交由你单位执行，取保候审期限从2026年3月5日起算" in flat[3]
    assert "交纳保证金（大写）壹万元整" in flat[2]
    assert "未经执行机关批准不得离开所居住的市、县" in flat[2]


def test_acceptance_register_and_prior_notice(bureau):
    """Given an accepted case with a reporter, then the 受案登记表 is a sealed table with the reporter, the time
    and the opinion; and the 告知笔录 for a fine of 5000元 includes the hearing right within 5 working days."""
    case = make_case(bureau.officer_a, when="2026-03-01 09:30")
    case_add_party(
        case=case, actor=bureau.officer_a, role="reporter", name="张华", occurred_at=at("2026-03-01 09:35")
    )
    register = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="acceptance_register",
            party=case.parties.get(),
            fields={"summary": "张华报称在西江路烧烤店被人殴打。"},
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-01 10:00"),
    )
    text = _flat(register)
    for expected in (
        "受案登记表",
        "梧公万（西江）受案字〔2026〕1号",
        "张华",
        "2026年3月1日9时30分",
        "属本单位管辖的行政案件",
        "（受案单位印）",
    ):
        assert expected in text, expected

    decided, party = decided_assault(bureau.officer_a)
    notice = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=decided,
            kind="prior_notice",
            party=party,
            fields={
                "notice_time": "2026年3月6日15时00分至15时20分",
                "decision": "罚款5000元",
                "hearing": "你有权要求听证，应当在被告知后五个工作日内提出。",
            },
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-06 15:20"),
    )
    text = _flat(notice)
    assert notice.number == ""
    for expected in (
        "行政处罚告知笔录",
        "被告知人：李明",
        "拟对你罚款5000元",
        "不得因你申辩而加重处罚",
        "五个工作日内",
    ):
        assert expected in text, expected


def test_detention_warrant_copy_for_the_detention_house(bureau):
    """Given 王强's detention, then the 拘留证's 副本 for the 看守所 names the crime, the time of execution and
    the lawyer-meeting question, and the 附卷 part has the announcement and the 看守所's receipt lines."""
    case, party, measure = detained_theft(bureau.officer_a)
    warrant = document_issue(
        document=document_draft(
            actor=bureau.officer_a,
            case=case,
            kind="detention_warrant",
            party=party,
            measure=measure,
            fields={
                "party_birth": "1988年7月9日",
                "detention_house": "梧州市看守所",
                "lawyer_permission": "否",
            },
        ),
        actor=bureau.officer_a,
        occurred_at=at("2026-03-02 09:50"),
    )
    text = _flat(warrant)
    assert warrant.number == "梧公万（西江）拘字〔2026〕1号"
    for expected in (
        "兹决定对犯罪嫌疑人王强",
        "送梧州市看守所羁押",
        "本证已于____年__月__日__时向我宣布",
        "执行拘留时间：2026年3月2日10时00分",
        "属于律师会见需经许可的案件：否",
        "此联交看守所",
    ):
        assert expected in text, expected
