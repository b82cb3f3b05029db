from __future__ import annotations

import pytest

from station_app.playback.backoff import Backoff, BackoffPolicy


def test_delays_double_up_to_the_cap_without_jitter() -> None:
    backoff = Backoff(BackoffPolicy(first_delay=1, max_delay=30, jitter=0), rng=lambda: 0.5)
    assert [backoff.next_delay() for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]


@pytest.mark.parametrize("rng_value", [0.0, 0.25, 0.999])
def test_jitter_stays_within_bounds(rng_value: float) -> None:
    backoff = Backoff(BackoffPolicy(first_delay=4, max_delay=30, jitter=0.2), rng=lambda: rng_value)
    delay = backoff.next_delay()
    assert 3.2 <= delay <= 4.8


def test_reset_starts_over() -> None:
    backoff = Backoff(BackoffPolicy(jitter=0))
    for _ in range(4):
        backoff.next_delay()
    backoff.reset()
    assert backoff.attempt == 0
    assert backoff.next_delay() == 1
