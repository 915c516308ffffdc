"""Explicit state machines: a table of transitions, each from a set of states to one state.

A transition that is not in the table is refused with a message that names the current state, the
action, and the states the action is allowed from — never "logged and allowed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import TextChoices

from .errors import TransitionNotAllowed


@dataclass(frozen=True)
class Transition:
    event: str
    sources: frozenset[str]
    target: str
    action: str  # what the user does, in Chinese: "立案", "派警"


class StateMachine:
    def __init__(self, name: str, states: type[TextChoices], transitions: Iterable[Transition]):
        self.name = name
        self.states = states
        self.transitions = {t.event: t for t in transitions}

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def transition(self, event: str) -> Transition:
        return self.transitions[event]

    def check(self, event: str, current: str) -> Transition:
        """The transition for `event` from `current`, or TransitionNotAllowed saying why not."""
        t = self.transitions.get(event)
        if t is None:
            from lawtrail.events.registry import label_for

            raise TransitionNotAllowed(f"{self.name}没有「{label_for(event)}」这一步（{event}）", event=event)
        if current not in t.sources:
            allowed = "、".join(f"「{self.label(s)}」" for s in self.states.values if s in t.sources)
            raise TransitionNotAllowed(
                f"{self.name}当前状态为「{self.label(current)}」，不能{t.action}；只有状态为{allowed}的{self.name}才能{t.action}",
                current=current,
                event=event,
            )
        return t

    def available(self, current: str) -> list[Transition]:
        """The transitions open from `current` (for the forms on a page)."""
        return [t for t in self.transitions.values() if current in t.sources]
