"""A case from acceptance to where it stands at the anchor: handlers, parties, title, and the walk
(walks.py) written step by step until the end of the period — so recent cases are open and old ones
closed — or until the state the plan forced it to stop in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.org.models import Officer

from .models import DefectKind
from .org_builder import Station
from .penalties import choose_penalty
from .people import Person
from .plan import Item
from .walks import H, M, Parties, Step, Walks
from .world import World, iso

SHORT_NAMES = {
    "cr.drug_trafficking": "贩卖毒品",
    "cr.aiding_cyber_crime": "帮助信息网络犯罪活动",
    "ps.carry_weapon": "非法携带管制器具",
    "ps.noise_nuisance": "制造噪声干扰他人生活",
    "ps.harassing_messages": "发送信息干扰他人正常生活",
}

# 行政案件程序规定 Art. 37: cases of prostitution, gambling or drugs are never decided on the spot
# (the offences of pa.summary_procedure_thresholds).
NO_SUMMARY_PROCEDURE = frozenset(
    {
        "ps.prostitution",
        "ps.soliciting_prostitute",
        "ps.street_soliciting",
        "ps.procuring_prostitution",
        "ps.gambling",
        "ps.gambling_facilitation",
        "ps.drug_use",
        "ps.drug_possession",
        "ps.broker_drug_deal",
        "ps.shelter_drug_use",
        "ps.induce_drug_use",
        "ps.drug_plant_cultivation",
        "ps.drug_precursors",
        "ps.tip_off",
    }
)


@dataclass
class Pending:
    """An accepted case and the rest of its walk."""

    number: str
    accepted_at: datetime
    steps: list[Step]
    until: str | None
    branch: str


def short_name(world: World, code: str) -> str:
    return SHORT_NAMES.get(code) or world.offences[code].name.split("（")[0].removesuffix("罪")


class CaseWriter(Walks):
    def __init__(self, world: World):
        self.w = world

    # --- people --------------------------------------------------------------------------------------------

    def parties(self, item: Item, reporter: Person | None, at: datetime) -> Parties:
        w, rng = self.w, self.w.rng
        day = at.astimezone(LEGAL_TZ).date()
        kind = item.kind
        gender = (
            "female"
            if item.offence == "ps.prostitution"
            else "male"
            if item.offence in ("ps.soliciting_prostitute", "cr.dangerous_driving")
            else None
        )

        def suspect() -> Person:
            minor = rng.random() < (0.06 if kind == "admin" else 0.03)
            ages = ((14, 17) if kind == "admin" else (16, 17)) if minor else (18, 62)
            return w.people.person(on=day, ages=ages, gender=gender or w.people.gender(0.86))

        pattern = item.scenario.parties
        if pattern == "group":
            return Parties([suspect() for _ in range(rng.randint(2, 6))])
        if pattern == "single":
            return Parties([suspect()])
        victim = reporter or w.people.person(on=day, ages=(16, 80))
        if pattern == "fight":
            suspects = [suspect() for _ in range(2 if rng.random() < 0.25 else 1)]
            witness = w.people.person(on=day, ages=(18, 70)) if rng.random() < 0.4 else None
            return Parties(suspects, victim, witness)
        # "victim": a theft or fraud; admin cases are small thefts with the thief caught at once.
        if kind == "admin":
            return Parties([suspect()], victim)
        later = suspect() if rng.random() < item.scenario.solved else None
        return Parties([], victim, later_suspect=later)

    def title(self, item: Item, parties: Parties) -> str:
        short = short_name(self.w, item.offence or "")
        if parties.suspects:
            first = parties.suspects[0].name
            if len(parties.suspects) > 1:
                return f"{first}等{len(parties.suspects)}人{short}案"
            return f"{first}{short}案"
        victim = parties.victim.name if parties.victim else "某"
        return item.scenario.title_unknown.format(victim=victim)

    def handlers(self, item: Item, station: Station, lead: Officer | None) -> tuple[Officer, list[Officer]]:
        rng = self.w.rng
        lead = lead if lead is not None and lead in station.police else rng.choice(station.police)
        others = [o for o in station.police if o.id != lead.id]
        assisting = [rng.choice(others)]
        if station.auxiliaries and rng.random() < 0.3:
            assisting.append(rng.choice(station.auxiliaries))
        serious = item.offence in (
            "cr.robbery",
            "cr.affray",
            "cr.intentional_injury",
            "cr.drug_trafficking",
        ) or (item.scenario.key == "burglary")
        if serious:
            sub = next(sb for sb in self.w.org.sub_bureaus if sb.unit.id == station.sub_bureau.id)
            if sub.investigators:
                assisting.append(rng.choice(sub.investigators))
        return lead, assisting

    def accept(
        self,
        *,
        number: str,
        station: Station,
        kind: str,
        title: str,
        summary: str,
        offence: str | None,
        procedure: str,
        incident: str | None,
        at: datetime,
        lead: Officer,
        assisting: list[Officer],
        query_code: str | None = None,
        entered_by: datetime | None = None,
    ) -> None:
        """Accept the case and assign its handlers; `entered_by`: all of it is entered by then (before the
        decision is made, so that the decision itself can be entered on time)."""
        w, rec, rng = self.w, self.w.rec, self.w.rng

        def recorded(moment: datetime, lag: timedelta | None = None) -> datetime | None:
            if entered_by is None:
                return None if lag is None else moment + lag
            return max(moment, min(moment + (lag if lag is not None else rec.entry_lag()), entered_by))

        rec.record(
            "case.accepted",
            number,
            {
                "unit": station.unit.code,
                "kind": kind,
                "title": title,
                "summary": summary,
                "offence": offence,
                "procedure": procedure,
                "incident": incident,
                "query_code": query_code or w.query_code(),
            },
            actor=lead,
            at=at,
            recorded=recorded(at),
        )
        rec.record(
            "case.handler_assigned",
            number,
            {"officer": lead.badge_no, "role": "lead"},
            actor=lead,
            at=at,
            recorded=recorded(at, timedelta(seconds=rng.randint(5, 120))),
        )
        for officer in assisting:
            moment = at + timedelta(seconds=rng.randint(30, 900))
            rec.record(
                "case.handler_assigned",
                number,
                {"officer": officer.badge_no, "role": "assisting"},
                actor=lead,
                at=moment,
                recorded=recorded(moment),
            )
        w.stats[f"cases.{kind}"] += 1

    def write_steps(self, number: str, steps: list[Step], *, until: str | None = None) -> str | None:
        """Record the steps that happen before the end of the period (and up to the forced state)."""
        w, rng = self.w, self.w.rng
        state = None
        decision = next((s for s in steps if s.name == "case.decided"), None)
        for step in steps:
            if step.at > w.end:
                break
            recorded = None
            room = (w.end - step.at).days
            if step.late and room < 8:
                step.late = False
            if step.late:
                lag = timedelta(days=rng.randint(8, min(40, room)), hours=rng.randint(0, 8))
                recorded = step.at + lag
            elif step is decision:
                # The decision is made in the case system (网上审核审批): entered within the hour or two.
                recorded = step.at + timedelta(minutes=rng.randint(2, 90))
            elif decision is not None and step.at <= decision.at and step.key is None:
                # What precedes the decision is in the system before it is made (pa.decision_entry).
                recorded = max(step.at, min(step.at + w.rec.entry_lag(), decision.at))
            event = w.rec.record(
                step.name, step.key or number, step.payload, actor=step.actor, at=step.at, recorded=recorded
            )
            if step.late:
                w.plant(
                    DefectKind.DECISION_LATE_ENTRY,
                    "case",
                    number,
                    f"处理决定于{step.at.astimezone(LEGAL_TZ):%Y年%m月%d日}作出，{(event.recorded_at - step.at).days}日后才录入系统",
                    event_id=str(event.event_id),
                    event=step.name,
                    occurred_at=iso(step.at),
                    recorded_at=iso(event.recorded_at),
                    lag_days=(event.recorded_at - step.at).days,
                )
            state = step.state or state
            if until is not None and state == until:
                break
        return state

    # --- one case from an item -----------------------------------------------------------------------------

    def open(
        self,
        item: Item,
        *,
        incident: str | None,
        at: datetime,
        station: Station,
        reporter: Person | None,
        lead: Officer | None,
        summary: str,
    ) -> Pending:
        """Accept the case for `item` and plan its walk (written by `walk`, after the incident is converted)."""
        w, rng = self.w, self.w.rng
        kind = item.kind or "admin"
        parties = self.parties(item, reporter, at)
        lead, assisting = self.handlers(item, station, lead)
        if DefectKind.CASE_SINGLE_HANDLER in item.defects:
            assisting = []
        offence = w.offences[item.offence or ""]
        penalty = None
        branch = self.branch(item, kind)
        if kind == "admin" and branch == "penalty":
            penalty = choose_penalty(rng, offence.versions, at.astimezone(LEGAL_TZ).date())
            if penalty is None:
                branch = "no_penalty"
        summary_procedure = bool(
            penalty
            and item.offence not in NO_SUMMARY_PROCEDURE
            and not penalty.get("detention_days")
            and penalty.get("fine_yuan", 0) <= 200
            and not item.forced_state
            and not item.defects
            and rng.random() < 0.8
        )
        number = w.case_number(station.unit, kind, at)
        steps = self.people_steps(parties, kind, at, lead)
        if kind == "admin":
            steps += self.admin_steps(item, at, lead, branch, penalty, summary_procedure)
        else:
            steps += self.criminal_steps(item, at, lead, branch, parties, station)
        closing = next((s.at for s in steps if s.name == "case.closed"), None)
        for step in steps:  # people are added while the case is open (a closed case refuses changes)
            if closing is not None and step.name == "case.party_added" and step.at >= closing:
                step.at = max(at, closing - timedelta(minutes=1))
        if not summary_procedure and not item.forced_state:
            single = DefectKind.CASE_SINGLE_HANDLER in item.defects
            steps += self.interview_steps(number, kind, parties, steps, lead, assisting, single=single)
        steps.sort(key=lambda s: s.at)
        if item.forced_state:
            steps = self.force(steps, item.forced_state, at)
        decision = next((s for s in steps if s.name == "case.decided" and s.at <= w.end), None)
        self.accept(
            number=number,
            station=station,
            kind=kind,
            title=self.title(item, parties),
            summary=summary,
            offence=item.offence,
            procedure="summary" if summary_procedure else "general",
            incident=incident,
            at=at,
            lead=lead,
            assisting=assisting,
            entered_by=decision.at if decision is not None else None,
        )
        if DefectKind.CASE_SINGLE_HANDLER in item.defects:
            w.plant(
                DefectKind.CASE_SINGLE_HANDLER,
                "case",
                number,
                "案件仅指定一名办案民警（主办），无协办民警；询问/讯问仅一名民警在场",
                lead=lead.badge_no,
                interviews=[s.key for s in steps if s.name == "interview.held"],
            )
        return Pending(number, at, steps, item.forced_state, branch)

    def walk(self, pending: Pending) -> str | None:
        w = self.w
        state = self.write_steps(pending.number, pending.steps, until=pending.until)
        if pending.branch == "overdue":
            days = (w.end - pending.accepted_at).days
            w.plant(
                DefectKind.CASE_OVERDUE,
                "case",
                pending.number,
                f"行政案件受案已{days}日，仍处于调查中，未作出处理决定（压案不查）",
                accepted_at=iso(pending.accepted_at),
                days_open=days,
                status=state or "accepted",
            )
        return state

    def interview_steps(
        self,
        number: str,
        kind: str,
        parties: Parties,
        steps: list[Step],
        lead: Officer,
        assisting: list[Officer],
        *,
        single: bool,
    ) -> list[Step]:
        """The suspects known at acceptance are questioned (询问, admin) or interrogated (讯问, criminal) once
        the investigation has started: by two police officers in the case-handling area, recorded on
        audio and video; a minor with a guardian present. A planted single-handler case: by its one handler
        alone — on the scene without a recording (admin), or in the case-handling area (criminal)."""
        w, rng = self.w, self.w.rng
        begun = next((s.at for s in steps if s.name == "case.investigation_started"), None)
        if begun is None or not parties.suspects:
            return []
        ends = [s.at for s in steps if s.state not in (None, "investigating") and s.at > begun]
        until = min(ends) if ends else None
        added = {
            s.payload["id_number"]: s
            for s in steps
            if s.name == "case.party_added" and s.payload.get("role", "").endswith("suspect")
        }
        officers = [lead] if single else [lead, next(o for o in assisting if not o.is_auxiliary)]
        out: list[Step] = []
        t = begun
        for person in parties.suspects[:2]:
            party = added.get(person.id_number)
            if party is None:
                continue
            start = max(t, party.at) + w.between(20 * M, 4 * H)
            end = start + w.between(40 * M, 2 * H)
            if until is not None and end >= until:
                break
            day = start.astimezone(LEGAL_TZ).date()
            age = day.year - person.born.year - ((day.month, day.day) < (person.born.month, person.born.day))
            on_scene = single and kind == "admin"
            payload = {
                "case": number,
                "kind": "questioning" if kind == "admin" else "interrogation",
                "party": party.payload["party_id"],
                "ended_at": iso(end),
                "officers": [o.badge_no for o in officers],
                "place": "scene" if on_scene else "case_area",
            }
            if not on_scene:
                payload |= {
                    "room": f"询问室{rng.randint(1, 6)}",
                    "recording_media_id": str(w.rec.uuid()),
                    "recording_sha256": w.rec.sha256(),
                    "recording_complete": True,
                }
            if age < 18:
                payload |= {"guardian_name": w.people.name(w.people.gender()), "guardian_role": "guardian"}
            out.append(Step("interview.held", start, payload, lead, key=str(w.rec.uuid())))
            t = end
        return out

    def people_steps(self, parties: Parties, kind: str, at: datetime, lead: Officer) -> list[Step]:
        rng = self.w.rng
        t = at + timedelta(minutes=rng.randint(5, 40))
        steps = []
        role = "admin_suspect" if kind == "admin" else "criminal_suspect"
        for person, as_role in (
            *((p, role) for p in parties.suspects),
            *(((parties.victim, "victim"),) if parties.victim else ()),
            *(((parties.witness, "witness"),) if parties.witness else ()),
        ):
            steps.append(self.party_step(person, as_role, t, lead))
            t += timedelta(minutes=rng.randint(1, 8))
        return steps
