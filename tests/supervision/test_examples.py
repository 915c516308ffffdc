"""Every worked example of the rule catalogue runs as a test: its events, evaluated at its moment with the
seeded legal calendar and its settings, give the state, due time, warning level (and, where the example is
about it, the version of the rule) that the example states."""

from __future__ import annotations

import pytest

from lawtrail.supervision.engine import evaluate
from lawtrail.supervision.facts import example_facts
from lawtrail.supervision.loader import default_catalogue, iter_examples
from lawtrail.supervision.periods import format_moment
from lawtrail.supervision.settings import SupervisionSettings
from tests.supervision.rule_fixtures import seeded_calendar

EXAMPLES = list(iter_examples(default_catalogue()))


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


@pytest.fixture(scope="module")
def legal_calendar():
    return seeded_calendar()


@pytest.mark.parametrize(
    ("rule", "example"),
    [pytest.param(rule, example, id=f"{rule.id}#{index + 1}") for rule, index, example in EXAMPLES],
)
def test_worked_example(rule, example, catalogue, legal_calendar):
    """Given the example's timeline, when the rule is evaluated at the example's moment, then the result is
    the one the catalogue states."""
    settings = SupervisionSettings.defaults().replace(**example.settings)

    result = evaluate(
        rule,
        example_facts(example),
        as_of=example.as_of,
        calendar=legal_calendar,
        settings=settings,
        catalogue=catalogue,
        in_custody=example.in_custody,
    )

    explanation = "\n".join(result.explanation)
    assert result.state.value == example.expect.state, explanation
    assert result.due == example.expect.due, (
        f"due {format_moment(result.due) if result.due else None}\n{explanation}"
    )
    assert result.level == example.expect.level, explanation
    assert example.expect.rule in (None, result.rule_id), explanation


def test_there_are_examples_for_every_rule(catalogue):
    """Given the catalogue, then every rule has at least one worked example (the loader refuses one without)."""
    with_examples = {rule.id for rule, _, _ in EXAMPLES}
    assert with_examples == set(catalogue.rules)
