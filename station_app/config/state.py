"""Remembered state (volume, last station, window geometry), apart from config."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from station_app.config.atomic import write_atomic
from station_app.config.regular_file import STATE_FILE_LIMIT, RefusedFileError, read_regular_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppState:
    volume: int = 80
    muted: bool = False
    last_station: str | None = None
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry()
    splitter_state: str | None = None
    article_zoom: int = 0
    tray_notice_shown: bool = False  # "still playing in the tray" was said once

    def with_changes(self, **changes: Any) -> AppState:
        return replace(self, **changes)


_TYPES: dict[str, tuple[type, ...]] = {
    "volume": (int,),
    "muted": (bool,),
    "last_station": (str, type(None)),
    "window_geometry": (str, type(None)),
    "splitter_state": (str, type(None)),
    "article_zoom": (int,),
    "tray_notice_shown": (bool,),
}


_FLAGS = frozenset(name for name, types in _TYPES.items() if types == (bool,))


class StateStore:
    """Loads and saves AppState as JSON; a damaged file means defaults, never a crash.

    The one owner of the remembered state: parts of the app change their own
    fields through `update`, which merges into the current state and saves.
    """

    def __init__(
        self, path: Path, on_write_error: Callable[[Path, OSError], None] | None = None
    ) -> None:
        self._path = path
        self.on_write_error = on_write_error  # told of each failed save; may be set later
        self._current: AppState | None = None
        self._unsaved = False

    @property
    def current(self) -> AppState:
        if self._current is None:
            self._current = self.load()
        return self._current

    def update(self, **changes: Any) -> AppState:
        """Merge `changes` into the current state and save it atomically."""
        state = self.remember(**changes)
        self.save_pending()
        return state

    def remember(self, **changes: Any) -> AppState:
        """Merge `changes` without writing yet (for values that change in bursts)."""
        state = self.current.with_changes(**changes)
        if state != self._current:
            self._current = state
            self._unsaved = True
        return state

    def save_pending(self) -> None:
        """Write the current state if something changed since the last write."""
        if not self._unsaved:
            return
        self._unsaved = False
        try:
            self.save(self.current)
        except OSError as error:
            log.warning("Could not save state to %s: %s", self._path, error)
            if self.on_write_error is not None:
                self.on_write_error(self._path, error)

    def load(self) -> AppState:
        try:
            raw = json.loads(read_regular_file(self._path, STATE_FILE_LIMIT).decode("utf-8"))
        except FileNotFoundError:
            return AppState()
        except RefusedFileError as refused:
            log.warning("Ignoring the state file %s, which %s", self._path, refused.reason)
            return AppState()
        except RecursionError:
            log.warning("Ignoring the state file %s, which is nested too deeply", self._path)
            return AppState()
        except (OSError, ValueError) as error:
            log.warning("Ignoring unreadable state file %s: %s", self._path, error)
            return AppState()
        if not isinstance(raw, dict):
            return AppState()
        values = {
            f.name: raw[f.name]
            for f in fields(AppState)
            if f.name in raw
            and isinstance(raw[f.name], _TYPES[f.name])
            and not (f.name not in _FLAGS and isinstance(raw[f.name], bool))
        }
        state = AppState(**values)
        return state.with_changes(volume=max(0, min(100, state.volume)))

    def save(self, state: AppState) -> None:
        data = json.dumps(asdict(state), indent=2, sort_keys=True).encode("utf-8")
        write_atomic(self._path, data)
