"""No page makes the app reach an address more private than the page's own.

Tests serve everything from loopback, so the fetcher here is told that
127.0.0.1 is on the internet: a page from 127.0.0.1 then stands for a page
from a public host, and 127.0.0.2 (also loopback) for this very computer.
"""

from __future__ import annotations

import ipaddress

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.net.reach import AddressClass, IPAddress, address_class
from station_app.net.results import ContentKind, FailureKind, Fetched, FetchError

PUBLIC_STAND_IN = ipaddress.ip_address("127.0.0.1")


def as_if_public(address: IPAddress) -> AddressClass:
    return AddressClass.PUBLIC if address == PUBLIC_STAND_IN else address_class(address)


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher(
        None, FetchPolicy(connect_timeout=1, read_timeout=2, retries=0), classify=as_if_public
    )


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("93.184.216.34", AddressClass.PUBLIC),
        ("2606:4700::1111", AddressClass.PUBLIC),
        ("10.1.2.3", AddressClass.PRIVATE),
        ("192.168.1.1", AddressClass.PRIVATE),
        ("192.0.2.30", AddressClass.PRIVATE),
        ("2001:db8::1", AddressClass.PRIVATE),
        ("fd00::1", AddressClass.PRIVATE),
        ("169.254.169.254", AddressClass.LINK_LOCAL),
        ("fe80::1", AddressClass.LINK_LOCAL),
        ("127.0.0.1", AddressClass.LOOPBACK),
        ("::1", AddressClass.LOOPBACK),
        ("::ffff:127.0.0.1", AddressClass.LOOPBACK),
        ("0.0.0.0", AddressClass.LOOPBACK),
    ],
)
def test_addresses_are_classed_from_the_internet_to_this_computer(
    address: str, expected: AddressClass
) -> None:
    assert address_class(ipaddress.ip_address(address)) is expected


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/pic.jpg",
        "http://192.0.2.30/pic.jpg",
        "http://[2001:db8::1]/pic.jpg",
    ],
)
def test_a_public_page_never_reaches_a_private_address(
    fetcher: Fetcher, content_server: HTTPServer, target: str
) -> None:
    # Were it contacted, the test's network guard would fail the test.
    reach = fetcher.reach_of(content_server.url_for("/article"))
    result = fetcher.fetch(target, ContentKind.IMAGE, reach=reach)
    assert isinstance(result, FetchError) and result.kind is FailureKind.REFUSED
    assert "it was not contacted" in result.message


def test_a_public_page_never_reaches_this_computer_even_by_redirect(
    fetcher: Fetcher, content_server: HTTPServer, this_computer: HTTPServer
) -> None:
    this_computer.expect_request("/secret.jpg").respond_with_data(b"secret")
    secret = this_computer.url_for("/secret.jpg")
    content_server.expect_request("/pic.jpg").respond_with_response(
        Response(status=302, headers={"Location": secret})
    )
    reach = fetcher.reach_of(content_server.url_for("/article"))
    for url in (secret, content_server.url_for("/pic.jpg")):
        result = fetcher.fetch(url, ContentKind.IMAGE, reach=reach)
        assert isinstance(result, FetchError) and result.kind is FailureKind.REFUSED
        assert result.message == (
            "127.0.0.2 is on this computer, which a page from farther away may not reach; "
            "it was not contacted."
        )
    assert this_computer.log == []


def test_a_page_reaches_addresses_as_public_as_its_own(
    fetcher: Fetcher, content_server: HTTPServer, this_computer: HTTPServer
) -> None:
    content_server.expect_request("/pic.jpg").respond_with_data(b"picture")
    this_computer.expect_request("/pic.jpg").respond_with_data(b"local picture")
    public_page = fetcher.reach_of(content_server.url_for("/article"))
    local_page = fetcher.reach_of(this_computer.url_for("/article"))
    same = fetcher.fetch(content_server.url_for("/pic.jpg"), ContentKind.IMAGE, reach=public_page)
    local = fetcher.fetch(this_computer.url_for("/pic.jpg"), ContentKind.IMAGE, reach=local_page)
    assert isinstance(same, Fetched) and same.body == b"picture"
    assert isinstance(local, Fetched) and local.body == b"local picture"
