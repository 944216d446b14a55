"""Keep a piece of work off the network: every connection that would leave this computer is
refused before anything is sent.

The course runs on your own computer and needs no internet. Where patient data are involved it
is worth *proving* that nothing leaves: inside ``network_blocked()`` any attempt to connect to
another computer (or to look up its name) raises ``NetworkBlocked`` at once. Connections to this
computer itself (loopback, ``127.0.0.1``), which Jupyter uses to talk to its kernel, stay open.

    >>> from bcc_teach import offline
    >>> print(offline.demonstrate().words())
    Blocked: a connection to example.org (port 443) was refused before anything was sent.

This is a guard for honest code (a library that would quietly fetch something), not a sandbox
for hostile code: code that means harm can undo it. It imports nothing else from ``bcc_teach``,
so any part of the kit (and a child process) can use it. The test suite has a guard of its own
(``tests/netguard``), which also records attempts that some library caught and hid.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["NetworkBlocked", "block_network", "demonstrate", "is_local", "network_blocked"]

_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex")
_METHODS = (("connect", 0), ("connect_ex", 0), ("sendto", -1))  # sendto(data[, flags], address)
_lock = threading.Lock()
_depth = 0  # how many network_blocked() blocks are open (they may nest)
_saved: dict[str, object] = {}


class NetworkBlocked(OSError):
    """Raised instead of reaching the network while the guard is on."""


def is_local(host: object) -> bool:
    """True for this computer's own addresses and names (loopback), which stay open.

    >>> is_local("127.0.0.1"), is_local("localhost"), is_local("example.org")
    (True, True, False)
    """
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").split("%")[0].lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or address.is_unspecified or bool(mapped and mapped.is_loopback)


def _refuse(what: str) -> None:
    raise NetworkBlocked(
        f"network access blocked: {what} was refused before anything was sent (everything in "
        "this course runs on this computer)."
    )


def _guard_method(original, position: int):
    @functools.wraps(original)
    def guarded(self, *args, **kwargs):
        address = args[position] if args else kwargs.get("address")
        if self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
            if not is_local(address[0]):
                _refuse(f"a connection to {address[0]} (port {address[1]})")
        return original(self, *args, **kwargs)

    return guarded


def _guard_lookup(original):
    @functools.wraps(original)
    def guarded(host, *args, **kwargs):
        if not is_local(host):
            port = args[0] if args else kwargs.get("port")
            _refuse(f"a connection to {host}" + (f" (port {port})" if port else ""))
        return original(host, *args, **kwargs)

    return guarded


def _install() -> None:
    for name, position in _METHODS:
        original = getattr(socket.socket, name)
        _saved[f"socket.{name}"] = original
        setattr(socket.socket, name, _guard_method(original, position))
    for name in _LOOKUPS:
        original = getattr(socket, name)
        _saved[name] = original
        setattr(socket, name, _guard_lookup(original))


def _uninstall() -> None:
    for name, _ in _METHODS:
        setattr(socket.socket, name, _saved.pop(f"socket.{name}"))
    for name in _LOOKUPS:
        setattr(socket, name, _saved.pop(name))


@contextlib.contextmanager
def network_blocked() -> Iterator[None]:
    """Inside this ``with`` block, nothing in this Python process can reach another computer.

    Connections and name look-ups to anywhere but this computer raise ``NetworkBlocked``;
    loopback stays open. When the block ends, the network is as it was before.

    >>> import socket
    >>> with network_blocked():
    ...     socket.getaddrinfo("example.org", 443)
    Traceback (most recent call last):
    ...
    bcc_teach.offline.NetworkBlocked: network access blocked: a connection to example.org (port 443) was refused before anything was sent (everything in this course runs on this computer).
    """  # noqa: E501
    global _depth
    with _lock:
        if _depth == 0:
            _install()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _uninstall()


def block_network() -> None:
    """Block the network for the rest of this process (for a child process that runs code it
    does not trust to stay offline, such as the pickle demonstration in ``bcc_teach.deploy``).

    >>> import subprocess, sys
    >>> code = ("from bcc_teach import offline; offline.block_network(); import socket; "
    ...         "socket.create_connection(('192.0.2.1', 80))")
    >>> child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    >>> "NetworkBlocked" in child.stderr
    True
    """
    global _depth
    with _lock:
        if _depth == 0:
            _install()
        _depth += 1  # never undone


@dataclass(frozen=True)
class Attempt:
    """What happened when code tried to reach another computer under the guard."""

    host: str
    port: int
    blocked: bool
    message: str

    def words(self) -> str:
        """One sentence for a lesson: blocked or not, and where the call was going."""
        if self.blocked:
            return (
                f"Blocked: a connection to {self.host} (port {self.port}) was refused before "
                "anything was sent."
            )
        return f"NOT blocked: {self.message}"


def demonstrate(host: str = "example.org", port: int = 443) -> Attempt:
    """Try to connect to ``host`` with the network blocked, and report what happened.

    The attempt is always made inside ``network_blocked()``, so calling this never reaches the
    network: it shows the guard at work. (``example.org`` is a name reserved for examples.)

    >>> attempt = demonstrate("192.0.2.1", 80)
    >>> attempt.blocked
    True
    """
    with network_blocked():
        try:
            socket.create_connection((host, port), timeout=5).close()
        except NetworkBlocked as refused:
            return Attempt(host, port, True, str(refused))
        except OSError as failed:  # only a local address can get this far
            return Attempt(host, port, False, f"the guard let it through; it then failed: {failed}")
    return Attempt(host, port, False, "the guard let it through and it connected")
