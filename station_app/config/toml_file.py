"""Read a TOML file into a document, turning every failure into a ConfigProblem."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from station_app.config.problems import ConfigProblem
from station_app.config.regular_file import CONFIG_FILE_LIMIT, RefusedFileError, read_regular_file

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class TomlText:
    path: Path
    text: str
    document: dict[str, Any]


def read_toml(path: Path) -> TomlText | ConfigProblem:
    """Parse `path`; a missing, unreadable or malformed file is a problem, not an exception."""
    try:
        raw = read_regular_file(path, CONFIG_FILE_LIMIT)
    except RefusedFileError as refused:
        return ConfigProblem(path, None, refused.reason)
    except OSError as error:
        reason = error.strerror or str(error)
        return ConfigProblem(path, None, f"could not be read: {reason}.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ConfigProblem(path, None, "not UTF-8 text; save it as UTF-8.")
    try:
        document = tomllib.loads(text)
    except RecursionError:
        return ConfigProblem(path, None, "nested too deeply to be read; is it the right file?")
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _POSITION.search(message)
        line = int(position.group(1)) if position else None
        reason = _POSITION.sub("", message).strip().rstrip(".")
        column = f" (column {position.group(2)})" if position else ""
        return ConfigProblem(path, line, f"not valid TOML{column}: {reason}.")
    return TomlText(path, text, document)
