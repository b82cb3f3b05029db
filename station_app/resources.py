"""Locate bundled resources, from a checkout or from an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from station_app import APP_ID


def resource_dir() -> Path:
    """The folder holding stations.toml and the icons.

    A wheel carries it inside the package (see pyproject's force-include);
    a checkout keeps it at the top of the tree, beside the package.
    """
    packaged = Path(str(resources.files("station_app"))) / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def bundled_stations_file() -> Path:
    return resource_dir() / "stations.toml"


def icon_path(name: str) -> Path:
    return resource_dir() / "icons" / name


def app_icon_file() -> Path:
    """The scalable app icon, named after the app id as icon themes expect."""
    return icon_path(f"{APP_ID}.svg")


def symbolic_icon_file() -> Path:
    """The one-colour variant for panels and trays, recoloured by the theme."""
    return icon_path(f"{APP_ID}-symbolic.svg")
