"""One question set per exercise notebook: ``from bcc_teach.questions.ex01 import q1, q2, …``.

``QUESTION_SETS`` lists the module of each exercise, for the grader and the tests.
"""

QUESTION_SETS = ("ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07", "ex08", "ex09", "ex10")


def load(exercise: str):
    """The question objects of one exercise, in order: ``load("ex01")`` → [q1, q2, …].

    >>> [q.id for q in load("ex01")][:2]
    ['q1', 'q2']
    """
    import importlib

    if exercise not in QUESTION_SETS:
        raise ValueError(f"No question set {exercise!r}; known: {', '.join(QUESTION_SETS)}.")
    module = importlib.import_module(f"bcc_teach.questions.{exercise}")
    return list(module.QUESTIONS)
