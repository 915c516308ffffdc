"""The case lifecycles as explicit state machines.

Administrative (行政案件): accepted → (filed) → investigating → rights notified → decided
(penalty / no penalty) or terminated → executed → closed.
Criminal (刑事案件): accepted → filed or not filed → investigating → transferred for prosecution or
withdrawn → closed.

Guards that depend on more than the state (a penalty needs the prior notice of rights; only a penalty is
executed) live in events.py beside the transition they guard.
"""

from lawtrail.common.machine import StateMachine, Transition

from .choices import CaseKind
from .choices import CaseStatus as S

ADMIN_MACHINE = StateMachine(
    "行政案件",
    S,
    [
        Transition("case.filed", frozenset({S.ACCEPTED}), S.FILED, "立案"),
        Transition(
            "case.investigation_started", frozenset({S.ACCEPTED, S.FILED}), S.INVESTIGATING, "开始调查"
        ),
        Transition(
            "case.rights_notified", frozenset({S.INVESTIGATING}), S.RIGHTS_NOTIFIED, "告知拟处罚内容及权利"
        ),
        Transition(
            "case.decided", frozenset({S.INVESTIGATING, S.RIGHTS_NOTIFIED}), S.DECIDED, "作出处理决定"
        ),
        Transition(
            "case.terminated",
            frozenset({S.ACCEPTED, S.FILED, S.INVESTIGATING, S.RIGHTS_NOTIFIED}),
            S.TERMINATED,
            "终止调查",
        ),
        Transition("case.executed", frozenset({S.DECIDED}), S.EXECUTED, "登记执行"),
        Transition("case.closed", frozenset({S.DECIDED, S.EXECUTED, S.TERMINATED}), S.CLOSED, "结案"),
    ],
)

CRIMINAL_MACHINE = StateMachine(
    "刑事案件",
    S,
    [
        Transition("case.filed", frozenset({S.ACCEPTED}), S.FILED, "立案"),
        Transition("case.not_filed", frozenset({S.ACCEPTED}), S.NOT_FILED, "不予立案"),
        Transition("case.investigation_started", frozenset({S.FILED}), S.INVESTIGATING, "开始侦查"),
        Transition(
            "case.transferred_for_prosecution",
            frozenset({S.INVESTIGATING}),
            S.TRANSFERRED,
            "侦查终结移送审查起诉",
        ),
        Transition("case.withdrawn", frozenset({S.FILED, S.INVESTIGATING}), S.WITHDRAWN, "撤销案件"),
        Transition("case.closed", frozenset({S.NOT_FILED, S.TRANSFERRED, S.WITHDRAWN}), S.CLOSED, "结案"),
    ],
)

MACHINES = {CaseKind.ADMINISTRATIVE: ADMIN_MACHINE, CaseKind.CRIMINAL: CRIMINAL_MACHINE}


def machine_for(kind: str) -> StateMachine:
    return MACHINES[CaseKind(kind)]
