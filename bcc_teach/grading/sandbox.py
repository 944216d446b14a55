"""The sandbox each submission runs in: Debian's bubblewrap (``bwrap``), on Linux.

Inside it a learner's notebook sees the operating system and the Python environment read-only,
the course package and its data read-only (with the exercise's question set replaced by its
public stand-in), a private copy of its own submission in a writable home folder, and a private
``/tmp``. It does not see the other submissions, the grades, ``solutions/``, the rest of the
course folder, or the grader's files. It has no network (only its own loopback), its own
process numbers (every process it starts is killed when the run ends), and, when the grader runs
as root, a user id of its own with no privileges.

>>> limits = Limits()
>>> limits.memory_bytes // 2**20, limits.processes
(4096, 256)
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT

#: Inside the sandbox: the learner's home folder (their copy of the notebook is here).
HOME = "/home/learner"
#: The size of the private /tmp (it lives in memory).
TMP_BYTES = 512 * 2**20
#: The first of the user ids given to sandboxes run at the same time (one each), as root.
FIRST_UID = 61000

NO_SANDBOX = (
    "no sandbox is available on this computer: grading runs every learner's code, so the "
    "grader runs each notebook in a sandbox made with bubblewrap, which needs Linux. On Debian "
    "or Ubuntu: sudo apt-get install bubblewrap. To grade anyway, with learners' code running "
    "with your own permissions and able to see each other's files, add --no-sandbox."
)


@dataclass(frozen=True)
class Limits:
    """Limits for one notebook's run: memory (address space) per process, CPU seconds per
    process, processes (threads count) for its user, size of any one file it writes.

    The process limit applies only where the sandbox has a user id of its own (the grader runs
    as root): elsewhere it would count every process of the instructor's account."""

    memory_bytes: int = 4 * 2**30
    cpu_seconds: int = 900
    processes: int = 256
    file_bytes: int = 200 * 2**20
    open_files: int = 1024


def _bwrap() -> str | None:
    return shutil.which("bwrap")


@functools.cache
def problem() -> str | None:
    """None where a sandbox can be made here, else why not (for the grader's message)."""
    if not sys.platform.startswith("linux"):
        return NO_SANDBOX
    bwrap = _bwrap()
    if bwrap is None:
        return NO_SANDBOX
    trial = [bwrap, *_namespaces(), *_system_binds(), "--", "/bin/true"]
    try:
        done = subprocess.run(trial, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{NO_SANDBOX} (bwrap could not start: {exc})"
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip()[:200]
        return f"{NO_SANDBOX} (bwrap is installed but failed here: {said})"
    return None


def _namespaces() -> list[str]:
    shared = ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts"]
    shared += ["--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if os.getuid() == 0:  # the worker becomes a user of its own: it may change its ids once
        return [*shared, "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return [*shared, "--unshare-user"]


def _parents(path: Path) -> list[str]:
    """``--dir`` for each folder above ``path``, readable by all (bwrap makes them 0700)."""
    made = []
    for parent in reversed(path.parents):
        if str(parent) != "/":
            made += ["--perms", "0755", "--dir", str(parent)]
    return made


def _system_binds() -> list[str]:
    binds = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/", name)
        if path.is_symlink():
            binds += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            binds += ["--ro-bind", str(path), str(path)]
    for name in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "localtime",
                 "fonts", "passwd", "group", "mime.types"):  # fmt: skip
        binds += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    tmp = ["--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    return [*binds, "--proc", "/proc", "--dev", "/dev", *tmp]


def _python_places() -> list[Path]:
    """The folders this Python needs: its installation and the virtual environment."""
    places = {Path(p).resolve() for p in (sys.base_prefix, sys.prefix, sys.exec_prefix)}
    places.add(Path(sys.executable).resolve().parent.parent)
    kept: list[Path] = []
    for place in sorted(places, key=lambda p: len(p.parts)):
        if str(place).startswith("/usr") or any(place.is_relative_to(k) for k in kept):
            continue
        kept.append(place)
    return kept


def _ro(path: Path) -> list[str]:
    return [*_parents(path), "--ro-bind", str(path), str(path)]


def command(
    work: Path, questions: Path | None, worker_args: list[str], *, python: str | None = None
) -> list[str]:
    """The bwrap command that runs the worker on ``work`` (the private folder, seen as HOME).

    ``questions`` (a folder) is put in place of ``bcc_teach/questions`` inside the sandbox.
    """
    bwrap = _bwrap()
    if bwrap is None:
        raise RuntimeError(NO_SANDBOX)
    course = PROJECT_ROOT
    args = [bwrap, *_namespaces(), *_system_binds()]
    for place in _python_places():
        args += _ro(place)
    args += _ro(course / "bcc_teach") + _ro(course / "data")
    if questions is not None:
        args += ["--ro-bind", str(questions), str(course / "bcc_teach" / "questions")]
    args += [*_parents(Path(HOME)), "--bind", str(work), HOME, "--chdir", HOME]
    environment = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": HOME,
        "LANG": "C.UTF-8",
        "IPYTHONDIR": "/tmp/ipython",
        "MPLCONFIGDIR": f"{HOME}/.matplotlib",
        "MPLBACKEND": "agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }
    args.append("--clearenv")
    for name, value in environment.items():
        args += ["--setenv", name, value]
    return [*args, "--", python or sys.executable, "-I", "-m", "bcc_teach.grading.worker",
            *worker_args]  # fmt: skip


def private_folder_owner(slot: int) -> int | None:
    """The user id the sandbox in ``slot`` runs as (root only; None: the grader's own)."""
    return FIRST_UID + slot if os.getuid() == 0 else None
