"""The reproducible random draw (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawtrail.inspections.sampling import draw_sample, sample_size

NUMBERS = [f"J45040351000020260301{i:04d}" for i in range(1, 41)]


def test_the_size_is_the_percentage_rounded_up():
    """Given 40 incidents, then 10% is 4, 11% is 5 (rounded up), 1% of 1 is 1 and 100% is all."""
    assert sample_size(40, 10) == 4
    assert sample_size(40, 11) == 5
    assert sample_size(1, 1) == 1
    assert sample_size(40, 100) == 40


def test_the_same_seed_draws_the_same_sample_whatever_the_order():
    """Given the same candidates in another order, when drawn with the same seed, then the sample is the
    same; with another seed it differs."""
    first = draw_sample(NUMBERS, percent=25, seed="CC450403000000202603020 1")
    again = draw_sample(list(reversed(NUMBERS)), percent=25, seed="CC450403000000202603020 1")
    other = draw_sample(NUMBERS, percent=25, seed="another seed")
    assert first == again
    assert len(first) == 10
    assert set(first) <= set(NUMBERS)
    assert first != other


@given(
    candidates=st.sets(st.text(alphabet="0123456789", min_size=4, max_size=8), min_size=1, max_size=60),
    percent=st.integers(min_value=1, max_value=100),
    seed=st.text(min_size=1, max_size=10),
)
def test_a_draw_is_a_subset_of_the_right_size_without_repeats(candidates, percent, seed):
    """Given any candidates, percentage and seed, then the draw is that many distinct candidates."""
    drawn = draw_sample(candidates, percent=percent, seed=seed)
    assert len(drawn) == len(set(drawn)) == sample_size(len(candidates), percent)
    assert set(drawn) <= candidates
