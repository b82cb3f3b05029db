"""The layer rules hold: config -> core services -> view models -> widgets, feature by feature.

Each feature package (stations, playback, schedule, news, desktop) keeps a
widget-free core and its widgets in `ui/`; features reach each other only
through their cores; shared infrastructure (config, net, tasks, paths) knows no
feature at all.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "station_app"
FEATURES = ("stations", "playback", "schedule", "news", "desktop")
INFRASTRUCTURE = (
    "config",
    "net",
    "streams",
    "tasks.py",
    "paths.py",
    "resources.py",
    "save_failures.py",
    "settings_store.py",
)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules(place: str) -> list[Path]:
    path = PACKAGE / place
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def core_modules(feature: str) -> list[Path]:
    """A feature's modules outside its `ui` package."""
    return [
        path for path in modules(feature) if "ui" not in path.relative_to(PACKAGE / feature).parts
    ]


def offenders(paths: list[Path], forbidden: Callable[[str], bool]) -> dict[str, list[str]]:
    found = {
        str(path.relative_to(PACKAGE)): sorted(name for name in imports_of(path) if forbidden(name))
        for path in paths
    }
    return {module: names for module, names in found.items() if names}


def is_widget_code(name: str) -> bool:
    """Qt widgets, or any `ui` package of the app (the window's own or a feature's)."""
    parts = name.split(".")
    return "QtWidgets" in name or (parts[0] == "station_app" and "ui" in parts[1:])


@pytest.mark.parametrize("feature", [*FEATURES, "config", "net", "streams"])
def test_cores_import_no_widgets(feature: str) -> None:
    assert offenders(core_modules(feature), is_widget_code) == {}


@pytest.mark.parametrize("feature", FEATURES)
def test_features_reach_each_other_only_through_their_cores(feature: str) -> None:
    others = tuple(f"station_app.{other}.ui" for other in FEATURES if other != feature)
    assert offenders(modules(feature), lambda name: name.startswith(others)) == {}


@pytest.mark.parametrize("place", INFRASTRUCTURE)
def test_shared_infrastructure_knows_no_feature(place: str) -> None:
    features = tuple(f"station_app.{feature}" for feature in FEATURES)
    assert offenders(modules(place), lambda name: name.startswith(features)) == {}


def test_config_net_and_streams_import_no_qt_at_all() -> None:
    paths = modules("config") + modules("net") + modules("streams")
    paths.append(PACKAGE / "stations" / "model.py")
    assert offenders(paths, lambda name: name.startswith("PySide6")) == {}


def test_only_the_composition_root_and_the_window_import_feature_widgets() -> None:
    feature_ui = tuple(f"station_app.{feature}.ui" for feature in FEATURES)
    outside = [
        path
        for path in modules(".")
        if path.relative_to(PACKAGE).parts[0] not in (*FEATURES, "ui", "app.py")
    ]
    assert offenders(outside, lambda name: name.startswith(feature_ui)) == {}


def test_vlc_is_imported_in_at_most_one_module() -> None:
    users = [path for path in PACKAGE.rglob("*.py") if "vlc" in imports_of(path)]
    assert len(users) <= 1, users


def test_features_depend_on_each_other_one_way() -> None:
    """No two features import each other, directly or around a circle."""
    uses = {
        feature: {
            other
            for path in modules(feature)
            for name in imports_of(path)
            for other in FEATURES
            if other != feature and name.startswith(f"station_app.{other}")
        }
        for feature in FEATURES
    }

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            step == goal or (step not in seen and reaches(step, goal, seen | {step}))
            for step in uses[start]
        )

    assert [feature for feature in FEATURES if reaches(feature, feature)] == []
