"""A small AT-SPI client over D-Bus (jeepney): what a screen reader reads and does.

AT-SPI is a D-Bus protocol, so the tests speak it directly, from the test's
own interpreter, instead of going through pyatspi (a GObject binding that
exists only for the system's Python).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, Properties, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

from tests.e2e.desktop import DEADLINE, wait_for

ACCESSIBLE = "org.a11y.atspi.Accessible"
ACTION = "org.a11y.atspi.Action"
SELECTION = "org.a11y.atspi.Selection"
TEXT = "org.a11y.atspi.Text"
VALUE = "org.a11y.atspi.Value"
COMPONENT = "org.a11y.atspi.Component"
REGISTRY = "org.a11y.atspi.Registry"
EVENT_OBJECT = "org.a11y.atspi.Event.Object"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
CALL_TIMEOUT = 20.0
ROLE_DOCUMENT_FRAME = 82  # AtspiRole numbers
ROLE_HEADING = 83

# AtspiStateType, in the order of its bits.
STATES = (
    "invalid",
    "active",
    "armed",
    "busy",
    "checked",
    "collapsed",
    "defunct",
    "editable",
    "enabled",
    "expandable",
    "expanded",
    "focusable",
    "focused",
    "has-tooltip",
    "horizontal",
    "iconified",
    "modal",
    "multi-line",
    "multiselectable",
    "opaque",
    "pressed",
    "resizable",
    "selectable",
    "selected",
    "sensitive",
    "showing",
    "single-line",
    "stale",
    "transient",
    "vertical",
    "visible",
    "manages-descendants",
    "indeterminate",
    "required",
    "truncated",
    "animated",
    "invalid-entry",
    "supports-autocompletion",
    "selectable-text",
    "is-default",
    "visited",
    "checkable",
    "has-popup",
    "read-only",
)


class AtSpiError(RuntimeError):
    """The accessible object could not be read (it may have gone away)."""


class AtSpiBus:
    """A connection to the AT-SPI bus of one desktop."""

    def __init__(self, session_bus: str) -> None:
        session = open_dbus_connection(session_bus, auth_timeout=30)
        try:
            bus = DBusAddress("/org/a11y/bus", "org.a11y.Bus", "org.a11y.Bus")
            address = wait_for(
                lambda: _call(session, new_method_call(bus, "GetAddress"))[0],
                "the AT-SPI bus address",
            )
        finally:
            session.close()
        self.connection: DBusConnection = open_dbus_connection(address, auth_timeout=30)

    def close(self) -> None:
        self.connection.close()

    def call(
        self, name: str, path: str, interface: str, method: str, signature: str = "", *body: Any
    ) -> tuple[Any, ...]:
        address = DBusAddress(path, name, interface)
        return _call(self.connection, new_method_call(address, method, signature or None, body))

    def get(self, name: str, path: str, interface: str, prop: str) -> Any:
        message = Properties(DBusAddress(path, name, interface)).get(prop)
        return _call(self.connection, message)[0][1]

    def applications(self) -> list[Accessible]:
        children = self.call(REGISTRY, ROOT_PATH, ACCESSIBLE, "GetChildren")[0]
        return [Accessible(self, name, path) for name, path in children]

    @contextmanager
    def focus_events(self) -> Iterator[FocusEvents]:
        """What a screen reader is told gets the focus, from now on.

        Apps send only the events some client has asked the registry for, so
        this is asked for before the app starts.
        """
        self.call(
            REGISTRY,
            "/org/a11y/atspi/registry",
            REGISTRY,
            "RegisterEvent",
            "sass",
            "object:state-changed:focused",
            [],
            "",
        )
        rule = MatchRule(type="signal", interface=EVENT_OBJECT, member="StateChanged")
        _call(self.connection, message_bus.AddMatch(rule))
        with self.connection.filter(rule) as queue:
            yield FocusEvents(self, queue)

    def process_of(self, name: str) -> int:
        bus = DBusAddress("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
        message = new_method_call(bus, "GetConnectionUnixProcessID", "s", (name,))
        return int(_call(self.connection, message)[0])

    def application_of(self, pid: int, timeout: float = DEADLINE) -> Accessible:
        """The accessible application of the process `pid`, once it has registered."""

        def find() -> Accessible | None:
            for app in self.applications():
                if self.process_of(app.bus_name) == pid:
                    return app
            return None

        return wait_for(find, f"process {pid} on the AT-SPI bus", timeout)


class FocusEvents:
    """The objects reported to have gained the focus, in the order they were reported."""

    def __init__(self, bus: AtSpiBus, queue: Any) -> None:
        self._bus = bus
        self._queue = queue

    def next(self, timeout: float = DEADLINE) -> Accessible:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no object was reported to gain the focus")
            message = self._bus.connection.recv_until_filtered(self._queue, timeout=left)
            detail, gained = message.body[0], message.body[1]
            if detail == "focused" and gained == 1:
                fields = message.header.fields
                return Accessible(self._bus, fields[HeaderFields.sender], fields[HeaderFields.path])

    def until(self, node: Accessible, timeout: float = DEADLINE) -> list[Accessible]:
        """Everything reported up to `node` gaining the focus (which ends the list)."""
        seen = []
        while not seen or seen[-1] != node:
            seen.append(self.next(timeout))
        return seen


def _call(connection: DBusConnection, message: Any) -> tuple[Any, ...]:
    reply = connection.send_and_get_reply(message, timeout=CALL_TIMEOUT)
    try:
        return tuple(unwrap_msg(reply))
    except DBusErrorResponse as error:
        raise AtSpiError(str(error)) from error


@dataclass(frozen=True)
class Accessible:
    """One accessible object, read live on every call."""

    bus: AtSpiBus
    bus_name: str
    path: str

    def _call(self, interface: str, method: str, signature: str = "", *body: Any) -> Any:
        return self.bus.call(self.bus_name, self.path, interface, method, signature, *body)

    def _get(self, interface: str, prop: str) -> Any:
        return self.bus.get(self.bus_name, self.path, interface, prop)

    # -- what it is -------------------------------------------------------------------
    @property
    def name(self) -> str:
        return str(self._get(ACCESSIBLE, "Name"))

    @property
    def description(self) -> str:
        return str(self._get(ACCESSIBLE, "Description"))

    @property
    def role(self) -> str:
        return str(self._call(ACCESSIBLE, "GetRoleName")[0])

    @property
    def role_number(self) -> int:
        """AT-SPI's own role (AtspiRole); Qt names some roles its own way."""
        return int(self._call(ACCESSIBLE, "GetRole")[0])

    @property
    def states(self) -> set[str]:
        words = self._call(ACCESSIBLE, "GetState")[0]
        found = set()
        for word_index, word in enumerate(words):
            for bit in range(32):
                if word & (1 << bit):
                    number = word_index * 32 + bit
                    found.add(STATES[number] if number < len(STATES) else str(number))
        return found

    @property
    def interfaces(self) -> list[str]:
        return list(self._call(ACCESSIBLE, "GetInterfaces")[0])

    def attributes(self) -> dict[str, str]:
        return dict(self._call(ACCESSIBLE, "GetAttributes")[0])

    @property
    def parent(self) -> Accessible:
        name, path = self._get(ACCESSIBLE, "Parent")
        return Accessible(self.bus, name, path)

    def children(self) -> list[Accessible]:
        return [
            Accessible(self.bus, name, path)
            for name, path in self._call(ACCESSIBLE, "GetChildren")[0]
        ]

    @property
    def text(self) -> str:
        """The Text interface's content (labels, fields, documents)."""
        count = int(self._get(TEXT, "CharacterCount"))
        return str(self._call(TEXT, "GetText", "ii", 0, count)[0])

    @property
    def caret(self) -> int:
        """Where the Text interface's caret is."""
        return int(self._get(TEXT, "CaretOffset"))

    def text_attributes(self, offset: int) -> dict[str, str]:
        """The Text interface's attributes of the character at `offset` (font, size, …)."""
        attributes, _start, _end = self._call(TEXT, "GetAttributes", "i", offset)
        return dict(attributes)

    def character_extents(self, offset: int) -> tuple[int, int, int, int]:
        """x, y, width, height of the character at `offset`, on the screen."""
        x, y, width, height = self._call(TEXT, "GetCharacterExtents", "iu", offset, 0)
        return int(x), int(y), int(width), int(height)

    @property
    def value(self) -> float:
        return float(self._get(VALUE, "CurrentValue"))

    def extents(self) -> tuple[int, int, int, int]:
        """x, y, width, height on the screen."""
        x, y, width, height = self._call(COMPONENT, "GetExtents", "u", 0)[0]
        return int(x), int(y), int(width), int(height)

    def center(self) -> tuple[int, int]:
        x, y, width, height = self.extents()
        return x + width // 2, y + height // 2

    def hidden_or_gone(self) -> bool:
        """Closed: no longer showing, or deleted (a dialog that closed)."""
        try:
            return "showing" not in self.states
        except AtSpiError:
            return True

    def describe(self) -> str:
        return f"{self.role} {self.name!r}"

    # -- what it does -----------------------------------------------------------------
    def actions(self) -> list[str]:
        if ACTION not in self.interfaces:
            return []
        return [name for name, _description, _keys in self._call(ACTION, "GetActions")[0]]

    def do(self, action: str) -> None:
        """Performs the named action, as a screen reader's command does."""
        names = self.actions()
        if action not in names:
            raise AtSpiError(f"{self.describe()} offers {names}, not {action!r}")
        self._call(ACTION, "DoAction", "i", names.index(action))

    def selected_children(self) -> list[Accessible]:
        """What the Selection interface says is selected (a list's chosen items)."""
        count = int(self._get(SELECTION, "NSelectedChildren"))
        found = [self._call(SELECTION, "GetSelectedChild", "i", i)[0] for i in range(count)]
        return [Accessible(self.bus, name, path) for name, path in found]

    def grab_focus(self) -> bool:
        return bool(self._call(COMPONENT, "GrabFocus")[0])

    # -- finding ----------------------------------------------------------------------
    def walk(self, prune: Callable[[Accessible], bool] | None = None) -> Iterator[Accessible]:
        """Depth first, this object first; `prune` stops the walk below an object."""
        yield self
        if prune is not None and prune(self):
            return
        for child in self.children():
            yield from child.walk(prune)

    def find_all(
        self,
        role: str | None = None,
        name: str | Callable[[str], bool] | None = None,
        showing: bool = False,
    ) -> list[Accessible]:
        def matches(node: Accessible) -> bool:
            if role is not None and node.role != role:
                return False
            if name is not None:
                actual = node.name
                if callable(name) and not name(actual):
                    return False
                if isinstance(name, str) and actual != name:
                    return False
            return not showing or "showing" in node.states

        def hidden(node: Accessible) -> bool:
            # Nothing below a hidden object can be showing.
            return showing and node is not self and "showing" not in node.states

        return [node for node in self.walk(prune=hidden) if matches(node)]

    def find(
        self,
        role: str | None = None,
        name: str | Callable[[str], bool] | None = None,
        showing: bool = True,
        timeout: float = DEADLINE,
    ) -> Accessible:
        """Waits for one matching object below this one (showing ones by default)."""
        what = f"{role or 'an object'} named {name!r}" if name else (role or "an object")
        return wait_for(lambda: next(iter(self.find_all(role, name, showing)), None), what, timeout)


def dump(node: Accessible, depth: int = 0, limit: int = 400) -> str:
    """The tree below `node`, one object a line (for failure messages and exploring)."""
    lines: list[str] = []

    def visit(current: Accessible, level: int) -> None:
        if len(lines) >= limit:
            return
        try:
            states = sorted(current.states & {"showing", "focused", "enabled", "selected"})
            lines.append(f"{'  ' * level}{current.role} {current.name!r} {states}")
            for child in current.children():
                visit(child, level + 1)
        except AtSpiError as error:
            lines.append(f"{'  ' * level}(gone: {error})")

    visit(node, depth)
    return "\n".join(lines)
