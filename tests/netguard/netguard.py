"""Refuse every network connection that leaves this machine, loudly.

The course must work offline, so the test suite runs with the network shut. Installed in the
pytest process by the project's ``conftest.py``, and in every process it starts (notebook
kernels, ``python -m bcc_teach``) through the ``sitecustomize.py`` beside this file, which the
conftest puts on ``PYTHONPATH``. Loopback stays open: Jupyter kernels talk to pytest over it.

Every refused attempt raises ``NetworkBlocked`` (an ``OSError``) and is also appended to the file
named by ``$BCC_TEACH_NETLOG``, so an attempt that some library catches and hides still fails
the test session.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import socket
import sys
import traceback

ENABLE_VARIABLE = "BCC_TEACH_BLOCK_NETWORK"
LOG_VARIABLE = "BCC_TEACH_NETLOG"
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


class NetworkBlocked(OSError):
    """Raised instead of reaching the network while the tests run."""


def is_local(host: object) -> bool:
    """True for loopback addresses and names, which the guard leaves open."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").split("%")[0].lower()
    if name in _LOCAL_NAMES or name == socket.gethostname().lower():
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or address.is_unspecified or bool(mapped and mapped.is_loopback)


def _refuse(what: str) -> None:
    message = f"network access blocked during the tests: {what} (the course must work offline)"
    log = os.environ.get(LOG_VARIABLE)
    if log:
        stack = "".join(traceback.format_stack(limit=8)[:-2])
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{message}\n  process: {' '.join(sys.argv)[:200]}\n{stack}\n")
    raise NetworkBlocked(message)


def _check_address(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        if not is_local(address[0]):
            _refuse(f"connection to {address[0]}:{address[1]}")


def _guard_method(original, address_position):
    @functools.wraps(original)
    def guarded(self, *args, **kwargs):
        if args:
            _check_address(self, args[address_position])
        return original(self, *args, **kwargs)

    return guarded


def _guard_lookup(original):
    @functools.wraps(original)
    def guarded(host, *args, **kwargs):
        if not is_local(host):
            try:
                ipaddress.ip_address(str(host))
            except ValueError:
                _refuse(f"name lookup of {host!r}")
            _refuse(f"connection to {host}:{args[0] if args else '?'}")
        return original(host, *args, **kwargs)

    return guarded


def install() -> None:
    """Patch the socket module of this process (idempotent)."""
    if getattr(socket, "_bcc_teach_guarded", False):
        return
    cls = socket.socket
    cls.connect = _guard_method(cls.connect, 0)
    cls.connect_ex = _guard_method(cls.connect_ex, 0)
    cls.sendto = _guard_method(cls.sendto, -1)  # sendto(data[, flags], address)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        setattr(socket, name, _guard_lookup(getattr(socket, name)))
    socket._bcc_teach_guarded = True
