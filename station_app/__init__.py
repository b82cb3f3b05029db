"""Station App: a desktop companion for a public radio station."""

__version__ = "0.1.0"

APP_NAME = "station-app"  # command, and the config, cache and state folders
APP_DISPLAY_NAME = "Station App"
# The desktop's name for the app: .desktop file, AppStream id, icon name, MPRIS
# DesktopEntry. Reverse-DNS after the project's name, as GitHub-hosted apps do.
APP_ID = "io.github.station_app.StationApp"
# The project's home page, as the AppStream metainfo names it.
APP_WEBSITE = "https://github.com/station-app/station-app"
