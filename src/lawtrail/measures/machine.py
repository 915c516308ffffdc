"""The life of a measure as an explicit state machine: applied → (arrived) → ended.

A summons, compelled appearance or continued questioning has an arrival (到案: the time the person writes on
the 传唤证 / 拘传证), from which its clock runs; other measures run from their application. Extensions
(measure.extended) and family notices do not change the state; they are refused once the measure has ended
only where that would be meaningless (an extension).
"""

from lawtrail.common.machine import StateMachine, Transition

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
