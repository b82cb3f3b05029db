"""Builds the news half of the window."""

from __future__ import annotations

from urllib.parse import urlsplit

from station_app.config.settings import Settings
from station_app.config.state import StateStore
from station_app.config.stations import Feed
from station_app.net.fetcher import Fetcher
from station_app.news.headlines import NewsFeed
from station_app.news.ui.panel import NewsPanel
from station_app.tasks import TaskRunner


def build_news_pane(
    feeds: tuple[Feed, ...],
    fetcher: Fetcher,
    tasks: TaskRunner,
    settings: Settings,
    state: StateStore,
    website: str | None,
    network_name: str | None = None,
) -> NewsPanel:
    """The news panel for `feeds`, already loading: cached headlines first, then the network."""
    if network_name is None:
        network_name = (urlsplit(website).hostname if website else None) or "this station"
    news = NewsFeed(feeds, website, fetcher, tasks, settings.news_refresh_minutes)
    panel = NewsPanel(news, network_name, fetcher, tasks, state)
    panel.start()
    return panel
