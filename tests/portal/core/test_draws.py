"""The seeded draw: the same seed always gives the same winner, every winner is
a real entry, and each entry is equally likely."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.core.draws import draw_index, draw_seed


@given(seed=st.text(min_size=1, max_size=64), count=st.integers(1, 10**12))
def test_the_winner_is_an_entry_and_the_same_every_time(seed, count):
    index = draw_index(seed, count)
    assert 0 <= index < count
    assert draw_index(seed, count) == index


def test_a_fresh_seed_is_unpredictable_text():
    seeds = {draw_seed() for _ in range(100)}
    assert len(seeds) == 100
    assert all(len(seed) == 64 for seed in seeds)


def test_each_entry_is_equally_likely():
    draws = Counter(draw_index(f"seed-{n}", 3) for n in range(30_000))
    # 10,000 expected each; 4 standard deviations is about ±330.
    assert all(abs(draws[i] - 10_000) < 330 for i in range(3)), draws


def test_a_draw_needs_an_entry():
    with pytest.raises(ValueError):
        draw_index(draw_seed(), 0)
