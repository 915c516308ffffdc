"""证据指引: for common offences, the elements to prove and the evidence a case file is expected to hold.

Each item names a `check`: how lawtrail finds it in the case file — `suspect_identity` (a suspect with an
ID number), `suspect_statement` / `victim_statement` / `witness_statement` (an interview of a party in that
role), `media` (a recording linked to the case) — or `manual` (documents lawtrail does not record yet:
the reviewer checks the paper or electronic file). The elements follow the offence's article in
law/offences.md (治安管理处罚法 v2026: 殴打他人 第51条, 盗窃 第58条, 赌博 第82条, 吸毒 第84条) and
公安机关办理行政案件程序规定 on evidence (第26条 the kinds of evidence).
"""

from __future__ import annotations

IDENTITY = (
    "违法嫌疑人身份",
    [("身份证明（身份证号码已核验）", "suspect_identity"), ("前科、违法记录查询", "manual")],
)

EVIDENCE_GUIDES: dict[str, dict] = {
    "ps.assault": {
        "name": "殴打他人",
        "elements": [
            IDENTITY,
            (
                "殴打行为的事实",
                [
                    ("违法嫌疑人陈述和申辩（询问笔录）", "suspect_statement"),
                    ("被侵害人陈述（询问笔录）", "victim_statement"),
                    ("证人证言", "witness_statement"),
                    ("现场执法记录仪视频或监控录像", "media"),
                ],
            ),
            ("损害后果", [("伤情照片、病历或伤情鉴定意见", "manual")]),
            (
                "从重情节（结伙、殴打残疾人、孕妇、不满14周岁或70周岁以上的人、多次或一次多人）",
                [("证明从重情节的材料", "manual")],
            ),
        ],
    },
    "ps.theft": {
        "name": "盗窃",
        "elements": [
            IDENTITY,
            (
                "秘密窃取的事实",
                [
                    ("违法嫌疑人陈述和申辩（询问笔录）", "suspect_statement"),
                    ("被侵害人陈述（询问笔录）", "victim_statement"),
                    ("监控录像或现场视频", "media"),
                ],
            ),
            (
                "被盗财物及价值",
                [("扣押清单、辨认笔录", "manual"), ("价格认定意见（涉及刑事立案标准时）", "manual")],
            ),
            ("赃物去向", [("追缴、返还记录", "manual")]),
        ],
    },
    "ps.gambling": {
        "name": "赌博",
        "elements": [
            IDENTITY,
            (
                "参与赌博的事实",
                [
                    ("违法嫌疑人陈述和申辩（询问笔录）", "suspect_statement"),
                    ("其他参赌人员证言", "witness_statement"),
                    ("现场执法记录仪视频", "media"),
                ],
            ),
            ("赌资数额（赌资较大）", [("赌资、赌具扣押清单及照片", "manual"), ("赌资计算说明", "manual")]),
        ],
    },
    "ps.drug_use": {
        "name": "吸毒",
        "elements": [
            IDENTITY,
            (
                "吸食、注射毒品的事实",
                [
                    ("违法嫌疑人陈述和申辩（询问笔录）", "suspect_statement"),
                    ("现场检测报告书（尿检、毛发检测）", "manual"),
                    ("检测过程的执法记录仪视频", "media"),
                ],
            ),
            ("吸毒成瘾认定（如适用）", [("吸毒成瘾认定意见", "manual"), ("既往吸毒记录查询", "manual")]),
        ],
    },
}
