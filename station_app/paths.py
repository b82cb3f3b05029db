"""Where the app keeps its files: XDG directories through platformdirs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from station_app import APP_NAME


@dataclass(frozen=True)
class AppPaths:
    """The user's config, cache and state directories.

    Resolved once, so XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_STATE_HOME
    relocate everything the app reads or writes.
    """

    config_dir: Path
    cache_dir: Path
    state_dir: Path

    @classmethod
    def from_environment(cls) -> AppPaths:
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            state_dir=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        )

    @property
    def stations_file(self) -> Path:
        return self.config_dir / "stations.toml"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"

    @property
    def website_findings_file(self) -> Path:
        """What the network's website named when it was last read (discovery)."""
        return self.state_dir / "website.json"

    @property
    def played_titles_file(self) -> Path:
        """The titles the stations sent while the person listened (newest first)."""
        return self.state_dir / "played-titles.json"

    @property
    def log_file(self) -> Path:
        """Warnings and unexpected errors, for a bug report."""
        return self.state_dir / "station-app.log"

    @property
    def headlines_file(self) -> Path:
        """The headlines last shown, for the next start (news/shelf.py)."""
        return self.cache_dir / "headlines.json"

    @property
    def http_cache_dir(self) -> Path:
        return self.cache_dir / "http"

    @property
    def artwork_dir(self) -> Path:
        """The stations' pictures, scaled, as PNG files the desktop can show."""
        return self.cache_dir / "artwork"
