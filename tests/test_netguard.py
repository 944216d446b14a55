"""The test run is offline: outbound connections fail loudly, here and in every child process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import netguard
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
REACH_OUT = 'import socket\nsocket.create_connection(("192.0.2.10", 80), timeout=2)'


@pytest.fixture
def private_log(tmp_path, monkeypatch):
    """Send refusals made on purpose to a log of the test's own, not the session's."""
    log = tmp_path / "blocked.log"
    monkeypatch.setenv(netguard.LOG_VARIABLE, str(log))
    return log


def test_outbound_connection_is_refused_and_logged(private_log):
    with pytest.raises(netguard.NetworkBlocked, match="192.0.2.10:80.*work offline"):
        socket.create_connection(("192.0.2.10", 80), timeout=2)
    assert "connection to 192.0.2.10:80" in private_log.read_text()


def test_name_lookup_and_udp_are_refused(private_log):
    with pytest.raises(netguard.NetworkBlocked, match="name lookup of 'pypi.org'"):
        socket.getaddrinfo("pypi.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        with pytest.raises(netguard.NetworkBlocked):
            udp.sendto(b"x", ("8.8.8.8", 53))
        with pytest.raises(netguard.NetworkBlocked):
            udp.sendto(b"x", 0, ("8.8.8.8", 53))
    assert private_log.read_text().count("network access blocked") == 3


def test_loopback_stays_open():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        accepted = threading.Thread(target=lambda: server.accept()[0].close())
        accepted.start()
        with socket.create_connection(("localhost", port), timeout=5):
            pass
        accepted.join(timeout=5)


@pytest.mark.parametrize(
    "host, local",
    [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("::ffff:127.0.0.1", True), ("0.0.0.0", True), ("10.0.0.1", False),
     ("example.org", False), ("8.8.8.8", False), (b"127.0.0.1", True)],
)  # fmt: skip
def test_what_counts_as_local(host, local):
    assert netguard.is_local(host) is local


def test_a_child_python_process_is_blocked_too(private_log):
    result = subprocess.run([sys.executable, "-c", REACH_OUT], capture_output=True, text=True)
    assert result.returncode != 0
    assert "NetworkBlocked: network access blocked" in result.stderr
    assert "connection to 192.0.2.10:80" in private_log.read_text()


def test_a_notebook_kernel_is_blocked_too(private_log):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(REACH_OUT)])
    client = NotebookClient(notebook, kernel_name="python3", timeout=60)
    with pytest.raises(CellExecutionError, match="NetworkBlocked"):
        client.execute()
    assert "connection to 192.0.2.10:80" in private_log.read_text()


def test_a_swallowed_attempt_still_fails_the_session(tmp_path):
    """Even when code catches the error, the session's log makes the whole run fail."""
    test_file = tmp_path / "test_sneaky.py"
    test_file.write_text(
        "import socket\n\n\ndef test_sneaky():\n    try:\n"
        "        socket.create_connection(('192.0.2.10', 80), timeout=2)\n"
        "    except OSError:\n        pass\n"
    )
    env = {k: v for k, v in os.environ.items() if k != netguard.LOG_VARIABLE}  # a log of its own
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", "/dev/null", str(test_file)],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    assert "1 passed" in result.stdout
    assert result.returncode == 1
    assert "Something tried to reach the network" in result.stderr
