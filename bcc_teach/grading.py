"""Grade a folder of learners' exercise notebooks.

Each notebook is copied to a private temporary folder and run from the top in its own kernel
(learners' files are never modified), with a time limit per cell and per notebook. The grader
then reads the results that the notebook's own ``qN.check()`` calls recorded, by question id:
moved, deleted or duplicated cells do not matter, and the best attempt at a question counts.
A notebook that loops forever, crashes or exits its kernel, prints without end, or is not a
notebook at all gets a clear status in its row and does not stop the others.

The grader runs learners' code with your permissions: grade on a machine (or account) where
that is acceptable. The verdicts a notebook records are not trusted: each recorded answer is
judged again here, by the course's own question set, and points come from that set. (The
answer itself still comes from the learner's run; see the instructor guide for what that means.)

From a terminal, in the course folder::

    python -m bcc_teach grade submissions/ --out grades.csv

writes ``grades.csv`` and a feedback file per learner in ``grades_feedback/``.
"""

from __future__ import annotations

import concurrent.futures
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bcc_teach.checking.outcomes import RESULT_MIME, Result, WrongType

MAX_NOTEBOOK_BYTES = 20_000_000
MAX_OUTPUT_BYTES = 5_000_000  # outputs kept per notebook; recorded results are always kept


@dataclass
class Graded:
    """One submission's grade: status, best outcome per question, and timing."""

    learner: str
    file: str
    status: str
    exercise: str = ""
    best: dict[str, Result] = field(default_factory=dict)
    records: list[Result] = field(default_factory=list)
    seconds: float = 0.0

    def points(self, questions: dict[str, int]) -> dict[str, int]:
        """Points per question: the question's points if any check was correct, else 0."""
        return {
            qid: (points if qid in self.best and self.best[qid].outcome == "correct" else 0)
            for qid, points in questions.items()
        }


# --------------------------------------------------------------------------------------------
# Running one notebook (in its own process: ``python -m bcc_teach.grading FILE``)
# --------------------------------------------------------------------------------------------


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


def _records(notebook) -> list[dict[str, Any]]:
    """The check records in a run notebook's outputs (well-formed ``Result`` records only)."""
    found = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            record = output.get("data", {}).get(RESULT_MIME)
            try:
                result = Result.from_json(record)
            except ValueError:
                continue
            if result.event == "check":
                found.append(result.to_json())
    return found


def _stopped_cells(notebook) -> list[int]:
    """Cells (counted from 1) stopped at the time limit: their output is a KeyboardInterrupt."""
    return [
        index
        for index, cell in enumerate(notebook.get("cells", []), start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error" and output.get("ename") == "KeyboardInterrupt"
    ]


def run_one(path: Path, cell_timeout: int) -> dict[str, Any]:
    """Execute one submission in a temporary folder; return its status and recorded results."""
    import nbformat
    from nbclient.exceptions import DeadKernelError

    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        return {"status": f"not graded: the file is {size / 1e6:.0f} MB, too large for a notebook"}
    try:
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except UnicodeDecodeError:
        return {"status": "not a notebook: the file is not text (is it a PDF or a Word file?)"}
    except Exception:
        return {
            "status": "not a notebook: the file is not valid notebook JSON (cut short, or "
            "another kind of file saved as .ipynb)"
        }
    exercise = notebook.metadata.get("bcc_teach", {}).get("exercise", "")
    status = "ok"
    with tempfile.TemporaryDirectory(prefix="bcc_teach_grade_") as folder:
        client = _client_class()(
            notebook,
            kernel_name="python3",
            timeout=cell_timeout,
            allow_errors=True,
            interrupt_on_timeout=True,
            resources={"metadata": {"path": folder}},
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
    return {"status": status, "exercise": exercise, "records": _records(notebook)}


def _main_one(argv: list[str]) -> None:
    # jsonschema (under nbformat) imports the optional rfc3987_syntax, which takes about a second
    # to build its grammar and only checks IRI formats that notebooks never use; this worker
    # process runs once per submission, so it goes without.
    sys.modules.setdefault("rfc3987_syntax", None)
    path, cell_timeout, result_file = Path(argv[0]), int(argv[1]), Path(argv[2])
    try:
        result = run_one(path, cell_timeout)
    except Exception as exc:  # never leave the parent without an answer
        result = {"status": f"could not be graded ({type(exc).__name__}: {exc})"}
    result_file.write_text(json.dumps(result), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Grading a folder
# --------------------------------------------------------------------------------------------


def _grade_in_subprocess(path: Path, cell_timeout: int, notebook_timeout: int) -> Graded:
    start = time.monotonic()
    learner = path.stem
    with tempfile.TemporaryDirectory(prefix="bcc_teach_result_") as folder:
        result_file = Path(folder) / "result.json"
        command = [
            sys.executable,
            "-m",
            "bcc_teach.grading",
            str(path),
            str(cell_timeout),
            str(result_file),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            process.wait(timeout=notebook_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its kernel notices and exits within 1 s
            process.wait()
            status = f"not graded: the whole notebook took longer than {notebook_timeout} s"
            return Graded(learner, path.name, status, seconds=time.monotonic() - start)
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            result = {"status": "could not be graded (the grading process failed)"}
    graded = Graded(learner, path.name, result["status"], result.get("exercise", ""))
    for raw in result.get("records", []):
        try:
            record = Result.from_json(raw)
        except ValueError:
            continue
        graded.exercise = graded.exercise or record.exercise
        graded.records.append(record)
    graded.seconds = time.monotonic() - start
    return graded


def _submissions(folder: Path, skip: set[Path]) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.resolve() not in skip
    )


def _question_set(exercise: str) -> dict[str, Any]:
    """The course's own question objects of one exercise, by id ({} for an unknown exercise)."""
    from bcc_teach.questions import QUESTION_SETS, load

    return {q.id: q for q in load(exercise)} if exercise in QUESTION_SETS else {}


def _rejudged(record: Result, question) -> Result:
    """The record with the verdict this process reaches on its answer: the verdict a notebook
    recorded is never taken on trust. A record with no answer earns nothing."""
    import dataclasses

    if question is None or record.answer is None:
        if record.outcome != "correct":
            return record
        message = "This record holds no answer to judge, so it earns no points."
        return dataclasses.replace(
            record, outcome="incorrect", points=0, message=message, misconception=None
        )
    misconception = None
    try:
        feedback = question.assess(record.answer)
        outcome, message = feedback.outcome.value, feedback.message
        misconception = feedback.misconception
    except WrongType as wrong:  # e.g. a count with a fractional part
        outcome, message = "wrong type", str(wrong)
    except Exception:  # an answer no check of this course could have recorded
        outcome, message = "wrong type", "This recorded answer could not be judged."
    points = question.points if outcome == "correct" else 0
    return dataclasses.replace(
        record, outcome=outcome, points=points, message=message, misconception=misconception
    )


def _best_attempts(graded: Graded, exercise: str, questions: dict[str, Any]) -> None:
    """Judge every recorded answer again; per question keep a correct one, else the last."""
    graded.best = {}
    for record in graded.records:
        if exercise and record.exercise != exercise:
            continue
        judged = _rejudged(record, questions.get(record.question))
        previous = graded.best.get(record.question)
        if previous is None or previous.outcome != "correct":
            graded.best[record.question] = judged


def _question_points(exercise: str, graded: list[Graded]) -> dict[str, int]:
    questions = _question_set(exercise)
    if questions:
        return {qid: q.points for qid, q in questions.items()}
    seen = sorted({q for g in graded for q in g.best}, key=lambda q: (len(q), q))
    return {q: 1 for q in seen}


def _feedback_text(graded: Graded, points: dict[str, int], questions: dict[str, int]) -> str:
    lines = [f"# Feedback for {graded.learner}", "", f"Status: {graded.status}", ""]
    lines.append(f"Total: {sum(points.values())} of {sum(questions.values())} points")
    lines.append("")
    for qid in questions:
        record = graded.best.get(qid)
        if record is None:
            lines.append(f"- {qid}: not checked (no {qid}.check() result was recorded)")
        else:
            message = record.message.replace("\n", " ")
            lines.append(f"- {qid}: {record.outcome}, {points[qid]} point(s). {message}")
    return "\n".join(lines) + "\n"


def grade_folder(
    submissions: str | Path,
    out: str | Path,
    *,
    exercise: str | None = None,
    cell_timeout: int = 60,
    notebook_timeout: int = 600,
    workers: int | None = None,
    force: bool = False,
    progress=None,
) -> list[Graded]:
    """Grade every file in ``submissions``; write ``out`` (CSV) and a feedback file per learner.

    The CSV has one row per learner and one column per question, then ``total`` and ``max``.
    Feedback files go to a folder named after the CSV (``grades.csv`` → ``grades_feedback/``).
    Nothing in ``submissions`` is changed. ``progress`` is called with one line per submission.
    """
    folder, out = Path(submissions), Path(out)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder of submissions.")
    feedback_dir = out.with_name(out.stem + "_feedback")
    if not force and (out.exists() or feedback_dir.exists()):
        raise ValueError(
            f"{out} or {feedback_dir} already exists; choose another --out, or add --force to "
            "replace them."
        )
    files = _submissions(folder, {out.resolve(), feedback_dir.resolve()})
    workers = workers or os.cpu_count() or 1
    graded: list[Graded] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_grade_in_subprocess, p, cell_timeout, notebook_timeout) for p in files
        ]
        for future in concurrent.futures.as_completed(futures):
            result = future.result()
            graded.append(result)
            if progress:
                progress(
                    f"[{len(graded):>3}/{len(files)}] {result.file}: {result.status} "
                    f"({result.seconds:.1f} s)"
                )
    graded.sort(key=lambda g: g.file)
    chosen = exercise or next((g.exercise for g in graded if g.exercise), "")
    question_set = _question_set(chosen)
    for g in graded:
        _best_attempts(g, chosen, question_set)
    questions = _question_points(chosen, graded)
    feedback_dir.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", "file", "status", *questions, "total", "max"])
        for g in graded:
            points = g.points(questions)
            writer.writerow(
                [
                    g.learner,
                    g.file,
                    g.status,
                    *points.values(),
                    sum(points.values()),
                    sum(questions.values()),
                ]
            )
            (feedback_dir / f"{g.file}.md").write_text(
                _feedback_text(g, points, questions), encoding="utf-8"
            )
    return graded


if __name__ == "__main__":
    _main_one(sys.argv[1:])
