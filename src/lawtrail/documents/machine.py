"""The life of a legal document: draft → issued (locked) → served; an issued document that a later one
corrects is marked corrected (documents.md §3.4 rule 3, §8 item 3: never edited, never renumbered)."""

from lawtrail.common.machine import StateMachine, Transition

from .choices import DocumentStatus as S

DOCUMENT_MACHINE = StateMachine(
    "法律文书",
    S,
    [
        Transition("document.edited", frozenset({S.DRAFT}), S.DRAFT, "修改"),
        Transition("document.issued", frozenset({S.DRAFT}), S.ISSUED, "签发"),
        Transition("document.served", frozenset({S.ISSUED, S.SERVED}), S.SERVED, "登记送达"),
        Transition("document.corrected", frozenset({S.ISSUED, S.SERVED}), S.CORRECTED, "更正"),
    ],
)
