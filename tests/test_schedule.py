"""The workshop agendas: made from the lessons' metadata, laid out sensibly, stored current."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bcc_teach import schedule
from bcc_teach.schedule import FORMATS, Lesson, lay_out_day, make_agenda, read_lessons

ROOT = Path(__file__).resolve().parent.parent
RESTS = ("Break", "Lunch")


def test_the_committed_agendas_are_current():
    stale = schedule.stale(ROOT / "docs" / "agendas")
    assert not stale, (
        f"docs/agendas/{', '.join(stale)} no longer match the lessons' timings (a lesson was "
        "added or its minutes changed): run `python -m bcc_teach schedule --write` and commit "
        "docs/agendas/."
    )


def test_lessons_come_from_the_notebooks_metadata():
    lessons = read_lessons()
    names = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [Path(x.notebook).name for x in lessons] == names
    for lesson in lessons:
        meta = json.loads((ROOT / lesson.notebook).read_text(encoding="utf-8"))["metadata"]
        meta = meta["bcc_teach"]
        assert (lesson.title, lesson.teaching_minutes, lesson.exercise_minutes) == (
            meta["title"], meta["teaching_minutes"], meta["exercise_minutes"],
        )  # fmt: skip
        assert (lesson.exercise is None) == (lesson.exercise_minutes == 0)


def _days(format_key: str, lessons=None):
    return make_agenda(FORMATS[format_key], lessons).days


@pytest.mark.parametrize("key", FORMATS)
def test_each_day_is_continuous_rested_and_ends_on_time(key):
    f = FORMATS[key]
    for slots in _days(key):
        assert slots[0].start == f.start
        assert all(a.start + a.minutes == b.start for a, b in zip(slots, slots[1:], strict=False))
        assert slots[-1].start + slots[-1].minutes <= f.end
        assert "wrap-up" in slots[-1].what
        stretch = 0
        for slot in slots[:-1]:
            stretch = 0 if slot.what in RESTS else stretch + slot.minutes
            assert stretch <= schedule.MAX_STRETCH, (key, slot)
        assert slots[0].what not in RESTS and slots[-2].what not in RESTS
        lunches = [s for s in slots if s.what == "Lunch"]
        if f.lunch:
            assert len(lunches) == 1 and 11 * 60 + 30 <= lunches[0].start <= 13 * 60, lunches
        else:
            assert not lunches


@pytest.mark.parametrize("key", FORMATS)
def test_every_lesson_is_taught_once_or_left_for_self_study(key):
    agenda = make_agenda(FORMATS[key])
    lessons = read_lessons()
    assert sorted(agenda.taught + agenda.left, key=lambda x: x.number) == lessons
    taught = [s.what for day in agenda.days for s in day if s.what.startswith("Lesson ")]
    assert taught == [f"Lesson {x.number} · {x.title}" for x in agenda.taught]
    minutes = sum(s.minutes for day in agenda.days for s in day if s.what.startswith(("Les", "Ex")))
    assert minutes == sum(x.minutes for x in agenda.taught)
    text = agenda.markdown()
    for lesson in agenda.left:
        assert f"- {lesson.number} {lesson.title} (" in text.split("## Left for self-study")[1]


def test_what_the_short_workshops_cover_is_said_plainly():
    half = make_agenda(FORMATS["half_day"]).markdown()
    assert "Covers lessons 00, 01, 03 and 04:" in half
    assert "This workshop does not teach lessons 02, 05, 06, 07, 08, 09 and 10." in half
    full = make_agenda(FORMATS["full_day"])
    assert [x.number for x in full.taught][:5] == ["00", "01", "03", "04", "05"]
    two = make_agenda(FORMATS["two_days"])
    assert not two.left and "none is left for self-study" in two.markdown()


def test_an_exercise_follows_its_teaching_and_a_break_due_late_in_the_morning_is_lunch():
    exercise = "exercises/ex04_x.ipynb"
    lesson = Lesson("04", "Clinical metrics", "?", 45, 25, "notebooks/04.ipynb", exercise)
    slots = lay_out_day([lesson, lesson, lesson], 9 * 60, lunch=True)
    whats = [s.what for s in slots]
    assert whats[:3] == ["Lesson 04 · Clinical metrics", "Exercise `ex04_x`", "Break"]
    # the break due at 11:35 becomes lunch
    assert whats.count("Lunch") == 1 and slots[whats.index("Lunch")].start == 11 * 60 + 35


def _course_with(tmp_path, number, slug, teaching, exercise):
    """A copy of the course's notebooks/ and exercises/ with one more lesson (and exercise)."""
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    notebook = json.loads((ROOT / "notebooks" / "01_meet_the_data.ipynb").read_text("utf-8"))
    notebook["metadata"]["bcc_teach"].update(
        lesson=number, title="Capstone", teaching_minutes=teaching, exercise_minutes=exercise,
        questions=["The whole workflow on the original Wisconsin data."],
    )  # fmt: skip
    (tmp_path / "notebooks" / f"{number}_{slug}.ipynb").write_text(json.dumps(notebook), "utf-8")
    (tmp_path / "exercises" / f"ex{number}_{slug}.ipynb").write_text("{}", "utf-8")
    return tmp_path


def test_a_new_lesson_is_picked_up_by_rerunning_the_command(tmp_path):
    root = _course_with(tmp_path, "10", "capstone", 30, 60)
    lessons = read_lessons(root)
    assert lessons[-1].number == "10" and lessons[-1].exercise == "exercises/ex10_capstone.ipynb"
    two = make_agenda(FORMATS["two_days"], lessons)
    assert [x.number for x in two.taught][-1] == "10" and not two.left
    assert "Exercise `ex10_capstone`" in two.markdown()
    half = make_agenda(FORMATS["half_day"], lessons)
    assert "- 10 Capstone (30 + 60 min): The whole workflow" in half.markdown()
    assert schedule.agendas(root) != schedule.agendas(ROOT)


def test_lessons_that_do_not_fit_in_two_days_are_left_in_order(tmp_path):
    root = _course_with(tmp_path, "10", "capstone", 200, 100)
    two = make_agenda(FORMATS["two_days"], read_lessons(root))
    assert [x.number for x in two.left] == ["10"]
    assert "This workshop does not teach lesson 10." in two.markdown()


def test_a_notebook_without_metadata_is_named(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "11_draft.ipynb").write_text('{"metadata": {}}', "utf-8")
    with pytest.raises(ValueError, match="11_draft.ipynb has no 'bcc_teach' metadata"):
        read_lessons(tmp_path)


def test_a_changed_or_missing_agenda_is_reported_as_stale(tmp_path):
    written = schedule.write(tmp_path)
    assert [p.name for p in written] == ["half_day.md", "full_day.md", "two_days.md"]
    assert schedule.stale(tmp_path) == []
    (tmp_path / "full_day.md").write_text("# an old agenda\n", encoding="utf-8")
    (tmp_path / "two_days.md").unlink()
    assert schedule.stale(tmp_path) == ["full_day.md", "two_days.md"]
