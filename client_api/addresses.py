"""Which server addresses the client may use (https; plain http only to this machine). No HTTP library here:
the sign-in page checks an address before requests is loaded."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from client_api import errors

_LOOPBACK_V4 = ipaddress.ip_network("127.0.0.0/8")
_LOOPBACK_V6 = ipaddress.ip_address("::1")


def _is_loopback(host: str) -> bool:
    """This machine by address only: 127.0.0.0/8 or ::1. A name (`localhost`, `x.localhost`) is not enough, since
    names are resolved by whatever the system's resolver says, DNS included."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return address in _LOOPBACK_V4
    return address == _LOOPBACK_V6 and address.scope_id is None


def api_root(base_url: str) -> str:
    """`https://host[:port][/prefix]` → the API root ending in `/api/v1`.

    https is required; plain http only to this machine by address (127.0.0.0/8, ::1: the sandbox). Anything else
    is refused before a single byte leaves the machine.
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.InsecureTransportError(f"not an http(s) address: {base_url!r}")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise errors.InsecureTransportError(f"plain http is allowed only to this machine, not {parts.hostname}")
    if parts.username or parts.password:
        raise errors.InsecureTransportError("credentials inside the address are not allowed")
    path = parts.path.rstrip("/")
    if not path.endswith("/api/v1"):
        path += "/api/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"
