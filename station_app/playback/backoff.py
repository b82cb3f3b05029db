"""Reconnect delays for live streams: exponential, capped, with jitter."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BackoffPolicy:
    first_delay: float = 1.0
    max_delay: float = 30.0
    jitter: float = 0.2  # each delay varies by up to ±20 %
    good_play_reset: float = 60.0  # this much good playback forgives earlier failures


class Backoff:
    """1, 2, 4 … up to `max_delay` seconds; `reset` starts over."""

    def __init__(self, policy: BackoffPolicy, rng: Callable[[], float] = random.random) -> None:
        self._policy = policy
        self._rng = rng
        self.attempt = 0

    def next_delay(self) -> float:
        policy = self._policy
        base = min(policy.max_delay, policy.first_delay * (2.0**self.attempt))
        self.attempt += 1
        spread = base * policy.jitter * (2 * self._rng() - 1)
        return max(0.1, min(policy.max_delay, base + spread))

    def reset(self) -> None:
        self.attempt = 0
