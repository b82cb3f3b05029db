"""Schedule values: one program on the air, and what a Composer `now` answer holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ScheduleEntry:
    """One program from `start` (inclusive) to `end` (exclusive), both aware datetimes."""

    program: str
    hosts: tuple[str, ...]
    start: datetime
    end: datetime
    link: str | None = None

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    @property
    def host_text(self) -> str:
        """ "A", "A and B", "A, B and C"; empty when the hosts are already in the name."""
        hosts = [h for h in self.hosts if h.casefold() not in self.program.casefold()]
        if len(hosts) <= 1:
            return "".join(hosts)
        return f"{', '.join(hosts[:-1])} and {hosts[-1]}"


@dataclass(frozen=True)
class NowAnswer:
    """What a `now` request said: the program on now (if any) and the ones after it."""

    on_now: ScheduleEntry | None
    next_up: tuple[ScheduleEntry, ...]

    @property
    def entries(self) -> tuple[ScheduleEntry, ...]:
        return ((self.on_now,) if self.on_now else ()) + self.next_up


@dataclass(frozen=True)
class ScheduleProblem:
    """Why a schedule answer could not be used, as a sentence a person can read."""

    message: str
