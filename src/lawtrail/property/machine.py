"""The life of a case property item as an explicit state machine.

held (an officer has it) ⇄ in_center (handed over to the property center; taken out again on a
transfer, e.g. borrowed for an interview or an appraisal) → returned / confiscated / destroyed / disposed.
Property sealed or frozen where it is (a house, a bank account) starts `not_held` and is registered with
the custodian instead of handed over. The four ends are final: nothing moves an item once it has gone.
"""

from lawtrail.common.machine import StateMachine, Transition

from .choices import ItemStatus as S

HELD_BY_POLICE = frozenset({S.HELD, S.IN_CENTER})
OPEN = frozenset({S.HELD, S.IN_CENTER, S.NOT_HELD})

PROPERTY_MACHINE = StateMachine(
    "涉案财物",
    S,
    [
        Transition("property.handed_over", frozenset({S.HELD}), S.IN_CENTER, "移交财物管理中心"),
        Transition("property.transferred", HELD_BY_POLICE, S.HELD, "交接"),
        Transition("property.stored", frozenset({S.IN_CENTER}), S.IN_CENTER, "入库上架"),
        Transition("property.registered", frozenset({S.NOT_HELD}), S.NOT_HELD, "报送登记"),
        Transition("property.inspectorate_filed", OPEN, S.HELD, "报督察备案"),  # target unused: no move
        Transition("property.found_unrelated", OPEN, S.HELD, "登记查明无关"),
        Transition("property.owner_notified", OPEN, S.HELD, "通知原主认领"),
        Transition("property.claimed", OPEN, S.HELD, "登记原主认领"),
        Transition("property.freeze_renewed", frozenset({S.NOT_HELD}), S.NOT_HELD, "续冻"),
        Transition("property.returned", OPEN, S.RETURNED, "返还"),
        Transition("property.confiscated", OPEN, S.CONFISCATED, "没收/收缴"),
        Transition("property.destroyed", HELD_BY_POLICE, S.DESTROYED, "销毁"),
        Transition("property.disposed", OPEN, S.DISPOSED, "按无主财物处理"),
    ],
)

# Steps that record a fact about the item without moving it (the state stays what it was).
NO_MOVE = frozenset(
    {"property.inspectorate_filed", "property.found_unrelated", "property.owner_notified", "property.claimed"}
)
