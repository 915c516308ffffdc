"""What the bureau's incidents are about: one scenario per kind of 警情, with how often it happens, when,
how it is reported, how it is described, and what happens to it (受案 and the offence, or another disposal).

Weights are per 100 incidents; about 45% of incidents end as cases, as in the source reports (29,708 警情
and 14,954 案件 reviewed in one year). Criminal-category incidents are always accepted as cases on the
normal path: one that is not is a planted defect (有案不立).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Relative weight of each hour of the day (0–23).
HOURS: dict[str, list[float]] = {
    # disputes, fights, bars: evenings and nights
    "night": [6, 5, 4, 2, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 5, 7, 9, 10, 10, 8],
    # drink-driving checks, late fights
    "late": [8, 7, 5, 3, 1, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 1, 1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10],
    # thefts, fraud, help: daytime
    "day": [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 7, 9, 9, 8, 7, 7, 8, 8, 8, 7, 6, 5, 4, 3, 2, 1],
    # counters and station work: office hours (stations take walk-ins all day, few at night)
    "office": [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 1, 6, 9, 9, 7, 3, 4, 8, 9, 8, 5, 2, 1.5, 1, 0.5, 0.3, 0.2],
    # traffic: rush hours
    "rush": [1, 0.5, 0.3, 0.3, 0.5, 1, 3, 8, 9, 6, 5, 5, 6, 5, 5, 6, 7, 9, 9, 6, 4, 3, 2, 1.5],
}

ITEMS_EBIKE = [
    "雅迪牌电动自行车",
    "爱玛牌电动自行车",
    "台铃牌电动自行车",
    "新日牌电动自行车",
    "绿源牌电动自行车",
]
ITEMS_PHONE = ["华为手机", "OPPO手机", "vivo手机", "苹果手机", "小米手机", "荣耀手机"]
ITEMS_HOME = ["现金及金项链", "笔记本电脑", "现金", "金手镯及现金", "平板电脑", "名烟名酒"]
ITEMS_CAR = ["挎包及现金", "笔记本电脑", "香烟两条", "现金", "行车记录仪"]
FRAUD_TYPES = [
    "冒充电商客服",
    "刷单返利",
    "冒充公检法",
    "虚假投资理财",
    "冒充熟人借钱",
    "网络贷款",
    "虚假购物",
]


@dataclass(frozen=True)
class Scenario:
    key: str
    category: str
    weight: float
    sources: dict[str, float]
    hours: str
    descriptions: tuple[str, ...]
    # When accepted as a case: (offence code, weight). A value-dependent theft/fraud names both codes and
    # the threshold at which it becomes a crime (数额较大).
    offences: tuple[tuple[str, float], ...] = ()
    convert: float = 0.0
    criminal_threshold: int | None = None  # value ≥ threshold → the cr.* offence, else the ps.* one
    value_range: tuple[int, int] = (0, 0)
    items: tuple[str, ...] = ()
    other_disposals: tuple[tuple[str, float, str], ...] = ()  # (disposal, weight, note)
    parties: str = "single"  # single | fight | group | victim | victim_known
    weekend: float = 0.0  # extra share on Saturdays and Sundays (0.6: a weekend day sees 1.6× a weekday)
    venues: tuple[str, ...] = ()
    title_unknown: str = "{victim}被盗案"
    solved: float = 0.4  # criminal cases with an unknown suspect: share where one is identified
    dispatch: bool = True  # a 110 call is dispatched (misdials are not)
    extra: dict[str, str] = field(default_factory=dict)


MEDIATED = ("mediated", 1.0, "经民警现场调解，双方达成和解协议，当场履行完毕")

SCENARIOS: list[Scenario] = [
    # --- 刑事警情 ----------------------------------------------------------------------------------------
    Scenario(
        "ebike_theft",
        "criminal",
        6,
        {"call_110": 0.5, "walk_in": 0.35, "online": 0.15},
        "day",
        (
            "报警人称其停放在{place}的{item}被盗，价值约{value}元。",
            "报警人称当日{hour}时许将{item}停放在{place}楼下，返回时发现车辆被盗，价值约{value}元。",
            "群众报称{place}有一辆{item}被人撬锁骑走，车主随后赶到，称车辆价值约{value}元。",
        ),
        offences=(("cr.theft", 1), ("ps.theft", 1)),
        convert=1.0,
        criminal_threshold=2000,
        value_range=(900, 4500),
        items=tuple(ITEMS_EBIKE),
        parties="victim",
        title_unknown="{victim}电动自行车被盗案",
        venues=("快递驿站", "菜市场", "小学门口", "停车场", "超市"),
    ),
    Scenario(
        "phone_theft",
        "criminal",
        3,
        {"call_110": 0.6, "walk_in": 0.4},
        "day",
        (
            "报警人称其在{place}购物时，放在口袋里的{item}被扒窃，价值约{value}元。",
            "报警人称在{place}乘坐公交车时{item}被盗，价值约{value}元。",
        ),
        offences=(("cr.theft", 1), ("ps.theft", 1)),
        convert=1.0,
        criminal_threshold=2000,
        value_range=(1200, 7000),
        items=tuple(ITEMS_PHONE),
        parties="victim",
        title_unknown="{victim}手机被盗案",
        venues=("农贸市场", "公交站", "菜市场", "超市"),
    ),
    Scenario(
        "burglary",
        "criminal",
        2,
        {"call_110": 0.8, "walk_in": 0.2},
        "day",
        (
            "报警人称其位于{home}的住宅被人撬门入室，家中{item}被盗，损失约{value}元。",
            "报警人称下班回家发现{home}住处窗户被撬，{item}被盗，价值约{value}元。",
        ),
        offences=(("cr.theft", 1),),
        convert=1.0,
        value_range=(2000, 30000),
        items=tuple(ITEMS_HOME),
        parties="victim",
        title_unknown="{victim}家被盗案",
        solved=0.3,
    ),
    Scenario(
        "car_break_in",
        "criminal",
        1.5,
        {"call_110": 0.7, "walk_in": 0.3},
        "night",
        ("报警人称其停放在{place}的小车车窗被砸，车内{item}被盗，价值约{value}元。",),
        offences=(("cr.theft", 1), ("ps.theft", 1)),
        convert=1.0,
        criminal_threshold=2000,
        value_range=(500, 8000),
        items=tuple(ITEMS_CAR),
        parties="victim",
        title_unknown="{victim}车内财物被盗案",
        venues=("停车场",),
    ),
    Scenario(
        "shoplifting",
        "criminal",
        1.5,
        {"call_110": 1.0},
        "day",
        ("{place}工作人员报称抓获一名偷拿商品的男子，涉案商品价值约{value}元，请求处理。",),
        offences=(("ps.theft", 1),),
        convert=1.0,
        value_range=(60, 900),
        parties="single",
        venues=("超市", "手机店", "药店", "五金店"),
    ),
    Scenario(
        "telecom_fraud",
        "criminal",
        4,
        {"online": 0.4, "walk_in": 0.5, "call_110": 0.1},
        "day",
        (
            "报警人称其接到自称“{fraud}”人员的电话，按对方要求转账{amount}元后发现被骗。",
            "报警人称在网上遇到“{fraud}”，先后向对方提供的账户转账共计{amount}元，后对方失联。",
        ),
        offences=(("cr.fraud", 1),),
        convert=1.0,
        value_range=(3000, 120000),
        parties="victim",
        title_unknown="{victim}被电信诈骗案",
        solved=0.1,
    ),
    Scenario(
        "snatching",
        "criminal",
        0.8,
        {"call_110": 1.0},
        "day",
        ("报警人称其在{place}行走时，被骑摩托车的两名男子抢走挎包，包内有现金及{item}，价值约{value}元。",),
        offences=(("cr.snatching", 1),),
        convert=1.0,
        value_range=(1500, 9000),
        items=tuple(ITEMS_PHONE),
        parties="victim",
        title_unknown="{victim}被抢夺案",
    ),
    Scenario(
        "robbery",
        "criminal",
        0.3,
        {"call_110": 1.0},
        "late",
        ("报警人称其在{place}被两名男子持刀威胁，抢走{item}及现金，价值约{value}元。",),
        offences=(("cr.robbery", 1),),
        convert=1.0,
        value_range=(800, 6000),
        items=tuple(ITEMS_PHONE),
        parties="victim",
        title_unknown="{victim}被抢劫案",
        solved=0.7,
    ),
    Scenario(
        "serious_injury",
        "criminal",
        0.8,
        {"call_110": 1.0},
        "night",
        ("报警人称在{place}与人发生争执后被对方持械打伤，伤者已送{hospital}救治，伤势较重。",),
        offences=(("cr.intentional_injury", 1),),
        convert=1.0,
        parties="fight",
        venues=("大排档", "酒吧", "KTV"),
    ),
    Scenario(
        "drunk_driving",
        "criminal",
        2,
        {"patrol": 1.0},
        "late",
        ("民警在{place}开展夜查时，查获一名涉嫌醉酒驾驶小型轿车的男子，经呼气检测酒精含量为{bac}mg/100ml。",),
        offences=(("cr.dangerous_driving", 1),),
        convert=1.0,
        parties="single",
        weekend=0.4,
        extra={"place": "road"},
    ),
    Scenario(
        "drug_trafficking",
        "criminal",
        0.3,
        {"patrol": 0.6, "call_110": 0.4},
        "night",
        ("民警在{place}盘查时，从一男子身上查获疑似甲基苯丙胺片剂{grams}克，该男子承认准备出售。",),
        offences=(("cr.drug_trafficking", 1),),
        convert=1.0,
        parties="single",
        venues=("出租屋", "宾馆"),
    ),
    Scenario(
        "aiding_cyber",
        "criminal",
        0.5,
        {"patrol": 1.0},
        "day",
        (
            "民警工作中发现，一名男子出租、出售本人银行卡及电话卡供他人用于网络诈骗资金结算，流水金额{amount}元。",
        ),
        offences=(("cr.aiding_cyber_crime", 1),),
        convert=1.0,
        value_range=(50000, 800000),
        parties="single",
    ),
    Scenario(
        "affray",
        "criminal",
        0.3,
        {"call_110": 1.0},
        "late",
        ("群众报称{place}有两伙人持棍棒互殴，现场约{n}人，有人受伤。",),
        offences=(("cr.affray", 1),),
        convert=1.0,
        parties="group",
        venues=("大排档", "KTV", "酒吧"),
    ),
    # --- 治安警情 ----------------------------------------------------------------------------------------
    Scenario(
        "gambling",
        "public_order",
        4,
        {"call_110": 0.6, "patrol": 0.3, "online": 0.1},
        "night",
        (
            "群众举报{place}有人聚众赌博，约{n}人，以“打麻将”方式赌博，每局输赢数百元。",
            "民警巡逻至{place}时发现有人以“斗牛”方式赌博，现场{n}人。",
        ),
        offences=(("ps.gambling", 1),),
        convert=0.9,
        parties="group",
        weekend=0.5,
        other_disposals=(("invalid", 1.0, "民警到场后未发现赌博行为，已向报警人反馈"),),
        venues=("棋牌室", "出租屋", "茶楼"),
    ),
    Scenario(
        "drug_use",
        "public_order",
        2.5,
        {"patrol": 0.7, "call_110": 0.3},
        "late",
        ("民警在{place}盘查时发现一男子神情异常，经现场尿液检测甲基苯丙胺呈阳性。",),
        offences=(("ps.drug_use", 1),),
        convert=0.95,
        parties="single",
        venues=("网吧", "宾馆", "出租屋"),
        other_disposals=(("invalid", 1.0, "经现场检测呈阴性，已放行"),),
    ),
    Scenario(
        "prostitution",
        "public_order",
        1.5,
        {"patrol": 0.6, "call_110": 0.4},
        "late",
        ("民警在{place}检查时，查获一对涉嫌卖淫嫖娼的男女。",),
        offences=(("ps.soliciting_prostitute", 1), ("ps.prostitution", 1)),
        convert=0.9,
        parties="single",
        venues=("足浴店", "宾馆", "出租屋"),
        other_disposals=(("invalid", 1.0, "民警到场检查，未发现违法行为"),),
    ),
    Scenario(
        "provocation",
        "public_order",
        2,
        {"call_110": 1.0},
        "late",
        ("报警人称在{place}有几名男子酒后无故拦截路人、摔砸物品，滋扰他人。",),
        offences=(("ps.provocation", 1),),
        convert=0.8,
        parties="fight",
        weekend=0.6,
        venues=("酒吧", "KTV", "大排档"),
        other_disposals=(("mediated", 1.0, "经民警劝说教育，当事人已赔礼道歉并赔偿损失"),),
    ),
    Scenario(
        "disrupt_place",
        "public_order",
        2,
        {"call_110": 1.0},
        "day",
        ("报警人称一名男子在{place}大声吵闹、推搡工作人员，扰乱秩序。",),
        offences=(("ps.disrupt_public_place", 1),),
        convert=0.6,
        parties="single",
        other_disposals=(("mediated", 1.0, "经民警劝说，当事人情绪平复后自行离开"),),
        extra={"place": "public"},
    ),
    Scenario(
        "carry_weapon",
        "public_order",
        1,
        {"patrol": 1.0},
        "night",
        ("民警在{place}盘查时，从一男子随身背包内查获管制刀具一把（刀身长约{blade}厘米）。",),
        offences=(("ps.carry_weapon", 1),),
        convert=0.95,
        parties="single",
        other_disposals=(("invalid", 1.0, "经鉴别不属于管制刀具，已教育放行"),),
    ),
    Scenario(
        "noise",
        "public_order",
        3,
        {"call_110": 1.0},
        "late",
        ("报警人称{home}有住户深夜大声播放音乐，影响周边居民休息。",),
        offences=(("ps.noise_nuisance", 1),),
        convert=0.1,
        parties="single",
        weekend=0.6,
        other_disposals=(("mediated", 1.0, "民警到场劝导，噪声已停止"),),
    ),
    Scenario(
        "rental_registration",
        "public_order",
        1,
        {"patrol": 1.0},
        "day",
        ("民警在{place}开展出租屋清查时，发现房东未按规定登记承租人身份信息。",),
        offences=(("ps.rental_registration", 1),),
        convert=0.9,
        parties="single",
        venues=("出租屋",),
        other_disposals=(("mediated", 1.0, "已当场督促房东补登记，并开展法制宣传"),),
    ),
    Scenario(
        "hotel_registration",
        "public_order",
        0.8,
        {"patrol": 1.0},
        "day",
        ("民警在{place}检查时，发现该宾馆未按规定登记住宿旅客身份信息。",),
        offences=(("ps.hotel_registration", 1),),
        convert=0.9,
        parties="single",
        venues=("宾馆",),
        other_disposals=(("mediated", 1.0, "已责令当场整改"),),
    ),
    Scenario(
        "obstruct_duty",
        "public_order",
        0.5,
        {"patrol": 1.0},
        "night",
        ("民警在{place}处置警情时，一名男子拉扯民警、阻挠执行职务。",),
        offences=(("ps.obstruct_duty", 1),),
        convert=0.95,
        parties="single",
        other_disposals=(("mediated", 1.0, "经批评教育，当事人认识错误"),),
    ),
    Scenario(
        "harassing_messages",
        "public_order",
        1,
        {"walk_in": 0.8, "online": 0.2},
        "office",
        ("报警人称近一个月来有人多次发送辱骂、威胁短信，干扰其正常生活。",),
        offences=(("ps.harassing_messages", 1),),
        convert=0.6,
        parties="fight",
        other_disposals=(("mediated", 1.0, "经民警约谈，对方承诺不再发送骚扰信息"),),
    ),
    Scenario(
        "false_alarm",
        "public_order",
        0.4,
        {"call_110": 1.0},
        "late",
        ("一男子拨打110谎称{place}发生持刀伤人，民警到场核实系虚假警情。",),
        offences=(("ps.false_alarm", 1),),
        convert=0.9,
        parties="single",
        other_disposals=(("invalid", 1.0, "经核实为虚假报警，报警人系醉酒，已批评教育"),),
    ),
    # --- 纠纷 -------------------------------------------------------------------------------------------
    Scenario(
        "fight",
        "dispute",
        8,
        {"call_110": 0.92, "walk_in": 0.08},
        "night",
        (
            "报警人称在{place}与人发生口角后被对方殴打，面部受伤。",
            "群众报称{place}有人打架，一人受伤。",
            "报警人称其在{place}吃夜宵时因琐事与邻桌发生争执，被对方用酒瓶打伤头部。",
        ),
        offences=(("ps.assault", 85), ("ps.intentional_injury", 15)),
        convert=0.55,
        parties="fight",
        weekend=0.6,
        other_disposals=(MEDIATED,),
        venues=("烧烤摊", "大排档", "KTV", "酒吧", "快餐店", "网吧"),
    ),
    Scenario(
        "neighbour",
        "dispute",
        6,
        {"call_110": 0.8, "walk_in": 0.2},
        "day",
        (
            "报警人称在{home}与邻居因{cause}发生纠纷，对方砸坏其家门口物品。",
            "报警人称因{cause}与住在{home}的邻居发生争吵，对方辱骂其家人。",
        ),
        offences=(("ps.property_damage", 5), ("ps.insult", 3), ("ps.assault", 2)),
        convert=0.15,
        parties="fight",
        other_disposals=(
            ("mediated", 1.0, "经民警调解，双方达成谅解"),
            ("not_police_matter", 0.25, "属民事纠纷，已告知当事人通过诉讼途径解决"),
        ),
        weekend=0.4,
        extra={"cause": "neighbour"},
    ),
    Scenario(
        "family",
        "dispute",
        4,
        {"call_110": 0.9, "walk_in": 0.1},
        "night",
        (
            "报警人称其丈夫酒后在{home}家中对其推搡打骂。",
            "报警人称在{home}家中与家人因{cause}发生争吵并动手。",
        ),
        offences=(("ps.family_abuse", 1), ("ps.assault", 1)),
        convert=0.15,
        parties="fight",
        weekend=0.5,
        other_disposals=(("mediated", 1.0, "经民警调解、批评教育，双方情绪平复"),),
        extra={"cause": "family"},
    ),
    Scenario(
        "debt_labour",
        "dispute",
        4,
        {"call_110": 0.6, "walk_in": 0.4},
        "day",
        (
            "报警人称{place}老板拖欠其工资{amount}元，多次讨要未果。",
            "报警人称朋友借其{amount}元至今不还，请求帮助。",
        ),
        value_range=(2000, 30000),
        venues=("建筑工地", "汽修厂", "快餐店"),
        other_disposals=(
            ("not_police_matter", 0.8, "属劳资（债务）纠纷，已引导当事人向劳动监察部门或法院主张权利"),
            ("mediated", 0.2, "经民警调解，双方约定还款期限"),
        ),
    ),
    Scenario(
        "traffic_dispute",
        "dispute",
        3,
        {"call_110": 1.0},
        "rush",
        ("报警人称在{place}与一辆小车发生剐蹭，双方对责任有争议。",),
        extra={"place": "road"},
        other_disposals=(
            ("mediated", 0.6, "经民警调解，双方协商由保险公司理赔"),
            ("transferred", 0.4, "已移交交警大队处理"),
        ),
    ),
    # --- 其他 -------------------------------------------------------------------------------------------
    Scenario(
        "traffic_accident",
        "traffic",
        8,
        {"call_110": 1.0},
        "rush",
        (
            "报警人称在{place}发生一起两车相撞的交通事故，有人受轻伤。",
            "报警人称{place}一辆电动车与行人发生碰撞。",
        ),
        extra={"place": "road"},
        other_disposals=(
            ("transferred", 0.9, "已移交交警大队事故中队处理"),
            ("mediated", 0.1, "轻微事故，双方自行协商解决"),
        ),
    ),
    Scenario(
        "assistance",
        "assistance",
        12,
        {"call_110": 0.85, "walk_in": 0.15},
        "day",
        (
            "报警人称其{relative}（患有老年痴呆）走失，最后出现在{place}附近。",
            "报警人称其孩子在{place}走失。",
            "报警人称被反锁在{home}家门外，家中有小孩，请求帮助。",
            "群众报称{place}有一名醉酒男子躺在路边。",
        ),
        other_disposals=(
            ("not_police_matter", 0.6, "民警到场协助，已妥善处置并交其家属"),
            ("transferred", 0.4, "已联系社区及120到场处置"),
        ),
        extra={"relative": "relative"},
    ),
    Scenario(
        "fire",
        "fire",
        1.5,
        {"call_110": 1.0},
        "day",
        ("报警人称{home}一住户家中冒出浓烟，疑似起火。",),
        other_disposals=(("transferred", 1.0, "已通知消防救援大队到场处置，民警维护现场秩序"),),
    ),
    Scenario(
        "complaint",
        "complaint",
        3,
        {"call_110": 0.5, "online": 0.5},
        "office",
        ("报警人投诉{place}占道经营、影响通行。", "报警人举报{place}销售过期食品。"),
        other_disposals=(
            ("transferred", 0.7, "已移交城管、市场监管部门处理"),
            ("not_police_matter", 0.3, "不属公安机关管辖，已告知报警人"),
        ),
    ),
    Scenario(
        "misdial",
        "other",
        4.5,
        {"call_110": 1.0},
        "day",
        ("来电无人应答，回拨后对方称系误拨。", "来电人咨询户籍办理事宜。", "儿童玩耍手机拨打110。"),
        other_disposals=(
            ("invalid", 0.8, "经回拨核实为无效警情"),
            ("not_police_matter", 0.2, "已解答来电人咨询"),
        ),
        dispatch=False,
    ),
]

CAUSES = {
    "neighbour": ["楼道堆放杂物", "漏水", "停车位", "噪声", "宠物"],
    "family": ["家务琐事", "赡养老人", "财产分割"],
    "relative": ["父亲", "母亲", "爷爷", "奶奶"],
}

# Walk-in criminal reports taken at a station counter (接报案) without a 110 incident.
DIRECT_REPORTS: list[tuple[str, float]] = [("telecom_fraud", 6), ("ebike_theft", 2), ("burglary", 1)]

TERMINATION_REASONS = [
    "经调查，没有违法事实",
    "违法嫌疑人死亡",
    "经调查，违法行为已过追究时效",
    "双方达成调解协议并已履行完毕，依法终止调查",
]
NO_PENALTY_REASONS = [
    "违法行为轻微并及时纠正，没有造成危害后果，依法不予行政处罚",
    "违法事实不能成立",
    "违法行为人不满十四周岁，依法不予行政处罚，责令其监护人严加管教",
]
NOT_FILED_REASONS = [
    "经审查，没有犯罪事实",
    "经审查，情节显著轻微、危害不大，不认为是犯罪",
    "经审查，不属于本局管辖，已移送有关部门",
]
WITHDRAWN_REASONS = [
    "经侦查，犯罪嫌疑人的行为不构成犯罪",
    "经侦查，犯罪已过追诉时效期限",
    "经侦查，不应对犯罪嫌疑人追究刑事责任",
]
