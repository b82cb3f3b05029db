"""What a desktop's tray does with the app's StatusNotifierItem: read it, click it, open its menu.

The app's item is found through the fake StatusNotifierWatcher it registered
with (tests/desktop/fake_services.py); its menu is read and clicked over
com.canonical.dbusmenu, as KDE's or GNOME's tray does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import Properties, unwrap_msg

from tests.desktop.fake_services import FakeDesktopServices
from tests.e2e.desktop import Desktop, wait_for

ITEM_PATH = "/StatusNotifierItem"
ITEM = "org.kde.StatusNotifierItem"
MENU = "com.canonical.dbusmenu"
TIMEOUT = 15


@dataclass(frozen=True)
class MenuItem:
    id: int
    label: str
    enabled: bool
    visible: bool
    checked: bool


class TrayHost:
    """The tray side of one app's item on the desktop's session bus."""

    def __init__(self, desktop: Desktop, services: FakeDesktopServices) -> None:
        registered = wait_for(
            lambda: services.events("RegisterStatusNotifierItem"), "the app's tray icon"
        )
        self.service = registered[-1]["service"]
        self.connection: DBusConnection = open_dbus_connection(desktop.session_bus)

    def close(self) -> None:
        self.connection.close()

    def _call(self, path: str, interface: str, method: str, signature: str, *body: Any) -> Any:
        address = DBusAddress(path, self.service, interface)
        message = new_method_call(address, method, signature or None, body)
        return unwrap_msg(self.connection.send_and_get_reply(message, timeout=TIMEOUT))

    def _get(self, path: str, interface: str, name: str) -> Any:
        message = Properties(DBusAddress(path, self.service, interface)).get(name)
        return unwrap_msg(self.connection.send_and_get_reply(message, timeout=TIMEOUT))[0][1]

    def tooltip(self) -> str:
        """The tooltip's text (StatusNotifierItem's ToolTip: icon, pixmaps, title, text)."""
        _icon, _pixmaps, title, text = self._get(ITEM_PATH, ITEM, "ToolTip")
        return "\n".join(part for part in (title, text) if part)

    def click(self) -> None:
        """A left click on the icon."""
        self._call(ITEM_PATH, ITEM, "Activate", "ii", 0, 0)

    def menu(self) -> list[MenuItem]:
        """The menu as the tray shows it when opened."""
        path = self._get(ITEM_PATH, ITEM, "Menu")
        self._call(path, MENU, "AboutToShow", "i", 0)
        _revision, (_root, _properties, children) = self._call(
            path, MENU, "GetLayout", "iias", 0, -1, []
        )
        items = []
        for _signature, (item_id, properties, _grandchildren) in children:
            values = {key: value for key, (_type, value) in properties.items()}
            if values.get("type") == "separator":
                continue
            items.append(
                MenuItem(
                    item_id,
                    str(values.get("label", "")),
                    bool(values.get("enabled", True)),
                    bool(values.get("visible", True)),
                    values.get("toggle-state") == 1,
                )
            )
        return items

    def labels(self) -> list[str]:
        return [item.label for item in self.menu() if item.visible]

    def choose(self, label: str) -> None:
        """Clicks the menu item showing `label`."""
        item = next(item for item in self.menu() if item.label == label and item.visible)
        path = self._get(ITEM_PATH, ITEM, "Menu")
        self._call(path, MENU, "Event", "isvu", item.id, "clicked", ("i", 0), 0)
