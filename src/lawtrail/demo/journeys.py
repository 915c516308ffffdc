"""The user journeys' cases (shared/design/journeys.md), with fixed, recognisable content.

1. 烧烤摊打架: a 110 call at 22:14 about a fight at a barbecue stall on 西江一路, dispatched to 西江派出所,
   two officers with body cameras, accepted as 殴打他人, reviewed next morning, questioning with synchronized
   recording, an injury appraisal of 6 days, 行政拘留 7 日并处罚款 500 元, detention served.
2. 电动车被盗: a walk-in report at the 西江派出所 counter of a stolen e-bike (3,200 元), accepted and filed on
   day 2 as 盗窃 (criminal), CCTV, a suspect caught, transferred for prosecution, closed on acceptance.

Only the dates move with the anchor; names, places, numbers of days and amounts stay the same. The people
are invented; their ID numbers are valid (GB 11643) and fixed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.idnumbers import make_id_number

from .incidents import IncidentWriter, Intake
from .lifecycle import CaseWriter, Step
from .plan import Item
from .world import World, iso

BARBECUE_PLACE = "梧州市万秀区西江一路88号烧烤摊"
BARBECUE_QUERY_CODE = "BBQXJ888"
EBIKE_PLACE = "梧州市万秀区西江二路56号富民小区3栋楼下"
EBIKE_QUERY_CODE = "EBKXJ234"
D, H, M = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)


def _person(
    name: str, gender: str, region: str, born: date, serial: int, phone: str, address: str
) -> dict[str, str]:
    return {
        "name": name,
        "gender": gender,
        "id_number": make_id_number(region, born, serial),
        "phone": phone,
        "address": address,
    }


SUSPECT_WANG = _person(
    "王建军", "male", "450403", date(1991, 4, 17), 213, "13978412263", "梧州市万秀区大同路112号"
)
VICTIM_LI = _person(
    "李志强", "male", "450405", date(1996, 9, 3), 157, "18977456120", "梧州市长洲区新兴二路36号"
)
WITNESS_LIANG = _person(
    "梁桂芳", "female", "450421", date(1979, 12, 25), 82, "13707745589", "梧州市万秀区西江一路88号"
)
REPORTER_CHEN = ("陈海燕", "15977431208")
VICTIM_HUANG = _person(
    "黄丽萍",
    "female",
    "450403",
    date(1987, 6, 11),
    126,
    "13877409352",
    "梧州市万秀区西江二路56号富民小区3栋502",
)
SUSPECT_MO = _person("莫小龙", "male", "450422", date(2001, 2, 8), 331, "19977418806", "藤县藤州镇东胜路19号")


class JourneyWriter:
    def __init__(self, world: World, incidents: IncidentWriter, cases: CaseWriter):
        self.w, self.incidents, self.cases = world, incidents, cases

    def write(self, item: Item) -> None:
        {"barbecue": self.barbecue, "ebike": self.ebike}[item.journey or ""](item)

    def party(self, role: str, person: dict[str, str], at: datetime, actor) -> Step:
        return Step(
            "case.party_added", at, {"party_id": str(self.w.rec.uuid()), "role": role, **person}, actor
        )

    def barbecue(self, item: Item) -> None:
        w, rec = self.w, self.w.rec
        station = item.station
        officer, partner = station.police[0], station.police[1]
        t = item.at  # 22:14
        number = w.incident_number(station.unit, t)
        call_taker = self.incidents.call_taker()
        rec.record(
            "incident.received",
            number,
            {
                "unit": station.unit.code,
                "source": "call_110",
                "place": BARBECUE_PLACE,
                "category": "dispute",
                "description": "报警人称西江一路88号一烧烤摊有人打架，一名男子头部流血，打人者仍在现场。",
                "reporter_name": REPORTER_CHEN[0],
                "reporter_phone": REPORTER_CHEN[1],
            },
            actor=call_taker,
            at=t,
            lag=timedelta(seconds=50),
        )
        self.incidents.media(
            number,
            "call_recording",
            captured=t - timedelta(seconds=95),
            duration=95,
            officer=None,
            uri=f"cad://wuzhou110/{t:%Y/%m/%d}/{number}.wav",
            recorded=t + timedelta(seconds=90),
        )
        rec.record(
            "incident.dispatched",
            number,
            {"unit": station.unit.code, "officers": [officer.badge_no, partner.badge_no]},
            actor=call_taker,
            at=t + 2 * M,
            lag=timedelta(seconds=15),
        )
        arrived = t + 9 * M  # 22:23
        rec.record(
            "incident.arrived",
            number,
            {"note": "两名民警到场，开启执法记录仪"},
            actor=officer,
            at=arrived,
            lag=timedelta(seconds=40),
        )
        disposed = t + 51 * M  # 23:05
        intake = Intake(
            number, station, arrived, disposed, officer, None, [officer, partner], BARBECUE_PLACE, ""
        )
        self.incidents.dispose_as_case(
            intake,
            "经现场调查，王建军因琐事与李志强发生争执，殴打李志强致其头面部受伤，涉嫌殴打他人，依法受案调查",
        )
        case = w.case_number(station.unit, "admin", disposed)
        self.cases.accept(
            number=case,
            station=station,
            kind="admin",
            title="王建军殴打他人案",
            summary="王建军在西江一路88号烧烤摊吃夜宵时，因琐事与邻桌李志强发生争执，用拳头殴打李志强头面部，致其受伤。",
            offence="ps.assault",
            procedure="general",
            incident=number,
            at=disposed,
            lead=officer,
            assisting=[partner],
            query_code=BARBECUE_QUERY_CODE,
        )
        self.incidents.converted(intake, case)
        # Both clips were uploaded at the end of the night shift and confirmed by the duty officer.
        upload = (t.astimezone(LEGAL_TZ) + D).replace(hour=8, minute=41, second=0)
        for who, offset in ((officer, 20), (partner, 35)):
            start = arrived - timedelta(seconds=offset)
            self.incidents.media(
                number,
                "body_camera",
                captured=start,
                duration=2580 + offset,
                officer=who,
                uri=f"bwc://wuzhou/{who.badge_no}/{start:%Y%m%d}/{start:%H%M%S}.mp4",
                recorded=upload,
            )
        morning = (t.astimezone(LEGAL_TZ) + D).replace(hour=8, minute=52, second=0)
        leader = self.incidents.duty_leader(station, morning)
        rec.record(
            "incident.reviewed",
            number,
            {"note": "已审核，处置规范，未发现问题"},
            actor=leader,
            at=morning,
            lag=timedelta(seconds=30),
        )
        day1 = (t.astimezone(LEGAL_TZ) + D).replace(hour=9, minute=0, second=0)
        penalty = {"detention_days": 7, "fine_yuan": 500}
        steps = [
            self.party("admin_suspect", SUSPECT_WANG, disposed + 8 * M, officer),
            self.party("victim", VICTIM_LI, disposed + 15 * M, officer),
            self.party("witness", WITNESS_LIANG, disposed + 24 * M, officer),
            Step("case.filed", disposed + 30 * M, {"note": "受案后立即立案"}, officer),
            Step(
                "case.investigation_started",
                day1 + 30 * M,
                {"note": "传唤王建军到执法办案管理中心接受询问（传唤证经办案部门负责人批准）"},
                officer,
            ),
            Step(
                "case.media_linked",
                day1 + 45 * M + 2 * H,
                {
                    "media_id": str(w.rec.uuid()),
                    "kind": "other",
                    "uri": f"avr://wuzhou/zfbazx/room03/{day1:%Y%m%d}/0945.mp4",
                    "sha256": w.rec.sha256(),
                    "captured_at": iso(day1 + 45 * M),
                    "duration_seconds": 5400,
                    "officer": officer.badge_no,
                },
                officer,
            ),
            Step(
                "case.rights_notified",
                day1 + 7 * D + H,
                {
                    "note": "伤情鉴定意见书已收到（轻微伤）；已告知拟作出行政拘留7日并处罚款500元的处罚及陈述、申辩权利，当事人未提出陈述申辩"
                },
                officer,
            ),
            Step(
                "case.decided",
                day1 + 7 * D + 7 * H + 30 * M,
                {"outcome": "penalty", "penalty": penalty, "reason": ""},
                officer,
            ),
            Step(
                "case.executed",
                day1 + 14 * D + 8 * H,
                {"note": "已送梧州市拘留所执行行政拘留7日，执行完毕；罚款500元已缴纳"},
                officer,
            ),
        ]
        self.cases.write_steps(case, steps)
        self.w.stats["journeys"] += 1

    def ebike(self, item: Item) -> None:
        w, rec = self.w, self.w.rec
        station = item.station
        officer, partner = station.police[0], station.police[1]
        t = item.at  # 10:20, at the counter
        number = w.incident_number(station.unit, t)
        rec.record(
            "incident.received",
            number,
            {
                "unit": station.unit.code,
                "source": "walk_in",
                "place": EBIKE_PLACE,
                "category": "criminal",
                "description": "报案人黄丽萍称其于当日凌晨停放在西江二路56号富民小区3栋楼下的雅迪牌电动自行车（价值约3200元）被盗，车锁被剪断。",
                "reporter_name": VICTIM_HUANG["name"],
                "reporter_phone": VICTIM_HUANG["phone"],
            },
            actor=officer,
            at=t,
            lag=4 * M,
        )
        disposed = t + 25 * M
        intake = Intake(number, station, None, disposed, officer, None, [officer], EBIKE_PLACE, "")
        self.incidents.dispose_as_case(
            intake, "经初步核查，涉嫌盗窃，依法受案，当场登记、当场取证、当场出具受案回执"
        )
        case = w.case_number(station.unit, "criminal", disposed)
        self.cases.accept(
            number=case,
            station=station,
            kind="criminal",
            title="黄丽萍电动自行车被盗案",
            summary="黄丽萍停放在西江二路56号富民小区3栋楼下的雅迪牌电动自行车（价值约3200元）被盗。",
            offence="cr.theft",
            procedure="general",
            incident=number,
            at=disposed,
            lead=officer,
            assisting=[partner],
            query_code=EBIKE_QUERY_CODE,
        )
        self.incidents.converted(intake, case)
        self.incidents.review(item, intake)
        day = t.astimezone(LEGAL_TZ).replace(hour=0, minute=0, second=0)
        captured = day + 3 * H + 12 * M
        steps = [
            self.party("victim", VICTIM_HUANG, disposed + 5 * M, officer),
            Step(
                "case.media_linked",
                day + 14 * H + 30 * M,
                {
                    "media_id": str(w.rec.uuid()),
                    "kind": "cctv",
                    "uri": f"cctv://wuzhou/{station.unit.code}/{captured:%Y%m%d}/fumin-03.mp4",
                    "sha256": w.rec.sha256(),
                    "captured_at": iso(captured),
                    "duration_seconds": 600,
                    "officer": officer.badge_no,
                },
                officer,
            ),
            Step(
                "case.filed",
                day + D + 15 * H,
                {"note": "被盗电动自行车价值3200元，达到盗窃罪数额较大标准，决定立案侦查（立案决定书）"},
                officer,
            ),
            Step("case.investigation_started", day + D + 15 * H + 20 * M, {"note": ""}, officer),
            self.party("criminal_suspect", SUSPECT_MO, day + 9 * D + 21 * H + 30 * M, officer),
            Step(
                "case.transferred_for_prosecution",
                day + 55 * D + 10 * H,
                {
                    "procuratorate": "梧州市万秀区人民检察院",
                    "note": "侦查终结，犯罪事实清楚，证据确实充分，移送审查起诉",
                },
                officer,
            ),
            Step("case.closed", day + 58 * D + 16 * H, {"note": "梧州市万秀区人民检察院已受理"}, officer),
        ]
        self.cases.write_steps(case, steps)
        self.w.stats["journeys"] += 1
