"""What a check concludes (``Feedback``) and the record it leaves in the notebook (``Result``).

``Result`` is the one typed record that checking writes into a cell's output (MIME type
``RESULT_MIME``) and grading reads back: the answer as judged (in a JSON-safe form), not only
the verdict, so that a grader can judge the answer again in its own process.

>>> record = Result("ex01", "q1", "check", outcome="correct", points=1, max_points=1, answer=212)
>>> Result.from_json(record.to_json()) == record
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

RESULT_MIME = "application/vnd.bcc-teach.result+json"
RECORD_VERSION = 2
EVENTS = ("check", "hint", "solution")


class _Blank:
    """The placeholder ``____`` that an exercise cell holds until the learner answers."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


#: Write your answer in place of this.
____ = _Blank()


def is_blank(value: Any) -> bool:
    """True for the placeholder ``____`` (or ``...``): the learner has not answered yet."""
    return value is ____ or value is Ellipsis


class Outcome(StrEnum):
    NOT_ATTEMPTED = "not attempted"
    WRONG_TYPE = "wrong type"
    RAISED = "your code raised an error"
    INCORRECT = "incorrect"
    CORRECT = "correct"


class WrongType(Exception):
    """Raised while reading an answer to say it is not the kind of thing the question expects."""


@dataclass(frozen=True)
class Feedback:
    """What a check concluded: its outcome, a message for the learner, any misconception, and
    the answer as it was judged (JSON-safe; None when there was nothing to judge)."""

    outcome: Outcome
    message: str
    misconception: str | None = None
    answer: Any = None


@dataclass(frozen=True)
class Result:
    """The machine-readable record of one ``check()``, ``hint()`` or ``solution()`` call."""

    exercise: str
    question: str
    event: str
    outcome: str | None = None
    points: int = 0
    max_points: int = 0
    misconception: str | None = None
    message: str = ""
    answer: Any = None
    hint: int | None = None
    version: int = RECORD_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, record: Any) -> Result:
        """Read a record back; ``ValueError`` names what is malformed."""
        if not isinstance(record, dict):
            raise ValueError(f"a result record is a JSON object, not {type(record).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(record) - known)
        if unknown:
            raise ValueError(f"unknown field(s) in a result record: {', '.join(unknown)}")
        for name in ("exercise", "question", "event"):
            if not isinstance(record.get(name), str):
                raise ValueError(f"a result record needs {name} as text")
        if record["event"] not in EVENTS:
            raise ValueError(f"event must be one of {', '.join(EVENTS)}, not {record['event']!r}")
        outcome = record.get("outcome")
        if outcome is not None and outcome not in {o.value for o in Outcome}:
            raise ValueError(f"unknown outcome {outcome!r}")
        for name in ("points", "max_points", "version"):
            value = record.get(name, 0)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a whole number, at least 0")
        if not isinstance(record.get("message", ""), str):
            raise ValueError("message must be text")
        if not isinstance(record.get("misconception"), str | None):
            raise ValueError("misconception must be text or empty")
        hint = record.get("hint")
        if hint is not None and (not isinstance(hint, int) or isinstance(hint, bool)):
            raise ValueError("hint must be a whole number or empty")
        return cls(**record)
