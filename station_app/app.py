"""Composition root: reads config, builds the services and the window, wires them."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from station_app import APP_DISPLAY_NAME, APP_NAME, __version__
from station_app.config.loader import ActiveStations, load_active_stations
from station_app.config.settings import SettingsResult, load_settings
from station_app.config.state import StateStore
from station_app.fetch.cache import DiskCache
from station_app.fetch.fetcher import Fetcher
from station_app.paths import AppPaths
from station_app.resources import bundled_stations_file
from station_app.tasks import TaskRunner
from station_app.ui.config_notice import ConfigNotice, describe_problems
from station_app.ui.main_window import MainWindow, placeholder
from station_app.ui.news_pane import build_news_pane

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything that is not a widget, built once per run."""

    paths: AppPaths
    stations: ActiveStations
    settings: SettingsResult
    state: StateStore
    fetcher: Fetcher
    tasks: TaskRunner


def build_services(paths: AppPaths) -> Services:
    cache = DiskCache(paths.http_cache_dir)
    return Services(
        paths=paths,
        stations=load_active_stations(paths.stations_file, bundled_stations_file()),
        settings=load_settings(paths.settings_file),
        state=StateStore(paths.state_file),
        fetcher=Fetcher(cache),
        tasks=TaskRunner(),
    )


def build_window(services: Services) -> MainWindow:
    problems = services.stations.problems + services.settings.problems
    notice: QWidget | None = None
    if problems:
        network = services.stations.config.network.name
        text = describe_problems(problems, services.stations.fell_back, network)
        notice = ConfigNotice(text)
    return MainWindow(
        services.stations.config.network.name,
        player_pane=placeholder("Stations", "Player"),
        news_pane=build_news_pane(
            services.stations.config.feeds,
            services.fetcher,
            services.tasks,
            services.settings.settings,
            services.state,
            services.stations.config.network.website,
        ),
        notice=notice,
    )


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # A bug in a slot must not kill the listening session or show a traceback.
    log.error("Unexpected error", exc_info=(kind, error, trace))


def run_gui(paths: AppPaths, play: str | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    services = build_services(paths)
    if play is not None and services.stations.config.station(play) is None:
        known = ", ".join(s.id for s in services.stations.config.stations)
        print(f'No station has the id "{play}". Known ids: {known}.', file=sys.stderr)
        return 2
    sys.excepthook = _log_uncaught
    window = build_window(services)
    window.show()
    code = app.exec()
    services.tasks.shutdown()
    return code
