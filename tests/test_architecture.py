"""The layer rules hold: data flows config -> fetch/player -> models -> widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "station_app"


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


def core_modules(layer: str) -> list[Path]:
    """A layer's modules outside its `ui` package."""
    return [
        path
        for path in (PACKAGE / layer).rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE / layer).parts
    ]


@pytest.mark.parametrize("layer", ["config", "fetch", "net", "news", "player"])
def test_core_layers_import_no_widgets(layer: str) -> None:
    ui_packages = ("station_app.ui", f"station_app.{layer}.ui")
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in imports_of(path) if "QtWidgets" in name or name.startswith(ui_packages)
        )
        for path in core_modules(layer)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_config_fetch_and_net_import_no_qt_at_all() -> None:
    for layer in ("config", "fetch", "net"):
        for path in (PACKAGE / layer).rglob("*.py"):
            assert not any(name.startswith("PySide6") for name in imports_of(path)), path


def test_vlc_is_imported_in_at_most_one_module() -> None:
    users = [path for path in PACKAGE.rglob("*.py") if "vlc" in imports_of(path)]
    assert len(users) <= 1, users
