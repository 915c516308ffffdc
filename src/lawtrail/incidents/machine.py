"""The incident lifecycle: received → (dispatched → arrived) → disposed → converted (into a case)."""

from lawtrail.common.machine import StateMachine, Transition

from .choices import Status as S

INCIDENT_MACHINE = StateMachine(
    "警情",
    S,
    [
        Transition("incident.dispatched", frozenset({S.RECEIVED}), S.DISPATCHED, "派警"),
        Transition("incident.arrived", frozenset({S.DISPATCHED}), S.ARRIVED, "登记到达现场"),
        # Walk-in and online reports are disposed without a dispatch.
        Transition(
            "incident.disposed", frozenset({S.RECEIVED, S.DISPATCHED, S.ARRIVED}), S.DISPOSED, "登记处警结果"
        ),
        Transition("incident.converted", frozenset({S.DISPOSED}), S.CONVERTED, "转为案件"),
    ],
)
