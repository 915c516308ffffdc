"""The catalogue of document templates, as data (documents.md §6: each form's fields in order, its 文书代字,
its parts 联 and where each goes, and the service type the supervision rules match on).

A body paragraph is a format string over the document's fields; a field left empty prints "/" (documents.md
§4: 「不需要填写的，应当划去，不能留白」). A paragraph starting with "?" is left out when all its fields are
empty (optional clauses: the late-payment clause without a fine, the reason for a late family notice).
Wording marked UNVERIFIED in documents.md is a draft a bureau can replace with its provincial form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    multiline: bool = False
    required: bool = True


@dataclass(frozen=True)
class Part:
    """One 联 of a form, printed on its own page."""

    name: str  # 存根 / 正本 / 附卷 … ("" for a form with one part)
    footer: str  # 此联附卷
    stub: bool = False  # the stub shows the register fields instead of the text
    receipt: tuple[str, ...] = ()  # lines filled in by hand at service (HAND)
    body: tuple[str, ...] = ()  # this part's own text (the 执行通知书 of a bail decision); () = the kind's
    addressee: str = ""  # this part's own addressee field


@dataclass(frozen=True)
class DocKind:
    code: str
    title: str
    words: dict[str, str]  # 文书代字 per case kind ("admin"/"criminal"); empty: carries another's number
    case_kinds: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    body: tuple[str, ...]
    parts: tuple[Part, ...]
    service_type: str  # document.issued/served payload.type (supervision catalogue _events.yaml)
    service_to: str  # the usual recipient (payload.to)
    party_roles: tuple[str, ...] = ()  # whom the document is about/addressed to; () = no party
    party_optional: bool = False  # a party may be chosen but need not be (立案决定书: suspect may be unknown)
    addressee: str = ""  # field printed as "xxx：" before the body
    table: tuple[str, ...] = ()  # columns of the items table (field "items": one row a line, "|" between)
    stub: tuple[tuple[str, str], ...] = ()  # (label, field) rows of the 存根
    signature: tuple[str, ...] = ()  # signature lines printed under the table (清单)
    rights_stated: bool = False  # the document states the remedies (复议/诉讼) — supervision reads it
    seal: str = "（公安机关印）"
    narrative: bool = True  # 3号 narrative text; False: 4号 form text
    notes: str = ""

    def word_for(self, case_kind: str) -> str:
        return self.words.get(case_kind, "")

    @property
    def numbered(self) -> bool:
        return bool(self.words)

    @property
    def field_keys(self) -> list[str]:
        return [f.key for f in self.fields]


F = FieldSpec
PARTY_BLOCK = (
    F("party_name", "姓名"),
    F("party_gender", "性别"),
    F("party_birth", "出生日期"),
    F("party_id", "居民身份证号码"),
)

PENALTY_DECISION = DocKind(
    code="penalty_decision",
    title="行政处罚决定书",
    words={"admin": "行罚决"},
    case_kinds=("admin",),
    party_roles=("admin_suspect",),
    fields=(
        *PARTY_BLOCK,
        F("party_hukou", "户籍所在地", required=False),
        F("party_address", "现住址"),
        F("party_employer", "工作单位", required=False),
        F("party_record", "违法犯罪经历", required=False),
        F("facts", "现查明（时间、地点、手段、后果、情节）", multiline=True),
        F("evidence", "证据", multiline=True),
        F("legal_basis", "法律依据（《……》第×条第×款）"),
        F("decision", "处罚种类及幅度"),
        F("execution", "执行方式和期限", multiline=True),
        F("late_clause", "逾期缴纳罚款的加处罚款（有罚款时）", multiline=True, required=False),
        F("property", "收缴/追缴物品（附清单）", multiline=True, required=False),
        F("reconsideration_organ", "行政复议机关"),
        F("court", "行政诉讼管辖法院"),
    ),
    body=(
        "违法行为人{party_name}，性别{party_gender}，出生日期{party_birth}，居民身份证号码{party_id}，户籍所在地{party_hukou}，"
        "现住址{party_address}，工作单位{party_employer}，违法犯罪经历：{party_record}。",
        "现查明：{facts}",
        "以上事实有{evidence}等证据证实。",
        "根据{legal_basis}之规定，现决定：{decision}。",
        "执行方式和期限：{execution}",
        "?{late_clause}",
        "?{property}",
        "如不服本决定，可以在收到本决定书之日起六十日内向{reconsideration_organ}申请行政复议，"
        "或者在六个月内依法向{court}提起行政诉讼。",
    ),
    parts=(
        Part("交被处罚人", "此联交被处罚人"),
        Part(
            "交执行单位", "此联交执行单位", receipt=("接收人员：__________　接收单位（印）　____年__月__日",)
        ),
        Part(
            "附卷",
            "此联附卷。一式三份，被处罚人和执行单位各一份，一份附卷；治安案件有被侵害人的，复印送达被侵害人。",
            receipt=(
                "行政处罚决定书已向我宣告并送达。",
                "被处罚人：__________（捺指印）　____年__月__日",
                "被侵害人：__________　____年__月__日",
            ),
        ),
    ),
    service_type="penalty_decision",
    service_to="offender",
    addressee="",
    rights_stated=True,
)

NO_PENALTY_DECISION = DocKind(
    code="no_penalty_decision",
    title="不予行政处罚决定书",
    words={"admin": "不罚决"},
    case_kinds=("admin",),
    party_roles=("admin_suspect",),
    fields=(
        *PARTY_BLOCK,
        F("party_address", "现住址"),
        F("facts", "现查明", multiline=True),
        F("reason", "不予处罚的理由（法定情形或违法事实不能成立）", multiline=True),
        F("legal_basis", "法律依据"),
        F("property", "收缴/追缴物品（附清单）", multiline=True, required=False),
        F("reconsideration_organ", "行政复议机关"),
        F("court", "行政诉讼管辖法院"),
    ),
    body=(
        "违法嫌疑人{party_name}，性别{party_gender}，出生日期{party_birth}，居民身份证号码{party_id}，现住址{party_address}。",
        "现查明：{facts}",
        "{reason}",
        "根据{legal_basis}之规定，现决定不予行政处罚。",
        "?{property}",
        "如不服本决定，可以在收到本决定书之日起六十日内向{reconsideration_organ}申请行政复议，"
        "或者在六个月内依法向{court}提起行政诉讼。",
    ),
    parts=(
        Part("交被处理人", "此联交被处理人"),
        Part(
            "附卷",
            "此联附卷；治安案件有被侵害人的，复印送达被侵害人。",
            receipt=(
                "不予行政处罚决定书已向我宣告并送达。",
                "被处理人：__________（捺指印）　____年__月__日",
            ),
        ),
    ),
    service_type="no_penalty_decision",
    service_to="offender",
    rights_stated=True,
)

ACCEPTANCE_RECEIPT = DocKind(
    code="acceptance_receipt",
    title="受案回执",
    words={"admin": "受回", "criminal": "受回"},
    case_kinds=("admin", "criminal"),
    party_roles=("reporter", "victim"),
    fields=(
        F("party_name", "报案人（单位）"),
        F("reported_at", "报案时间"),
        F("case_desc", "报称的事项"),
        F("case_number", "案件编号"),
        F("query_code", "查询码"),
        F("query_channel", "查询途径"),
        F("contact", "联系人"),
        F("contact_phone", "联系电话", required=False),
        F("supervision_phone", "监督电话", required=False),
    ),
    body=(
        "你（单位）于{reported_at}报称的{case_desc}一案，我单位已受理。案件编号：{case_number}。",
        "你可凭查询码 {query_code} 通过{query_channel}查询案件办理进展情况。",
        "联系人：{contact}，联系电话：{contact_phone}。执法监督电话：{supervision_phone}。",
    ),
    parts=(
        Part("交报案人", "此联交报案人"),
        Part(
            "附卷",
            "此联附卷",
            receipt=(
                "报案人：__________　____年__月__日__时",
                "报案人无法联系或者拒绝接受回执的情况：______________________________",
            ),
        ),
    ),
    service_type="acceptance_receipt",
    service_to="reporter",
    addressee="party_name",
    notes="行政案件的受案回执在2024版式样中已删除（由立案/不予立案告知书代替）；刑事案件仍适用（刑事程序规定第171条）。",
)

SUMMONS = DocKind(
    code="summons",
    title="传唤证",
    words={"admin": "行传", "criminal": "传"},
    case_kinds=("admin", "criminal"),
    party_roles=("admin_suspect", "criminal_suspect"),
    fields=(
        F("party_name", "被传唤人"),
        F("suspected", "涉嫌（违法行为或罪名）"),
        F("legal_basis", "法律依据"),
        F("appear_at", "到案时间（前）"),
        F("appear_place", "到案地点"),
        F("purpose", "接受询问/讯问"),
    ),
    body=(
        "因你（单位）涉嫌{suspected}，根据{legal_basis}之规定，现传唤你于{appear_at}前到{appear_place}{purpose}。",
        "无正当理由拒不接受传唤或者逃避传唤的，依法强制传唤。",
    ),
    parts=(
        Part("交被传唤人", "此联交被传唤人"),
        Part(
            "附卷",
            "此联附卷。一式两份，一份交被传唤人，一份附卷。",
            receipt=(
                "被传唤人到达时间：____年__月__日__时__分　被传唤人：__________",
                "被传唤人离开时间（询问查证结束时间）：____年__月__日__时__分　被传唤人：__________",
                "被传唤人拒绝填写或者签名的情况：______________________　办案民警：__________",
            ),
        ),
    ),
    service_type="summons",
    service_to="party",
    addressee="party_name",
    narrative=False,
)

DETENTION_NOTICE = DocKind(
    code="detention_notice",
    title="拘留通知书",
    words={"criminal": "拘通"},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect",),
    fields=(
        F("family_name", "被通知人（家属）"),
        F("party_name", "被拘留人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("party_address", "住址"),
        F("crime", "涉嫌罪名"),
        F("detained_at", "拘留时间"),
        F("legal_basis", "法律依据"),
        F("detention_house", "羁押处所（看守所）"),
        F("detention_house_address", "看守所地址", required=False),
        F("late_reason", "未在二十四小时以内通知的原因", multiline=True, required=False),
        F("case_title", "案件名称"),
        F("approver", "批准人", required=False),
        F("officers", "办案人"),
    ),
    body=(
        "根据{legal_basis}之规定，我局已于{detained_at}将涉嫌{crime}的{party_name}（性别{party_gender}，"
        "出生日期{party_birth}，住址{party_address}）刑事拘留，现羁押在{detention_house}。",
        "?看守所地址：{detention_house_address}",
        "?未在二十四小时以内通知的原因：{late_reason}",
    ),
    stub=(
        ("案件名称", "case_title"),
        ("被拘留人", "party_name"),
        ("性别", "party_gender"),
        ("出生日期", "party_birth"),
        ("住址", "party_address"),
        ("拘留时间", "detained_at"),
        ("羁押处所", "detention_house"),
        ("被通知人", "family_name"),
        ("批准人", "approver"),
        ("办案人", "officers"),
    ),
    parts=(
        Part("存根", "", stub=True, receipt=("填发人：__________　填发时间：____年__月__日",)),
        Part(
            "附卷",
            "此联附卷",
            receipt=(
                "通知方式：__________　通知时间：____年__月__日__时__分",
                "被通知人：__________（签名）　与被拘留人关系：__________",
            ),
        ),
        Part("交家属", "此联交被拘留人家属"),
    ),
    service_type="detention_notice",
    service_to="family",
    addressee="family_name",
    seal="（公安局印）",
)

SEIZURE_DECISION = DocKind(
    code="seizure_decision",
    title="扣押决定书",
    words={"criminal": "扣"},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect", "victim", "witness", "other"),
    fields=(
        F("party_name", "持有人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("party_id", "居民身份证号码"),
        F("party_address", "住址"),
        F("case_title", "案件名称"),
        F("legal_basis", "法律依据"),
        F("items", "扣押财物（每行一项：名称|数量|特征|来源|备注）", multiline=True),
        F("reason", "扣押原因", required=False),
        F("approver", "批准人", required=False),
        F("officers", "办案人"),
    ),
    body=(
        "{party_name}（性别{party_gender}，出生日期{party_birth}，居民身份证号码{party_id}，住址{party_address}）：",
        "我局在侦查{case_title}中发现你（单位）持有的下列财物、文件可用以证明犯罪嫌疑人有罪或者无罪，"
        "根据{legal_basis}之规定，现决定扣押：",
    ),
    table=("编号", "名称", "数量", "特征", "来源", "备注"),
    signature=("持有人：__________", "见证人：__________"),
    stub=(
        ("案件名称", "case_title"),
        ("持有人", "party_name"),
        ("出生日期", "party_birth"),
        ("扣押原因", "reason"),
        ("批准人", "approver"),
        ("办案人", "officers"),
    ),
    parts=(
        Part("存根", "", stub=True, receipt=("填发人：__________　填发时间：____年__月__日",)),
        Part("附卷", "此联附卷"),
        Part("交持有人", "此联交持有人"),
    ),
    service_type="seizure_decision",
    service_to="holder",
    seal="（公安局印）",
    narrative=False,
)

SEIZURE_LIST = DocKind(
    code="seizure_list",
    title="扣押清单",
    words={},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect", "victim", "witness", "other"),
    fields=(
        F("cites_number", "扣押决定书文号"),
        F("party_name", "持有人"),
        F("items", "扣押财物（每行一项：名称|数量|特征|来源|备注）", multiline=True),
    ),
    body=("持有人：{party_name}。依据{cites_number}扣押决定书，当场开列扣押清单如下：",),
    table=("编号", "名称", "数量", "特征", "来源", "备注"),
    signature=("持有人：__________", "见证人：__________", "侦查人员：__________", "保管人：__________"),
    parts=(
        Part("交持有人", "此联交持有人。一式三份，一份交持有人，一份交公安机关保管人员，一份附卷备查。"),
        Part("交保管人员", "此联交保管人员"),
        Part("附卷", "此联附卷"),
    ),
    service_type="seizure_list",
    service_to="holder",
    seal="",
    narrative=False,
)

SERVICE_RECEIPT = DocKind(
    code="service_receipt",
    title="送达回执",
    words={},
    case_kinds=("admin", "criminal"),
    party_roles=("admin_suspect", "criminal_suspect", "victim", "reporter", "witness", "other"),
    fields=(
        F("cites_title", "送达文书名称"),
        F("cites_number", "送达文书文号"),
        F("party_name", "受送达人"),
        F("served_at", "送达时间", required=False),
        F("place", "送达地点", required=False),
        F("method", "送达方式", required=False),
        F("note", "备注", multiline=True, required=False),
    ),
    body=(),
    stub=(
        ("送达文书名称", "cites_title"),
        ("送达文书文号", "cites_number"),
        ("受送达人", "party_name"),
        ("送达时间", "served_at"),
        ("送达地点", "place"),
        ("送达方式", "method"),
        ("收件人签名或盖章（与受送达人的关系）", ""),
        ("见证人签名", ""),
        ("送达人签名", ""),
        ("备注", "note"),
    ),
    parts=(Part("", "", stub=True),),
    service_type="service_receipt",
    service_to="party",
    narrative=False,
    notes="省级式样（documents.md §6.18，UNVERIFIED）：按民事诉讼法第87条的送达回证栏目制作。",
)

FILING_DECISION = DocKind(
    code="filing_decision",
    title="立案决定书",
    words={"criminal": "立"},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect",),
    party_optional=True,
    fields=(
        F("legal_basis", "法律依据"),
        F("case_title", "案件名称"),
        F("case_number", "案件编号"),
        F("party_name", "犯罪嫌疑人", required=False),
        F("approver", "批准人", required=False),
        F("officers", "办案人"),
    ),
    body=("根据{legal_basis}之规定，决定对{case_title}立案侦查。",),
    stub=(
        ("案件名称", "case_title"),
        ("案件编号", "case_number"),
        ("犯罪嫌疑人", "party_name"),
        ("批准人", "approver"),
        ("办案人", "officers"),
    ),
    parts=(
        Part("存根", "", stub=True, receipt=("填发人：__________　填发时间：____年__月__日",)),
        Part("正本", "此联附卷"),
    ),
    service_type="filing_decision",
    service_to="procuratorate",
    seal="（公安局印）",
)

NO_FILING_NOTICE = DocKind(
    code="no_filing_notice",
    title="不予立案通知书",
    words={"criminal": "不立"},
    case_kinds=("criminal",),
    party_roles=("reporter", "victim"),
    fields=(
        F("party_name", "控告人"),
        F("complained_at", "控告日期"),
        F("case_desc", "控告的事项"),
        F("reason", "不予立案的理由"),
        F("legal_basis", "法律依据"),
        F("review_organ", "复议机关"),
    ),
    body=(
        "你（单位）于{complained_at}提出控告的{case_desc}一案，我局经审查认为{reason}，根据{legal_basis}之规定，"
        "决定不予立案。",
        "如不服本决定，可以在收到本通知书之日起七日内向{review_organ}申请复议。",
    ),
    parts=(
        Part("交控告人", "此联交控告人"),
        Part("附卷", "此联附卷", receipt=("控告人：__________　____年__月__日__时",)),
    ),
    service_type="no_filing_notice",
    service_to="complainant",
    addressee="party_name",
    seal="（公安局印）",
    notes="复议向作出决定的公安机关申请，不是行政复议（documents.md §6.4）。",
)

ACCEPTANCE_REGISTER = DocKind(
    code="acceptance_register",
    title="受案登记表",
    words={"admin": "受案", "criminal": "受案"},
    case_kinds=("admin", "criminal"),
    party_roles=("reporter", "victim", "other"),
    fields=(
        F("unit_name", "受案单位"),
        F("source", "案件来源（110指令/工作中发现/报案/投案/移送/扭送/其他）"),
        F("party_name", "报案人姓名"),
        F("party_gender", "性别", required=False),
        F("party_birth", "出生日期", required=False),
        F("party_id", "居民身份证号码", required=False),
        F("party_employer", "工作单位", required=False),
        F("party_phone", "联系方式", required=False),
        F("party_address", "现住址", required=False),
        F("transfer_unit", "移送单位、移送人及联系方式（移送案件填写）", required=False),
        F("received_by", "接报民警"),
        F("received_at", "接报时间"),
        F("received_place", "接报地点"),
        F("summary", "简要案情或者报案记录", multiline=True),
        F("opinion", "受案意见", multiline=True),
        F("approval", "受案审批意见", required=False),
    ),
    body=(),
    stub=(
        ("受案单位", "unit_name"),
        ("案件来源", "source"),
        ("报案人", "party_name"),
        ("性别", "party_gender"),
        ("出生日期", "party_birth"),
        ("居民身份证号码", "party_id"),
        ("工作单位", "party_employer"),
        ("联系方式", "party_phone"),
        ("现住址", "party_address"),
        ("移送单位/移送人", "transfer_unit"),
        ("接报民警", "received_by"),
        ("接报时间", "received_at"),
        ("接报地点", "received_place"),
        (
            "简要案情或者报案记录（发案时间、地点、简要过程、涉案人基本情况、受害情况等）以及是否接收证据",
            "summary",
        ),
        ("受案意见", "opinion"),
        ("受案审批", "approval"),
    ),
    parts=(
        Part(
            "",
            "此联附卷。一式两份，一份附卷，一份存根。",
            stub=True,
            receipt=("受案民警：__________　受案部门负责人：__________　____年__月__日",),
        ),
        Part("存根", "", stub=True),
    ),
    service_type="acceptance_register",
    service_to="reporter",
    seal="（受案单位印）",
    narrative=False,
    notes="行政案件在2024版式样中改称行政案件立案登记表（内容UNVERIFIED，documents.md §6.1）。",
)

PRIOR_NOTICE = DocKind(
    code="prior_notice",
    title="行政处罚告知笔录",
    words={},
    case_kinds=("admin",),
    party_roles=("admin_suspect",),
    fields=(
        F("notice_time", "告知时间（起止）"),
        F("notice_place", "告知地点"),
        F("officers", "告知人（两名民警）"),
        F("recorder", "记录人"),
        F("party_name", "被告知人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("party_id", "居民身份证号码", required=False),
        F("party_address", "住址", required=False),
        F("guardian", "监护人（未成年人）", required=False),
        F("facts", "违法事实和理由", multiline=True),
        F("legal_basis", "法律依据"),
        F("decision", "拟作出的处罚（种类和幅度）"),
        F("hearing", "听证权利（符合听证条件时）", multiline=True, required=False),
    ),
    body=(
        "告知时间：{notice_time}",
        "告知地点：{notice_place}",
        "告知人：{officers}　记录人：{recorder}",
        "被告知人：{party_name}，性别{party_gender}，出生日期{party_birth}，居民身份证号码{party_id}，住址{party_address}。",
        "?监护人：{guardian}",
        "问：现将公安机关拟作出行政处罚决定的事实、理由、依据和处罚内容告知如下：{facts}根据{legal_basis}之规定，"
        "拟对你{decision}。",
        "对上述告知内容，你有权进行陈述和申辩。公安机关不得因你申辩而加重处罚。",
        "?{hearing}",
    ),
    parts=(
        Part(
            "",
            "此笔录附卷",
            receipt=(
                "答：________________________________________",
                "问：你是否提出陈述和申辩？是否要求听证？",
                "答：________________________________________",
                "以上笔录我看过（向我宣读过），和我说的相符。",
                "被告知人：__________（捺指印）　告知人：__________　记录人：__________",
            ),
        ),
    ),
    service_type="prior_notice",
    service_to="offender",
    seal="",
    notes="笔录无文号（documents.md §6.6）；行政处罚法第44条、第64条，治安管理处罚法（2025）第112条、第117条。",
)

ADMIN_DETENTION_FAMILY_NOTICE = DocKind(
    code="detention_family_notice",
    title="行政拘留家属通知书",
    words={},
    case_kinds=("admin",),
    party_roles=("admin_suspect",),
    fields=(
        F("cites_number", "行政处罚决定书文号"),
        F("family_name", "被通知人（家属）"),
        F("party_name", "被处罚人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("suspected", "违法行为"),
        F("decided_on", "决定日期"),
        F("decision", "处罚内容"),
        F("detention_house", "执行场所（拘留所），或依法不送拘留所执行的原因"),
        F("period", "拘留期限（自……至……）", required=False),
        F("house_contact", "拘留所地址和电话", required=False),
    ),
    body=(
        "{party_name}（性别{party_gender}，出生日期{party_birth}）因{suspected}，于{decided_on}被我局依法作出"
        "行政处罚决定（{cites_number}）：{decision}。现在{detention_house}执行。",
        "?拘留期限：{period}",
        "?拘留所地址和电话：{house_contact}",
    ),
    parts=(
        Part(
            "附卷",
            "此联附卷",
            receipt=(
                "通知方式：□当面　□电话　□短信　□邮寄　通知时间：____年__月__日__时__分",
                "通知人：__________　被通知人：__________",
                "未通知的原因（拒不提供家属联系方式、不讲真实姓名住址等）：______________________",
            ),
        ),
        Part("交家属", "此联交被处罚人家属"),
    ),
    service_type="detention_family_notice",
    service_to="family",
    addressee="family_name",
    notes="无全国统一式样（documents.md §6.10，UNVERIFIED）；治安管理处罚法（2025）第116条，行政程序规定第176条。",
)

BAIL_DECISION = DocKind(
    code="bail_decision",
    title="取保候审决定书",
    words={"criminal": "取保"},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect",),
    fields=(
        F("party_name", "犯罪嫌疑人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("party_address", "住址"),
        F("party_employer", "单位及职业", required=False),
        F("party_phone", "联系方式", required=False),
        F("case_title", "案件名称"),
        F("reason", "取保候审的原因"),
        F("legal_basis", "法律依据"),
        F("start", "起算日期"),
        F("guarantee", "保证方式（接受保证人××的监督 / 交纳保证金（大写）××元）"),
        F("obligations", "应当遵守的规定", multiline=True),
        F("executor", "执行机关"),
        F("approver", "批准人", required=False),
        F("officers", "办案人"),
    ),
    body=(
        "犯罪嫌疑人{party_name}，性别{party_gender}，出生日期{party_birth}，住址{party_address}，单位及职业{party_employer}，"
        "联系方式{party_phone}。",
        "我局正在侦查{case_title}，因犯罪嫌疑人{reason}，根据{legal_basis}之规定，决定对其取保候审，"
        "期限从{start}起算。犯罪嫌疑人应当{guarantee}。",
        "取保候审期间，被取保候审人应当遵守以下规定：{obligations}",
    ),
    stub=(
        ("案件名称", "case_title"),
        ("取保候审人", "party_name"),
        ("性别", "party_gender"),
        ("出生日期", "party_birth"),
        ("取保原因", "reason"),
        ("起算时间", "start"),
        ("保证方式", "guarantee"),
        ("执行机关", "executor"),
        ("批准人", "approver"),
        ("办案人", "officers"),
    ),
    parts=(
        Part("存根", "", stub=True, receipt=("填发人：__________　填发时间：____年__月__日",)),
        Part(
            "副本",
            "此联附卷",
            receipt=("本决定书已向我宣读。", "被取保候审人：__________（捺指印）　____年__月__日__时"),
        ),
        Part("正本", "此联交被取保候审人"),
        Part(
            "执行通知书",
            "此联交执行单位",
            addressee="executor",
            body=(
                "因犯罪嫌疑人{party_name}（性别{party_gender}，出生日期{party_birth}，住址{party_address}）{reason}，"
                "我局正在侦查{case_title}，决定对其取保候审，交由你单位执行，取保候审期限从{start}起算。"
                "被取保候审人应当{guarantee}。",
            ),
        ),
    ),
    service_type="bail_decision",
    service_to="party",
    seal="（公安局印）",
    notes="一式四联（documents.md §6.13）；刑事诉讼法第67条、第71条，刑事程序规定第83条、第91条。",
)

DETENTION_WARRANT = DocKind(
    code="detention_warrant",
    title="拘留证",
    words={"criminal": "拘"},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect",),
    fields=(
        F("case_title", "案件名称"),
        F("party_name", "犯罪嫌疑人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("party_address", "住址"),
        F("crime", "涉嫌罪名"),
        F("reason", "拘留原因", required=False),
        F("legal_basis", "法律依据"),
        F("detention_house", "羁押的看守所"),
        F("detained_at", "执行拘留时间", required=False),
        F("lawyer_permission", "属于律师会见需经许可的案件（是/否）", required=False),
        F("approver", "批准人", required=False),
        F("officers", "执行人（两名）"),
    ),
    body=(
        "根据{legal_basis}之规定，兹决定对犯罪嫌疑人{party_name}（性别{party_gender}，出生日期{party_birth}，"
        "住址{party_address}）执行拘留，送{detention_house}羁押。",
    ),
    stub=(
        ("案件名称", "case_title"),
        ("犯罪嫌疑人", "party_name"),
        ("性别", "party_gender"),
        ("出生日期", "party_birth"),
        ("住址", "party_address"),
        ("拘留原因", "reason"),
        ("批准人", "approver"),
        ("执行人", "officers"),
    ),
    parts=(
        Part("存根", "", stub=True, receipt=("填发人：__________　填发时间：____年__月__日",)),
        Part(
            "附卷",
            "此联附卷",
            receipt=(
                "本证已于____年__月__日__时向我宣布。被拘留人：__________（捺指印）",
                "本证副本已收到，被拘留人__________已于____年__月__日__时送至我所。接收民警：__________（看守所印）",
            ),
        ),
        Part(
            "副本",
            "此联交看守所",
            body=(
                "根据{legal_basis}之规定，兹决定对涉嫌{crime}的犯罪嫌疑人{party_name}（性别{party_gender}，"
                "出生日期{party_birth}，住址{party_address}）执行拘留，送{detention_house}羁押。",
                "执行拘留时间：{detained_at}。属于律师会见需经许可的案件：{lawyer_permission}。",
            ),
        ),
    ),
    service_type="detention_warrant",
    service_to="party",
    seal="（公安局印）",
    notes="三联（documents.md §6.11）；刑事诉讼法第82条、第85条，刑事程序规定第125条、第153条。",
)

RESIDENTIAL_SURVEILLANCE_DECISION = DocKind(
    code="surveillance_decision",
    title="监视居住决定书",
    words={"criminal": "监居"},
    case_kinds=("criminal",),
    party_roles=("criminal_suspect",),
    fields=(
        F("party_name", "犯罪嫌疑人"),
        F("party_gender", "性别"),
        F("party_birth", "出生日期"),
        F("party_address", "住址"),
        F("case_title", "案件名称"),
        F("reason", "监视居住的原因"),
        F("legal_basis", "法律依据"),
        F("place", "监视居住地点（住处或指定的居所）"),
        F("executor", "执行机关"),
        F("start", "起算日期"),
        F("approver", "批准人", required=False),
        F("officers", "办案人"),
    ),
    body=(
        "我局正在侦查{case_title}，因{reason}，根据{legal_basis}之规定，决定在{place}对犯罪嫌疑人{party_name}"
        "（性别{party_gender}，出生日期{party_birth}，住址{party_address}）监视居住，由{executor}负责执行，"
        "监视居住期限从{start}起算。",
        "被监视居住人应当遵守以下规定：一、未经执行机关批准不得离开执行监视居住的处所；二、未经执行机关批准不得会见他人"
        "或者通信；三、在传讯的时候及时到案；四、不得以任何形式干扰证人作证；五、不得毁灭、伪造证据或者串供；"
        "六、将护照等出入境证件、身份证件、驾驶证件交执行机关保存。",
        "如果被监视居住人违反以上规定，情节严重的，可以予以逮捕；需要予以逮捕的，可以先行拘留。",
    ),
    stub=(
        ("案件名称", "case_title"),
        ("被监视居住人", "party_name"),
        ("出生日期", "party_birth"),
        ("住址", "party_address"),
        ("原因", "reason"),
        ("监视居住地点", "place"),
        ("起算时间", "start"),
        ("执行机关", "executor"),
        ("批准人", "approver"),
        ("办案人", "officers"),
    ),
    parts=(
        Part("存根", "", stub=True, receipt=("填发人：__________　填发时间：____年__月__日",)),
        Part(
            "副本",
            "此联附卷",
            receipt=("本决定书已收到。被监视居住人：__________（捺指印）　____年__月__日",),
        ),
        Part("正本", "此联交被监视居住人"),
        Part(
            "执行通知书",
            "此联交执行机关",
            addressee="executor",
            body=(
                "我局正在侦查{case_title}，决定在{place}对犯罪嫌疑人{party_name}（性别{party_gender}，"
                "出生日期{party_birth}，住址{party_address}）监视居住，交由你单位执行，监视居住期限从{start}起算。",
            ),
        ),
    ),
    service_type="surveillance_decision",
    service_to="party",
    seal="（公安局印）",
    notes="四联（documents.md §6.14）；刑事诉讼法第74条、第75条、第77条，刑事程序规定第110条、第113条。",
)

KINDS: dict[str, DocKind] = {
    k.code: k
    for k in (
        PENALTY_DECISION,
        ACCEPTANCE_RECEIPT,
        SUMMONS,
        DETENTION_NOTICE,
        SEIZURE_DECISION,
        SEIZURE_LIST,
        SERVICE_RECEIPT,
        FILING_DECISION,
        NO_FILING_NOTICE,
        NO_PENALTY_DECISION,
        ACCEPTANCE_REGISTER,
        PRIOR_NOTICE,
        ADMIN_DETENTION_FAMILY_NOTICE,
        BAIL_DECISION,
        DETENTION_WARRANT,
        RESIDENTIAL_SURVEILLANCE_DECISION,
    )
}


def kinds_for(case_kind: str) -> list[DocKind]:
    return [k for k in KINDS.values() if case_kind in k.case_kinds]
