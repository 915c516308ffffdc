"""The life of a measure as an explicit state machine: applied → (arrived) → ended.

A summons, compelled appearance or continued questioning has an arrival (到案: the time the person writes on
the 传唤证 / 拘传证), from which its clock runs; other measures run from their application. Extensions
(measure.extended) and family notices do not change the state; they are refused once the measure has ended
only where that would be meaningless (an extension).
"""

from lawtrail.common.machine import StateMachine, Transition

from .choices import DetentionStatus as D
from .choices import MeasureStatus as S

MEASURE_MACHINE = StateMachine(
    "强制措施",
    S,
    [
        Transition("measure.arrived", frozenset({S.APPLIED}), S.ARRIVED, "登记到案"),
        Transition("measure.extended", frozenset({S.APPLIED, S.ARRIVED}), S.ARRIVED, "延长期限"),
        Transition("measure.ended", frozenset({S.APPLIED, S.ARRIVED}), S.ENDED, "解除措施"),
    ],
)

# The execution of an administrative detention: in custody → released (at expiry, on a granted suspension
# 暂缓执行, or when the decision is revoked). A suspension request and its decision keep the state; a
# granted one is followed by the release in the same transaction (services.detention_suspension_decide).
DETENTION_MACHINE = StateMachine(
    "行政拘留执行",
    D,
    [
        Transition("detention.released", frozenset({D.IN_CUSTODY}), D.RELEASED, "解除拘留"),
        Transition("detention.suspension_requested", frozenset({D.IN_CUSTODY}), D.IN_CUSTODY, "申请暂缓执行"),
        Transition(
            "detention.suspension_decided", frozenset({D.IN_CUSTODY}), D.IN_CUSTODY, "对暂缓执行申请作出决定"
        ),
    ],
)
