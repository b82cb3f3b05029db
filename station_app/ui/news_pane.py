"""Builds the news half of the window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from station_app.config.settings import Settings
from station_app.config.state import StateStore
from station_app.config.stations import Feed
from station_app.fetch.fetcher import Fetcher
from station_app.tasks import TaskRunner
from station_app.ui.main_window import placeholder


def build_news_pane(
    feeds: tuple[Feed, ...],
    fetcher: Fetcher,
    tasks: TaskRunner,
    settings: Settings,
    state: StateStore,
    website: str | None,
) -> QWidget:
    """The news panel for `feeds`; filled in by the news panel work."""
    del feeds, fetcher, tasks, settings, state, website
    return placeholder("News", "News")
