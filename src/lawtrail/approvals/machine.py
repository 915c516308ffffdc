"""The life of an approval request: pending (a step waits) → granted / refused, or returned for correction
and resubmitted; an approval is voided when what it covers is edited (or the requester withdraws it)."""

from lawtrail.common.machine import StateMachine, Transition

from .choices import RequestStatus as S

APPROVAL_MACHINE = StateMachine(
    "审批",
    S,
    [
        Transition("approval.step_decided", frozenset({S.PENDING}), S.PENDING, "作出审批意见"),
        Transition("approval.granted", frozenset({S.PENDING}), S.GRANTED, "批准"),
        Transition("approval.refused", frozenset({S.PENDING}), S.REFUSED, "不批准"),
        Transition("approval.resubmitted", frozenset({S.RETURNED}), S.PENDING, "补正后重新报批"),
        Transition("approval.voided", frozenset({S.PENDING, S.RETURNED, S.GRANTED}), S.VOIDED, "作废"),
    ],
)
