"""Station App: a desktop companion for a public radio station."""

__version__ = "0.1.0"

APP_NAME = "station-app"
APP_DISPLAY_NAME = "Station App"
