"""Test-run set-up shared by the unit tests and the notebook tests (nbval).

* The network is shut for the whole run: in this process and, through ``PYTHONPATH`` and
  ``tests/netguard/sitecustomize.py``, in every process it starts (notebook kernels included).
  Loopback stays open. Any refused attempt fails the session, even one a library swallowed.
* Matplotlib's font cache is built here, before any kernel starts, so a fresh machine's first
  notebook does not print "building the font cache" into a compared output.
* Long loops in the lessons print one plain line instead of a live progress bar
  (``BCC_TEACH_PLAIN_PROGRESS``), so that stored outputs do not depend on timings.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# Bytecode caches for this run and every process it starts (test workers, notebook kernels), even
# where PYTHONDONTWRITEBYTECODE is set, as containers often set it: without them each worker
# compiles the test modules and their rewritten assertions anew (about 4 s a worker), on every run.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

GUARD_DIR = Path(__file__).resolve().parent / "tests" / "netguard"
sys.path.insert(0, str(GUARD_DIR))

import netguard  # noqa: E402

# One log for the whole run: pytest-xdist's workers inherit the controller's path, and the
# controller reads it when the session finishes. A new run (not a worker) starts a new log.
_INHERITED = os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get(netguard.LOG_VARIABLE)
_LOG = Path(_INHERITED or Path(tempfile.mkdtemp(prefix="bcc_teach_netlog_")) / "blocked.log")

# The bundled datasets and their maintainer script, not tests (the bcc_teach/data package is).
collect_ignore = ["data"]


def pytest_configure(config):
    os.environ[netguard.ENABLE_VARIABLE] = "1"
    os.environ["BCC_TEACH_PLAIN_PROGRESS"] = "1"
    os.environ[netguard.LOG_VARIABLE] = str(_LOG)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(GUARD_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    netguard.install()
    import matplotlib.font_manager  # noqa: F401  (builds the font cache once, quietly)


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller reports it
        return
    if _LOG.exists() and _LOG.read_text(encoding="utf-8").strip():
        sys.stderr.write(
            "\nSomething tried to reach the network during the tests (the course must work "
            f"offline):\n{_LOG.read_text(encoding='utf-8')}\n"
        )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every Matplotlib figure a test or doctest opened, so none piles up (Matplotlib
    warns, and the warning fails a test, past 20 open figures)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After a browser run, where the screenshots of every notebook are."""
    default = Path(__file__).parent / "build" / "screenshots"
    folder = Path(os.environ.get("BCC_TEACH_SCREENSHOTS", default))
    browser_run = "browser" in (config.getoption("markexpr") or "").replace("not browser", "")
    if browser_run and folder.is_dir():
        count = sum(1 for _ in folder.rglob("*.jpg"))
        terminalreporter.write_line(f"screenshots of every notebook ({count} screens): {folder}")
