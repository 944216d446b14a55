"""Lesson notebooks follow the course conventions; the course map agrees everywhere."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import nbformat
import pytest

from bcc_teach.course import LESSONS, course_map_markdown

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BY_NUMBER = {lesson.number: lesson for lesson in LESSONS}
FOLDERS = ("notebooks", "exercises", "solutions")
ALL_NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_the_first_two_lessons_exist():
    assert [p.name for p in NOTEBOOKS][:2] == ["00_start_here.ipynb", "01_meet_the_data.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_metadata_matches_the_course_map_and_the_text(path):
    notebook = _read(path)
    meta = notebook.metadata["bcc_teach"]
    lesson = BY_NUMBER[meta["lesson"]]
    assert path.relative_to(ROOT).as_posix() == lesson.notebook
    assert (meta["title"], meta["teaching_minutes"], meta["exercise_minutes"]) == (
        lesson.title,
        lesson.teaching_minutes,
        lesson.exercise_minutes,
    )
    assert meta["questions"][0] == lesson.question
    for key in ("questions", "objectives", "keypoints"):
        assert meta[key] and all(isinstance(item, str) and item for item in meta[key]), key

    first = notebook.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith(f"# {lesson.number} · {lesson.title}\n")
    assert f"**Time:** {lesson.teaching_minutes} min teaching" in first.source
    for item in meta["questions"] + meta["objectives"]:
        assert f"- {item}\n" in first.source + "\n", item

    markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    key_points = [s for s in markdown if s.startswith("## Key points")]
    assert len(key_points) == 1
    for item in meta["keypoints"]:
        assert f"- {item}" in key_points[0], item
    assert markdown[-1].startswith("## Your turn")
    if lesson.exercise_minutes:
        assert lesson.exercise in markdown[-1]
        assert (ROOT / lesson.exercise).is_file(), f"{lesson.exercise} is missing"
        assert any(s.startswith("> **Clinical pause.**") for s in markdown)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_complete_clean_and_portable(path):
    notebook = _read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert path.stat().st_size < 2_000_000
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        where = f"{path.name} cell {index}"
        assert cell.execution_count is not None, f"{where} has no stored output (run it)"
        assert len(cell.source.splitlines()) <= 20, f"{where} is long: move code into bcc_teach"
        outputs = json.dumps(cell.outputs)
        assert '"output_type": "error"' not in outputs, where
        assert '"name": "stderr"' not in outputs, f"{where} printed to stderr (a warning?)"
        assert not re.search(r"/(root|home|tmp|work|Users)/", outputs), f"{where} shows a path"
        assert "lime_explanation" not in outputs.lower(), where


def test_readme_course_map_is_generated_from_the_course():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert course_map_markdown() in readme


@cache
def _default_font_glyphs() -> frozenset[int]:
    """The characters DejaVu Sans draws: the font Debian's Chromium (and most Linux desktops) fall
    back to when the page's own fonts lack a character. Matplotlib ships the same font."""
    import matplotlib
    from fontTools.ttLib import TTFont

    path = Path(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans.ttf")
    return frozenset(TTFont(path).getBestCmap())


def _undrawable(text: str) -> set[str]:
    return {ch for ch in text if ord(ch) > 127 and ord(ch) not in _default_font_glyphs()}


def test_feedback_symbols_are_drawn_without_an_emoji_font():
    from bcc_teach.checking import display

    for kind, (_, mark) in display.STYLE.items():
        assert not _undrawable(mark), f"{kind}: {mark!r} would show as an empty box"
    assert _undrawable("💡 📖 ✔") == {"💡", "📖"}  # the check itself sees an emoji


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_every_character_shown_is_drawn_without_an_emoji_font(path):
    notebook = _read(path)
    missing = {}
    for index, cell in enumerate(notebook.cells):
        shown = [cell.source]
        for output in cell.get("outputs", []):
            shown.append(output.get("text", ""))
            shown += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
        for character in _undrawable("".join(shown)):
            missing.setdefault(character, index)
    assert not missing, ", ".join(f"{c!r} (U+{ord(c):04X}) in cell {i}" for c, i in missing.items())
