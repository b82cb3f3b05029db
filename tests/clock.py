"""A clock the test sets by hand, injected wherever the code asks for the time."""

from __future__ import annotations


class Clock:
    """Callable like time.time / time.monotonic; `now` moves only when a test moves it."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
