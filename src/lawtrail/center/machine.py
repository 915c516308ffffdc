"""A stay in the center: in → left (released, to hospital …) or handed_over (to a detention house).

The check and room changes happen while the person is in; both ends are final.
"""

from lawtrail.common.machine import StateMachine, Transition

from .choices import StayStatus as S

STAY_MACHINE = StateMachine(
    "进出中心记录",
    S,
    [
        Transition("center.checked", frozenset({S.IN}), S.IN, "登记安全检查"),
        Transition("center.room_assigned", frozenset({S.IN}), S.IN, "安排功能室"),
        Transition("center.left", frozenset({S.IN}), S.LEFT, "登记离开"),
        Transition("center.handed_over", frozenset({S.IN}), S.HANDED_OVER, "移交羁押场所"),
    ],
)
