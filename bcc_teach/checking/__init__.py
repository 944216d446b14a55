"""Questions that check a learner's answer, give graded hints and show a worked solution.

In an exercise notebook each question is an object: ``q1.check()`` judges the answer, ``q1.hint()``
gives a nudge (ask again for more), ``q1.solution()`` shows a worked answer. Feedback is kind and
specific, recognises common clinical mistakes (``MISCONCEPTIONS``), and never shows the expected
value. Every call also leaves a machine-readable ``Result`` in the cell's output (MIME type
``RESULT_MIME``), with the answer as judged, which ``bcc_teach.grading`` reads back by question id.

The package, by job:

- ``outcomes``: ``Outcome``, ``Feedback``, the ``Result`` record, the placeholder ``____``;
- ``misconceptions``: the catalogue of typical mistakes and their messages;
- ``answers``: reading an answer as a number or text, safely; copies of inputs for learner code;
- ``learner``: telling the learner's errors from ours, and calling learner code;
- ``display``: showing feedback with its record;
- ``markers``: the one parser of ``# BEGIN SOLUTION`` / ``# END SOLUTION`` / ``# EXERCISE:``;
- ``questions``, ``quiz``, ``model_questions``: the question kinds;
- ``binder``: ``QuestionSet``, with which a question set declares each question once.

    >>> ex00 = QuestionSet("ex00")
    >>> @ex00.question("q9", "share", kind="proportion")
    ... class Share(NumberQuestion):
    ...     hints = ("Count, then divide.",)
    ...     correct = "Right: a quarter of these women."
    ...     def expected(self):
    ...         return 0.25
    >>> (q9,) = ex00.bind({})
    >>> q9.judge(0.25).outcome, q9.judge(25).misconception
    (<Outcome.CORRECT: 'correct'>, 'percentage_for_proportion')
"""

from bcc_teach.checking.answers import KINDS, as_number, as_text, exported, kind_of, safe_text
from bcc_teach.checking.binder import QuestionSet
from bcc_teach.checking.markers import (
    BEGIN_MARK,
    END_MARK,
    EXERCISE_MARK,
    MarkerError,
    exercise_source,
    solution_blocks,
    solution_code,
)
from bcc_teach.checking.misconceptions import AMBIGUOUS, GENERIC, MISCONCEPTIONS, Misconception
from bcc_teach.checking.model_questions import ModelQuestion
from bcc_teach.checking.outcomes import (
    RESULT_MIME,
    Feedback,
    Outcome,
    Result,
    WrongType,
    ____,
    is_blank,
)
from bcc_teach.checking.questions import (
    Candidate,
    Case,
    FunctionQuestion,
    NotAttempted,
    NumberQuestion,
    Question,
    TextQuestion,
)
from bcc_teach.checking.quiz import ChoiceQuestion, Option

__all__ = [
    "AMBIGUOUS",
    "BEGIN_MARK",
    "END_MARK",
    "EXERCISE_MARK",
    "GENERIC",
    "KINDS",
    "MISCONCEPTIONS",
    "RESULT_MIME",
    "Candidate",
    "Case",
    "ChoiceQuestion",
    "Feedback",
    "FunctionQuestion",
    "MarkerError",
    "Misconception",
    "ModelQuestion",
    "NotAttempted",
    "NumberQuestion",
    "Option",
    "Outcome",
    "Question",
    "QuestionSet",
    "Result",
    "TextQuestion",
    "WrongType",
    "____",
    "as_number",
    "as_text",
    "exported",
    "is_blank",
    "kind_of",
    "safe_text",
    "solution_blocks",
    "solution_code",
    "exercise_source",
]
