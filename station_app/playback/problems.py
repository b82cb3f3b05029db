"""Why a stream did not play, and how a station's failed streams read to a person."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_ADDRESS = re.compile(r"(?:\s+(?:at|for))?\s+https?://\S+?(?=[.,:;]?(?:\s|$))")


@dataclass(frozen=True)
class StreamProblem:
    """Why a stream cannot play; `permanent` when retrying cannot help (a web page).

    `reason` is the full account, web address included, for the details.
    """

    url: str
    reason: str
    permanent: bool

    @property
    def short_reason(self) -> str:
        """The reason without web addresses: "the stream answered with a web page, not audio"."""
        text = _ADDRESS.sub("", self.reason).strip().rstrip(".")
        return text[:1].lower() + text[1:]


def describe_failures(
    call_sign: str, problems: Sequence[StreamProblem]
) -> tuple[str, tuple[str, ...]]:
    """(one short sentence for the state line, one line per stream for the details).

    Streams failing alike share one sentence; streams failing differently are
    each named in the details.
    """
    shorts = {problem.short_reason for problem in problems}
    if len(shorts) == 1:
        message = f"{call_sign}: {shorts.pop()}"
    else:
        message = f"{call_sign}: none of its {len(problems)} streams plays"
    details: tuple[str, ...]
    if len(problems) == 1:
        details = (_sentence(problems[0].reason),)
    else:
        details = tuple(
            f"Stream {number}: {_sentence(problem.reason)}"
            for number, problem in enumerate(problems, 1)
        )
    return message, details


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
