"""The instructor guide's grading walk-through: its commands run and write what it shows.

Grades the three made-up submissions of ``bcc_teach.grading.example`` in the sandbox (needs
bubblewrap, like ``test_grading.py``; about 15 s on 2 cores).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from bcc_teach.grading import example

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
SECTION = GUIDE.split("### Grading: a worked example\n")[1].split("\n### ")[0]


def _blocks(language: str) -> list[str]:
    """The fenced blocks of one language in the worked example, without their indentation."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```$", SECTION, re.S | re.M)
    return [re.sub(rf"^{indent}", "", block, flags=re.M) for indent, block in found]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The guide's commands, run one after the other in an empty folder."""
    folder = tmp_path_factory.mktemp("worked_example")
    (commands,) = _blocks("bash")
    results = []
    for line in commands.splitlines():
        argv = shlex.split(line)
        assert argv[:2] == ["python", "-m"], line
        command = [sys.executable, *argv[1:]]
        run = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        results.append(run)
    return folder, results


def test_the_commands_write_the_grades_and_feedback_the_guide_shows(graded):
    folder, _ = graded
    grades, moodle = _blocks("csv")
    assert (folder / "grades.csv").read_text(encoding="utf-8").splitlines() == grades.splitlines()
    assert (folder / "grades_moodle.csv").read_text("utf-8").splitlines() == moodle.splitlines()
    ben, chen = _blocks("markdown")
    assert (folder / "grades_feedback" / "ben.ipynb.md").read_text("utf-8").strip() == ben.strip()
    chens = (folder / "grades_feedback" / "chen.ipynb.md").read_text("utf-8").splitlines()
    assert all(line in chens for line in chen.splitlines())


def test_the_printed_lines_are_those_the_guide_shows(graded):
    _, (wrote, grade) = graded
    assert f"`{wrote.stdout.strip()}`" in " ".join(SECTION.split())
    (shown,) = _blocks("text")
    varies = re.compile(r"\d+(\.\d)? s|^\[ *\d+/")  # seconds, and the order they finish in

    def same(lines):
        return sorted(varies.sub("…", line) for line in lines)

    assert same(grade.stderr.splitlines()) == same(shown.splitlines()[:-1])
    assert same([grade.stdout.strip()]) == same(shown.splitlines()[-1:])


def test_the_example_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="is not empty"):
        example.write_example(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
