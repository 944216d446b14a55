"""Workshop agendas (half a day, a full day, two days), made from the lessons' own metadata.

Each lesson notebook's metadata (``bcc_teach``: lesson, title, teaching_minutes,
exercise_minutes, questions) says how long it takes, so the agendas never drift from the
lessons: ``python -m bcc_teach schedule`` prints them, ``--write`` stores them in
``docs/agendas/`` and a test checks the stored ones are current. A lesson added to
``notebooks/`` is picked up by re-running the command.

How a day is laid out:

* Each lesson is its teaching, then its exercise, on the same day, in lesson order.
* A break of 15 minutes comes between two parts (a teaching or an exercise) once the group has
  worked an hour and the next part would take the stretch past 100 minutes. In a day with lunch,
  the hour's lunch comes at the first boundary after 12:00 (or instead of a break due after
  11:30). Every day ends with 10 minutes of questions and wrap-up.
* A half day or a full day takes the lessons in ``PRIORITY`` order, each one that still lets the
  day end on time; the rest are left for self-study, and the agenda says which. Two days take
  every lesson in order until the time runs out.

    >>> agenda = make_agenda(FORMATS["half_day"])
    >>> [lesson.number for lesson in agenda.taught]
    ['00', '01', '03', '04']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT

#: The order in which a short workshop adds lessons: the path from the data to a threshold for
#: one's own patients first, then honest validation and what happens at another hospital or in a
#: clinic, then the rest. A lesson not named here (a new one) comes after these, by number.
#: 07 needs 03 and 04; 06, 08 and 09 build on 05; 02 can be skipped (03 does not need it).
PRIORITY = ("00", "01", "03", "04", "05", "08", "09", "07", "06", "02")

BREAK_MINUTES = 15
LUNCH_MINUTES = 60
WRAP_UP_MINUTES = 10
#: A break is due once the group has worked this long without one...
MIN_STRETCH = 60
#: ...and the next part would take the stretch past this.
MAX_STRETCH = 100
LUNCH_FROM = 12 * 60  # lunch at the first boundary from 12:00 ...
LUNCH_EARLY = 11 * 60 + 30  # ... or instead of a break due from 11:30


@dataclass(frozen=True)
class Lesson:
    """One lesson as its notebook's metadata describes it."""

    number: str
    title: str
    question: str
    teaching_minutes: int
    exercise_minutes: int
    notebook: str
    exercise: str | None = None  # the exercise notebook, when there is one

    @property
    def minutes(self) -> int:
        return self.teaching_minutes + self.exercise_minutes


@dataclass(frozen=True)
class Format:
    """A kind of workshop: how many days, from when to when, and how lessons are chosen."""

    key: str
    title: str
    days: int
    start: int  # minutes after midnight
    end: int
    lunch: bool
    in_order: bool  # True: every lesson in order; False: by PRIORITY, skipping what does not fit


FORMATS = {
    f.key: f
    for f in (
        Format("half_day", "Half-day workshop", 1, 9 * 60, 13 * 60, lunch=False, in_order=False),
        Format("full_day", "Full-day workshop", 1, 9 * 60, 17 * 60, lunch=True, in_order=False),
        Format("two_days", "Two-day workshop", 2, 9 * 60, 17 * 60, lunch=True, in_order=True),
    )
}


@dataclass(frozen=True)
class Slot:
    start: int
    minutes: int
    what: str

    def row(self) -> str:
        times = f"{clock(self.start)}–{clock(self.start + self.minutes)}"
        return f"| {times} | {self.what} | {self.minutes} |"


@dataclass
class Agenda:
    format: Format
    days: list[list[Slot]] = field(default_factory=list)
    taught: list[Lesson] = field(default_factory=list)
    left: list[Lesson] = field(default_factory=list)  # for self-study

    def markdown(self) -> str:
        return _markdown(self)


def clock(minutes: int) -> str:
    """Minutes after midnight as a 24-hour time.

    >>> clock(9 * 60 + 5)
    '09:05'
    """
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def read_lessons(root: Path = PROJECT_ROOT) -> list[Lesson]:
    """Every lesson in ``root/notebooks``, in lesson order, from its notebook's metadata.

    >>> lessons = read_lessons()
    >>> lessons[0].title, lessons[0].minutes
    ('Start here', 15)
    """
    lessons = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("bcc_teach")
        if not meta:
            raise ValueError(f"{path.name} has no 'bcc_teach' metadata, so it has no timings.")
        exercises = sorted((root / "exercises").glob(f"ex{meta['lesson']}_*.ipynb"))
        lessons.append(
            Lesson(
                number=meta["lesson"],
                title=meta["title"],
                question=meta["questions"][0],
                teaching_minutes=int(meta["teaching_minutes"]),
                exercise_minutes=int(meta["exercise_minutes"]),
                notebook=f"notebooks/{path.name}",
                exercise=f"exercises/{exercises[0].name}" if exercises else None,
            )
        )
    return sorted(lessons, key=lambda lesson: lesson.number)


def _parts(lesson: Lesson) -> list[tuple[int, str]]:
    parts = [(lesson.teaching_minutes, f"Lesson {lesson.number} · {lesson.title}")]
    if lesson.exercise_minutes:
        name = f" `{Path(lesson.exercise).stem}`" if lesson.exercise else ""
        parts.append((lesson.exercise_minutes, f"Exercise{name}"))
    return parts


def lay_out_day(lessons: list[Lesson], start: int, lunch: bool) -> list[Slot]:
    """One day's slots: the lessons' parts in order, with breaks, lunch and a wrap-up.

    >>> lesson = Lesson("04", "Clinical metrics", "?", 45, 25, "notebooks/04.ipynb")
    >>> [slot.row() for slot in lay_out_day([lesson, lesson], 9 * 60, lunch=True)][1:3]
    ['| 09:45–10:10 | Exercise | 25 |', '| 10:10–10:25 | Break | 15 |']
    """
    slots: list[Slot] = []
    now = rested = start
    lunch_due = lunch
    for minutes, what in (part for lesson in lessons for part in _parts(lesson)):
        worked = now - rested
        break_due = worked >= MIN_STRETCH and worked + minutes > MAX_STRETCH
        rest = None
        if lunch_due and slots and (now >= LUNCH_FROM or (break_due and now >= LUNCH_EARLY)):
            rest, lunch_due = Slot(now, LUNCH_MINUTES, "Lunch"), False
        elif break_due:
            rest = Slot(now, BREAK_MINUTES, "Break")
        if rest:
            slots.append(rest)
            now = rested = now + rest.minutes
        slots.append(Slot(now, minutes, what))
        now += minutes
    slots.append(Slot(now, WRAP_UP_MINUTES, "Questions and wrap-up: what to try next"))
    return slots


def _end(slots: list[Slot]) -> int:
    return slots[-1].start + slots[-1].minutes


def _ranked(lessons: list[Lesson]) -> list[Lesson]:
    rank = {number: i for i, number in enumerate(PRIORITY)}
    return sorted(lessons, key=lambda lesson: (rank.get(lesson.number, len(rank)), lesson.number))


def make_agenda(format: Format, lessons: list[Lesson] | None = None) -> Agenda:
    """The agenda of one workshop format for these lessons (default: the course's notebooks).

    >>> agenda = make_agenda(FORMATS["full_day"])
    >>> [lesson.number for lesson in agenda.left]
    ['02', '06', '07', '09', '10']
    """
    lessons = read_lessons() if lessons is None else lessons
    agenda = Agenda(format)
    remaining = list(lessons) if format.in_order else _ranked(lessons)
    for _ in range(format.days):
        chosen: list[Lesson] = []
        for lesson in list(remaining):
            trial = sorted([*chosen, lesson], key=lambda x: x.number)
            if _end(lay_out_day(trial, format.start, format.lunch)) <= format.end:
                chosen = trial
                remaining.remove(lesson)
            elif format.in_order:
                break  # never skip ahead: the next day starts with this lesson
        agenda.days.append(lay_out_day(chosen, format.start, format.lunch))
        agenda.taught += chosen
    agenda.left = sorted(remaining, key=lambda x: x.number)
    return agenda


def _lessons(lessons: list[Lesson]) -> str:
    """'lesson 10' or 'lessons 02, 05 and 06'."""
    names = [lesson.number for lesson in lessons]
    if len(names) == 1:
        return f"lesson {names[0]}"
    return "lessons " + ", ".join(names[:-1]) + f" and {names[-1]}"


def _markdown(agenda: Agenda) -> str:
    f = agenda.format
    taught_minutes = sum(lesson.minutes for lesson in agenda.taught)
    span = f"{clock(f.start)}–{clock(f.end)}" + (f", {f.days} days" if f.days > 1 else "")
    lines = [
        f"# {f.title} ({span})",
        "",
        "<!-- generated by `python -m bcc_teach schedule --write` from the lessons' metadata; "
        "a test checks it is current -->",
        "",
        f"Covers {_lessons(agenda.taught)}: {taught_minutes} minutes of teaching and "
        "exercises, with breaks between them. Times are the lessons' own estimates; shift the "
        "clock to your room's day.",
        "",
    ]
    for day, slots in enumerate(agenda.days, start=1):
        if f.days > 1:
            lines += [f"## Day {day}", ""]
        lines += ["| time | what | minutes |", "|---|---|---:|", *(s.row() for s in slots), ""]
        spare = f.end - _end(slots)
        if spare:
            lines += [
                f"Ends at {clock(_end(slots))}: {spare} minutes to spare before "
                f"{clock(f.end)}, for overruns and discussion.",
                "",
            ]
    lines += ["## What the day answers" if f.days == 1 else "## What the days answer", ""]
    lines += [f"- **{x.number} {x.title}**: {x.question}" for x in agenda.taught]
    lines.append("")
    if agenda.left:
        lines += [
            "## Left for self-study",
            "",
            f"This workshop does not teach {_lessons(agenda.left)}. Learners can work "
            "through them on their own afterwards, in order; each exercise gives feedback as "
            "they go:",
            "",
            *(
                f"- {x.number} {x.title} ({x.teaching_minutes} + {x.exercise_minutes} min): "
                f"{x.question}"
                for x in agenda.left
            ),
            "",
        ]
    else:
        lines += ["Every lesson of the course is taught; none is left for self-study.", ""]
    return "\n".join(lines)


def agendas(root: Path = PROJECT_ROOT) -> dict[str, str]:
    """Every format's agenda as Markdown, keyed by its file name in ``docs/agendas/``.

    >>> sorted(agendas())
    ['full_day.md', 'half_day.md', 'two_days.md']
    """
    lessons = read_lessons(root)
    return {f"{key}.md": make_agenda(f, lessons).markdown() for key, f in FORMATS.items()}


def stale(folder: Path = PROJECT_ROOT / "docs" / "agendas") -> list[str]:
    """The names of the stored agendas in ``folder`` that are missing or differ from a fresh run."""
    return [
        name
        for name, text in agendas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write(folder: Path = PROJECT_ROOT / "docs" / "agendas") -> list[Path]:
    """Store every agenda in ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in agendas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
