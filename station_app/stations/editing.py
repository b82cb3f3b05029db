"""Edits of the person's stations.toml made through the UI: checked, atomic, comments kept.

Every edit re-reads the file, changes it with tomlkit (so comments and layout
survive), checks the result exactly as the app will load it, and only then
writes it atomically with the previous version kept as stations.toml.bak. The
first edit, while only the bundled file exists, starts from a copy of it.
The editor does file I/O: call it from a background task.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.toml_document import TOMLDocument

from station_app.config.atomic import write_atomic
from station_app.config.regular_file import CONFIG_FILE_LIMIT, RefusedFileError, read_regular_file
from station_app.stations import edit_document as edits
from station_app.stations.changes import EditFailed, EditResult, EditSaved, StationFields
from station_app.stations.model import Feed, StationsConfig
from station_app.stations.stations_file import parse_stations_file

# A change to the document: returns a sentence when it cannot be made.
_Change = Callable[[TOMLDocument], str | None]


class StationsEditor:
    """Makes the UI's changes to the user's stations.toml (thread-safe, one edit at a time)."""

    def __init__(self, user_file: Path, bundled_file: Path) -> None:
        self.user_file = user_file
        self._bundled_file = bundled_file
        self._lock = threading.Lock()

    def add_station(self, fields: StationFields, feeds: Sequence[Feed] = ()) -> EditResult:
        """Adds a station and the news feeds that came with it, in one write.

        A station that is already there (same stream, or same call sign when it
        has no stream) is refused, so pressing Add twice adds it once; a feed
        already listed is not listed again.
        """
        added: list[str] = []
        call_sign = fields.call_sign.strip()

        def change(document: TOMLDocument) -> str | None:
            existing = edits.same_station(document, fields)
            if existing is not None:
                return f"{call_sign} is already in your stations (as {existing})."
            added.append(edits.add_station(document, fields))
            for feed in feeds:
                edits.add_feed(document, feed.title or "News", feed.url)
            return None

        result = self._edit(change, f"Added {call_sign} to your stations")
        if isinstance(result, EditSaved):
            return replace(result, station_id=added[0])
        return result

    def remove_station(self, station_id: str) -> EditResult:
        def change(document: TOMLDocument) -> str | None:
            edits.remove_station(document, station_id)
            return None

        return self._edit(change, f'Removed station "{station_id}"', station_id)

    def update_station(
        self,
        station_id: str,
        call_sign: str | None = None,
        frequency: str | None = None,
        city: str | None = None,
    ) -> EditResult:
        """Renames: changes the call sign, frequency or city; the id stays, so state still fits."""
        values = {"call_sign": call_sign, "frequency": frequency, "city": city}
        return self._edit_table(
            station_id,
            {key: value.strip() for key, value in values.items() if value is not None},
            f'Saved the changes to station "{station_id}"',
        )

    def edit_station(
        self,
        station_id: str,
        call_sign: str,
        frequency: str,
        city: str,
        streams: list[str],
        schedule_url: str | None,
    ) -> EditResult:
        """Saves all the edit dialog shows in one write; empty optional values are removed."""
        values: dict[str, str | list[str] | None] = {
            "call_sign": call_sign.strip(),
            "frequency": frequency.strip() or None,
            "city": city.strip() or None,
            "streams": streams,
            "schedule_url": (schedule_url or "").strip() or None,
        }
        return self._edit_table(station_id, values, f"Saved {call_sign.strip()}")

    def set_streams(self, station_id: str, streams: list[str]) -> EditResult:
        return self._edit_table(
            station_id, {"streams": streams}, f'Saved the streams of station "{station_id}"'
        )

    def keep_found(self, schedules: dict[str, str], feeds: Sequence[Feed], site: str) -> EditResult:
        """Writes what was found on the website (schedule addresses, feeds), in one write."""

        def change(document: TOMLDocument) -> str | None:
            for station_id, url in schedules.items():
                found = edits.find_station(document, station_id)
                if found is None:
                    return f'No station has the id "{station_id}" in {self.user_file}.'
                stations, index = found
                edits.set_value(stations[index], "schedule_url", url)
            for feed in feeds:
                edits.add_feed(document, feed.title or "News", feed.url)
            return None

        return self._edit(change, f"Kept what was found on {site} in your stations")

    def move_station(self, station_id: str, offset: int) -> EditResult:
        def change(document: TOMLDocument) -> str | None:
            if edits.move_station(document, station_id, offset):
                return None
            way = "up" if offset < 0 else "down"
            return f'Station "{station_id}" cannot move further {way}.'

        way = "up" if offset < 0 else "down"
        return self._edit(change, f'Moved station "{station_id}" {way}', station_id)

    def add_feed(self, title: str, url: str) -> EditResult:
        def change(document: TOMLDocument) -> str | None:
            edits.add_feed(document, title, url)
            return None

        return self._edit(change, f'Added the news feed "{title.strip()}"')

    def _edit_table(
        self, station_id: str, values: dict[str, str | list[str] | None], done: str
    ) -> EditResult:
        def change(document: TOMLDocument) -> str | None:
            found = edits.find_station(document, station_id)
            if found is None:
                return f'No station has the id "{station_id}" in {self.user_file}.'
            stations, index = found
            for key, value in values.items():
                edits.set_value(stations[index], key, value)
            return None

        return self._edit(change, done, station_id)

    def _edit(self, change: _Change, done: str, station_id: str | None = None) -> EditResult:
        with self._lock:
            source = self.user_file if self.user_file.exists() else self._bundled_file
            document = self._read(source)
            if isinstance(document, EditFailed):
                return document
            if station_id is not None and edits.find_station(document, station_id) is None:
                return EditFailed(f'No station has the id "{station_id}" in {source}.')
            problem = change(document)
            if problem is not None:
                return EditFailed(problem)
            data = tomlkit.dumps(document).encode("utf-8")
            checked = self._check(data)
            if isinstance(checked, EditFailed):
                return checked
            try:
                write_atomic(self.user_file, data, keep_backup=True)
            except OSError as error:
                reason = error.strerror or str(error)
                return EditFailed(
                    f"Could not save {self.user_file}: {reason}. Nothing was changed."
                )
            config = replace(checked, source=self.user_file)
            return EditSaved(config, f"{done} ({self.user_file}).")

    def _read(self, source: Path) -> TOMLDocument | EditFailed:
        try:
            text = read_regular_file(source, CONFIG_FILE_LIMIT).decode("utf-8")
        except RefusedFileError as refused:
            return EditFailed(
                f"Could not read {source}, which {refused.reason} Nothing was changed."
            )
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            return EditFailed(f"Could not read {source}: {reason}. Nothing was changed.")
        try:
            return tomlkit.parse(text)
        except TOMLKitError as error:
            return EditFailed(
                f"{source} is not valid TOML ({error}); fix it by hand, then try again. "
                "Nothing was changed."
            )

    def _check(self, data: bytes) -> StationsConfig | EditFailed:
        # Loaded exactly as the app loads it, so a file that would not load is never written.
        with tempfile.TemporaryDirectory(prefix="station-app-check-") as folder:
            candidate = Path(folder) / self.user_file.name
            candidate.write_bytes(data)
            parsed = parse_stations_file(candidate)
        if parsed.config is not None:
            return parsed.config
        errors = [replace(p, path=self.user_file) for p in parsed.problems if p.is_error]
        first = errors[0].sentence() if errors else "it would not load."
        return EditFailed(f"The change was not saved, because the file would not load: {first}")
