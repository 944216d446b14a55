"""The course map: every lesson, its question and its time, in one place.

The README's table, lesson 00 and the workshop schedule all come from ``LESSONS``; the tests
check that each lesson notebook's own metadata agrees with it.

    >>> from bcc_teach.course import course_map
    >>> course_map().loc["01", "title"]
    'Meet the data'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach._paths import PROJECT_ROOT

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Lesson:
    number: str
    slug: str
    title: str
    question: str
    teaching_minutes: int
    exercise_minutes: int

    @property
    def notebook(self) -> str:
        """The lesson's notebook, relative to the course folder."""
        return f"notebooks/{self.number}_{self.slug}.ipynb"

    @property
    def available(self) -> bool:
        return (PROJECT_ROOT / self.notebook).is_file()

    @property
    def exercise(self) -> str:
        """The lesson's exercise notebook, relative to the course folder."""
        return f"exercises/ex{self.number}_{self.slug}.ipynb"


LESSONS = (
    Lesson("00", "start_here", "Start here",
           "How do I use this notebook, and do the widgets work?", 15, 0),
    Lesson("01", "meet_the_data", "Meet the data",
           "What did the pathologist's image turn into, and what does it look like?", 35, 20),
    Lesson("02", "images_to_features", "From images to features",
           "How is a nucleus turned into 10 numbers?", 30, 20),
    Lesson("03", "first_model", "A first model",
           "How does a model turn those numbers into a probability of malignancy?", 35, 25),
    Lesson("04", "clinical_metrics", "Clinical metrics",
           "What do sensitivity, PPV and a threshold mean for my patients?", 45, 25),
    Lesson("05", "honest_validation", "Honest validation",
           "How do I know the numbers are not flattering me?", 40, 25),
    Lesson("06", "comparing_models", "Comparing models",
           "Is the fancier model really better?", 35, 20),
    Lesson("07", "explaining_with_lime", "Explaining with LIME",
           "Why did it say malignant for this woman, and when not to trust the answer?", 40, 25),
    Lesson("08", "robustness", "Robustness",
           "What happens at another hospital, scanner or population?", 40, 20),
    Lesson("09", "into_the_clinic", "Into the clinic",
           "What does it take to use the model in a clinic, safely and privately?", 45, 25),
    Lesson("10", "capstone", "Capstone",
           "Can I build, test and question a model myself, on data I have not seen?", 30, 60),
)  # fmt: skip


def lesson(number: str) -> Lesson:
    """The lesson with this number ("00" to "10"), from the course map.

    >>> lesson("03").title
    'A first model'
    """
    for candidate in LESSONS:
        if candidate.number == number:
            return candidate
    numbers = ", ".join(repr(candidate.number) for candidate in LESSONS)
    raise ValueError(f"there is no lesson {number!r} in the course map; lessons are {numbers}.")


def next_lesson(number: str) -> Lesson | None:
    """The first lesson after lesson ``number`` whose notebook exists, or None if there is none.

    Planned lessons are skipped, so a "next lesson" link always opens a notebook that is there.
    The notebook is ``next_lesson(number).notebook``, relative to the course folder.

    >>> next_lesson("00").notebook
    'notebooks/01_meet_the_data.ipynb'
    """
    current = lesson(number)
    later = LESSONS[LESSONS.index(current) + 1 :]
    return next((candidate for candidate in later if candidate.available), None)


def course_map() -> pd.DataFrame:
    """The course map as a table: one row per lesson, with its minutes and whether it is ready.

    >>> course_map().loc["00", "title"]
    'Start here'
    """
    import pandas as pd

    rows = [
        {
            "lesson": lesson.number,
            "title": lesson.title,
            "the question it answers": lesson.question,
            "teaching (min)": lesson.teaching_minutes,
            "exercise (min)": lesson.exercise_minutes,
            "available": lesson.available,
        }
        for lesson in LESSONS
    ]
    return pd.DataFrame(rows).set_index("lesson")


def course_map_markdown() -> str:
    """The course map as the Markdown table the README shows.

    >>> print(course_map_markdown().splitlines()[0])
    | # | lesson | the question it answers | minutes (teaching + exercise) | exercise |
    """
    lines = [
        "| # | lesson | the question it answers | minutes (teaching + exercise) | exercise |",
        "|---|---|---|---|---|",
    ]
    for lesson in LESSONS:
        title = f"[{lesson.title}]({lesson.notebook})" if lesson.available else lesson.title
        if not lesson.available:
            title += " (planned)"
        if (PROJECT_ROOT / lesson.exercise).is_file():
            exercise = f"[ex{lesson.number}]({lesson.exercise})"
        else:
            exercise = "planned" if lesson.exercise_minutes else "none"
        minutes = f"{lesson.teaching_minutes} + {lesson.exercise_minutes}"
        lines.append(f"| {lesson.number} | {title} | {lesson.question} | {minutes} | {exercise} |")
    return "\n".join(lines)
