"""Where a request may connect: address classes, from the open internet to this machine.

A page from the internet must never make the app reach into the person's own
network (browsers call this Private Network Access): its pictures may come
from addresses as public as the page's own, never more private. The check is
made on the address a connection is about to use, after name resolution, so
a public name that resolves to 10.0.0.1 is caught as well.
"""

from __future__ import annotations

import enum
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressClass(enum.IntEnum):
    """How private an address is; a higher value is more private."""

    PUBLIC = 0
    PRIVATE = 1  # home and office networks, carrier NAT, documentation ranges
    LINK_LOCAL = 2  # the local link, where cloud metadata services answer
    LOOPBACK = 3  # this machine

    @property
    def place(self) -> str:
        return {
            AddressClass.PUBLIC: "the internet",
            AddressClass.PRIVATE: "a private network",
            AddressClass.LINK_LOCAL: "the local network link",
            AddressClass.LOOPBACK: "this computer",
        }[self]


Classifier = Callable[[IPAddress], AddressClass]


def address_class(address: IPAddress) -> AddressClass:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback or address.is_unspecified:  # 0.0.0.0 reaches this machine too
        return AddressClass.LOOPBACK
    if address.is_link_local:
        return AddressClass.LINK_LOCAL
    if not address.is_global or address.is_multicast:
        return AddressClass.PRIVATE
    return AddressClass.PUBLIC


def ip_of(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def resolved(host: str, port: int) -> list[IPAddress]:
    """The addresses `host` resolves to (it may be an address itself); [] when unknown."""
    literal = ip_of(host.strip("[]"))
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found = (ip_of(str(info[4][0])) for info in infos)
    return list(dict.fromkeys(address for address in found if address is not None))


@dataclass(frozen=True)
class Reach:
    """How far a request may go: no address more private than `limit`."""

    limit: AddressClass
    classify: Classifier = address_class

    def allows(self, address: IPAddress) -> bool:
        return self.classify(address) <= self.limit


@dataclass(frozen=True)
class Refusal:
    """A connection that was not made: `host` is on `place` (an AddressClass.place)."""

    host: str
    place: str
