"""Search the radio-browser.info community station directory through the shared fetcher.

Follows the directory's own advice (https://api.radio-browser.info, "use it
directly"): ask all.api.radio-browser.info for the list of servers, shuffle
it, and when a request fails retry it on the next server. The identifying
User-Agent comes from the Fetcher. Base addresses are injectable so tests run
against a fake directory on loopback.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from station_app.net.cancel import NEVER_CANCELLED, CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FailureKind, Fetched, FetchError
from station_app.stations.directory_parse import DirectoryStation, parse_servers, parse_stations

SERVERS_URL = "https://all.api.radio-browser.info/json/servers"

# Used when the server list itself cannot be had. Names only from public
# documentation: de2 and fi1 are the examples on https://api.radio-browser.info
# ("Get a list of available servers"); nl1 is among its "examples of working
# servers"; de1 is the host in the request examples on https://docs.radio-browser.info.
FALLBACK_SERVERS = (
    "https://de2.api.radio-browser.info",
    "https://fi1.api.radio-browser.info",
    "https://nl1.api.radio-browser.info",
    "https://de1.api.radio-browser.info",
)


@dataclass(frozen=True)
class SearchQuery:
    """A directory search; empty fields are left out of the request."""

    name: str = ""
    countrycode: str = ""
    state: str = ""
    tag: str = ""
    codec: str = ""
    order: str = "votes"
    reverse: bool = True
    limit: int = 40

    @property
    def is_empty(self) -> bool:
        return not any(
            field.strip()
            for field in (self.name, self.countrycode, self.state, self.tag, self.codec)
        )

    def parameters(self) -> dict[str, str]:
        wanted = {
            "name": self.name.strip(),
            "countrycode": self.countrycode.strip().upper(),
            "state": self.state.strip(),
            "tag": self.tag.strip(),
            "codec": self.codec.strip(),
        }
        parameters = {key: value for key, value in wanted.items() if value}
        parameters.update(
            order=self.order,
            reverse="true" if self.reverse else "false",
            limit=str(max(1, min(self.limit, 500))),
            hidebroken="true",
        )
        return parameters


@dataclass(frozen=True)
class DirectorySearch:
    """The stations found, in the directory's order, and the server that answered."""

    query: SearchQuery
    stations: tuple[DirectoryStation, ...]
    server: str


@dataclass(frozen=True)
class DirectoryError:
    """Why a directory search failed: one short sentence, and what each server said."""

    message: str
    details: str = ""


# Returned to a task whose owner no longer waits for it.
_CANCELLED = DirectoryError("The search was cancelled.")


class DirectoryClient:
    """Finds stations in the directory; thread-safe, called from background tasks."""

    def __init__(
        self,
        fetcher: Fetcher,
        servers_url: str | None = SERVERS_URL,
        fallback_servers: tuple[str, ...] = FALLBACK_SERVERS,
        shuffle: Callable[[list[str]], None] = random.shuffle,
        server_scheme: str = "https",
    ) -> None:
        self._fetcher = fetcher
        self._servers_url = servers_url
        self._fallback = fallback_servers
        self._shuffle = shuffle
        self._scheme = server_scheme
        self._lock = threading.Lock()
        self._servers: list[str] | None = None

    def servers(self, cancel: CancelToken = NEVER_CANCELLED) -> list[str]:
        """The servers to try, in order: discovered once and shuffled, else the built-in list.

        Without a `servers_url` nothing is discovered: the given servers are used as they are.
        """
        with self._lock:
            if self._servers is not None:
                return list(self._servers)
        if self._servers_url is None:
            return list(self._fallback)
        fetched = self._fetcher.fetch(self._servers_url, ContentKind.DIRECTORY, cancel)
        found = () if isinstance(fetched, FetchError) else parse_servers(fetched.body, self._scheme)
        if found and isinstance(fetched, Fetched):
            self._fetcher.keep(fetched)
        servers = list(found or self._fallback)
        self._shuffle(servers)
        with self._lock:
            if self._servers is None and not cancel.cancelled:
                self._servers = servers
            return list(servers)

    def _prefer(self, server: str) -> None:
        # The server that answered goes first next time: as-you-type searches stay fast.
        with self._lock:
            if self._servers and server in self._servers:
                self._servers.remove(server)
                self._servers.insert(0, server)

    def search(
        self, query: SearchQuery, cancel: CancelToken = NEVER_CANCELLED
    ) -> DirectorySearch | DirectoryError:
        """Search on the first server that answers with a station list."""
        if query.is_empty:
            return DirectorySearch(query, (), "")
        servers = self.servers(cancel)
        if cancel.cancelled:
            return _CANCELLED
        last_problem = "no server was known."
        for server in servers:
            url = f"{server}/json/stations/search?{urlencode(query.parameters())}"
            fetched = self._fetcher.fetch(url, ContentKind.DIRECTORY, cancel, use_cache=False)
            if isinstance(fetched, FetchError):
                if fetched.kind is FailureKind.CANCELLED or cancel.cancelled:
                    return _CANCELLED
                last_problem = fetched.message
                continue
            stations = parse_stations(fetched.body)
            if stations is None:
                last_problem = f"{server} answered with something that is not a station list."
                continue
            self._prefer(server)
            return DirectorySearch(query, stations, server)
        count = "the one server" if len(servers) == 1 else f"all {len(servers)} servers"
        return DirectoryError(
            "The station directory could not be reached. Check the connection and try again.",
            f"Asked {count} of radio-browser.info; the last said: {last_problem}",
        )
