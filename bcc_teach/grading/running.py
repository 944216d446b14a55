"""Running one submission: a cleaned private copy, its own sandbox, and what came back.

The submission is read here, in the grader, and only a cleaned copy goes into the sandbox: every
stored output and execution count removed (a saved output is not a result) and every cell tag
and metadata entry dropped (so no ``skip-execution`` tag, or any other, keeps a cell from
running). What the run reports back is read with size limits and checked field by field; a run
that did not end normally (killed, crashed, out of time) is "not graded", whatever it wrote.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bcc_teach.checking.outcomes import Result
from bcc_teach.grading import sandbox

MAX_NOTEBOOK_BYTES = 20_000_000
MAX_RESULT_BYTES = 20_000_000
MAX_STATUS = 300
NOTEBOOK_NAME = "submission.ipynb"


@dataclass
class Run:
    """What one run of a submission gave: its status and the records its checks made."""

    status: str
    records: list[Result] = field(default_factory=list)
    graded: bool = True
    seconds: float = 0.0


def read_notebook(path: Path):
    """The submission as a notebook, or a ``Run`` saying why it is not one (never raises)."""
    import nbformat

    if path.is_symlink():
        return Run("not graded: a symbolic link, not a submitted file", graded=False)
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        return Run(
            f"not graded: the file is {size / 1e6:.0f} MB, too large for a notebook", graded=False
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return Run("not a notebook: the file is not text (is it a PDF or a Word file?)", False)
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception:
        return Run(
            "not a notebook: the file is not valid notebook JSON (cut short, or another kind "
            "of file saved as .ipynb)",
            graded=False,
        )
    return notebook


def exercise_named(notebook) -> str:
    """The exercise a notebook's metadata names ("" if none): used only to agree on a run's
    question set, never to choose one."""
    named = notebook.get("metadata", {}).get("bcc_teach", {})
    exercise = named.get("exercise", "") if isinstance(named, dict) else ""
    return exercise if isinstance(exercise, str) else ""


def cleaned(notebook):
    """A copy to run: only the cells' type and source, nothing stored by an earlier run."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

    makers = {"code": new_code_cell, "markdown": new_markdown_cell, "raw": new_raw_cell}
    cells = [makers[c.cell_type](c.source) for c in notebook.cells if c.cell_type in makers]
    fresh = new_notebook(cells=cells)
    fresh.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nbformat.from_dict(fresh)


def _font_cache(home: Path) -> None:
    """Matplotlib's font list, copied in so a kernel does not spend seconds building one."""
    sources = [os.environ.get("MPLCONFIGDIR", ""), "~/.cache/matplotlib", "~/.matplotlib"]
    for folder in sources:
        found = glob.glob(os.path.join(os.path.expanduser(folder), "fontlist-*.json"))
        if folder and found:
            (home / ".matplotlib").mkdir(exist_ok=True)
            for name in found:
                shutil.copy(name, home / ".matplotlib")
            return


def _read_result(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_RESULT_BYTES + 1)
        if len(raw) > MAX_RESULT_BYTES:
            return None
        result = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    return result if isinstance(result, dict) else None


def _records(raw: Any) -> list[Result]:
    records = []
    for item in raw if isinstance(raw, list) else []:
        try:
            records.append(Result.from_json(item))
        except (ValueError, TypeError):
            continue
    return records


def _kill(process: subprocess.Popen) -> None:
    """Kill what is left of the run: its process group (the sandbox's pid namespace ends
    with its first process, taking every process inside with it)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_submission(
    notebook,
    questions: Path | None,
    *,
    slot: int,
    cell_timeout: int,
    notebook_timeout: int,
    limits: sandbox.Limits,
    use_sandbox: bool,
) -> Run:
    """Run a (cleaned) notebook in a private folder, sandboxed unless ``use_sandbox`` is False."""
    import nbformat

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bcc_teach_run_") as folder:
        home = Path(folder, "home")
        home.mkdir()
        nbformat.write(notebook, home / NOTEBOOK_NAME)
        _font_cache(home)
        settings = {**asdict(limits), "cell_timeout": cell_timeout}
        if use_sandbox:
            uid = sandbox.private_folder_owner(slot)
            if uid is not None:
                settings["uid"] = uid
                for place in [home, *home.rglob("*")]:
                    os.chown(place, uid, uid)
            inside = Path(sandbox.HOME)
            worker = [str(inside / NOTEBOOK_NAME), str(inside / ".result.json"),
                      json.dumps(settings)]  # fmt: skip
            command = sandbox.command(home, questions, worker)
        else:
            worker = [str(home / NOTEBOOK_NAME), str(home / ".result.json"), json.dumps(settings)]
            command = [sys.executable, "-I", "-m", "bcc_teach.grading.worker", *worker]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            cwd=home,
        )
        try:
            code = process.wait(timeout=notebook_timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.wait()
            status = f"not graded: the whole notebook took longer than {notebook_timeout} s"
            return Run(status, graded=False, seconds=time.monotonic() - start)
        finally:
            _kill(process)
        result = _read_result(home / ".result.json")
    seconds = time.monotonic() - start
    if code != 0:
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        status = (
            f"not graded: the grading run was stopped before it finished ({how}); a notebook "
            "that stops its own grading gets no points"
        )
        return Run(status, graded=False, seconds=seconds)
    if result is None or not isinstance(result.get("status"), str):
        status = "not graded: the run left no readable result"
        return Run(status, graded=False, seconds=seconds)
    return Run(printable(result["status"]), _records(result.get("records")), seconds=seconds)


def printable(text: str, limit: int = MAX_STATUS) -> str:
    r"""``text`` on one line, without control characters (what a run reports is shown to the
    instructor, in a terminal and in files), at most ``limit`` characters.

    >>> printable("ok\x1b[2J\nnext")
    'ok [2J next'
    """
    return "".join(c if c.isprintable() else " " for c in text)[:limit]
