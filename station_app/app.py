"""Composition root: reads config, builds the services and the window, wires them."""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from station_app import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__
from station_app.config.settings import Settings, SettingsResult, load_settings
from station_app.config.state import StateStore
from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher
from station_app.paths import AppPaths
from station_app.playback.base import Player
from station_app.playback.resolve import task_resolver
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.unavailable import UnavailablePlayer
from station_app.quit_signals import QuitSignals
from station_app.resources import app_icon_file, bundled_stations_file
from station_app.save_failures import SaveFailures
from station_app.settings_store import SettingsStore
from station_app.stations.discovery import WebsiteDiscovery
from station_app.stations.model import Feed, Station
from station_app.stations.stations_file import load_active_stations
from station_app.stations.store import StationStore
from station_app.tasks import TaskRunner

if TYPE_CHECKING:
    from station_app.desktop.mpris import MprisService
    from station_app.desktop.notifications import DesktopNotifications
    from station_app.desktop.ui.tray import StationTray
    from station_app.news.reader_model import ArticleReaderModel
    from station_app.news.sources import FeedSources
    from station_app.news.ui.panel import NewsPanel
    from station_app.playback.early import EarlyStart
    from station_app.playback.played_titles import PlayedTitles
    from station_app.playback.sleep_timer import SleepTimer
    from station_app.playback.ui.played_titles import PlayedTitlesDialog
    from station_app.playback.ui.player_pane import PlayerPane
    from station_app.schedule.service import ScheduleService
    from station_app.single_instance import PrimaryInstance, Request
    from station_app.stations.artwork import StationArtwork
    from station_app.stations.changes import EditResult
    from station_app.stations.directory import DirectoryClient
    from station_app.stations.editing import StationsEditor
    from station_app.stations.model import StationsConfig
    from station_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything that is not a widget, built once per run."""

    paths: AppPaths
    stations: StationStore
    settings: SettingsStore
    state: StateStore
    fetcher: Fetcher
    tasks: TaskRunner
    player: Player
    save_failures: SaveFailures

    # Made when the window is built, after --play has started the stream: the
    # fewer modules load before play(), the sooner the first audio.
    @functools.cached_property
    def directory(self) -> DirectoryClient:
        from station_app.stations.directory import DirectoryClient

        server = self.settings.settings.directory_server
        if server:  # the person's own choice of server: nothing to discover
            return DirectoryClient(self.fetcher, servers_url=None, fallback_servers=(server,))
        return DirectoryClient(self.fetcher)

    def renew_directory(self) -> None:
        """The directory server changed: searches from now on ask the new one."""
        self.__dict__.pop("directory", None)  # the cached_property's value
        _ = self.directory  # made here, on the main thread; searches read it from theirs

    @functools.cached_property
    def schedule(self) -> ScheduleService:
        from station_app.schedule.service import ScheduleService

        return ScheduleService(self.fetcher, self.tasks)

    @functools.cached_property
    def sleep_timer(self) -> SleepTimer:
        """Stops playback after a while or at the end of the program on now (its menu for
        the tray: playback.ui.sleep_timer.sleep_timer_menu)."""
        from station_app.playback.sleep_timer import ProgramEnd, SleepTimer

        schedule = self.schedule

        def program_end() -> ProgramEnd | None:
            on_now = schedule.view.on_now
            return ProgramEnd(on_now.program, on_now.end) if on_now is not None else None

        return SleepTimer(self.player, program_end, wall_clock=schedule.now)

    @functools.cached_property
    def played_titles(self) -> PlayedTitles:
        """Every title the player plays, with its time and station, kept across runs."""
        from station_app.playback.played_titles import PlayedTitles

        titles = PlayedTitles(
            self.paths.played_titles_file, on_write_error=self.save_failures.report
        )
        titles.follow(self.player)
        return titles

    @functools.cached_property
    def artwork(self) -> StationArtwork:
        """The stations' pictures, following the store (made with the window)."""
        from station_app.stations.artwork import StationArtwork

        artwork = StationArtwork(
            self.fetcher,
            self.tasks,
            self.paths.artwork_dir,
            on_write_error=self.save_failures.report,
        )
        artwork.follow(self.stations)
        return artwork


def build_player(
    settings: SettingsResult, fetcher: Fetcher, early: EarlyStart | None = None
) -> Player:
    """The stream session over libVLC; adopts what started before Qt (player/early.py).

    Reasons for an unavailable player carry no final full stop: the player bar ends them.
    """
    from station_app.playback.backend import PlayerUnavailableError
    from station_app.playback.early import new_vlc_backend

    try:
        backend = early.backend() if early is not None else new_vlc_backend(settings.settings)
    except (ImportError, OSError) as error:
        log.warning("libVLC is not available: %s", error)
        return UnavailablePlayer(
            "Playback needs VLC (libVLC), which could not be loaded; install VLC and restart"
        )
    except PlayerUnavailableError as error:
        log.warning("%s", error)
        if settings.settings.vlc_options:
            return UnavailablePlayer(
                "Playback cannot start with the player options in settings.toml "
                "([player] vlc_options); correct or remove them and restart"
            )
        return UnavailablePlayer("Playback could not start; reinstall VLC and restart")
    from station_app.playback.session import StreamSession

    # Playback's probes get threads of their own: they never wait behind news or
    # directory work, which may be stuck on a slow server.
    tasks = TaskRunner(QThreadPool())
    session = StreamSession(
        backend,
        task_resolver(tasks, fetcher),
        started=early.started if early is not None else None,
    )
    _retry_when_online_once_needed(session)
    return session


def _retry_when_online_once_needed(player: Player) -> None:
    """Network information (QtNetwork, a platform backend) loads at the first outage:
    a session that never loses its stream never pays for it."""

    def status_changed(status: PlayerStatus) -> None:
        if status.is_retrying:
            player.status_changed.disconnect(status_changed)
            from station_app.playback.network import retry_when_online

            retry_when_online(player)

    player.status_changed.connect(status_changed)


def build_services(
    paths: AppPaths,
    player: Player | None = None,
    fetcher: Fetcher | None = None,
    early: EarlyStart | None = None,
) -> Services:
    """The services for one run; tests may bring their own player and fetcher."""
    save_failures = SaveFailures()
    fetcher = fetcher or Fetcher(
        DiskCache(paths.http_cache_dir, on_write_error=save_failures.report)
    )
    tasks = TaskRunner()
    bundled = bundled_stations_file()

    @functools.cache
    def editor() -> StationsEditor:
        # Made on the first edit: tomlkit is not needed to listen.
        from station_app.stations.editing import StationsEditor

        return StationsEditor(paths.stations_file, bundled)

    if early is not None:  # the config was read before Qt loaded
        settings, active, state = early.settings, early.stations, early.state
    else:
        settings = load_settings(paths.settings_file)
        active = load_active_stations(paths.stations_file, bundled)
        state = StateStore(paths.state_file)
    state.on_write_error = save_failures.report
    discovery = WebsiteDiscovery(
        fetcher,
        tasks,
        paths.website_findings_file,
        on_write_error=save_failures.report,
        composer_server=settings.settings.composer_server,
    )
    return Services(
        paths=paths,
        stations=StationStore(active, bundled, tasks, editor, discovery),
        state=state,
        fetcher=fetcher,
        tasks=tasks,
        player=player or build_player(settings, fetcher, early),
        settings=SettingsStore(settings, paths.settings_file, tasks),
        save_failures=save_failures,
    )


def build_window(services: Services) -> MainWindow:
    # The window's modules (and the news libraries behind them) load here, after
    # --play has started the stream: they take longer to import than libVLC to connect.
    from station_app.playback.ui.player_pane import PlayerPane
    from station_app.playback.ui.sleep_timer import sleep_timer_menu
    from station_app.stations.ui.station_menu import StationMenu
    from station_app.ui.main_window import MainWindow
    from station_app.ui.menus import add_playback_menu, build_menu_bar

    store = services.stations
    config = store.config

    def add_station() -> None:
        _open_add_station(services, player_pane)

    player_pane = PlayerPane(
        services.player, config.stations, add_station=add_station, artwork=services.artwork
    )
    _add_stream_repair(services, player_pane)
    _add_schedule(services, player_pane)
    sleep_menu = sleep_timer_menu(services.sleep_timer, player_pane)
    player_pane.bar.add_sleep_timer(services.sleep_timer, sleep_menu)

    from station_app.news import sources as news_sources

    news_pane = build_news_panel(
        config.feeds,
        config.network.name,
        services.fetcher,
        services.tasks,
        services.state,
        services.settings.settings.news_refresh_minutes,
        sources=news_sources.FeedSources(store),
        shelf=services.paths.headlines_file,
    )
    news_pane.start()  # cached headlines first, then the network
    store.check_website()  # what stations.toml leaves out, from the home page (once a day)
    window = MainWindow(config.network.name, player_pane, news_pane, _config_notice(services))
    station_menu = StationMenu(player_pane.list.selected_station, store, player_pane, window)
    player_pane.set_station_menu(station_menu)
    build_menu_bar(
        window,
        station_menu,
        news_pane.refresh_action,
        add_station,
        preferences=lambda: _open_preferences(services, window),
        audio_backend=services.player.backend_version,
    )
    _follow_settings(services, news_pane)
    add_playback_menu(window, sleep_menu, _played_titles_action(services, window))
    _follow_edits(services, window, player_pane)
    _remember_state(services, window, player_pane)
    _tell_when_not_saved(services, window)
    # Tab follows the layout, where a notice or the schedule may come first; Space
    # must play from the first moment, so the window opens on Play.
    player_pane.bar.play_button.setFocus()
    return window


def _played_titles_action(services: Services, window: MainWindow) -> QAction:
    """Played titles… (Ctrl+H): one window, made on first use, brought up on each."""
    from station_app.playback.ui.played_titles import SHORTCUT

    titles = services.played_titles
    action = QAction("&Played titles…", window)
    action.setShortcut(QKeySequence(SHORTCUT))
    dialogs: list[PlayedTitlesDialog] = []

    def show() -> None:
        if not dialogs:
            from station_app.playback.ui.played_titles import PlayedTitlesDialog

            dialogs.append(PlayedTitlesDialog(titles, parent=window))
        dialogs[0].show_and_focus()

    action.triggered.connect(show)
    return action


def build_news_panel(
    feeds: tuple[Feed, ...],
    network_name: str,
    fetcher: Fetcher,
    tasks: TaskRunner,
    state: StateStore,
    refresh_minutes: int,
    clock: Callable[[], float] = time.time,
    open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    sources: FeedSources | None = None,
    shelf: Path | None = None,
) -> NewsPanel:
    """The news half of the window and its view models, not loading yet (`start` does).

    `sources` (the feeds in force, and how to get more) follows the station store;
    without it the panel shows `feeds` and offers nothing to add.
    """
    from station_app.news.headlines import NewsFeed
    from station_app.news.images import ImageLoader
    from station_app.news.list_model import NewsListModel
    from station_app.news.ui.delegate import THUMB
    from station_app.news.ui.panel import NewsPanel

    news = NewsFeed(feeds, fetcher, tasks, refresh_minutes, shelf=shelf)
    # Twice the box, so thumbnails stay sharp on high-DPI screens.
    thumbnails = ImageLoader(fetcher, tasks, THUMB * 2, in_flight=2)
    headlines = NewsListModel(thumbnails, clock)
    thumbnails.setParent(headlines)

    def reader_model() -> ArticleReaderModel:
        from station_app.news.reader_model import ArticleReaderModel

        return ArticleReaderModel(fetcher, tasks, state)

    return NewsPanel(news, headlines, reader_model, network_name, clock, open_url, sources=sources)


def _config_notice(services: Services) -> QWidget | None:
    """What is wrong with the config files; Reload reads them again once fixed."""
    from station_app.ui.config_notice import ConfigNotice, describe_problems

    store = services.stations

    def text() -> str | None:
        problems = store.problems + services.settings.problems
        if not problems:
            return None
        return describe_problems(problems, store.fell_back, store.config.network.name)

    first = text()
    if first is None:
        return None
    broken = next((p.path for p in store.problems + services.settings.problems), None)

    def reload() -> None:
        def reloaded() -> None:
            now = text()
            if now is None:
                notice.hide()
            else:
                notice.set_text(now)

        store.reload(done=lambda: services.settings.reload(done=reloaded))

    notice = ConfigNotice(first, broken, reload)
    return notice


def _follow_edits(services: Services, window: MainWindow, pane: PlayerPane) -> None:
    """An edit takes effect everywhere at once: list, player and schedule (the news
    follows the store through its FeedSources)."""
    player = services.player

    def changed(config: StationsConfig) -> None:
        window.set_network_name(config.network.name)
        pane.set_stations(config.stations)
        tuned = player.station
        edited = config.station(tuned.id) if tuned is not None else None
        if edited is not None:
            player.update_station(edited)

    services.stations.changed.connect(changed)


def _tell_when_not_saved(services: Services, window: MainWindow) -> None:
    """A full disk or a read-only folder: say once, in the window, that settings are not kept."""
    from station_app.ui.save_notice import SaveNotice

    def show(sentence: str) -> None:
        notice = SaveNotice(sentence)
        window.add_notice(notice)
        notice.announce()

    services.save_failures.first_failure.connect(show)


def _add_schedule(services: Services, pane: PlayerPane) -> None:
    """On Now / Next Up for the playing station, or the selected one while stopped."""
    from station_app.schedule.ui.strip import ScheduleStrip

    schedule = services.schedule

    def keep_found(done: Callable[[str], None]) -> None:
        services.stations.keep_findings(done=lambda result: done(result.message))

    pane.bar.add_schedule_widget(ScheduleStrip(schedule, keep_found=keep_found))

    def follow(*_args: object) -> None:
        # The tuned station while playing, trying or failing (the bar names it);
        # the selection only once the person has stopped or paused.
        player = services.player
        resting = player.status.state in (PlaybackState.IDLE, PlaybackState.PAUSED)
        tuned = None if resting else player.station
        schedule.set_station(tuned or pane.list.selected_station() or player.station)

    services.player.station_changed.connect(follow)
    services.player.status_changed.connect(follow)
    pane.list.selectionModel().currentChanged.connect(follow)
    pane.model.modelReset.connect(follow)
    follow()


def _open_add_station(services: Services, pane: PlayerPane) -> None:
    from station_app.stations.adding import DirectorySearchModel, WebsiteCheckModel
    from station_app.stations.ui.add_station import AddStationDialog

    search = DirectorySearchModel(
        lambda: services.directory, services.tasks, services.stations, services.player.play
    )
    website = WebsiteCheckModel(
        services.fetcher,
        services.tasks,
        services.stations,
        services.settings.settings.composer_server,
    )
    dialog = AddStationDialog(search, website, parent=pane)
    search.setParent(dialog)
    website.setParent(dialog)
    dialog.station_added.connect(pane.select_station)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def _add_stream_repair(services: Services, pane: PlayerPane) -> None:
    """Self-healing: a station whose streams all fail gets one from the station directory."""
    from station_app.playback.stream_repair import RepairNotice, StreamRepair
    from station_app.playback.ui.repair_bar import RepairBar
    from station_app.stations.directory_match import find_replacement

    settings = services.settings
    _ = services.directory  # made here, on the main thread; searches read it from theirs
    repair = StreamRepair(
        services.player,
        services.tasks,
        # The directory in force (Preferences may change its server while the app runs).
        lambda station, cancel: find_replacement(services.directory, station, cancel),
        automatic=settings.settings.auto_repair_streams,
    )
    settings.changed.connect(lambda now: repair.set_automatic(now.auto_repair_streams))

    def save(notice: RepairNotice) -> None:
        replacement = notice.replacement
        assert replacement is not None
        station = replacement.station
        streams = [replacement.stream_url, *station.streams]

        def saved(result: EditResult) -> None:
            bar.show_saved(result.message)

        services.stations.set_streams(station.id, streams, done=saved)

    bar = RepairBar(repair, save)
    pane.add_notice(bar)


def _follow_settings(services: Services, news_pane: NewsPanel) -> None:
    """Settings that apply at once do, when Preferences saves them or the file is reloaded.

    (Stream repair follows the store itself, in _add_stream_repair.)
    """
    in_force = services.settings.settings

    def changed(settings: Settings) -> None:
        nonlocal in_force
        news_pane.news.set_refresh_minutes(settings.news_refresh_minutes)
        if settings.directory_server != in_force.directory_server:
            services.renew_directory()
        in_force = settings

    services.settings.changed.connect(changed)


def _open_preferences(services: Services, window: MainWindow) -> None:
    from station_app.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(services.settings, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def _remember_state(services: Services, window: MainWindow, pane: PlayerPane) -> None:
    """Restore volume, mute, last station and geometry; save them as they change."""
    state = services.state.current
    player = services.player
    player.set_volume(state.volume)
    player.set_muted(state.muted)
    last = services.stations.config.station(state.last_station or "")
    pane.select_station((last or services.stations.config.stations[0]).id)
    if state.window_geometry:
        # Qt fits a size saved on a bigger screen to this one.
        window.restoreGeometry(QByteArray.fromBase64(state.window_geometry.encode()))
    if state.splitter_state:
        window.splitter.restoreState(QByteArray.fromBase64(state.splitter_state.encode()))
    # A volume drag or held Ctrl+Up changes the volume many times a second: keep
    # each change, write the file once things settle (and on close).
    save_soon = QTimer(window)
    save_soon.setSingleShot(True)
    save_soon.setInterval(1000)
    save_soon.timeout.connect(services.state.save_pending)

    def remember(**changes: object) -> None:
        services.state.remember(**changes)
        save_soon.start()

    player.volume_changed.connect(lambda volume: remember(volume=volume))
    player.muted_changed.connect(lambda muted: remember(muted=muted))

    def station_changed(station: Station | None) -> None:
        if station is not None:
            services.state.update(last_station=station.id)

    player.station_changed.connect(station_changed)
    station_changed(player.station)  # --play started it before this was connected

    def closing() -> None:
        services.state.update(
            window_geometry=_base64(window.saveGeometry()),
            splitter_state=_base64(window.splitter.saveState()),
        )

    window.closing.connect(closing)


def build_mpris(services: Services, window: MainWindow) -> MprisService:
    """MPRIS for media keys and desktop shells; silently off without a session bus."""
    from station_app.desktop.mpris import MprisService
    from station_app.playback.ui.player_pane import PlayerPane

    pane = window.splitter.widget(0)
    assert isinstance(pane, PlayerPane)

    def raise_window() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    service = MprisService(
        services.player,
        services.stations.config.stations,
        station_to_play=pane.list.selected_station,
        raise_window=raise_window,
        quit_app=lambda: quit_app(window),
        program_name=lambda: services.schedule.current_program_name,
        art_url=services.artwork.file_url,
    )
    service.register()
    services.schedule.program_changed.connect(service.announce)
    services.artwork.changed.connect(service.announce)
    services.stations.changed.connect(lambda config: service.set_stations(config.stations))
    return service


def quit_app(window: MainWindow) -> None:
    """Quits as Ctrl+Q does: the window saves what it shows, then the app ends (also when
    the window was hidden in the tray, where closing it would not end the app)."""
    window.close()
    QApplication.quit()


def build_notifications(services: Services, window: MainWindow) -> DesktopNotifications:
    """Desktop notifications: a new program, and each title when the person asks for it."""
    from station_app.desktop.listening_notices import ListeningNotices
    from station_app.desktop.notifications import DesktopNotifications

    notifications = DesktopNotifications(
        services.tasks,
        app_icon=QUrl.fromLocalFile(str(app_icon_file())).toString(),
        parent=window,
    )
    ListeningNotices(
        notifications,
        services.player,
        services.schedule,
        window_in_front=window.isActiveWindow,
        picture=services.artwork.file_url,
        # Read at each change: settings reloaded later take effect at once.
        programs=lambda: services.settings.settings.notify_programs,
        titles=lambda: services.settings.settings.notify_titles,
        parent=notifications,
    )
    return notifications


def build_tray(
    services: Services,
    window: MainWindow,
    notifications: DesktopNotifications,
    sleep_timer: QMenu | None = None,
) -> StationTray | None:
    """The tray icon, when the desktop has a tray and the person wants it.

    Closing the window while playing then hides it and the music goes on, said
    once (a notification, else a balloon from the tray); Quit in the tray's menu
    ends the app. `sleep_timer` is the Sleep timer submenu it offers, when given.
    """
    from station_app.desktop.notifications import Notice
    from station_app.desktop.ui.tray import StationTray
    from station_app.playback.ui.player_pane import PlayerPane

    if not services.settings.settings.tray or not StationTray.available():
        return None
    pane = window.splitter.widget(0)
    assert isinstance(pane, PlayerPane)
    player = services.player
    tray = StationTray(
        player,
        services.stations.config.stations,
        window,
        toggle_playback=pane.bar.toggle,
        quit_app=lambda: quit_app(window),
        program_name=lambda: services.schedule.current_program_name,
        station_to_play=pane.list.selected_station,
        sleep_timer=sleep_timer,
        parent=window,
    )
    services.stations.changed.connect(lambda config: tray.set_stations(config.stations))
    services.schedule.program_changed.connect(lambda _name: tray.refresh())
    pane.list.selectionModel().currentChanged.connect(lambda *_args: tray.refresh())
    title = f"{APP_DISPLAY_NAME} is still playing"
    text = "It keeps playing in the system tray; quit it from the tray icon's menu."

    def keeps_running() -> bool:
        wanted = services.settings.settings.tray and player.status.is_active
        if not wanted or not tray.available():
            return False
        if not services.state.current.tray_notice_shown:
            services.state.update(tray_notice_shown=True)
            notifications.show(Notice(title, text), lambda: tray.show_message(title, text))
        return True

    window.keep_running_when_closed(keeps_running)
    tray.show()
    return tray


def _base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _answer_later_launches(
    instance: PrimaryInstance, services: Services, window: MainWindow, parent: QApplication
) -> None:
    """A second launch hands its --play here and exits; this window comes to the front."""

    def handle(request: Request) -> str | None:
        if request.play is not None:
            stations = services.stations.config.stations
            station = next((s for s in stations if s.id == request.play), None)
            if station is None:
                return _unknown_station(request.play, stations)
            services.player.play(station)
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return None

    instance.serve(handle, parent)


def _unknown_station(station_id: str, stations: tuple[Station, ...]) -> str:
    known = ", ".join(s.id for s in stations)
    return f'No station has the id "{station_id}". Known ids: {known}.'


def run_gui(
    paths: AppPaths,
    play: str | None = None,
    early: EarlyStart | None = None,
    instance: PrimaryInstance | None = None,
) -> int:
    """The window; `early` is what `--play` started before Qt loaded (player/early.py),
    `instance` this run's claim from single_instance.claim_or_hand_off."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    quit_signals = QuitSignals(app)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(app_icon_file())))
    services = build_services(paths, early=early)
    station = services.stations.config.station(play) if play is not None else None
    if play is not None and station is None:
        print(_unknown_station(play, services.stations.config.stations), file=sys.stderr)
        return 2
    from station_app.ui.error_report import ErrorReporter, log_to_file

    window: MainWindow | None = None
    reporter = ErrorReporter(log_to_file(paths.log_file), lambda: window)
    reporter.install()
    if station is not None and services.player.station != station:
        # libVLC connects on its own threads while the window is being built.
        services.player.play(station)
    window = shown = build_window(services)
    mpris = build_mpris(services, window)
    notifications = build_notifications(services, window)
    from station_app.playback.ui.sleep_timer import sleep_timer_menu

    tray = build_tray(
        services, window, notifications, sleep_timer_menu(services.sleep_timer, window)
    )

    def quit_on_signal() -> None:
        shown.close()  # saves what the window shows, like closing it by hand
        app.quit()

    quit_signals.received.connect(quit_on_signal)
    window.show()
    if instance is not None:
        _answer_later_launches(instance, services, window, app)
    code = app.exec()
    quit_signals.release()
    services.state.save_pending()
    services.played_titles.flush()
    if instance is not None:
        instance.release()
    mpris.unregister()
    if tray is not None:
        tray.remove()
    services.schedule.stop()
    services.player.shutdown()
    services.tasks.shutdown()
    return code
