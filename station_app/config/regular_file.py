"""Read the app's own files defensively: regular files only, and never more than a cap.

A config or state file that is a link to /dev/zero, a named pipe or a huge file
must not hang the app or fill its memory; it is refused with a reason a person
can act on.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CONFIG_FILE_LIMIT = 2 * 1024 * 1024
STATE_FILE_LIMIT = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


class RefusedFileError(Exception):
    """The path is not a regular file, or larger than such a file may be.

    `reason` completes a sentence that starts with the file's name.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_regular_file(path: Path, limit: int) -> bytes:
    """The content of the regular file at `path` (links followed), at most `limit` bytes.

    Raises OSError as opening does (FileNotFoundError when absent) and
    RefusedFileError for anything that is not a regular file or is too large.
    """
    # Non-blocking, so that opening a named pipe nobody writes to returns at once.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "a special file")
            raise RefusedFileError(path, f"is {kind}, not a regular file; replace it with one.")
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        data = handle.read(limit + 1)  # one byte more tells a file over the limit
    if len(data) > limit:
        raise RefusedFileError(
            path,
            f"is larger than {limit // 1024 // 1024} MB, too large for this file; "
            "is it the right file?",
        )
    return data
