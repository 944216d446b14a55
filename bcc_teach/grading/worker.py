"""Run one cleaned notebook: the process the grader starts for each submission, in its sandbox.

``python -I -m bcc_teach.grading.worker NOTEBOOK RESULT SETTINGS_JSON``

First, before any learner code exists in the process, it lowers its own limits (memory, CPU
time, processes, file size), and where it was started as root in a sandbox it becomes an
unprivileged user of its own; then it runs the notebook from the top in a fresh kernel, and
writes what the notebook's checks recorded to ``RESULT`` as JSON.

Nothing this process writes is trusted by the grader: the learner's code runs beside it with the
same user, so it could rewrite the result. The grader takes answers from it, judges them itself,
and checks this process's exit status.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path
from typing import Any

#: Output kept per notebook (recorded results are always kept, up to MAX_RECORDS).
MAX_OUTPUT_BYTES = 5_000_000
MAX_RECORDS = 1_000
RESULT_MIME = "application/vnd.bcc-teach.result+json"  # = checking.outcomes.RESULT_MIME

_LIMITS = {
    "memory_bytes": resource.RLIMIT_AS,
    "cpu_seconds": resource.RLIMIT_CPU,
    "processes": resource.RLIMIT_NPROC,
    "file_bytes": resource.RLIMIT_FSIZE,
    "open_files": resource.RLIMIT_NOFILE,
}


def apply_limits(settings: dict[str, Any]) -> None:
    """Lower this process's limits (children inherit them); drop to ``uid`` if one is given."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    uid = settings.get("uid")
    own_user = uid is not None and os.getuid() == 0
    for name, limit in _LIMITS.items():
        value = settings.get(name)
        if value and (name != "processes" or own_user):  # a process count is per user id
            resource.setrlimit(limit, (int(value), int(value)))
    if own_user:
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))  # from root to another user: every capability is gone


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """Keeps at most MAX_OUTPUT_BYTES of outputs, but every recorded result."""

        kept = 0
        truncated = False

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            data = content.get("data", {})
            if RESULT_MIME not in data:
                size = len(content.get("text", "")) + sum(len(str(v)) for v in data.values())
                self.kept += size
                if self.kept > MAX_OUTPUT_BYTES:
                    self.truncated = True
                    return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _records(notebook) -> list[Any]:
    """Every result record in the run notebook's outputs, in the order they were made."""
    found = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(RESULT_MIME)
            if record is not None and len(found) < MAX_RECORDS:
                found.append(record)
    return found


def _stopped_cells(notebook) -> list[int]:
    """Cells (counted from 1) stopped at the time limit: their output is a KeyboardInterrupt."""
    return [
        index
        for index, cell in enumerate(notebook.get("cells", []), start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error" and output.get("ename") == "KeyboardInterrupt"
    ]


def run(path: Path, cell_timeout: int) -> dict[str, Any]:
    """Execute a cleaned notebook in its folder; return its status and recorded results."""
    import nbformat
    from nbclient.exceptions import DeadKernelError

    notebook = nbformat.read(path, as_version=4)
    status = "ok"
    client = _client_class()(
        notebook,
        kernel_name="python3",
        timeout=cell_timeout,
        allow_errors=True,
        interrupt_on_timeout=True,
        skip_cells_with_tag="\0never",  # the grader removed every tag; nothing is skipped
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except DeadKernelError:
        done = sum(1 for c in notebook.cells if c.get("execution_count") is not None)
        status = (
            f"kernel stopped after {done} cell(s) (the notebook exited or crashed Python); "
            "results recorded before that count"
        )
    except Exception as exc:  # any other failure of the run itself
        status = f"could not be run ({type(exc).__name__}); results recorded before that count"
    stopped = _stopped_cells(notebook)
    if stopped and status == "ok":
        cells = ", ".join(str(i) for i in stopped)
        status = (
            f"ok, but cell {cells} (counting from 1) hit the {cell_timeout} s limit and was stopped"
        )
    if client.truncated:
        status += "; very long output was cut"
    return {"status": status, "records": _records(notebook)}


def main(argv: list[str]) -> int:
    """Apply the limits, run the notebook, write the result; the exit status is 0 when done.

    The grader calls this as ``python -I -m bcc_teach.grading.worker NOTEBOOK RESULT SETTINGS``
    (``SETTINGS``: JSON with ``cell_timeout`` and the limits of ``sandbox.Limits``).
    """
    notebook, result_file, settings = Path(argv[0]), Path(argv[1]), json.loads(argv[2])
    apply_limits(settings)
    # jsonschema (under nbformat) imports the optional rfc3987_syntax, which takes about a second
    # to build its grammar and only checks IRI formats that notebooks never use.
    sys.modules.setdefault("rfc3987_syntax", None)
    try:
        result = run(notebook, int(settings["cell_timeout"]))
    except Exception as exc:  # never leave the grader without an answer
        result = {"status": f"could not be graded ({type(exc).__name__})", "records": []}
    result_file.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
