"""A problem found in a config file, phrased for a person."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class ConfigProblem:
    """One finding: where it is (file, line) and what is wrong, as a sentence."""

    path: Path
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}, line {self.line}" if self.line else str(self.path)

    def sentence(self) -> str:
        """The problem with its place, e.g. 'stations.toml, line 12: `id` is missing.'"""
        prefix = "" if self.is_error else "warning: "
        return f"{self.location()}: {prefix}{self.message}"


def has_errors(problems: list[ConfigProblem]) -> bool:
    return any(problem.is_error for problem in problems)
