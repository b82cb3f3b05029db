"""The one owner of settings.toml's values: what the app runs on, and every edit of it.

Widget-free, and next to config/ rather than in it because it is a Qt object
(config/ is plain Python). Everything that uses a setting while the app runs
reads the store and follows its `changed` signal; nobody keeps a copy. Saves
and reloads run in background tasks; the store takes the settings the editor
saved, exactly as the app will load them next time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from station_app.config.problems import ConfigProblem, has_errors
from station_app.config.settings import Settings, SettingsResult, load_settings
from station_app.config.settings_editing import (
    SettingsEditor,
    SettingsNotSaved,
    SettingsSaved,
    SettingsSaveResult,
)
from station_app.net.cancel import CancelToken
from station_app.tasks import TaskFailed, TaskRunner, read_again

SaveDone = Callable[[SettingsSaveResult], None]


class SettingsStore(QObject):
    """The settings in force (`settings`), what was wrong with the file (`problems`), and saves.

    Signals:
        changed(Settings): the settings in force after a save or a reload that
            changed them
    """

    changed = Signal(object)

    def __init__(
        self, loaded: SettingsResult, path: Path, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._result = loaded
        self._path = path
        self._tasks = tasks
        self._reload = tasks.slot()
        self._editor = SettingsEditor(path)

    @property
    def settings(self) -> Settings:
        return self._result.settings

    @property
    def problems(self) -> list[ConfigProblem]:
        """What was wrong with the file when it was last read (or saved)."""
        return self._result.problems

    @property
    def broken(self) -> bool:
        """The file has errors, so the defaults are in use and the file is left alone."""
        return has_errors(self._result.problems)

    @property
    def path(self) -> Path:
        return self._path

    def save(self, wanted: Settings, done: SaveDone) -> None:
        """Writes what `wanted` changes from the settings in force; `done` gets the result."""
        editor, base = self._editor, self.settings

        def work(_cancel: CancelToken) -> SettingsSaveResult:
            return editor.save(base, wanted)

        def finished(result: SettingsSaveResult) -> None:
            if isinstance(result, SettingsSaved):
                self._set(result.result)
            done(result)

        def failed(_failure: TaskFailed) -> None:
            done(
                SettingsNotSaved(
                    "An error inside Station App stopped the save. Nothing was changed."
                )
            )

        # No slot: a save is never dropped for a newer one; the editor runs them in turn.
        self._tasks.start(work, finished, failed)

    def reload(self, done: Callable[[], None] | None = None) -> None:
        """Reads the file again (after the person fixed it by hand)."""
        path = self._path

        def work(_cancel: CancelToken) -> SettingsResult:
            return load_settings(path)

        read_again(self._reload, work, self._set, done)

    def _set(self, result: SettingsResult) -> None:
        before = self._result.settings
        self._result = result
        if result.settings != before:
            self.changed.emit(result.settings)
