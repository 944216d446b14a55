"""Grade a folder of learners' exercise notebooks, judging their answers, not their verdicts.

From a terminal, in the course folder::

    python -m bcc_teach grade submissions/ --out grades.csv

writes ``grades.csv`` (one row per learner, one column per question, a total and a status),
``grades_canvas.csv`` and ``grades_moodle.csv`` (for the two grade books), and a feedback file
per learner in ``grades_feedback/``. The submissions themselves are never changed.

How a run goes (the trust model is in ``docs/instructors.md``):

1. The course's own files are checked against their recorded checksums (``grading.course``),
   and one question set is fixed for the run: ``--exercise``, or the one every notebook names.
2. Each notebook is read here; a cleaned copy (no stored outputs, no cell tags) runs from the
   top in its own sandbox (``grading.sandbox``): no network, no view of other submissions, the
   grades or the solutions, limits on memory, CPU, processes and file size, and everything it
   started killed when it ends. Its kernel gets a public stand-in of the question set, with no
   expected values, quiz answers or worked solutions (``checking.public``).
3. Each check in the notebook records the learner's *answer* only. The grader judges every
   answer again here, with the course's own question objects; the best attempt counts, and the
   feedback shows the last attempt when none was right. A run that was killed, crashed or ran
   out of time is "not graded", whatever it wrote.

Where no sandbox can be made (not Linux, or bubblewrap missing) the grader refuses; with
``sandbox=False`` (``--no-sandbox``) it runs anyway and says so in every row.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import queue
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bcc_teach.checking.outcomes import Result
from bcc_teach.grading import course, judging, reports, running, sandbox

UNSANDBOXED = (
    "NOT SANDBOXED (--no-sandbox: this learner's code ran with your permissions and could see "
    "the answer key)"
)


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
        """Points per question: the question's points if an attempt was judged correct, else 0."""
        return {
            qid: (points if qid in self.best and self.best[qid].outcome == "correct" else 0)
            for qid, points in questions.items()
        }


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if not path.is_symlink() else "link"
    except OSError:
        return "unreadable"


def _submissions(folder: Path, skip: set[Path]) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(".")
        and (p.is_symlink() or p.is_file())
        and p.absolute() not in skip
    )


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


def _outputs(out: Path) -> dict[str, Path]:
    return {
        "csv": out,
        "canvas": out.with_name(out.stem + "_canvas.csv"),
        "moodle": out.with_name(out.stem + "_moodle.csv"),
        "feedback": out.with_name(out.stem + "_feedback"),
    }


def grade_folder(
    submissions: str | Path,
    out: str | Path,
    *,
    exercise: str | None = None,
    cell_timeout: int = 60,
    notebook_timeout: int = 600,
    workers: int | None = None,
    force: bool = False,
    sandboxed: bool = True,
    limits: sandbox.Limits | None = None,
    progress=None,
) -> list[Graded]:
    """Grade every file in ``submissions``; write ``out`` (CSV), the grade books and feedback.

    ``exercise`` fixes the question set (default: the one every notebook names). With
    ``sandboxed=False`` learners' code runs unsandboxed, and every row says so. ``progress`` is
    called with one line per submission. Bad input raises ``ValueError`` naming the problem,
    before any notebook runs.
    """
    folder, out = Path(submissions), Path(out)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder of submissions.")
    if not out.parent.is_dir():
        raise ValueError(f"{out.parent}: no such folder for the grades.")
    outputs = _outputs(out)
    existing = [p for p in outputs.values() if p.exists() or p.is_symlink()]
    if existing and not force:
        raise ValueError(
            f"{existing[0]} already exists; choose another --out, or add --force to replace it."
        )
    if sandboxed and sandbox.problem():
        raise ValueError(sandbox.problem())
    course.verify()
    files = _submissions(folder, {p.absolute() for p in outputs.values()})
    before = {p: _digest(p) for p in files}
    read = {p: running.read_notebook(p) for p in files}
    named = {
        p.name: running.exercise_named(nb)
        for p, nb in read.items()
        if not isinstance(nb, running.Run)
    }
    chosen = judging.choose_exercise(exercise, named)
    questions = judging.question_set(chosen)
    limits = limits or sandbox.Limits(cpu_seconds=notebook_timeout + 30)
    workers = workers or os.cpu_count() or 1
    slots: queue.Queue[int] = queue.Queue()
    for slot in range(workers):
        slots.put(slot)

    def grade_one(path: Path, public: Path) -> Graded:
        graded = _grade_one(path, public)
        if not sandboxed:
            graded.status = f"{UNSANDBOXED}; {graded.status}"
        return graded

    def _grade_one(path: Path, public: Path) -> Graded:
        notebook = read[path]
        if isinstance(notebook, running.Run):
            return Graded(path.stem, path.name, notebook.status, chosen)
        slot = slots.get()
        try:
            run = running.run_submission(
                running.cleaned(notebook),
                public,
                slot=slot,
                cell_timeout=cell_timeout,
                notebook_timeout=notebook_timeout,
                limits=limits,
                use_sandbox=sandboxed,
            )
        finally:
            slots.put(slot)
        status = run.status
        if named.get(path.name) not in ("", chosen):
            status += f"; the notebook names another exercise, graded as {chosen}"
        graded = Graded(path.stem, path.name, status, chosen, seconds=run.seconds)
        graded.records = run.records if run.graded else []
        graded.best = judging.best_attempts(graded.records, chosen, questions)
        return graded

    graded: list[Graded] = []
    with tempfile.TemporaryDirectory(prefix="bcc_teach_public_") as stub_folder:
        public = judging.write_public_questions(Path(stub_folder, "questions"), chosen, questions)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(grade_one, p, public) for p in files]
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                graded.append(result)
                if progress:
                    progress(
                        f"[{len(graded):>3}/{len(files)}] {ascii(result.file)[1:-1]}: "
                        f"{result.status} ({result.seconds:.1f} s)"
                    )
    graded.sort(key=lambda g: g.file)
    changed = {p.name for p in files if _digest(p) != before[p]}
    tampered = course.problems()
    for g in graded:
        if g.file in changed:
            g.status += "; WARNING: the submitted file changed while it was graded"
        if tampered:
            g.status += "; WARNING: the course's own files changed during grading"
    _write_reports(outputs, chosen, questions, graded, force)
    return graded


def _write_reports(outputs, exercise, questions, graded, force) -> None:
    points = {qid: q.points for qid, q in questions.items()}
    maximum = sum(points.values())
    rows = [["learner", "file", "status", *points, "total", "max"]]
    canvas, moodle = [], []
    reports.fresh_folder(outputs["feedback"], force)
    for g in graded:
        earned = g.points(points)
        total = sum(earned.values())
        rows.append([g.learner, g.file, g.status, *earned.values(), total, maximum])
        canvas.append((g.file, total))
        moodle.append((g.learner, total, f"{total} of {maximum} points. {g.status}"))
        text = _feedback_text(g, earned, points)
        reports.write_new(outputs["feedback"], reports.feedback_name(g.file), text)
    title = f"bcc_teach {exercise}"
    reports.write_atomic(outputs["csv"], reports.csv_text(rows))
    reports.write_atomic(
        outputs["canvas"], reports.csv_text(reports.canvas_rows(title, maximum, canvas))
    )
    reports.write_atomic(outputs["moodle"], reports.csv_text(reports.moodle_rows(title, moodle)))
