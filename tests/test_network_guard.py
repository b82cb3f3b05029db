"""The guard that keeps tests on loopback must itself work."""

from __future__ import annotations

import socket

import pytest
import requests

from tests.conftest import NetworkGuardError


def test_connecting_beyond_loopback_fails() -> None:
    with socket.socket() as sock, pytest.raises(NetworkGuardError):
        sock.connect(("192.0.2.1", 80))


def test_resolving_public_names_fails() -> None:
    # An AssertionError, so no code under test can mistake it for a network failure.
    with pytest.raises(NetworkGuardError, match="beyond loopback"):
        requests.get("https://www.ctpublic.org/", timeout=1)


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.socket() as client:
            client.connect(server.getsockname())
