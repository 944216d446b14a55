"""A question set declares each question once; the binder stamps ids, exercise and ``__all__``.

>>> from bcc_teach.checking import NumberQuestion
>>> ex99 = QuestionSet("ex99")
>>> @ex99.question("q1", "share", kind="proportion")
... class Share(NumberQuestion):
...     def expected(self):
...         return 0.25
>>> namespace = {}
>>> [q.id for q in ex99.bind(namespace)], namespace["q1"].exercise, namespace["__all__"]
(['q1'], 'ex99', ['QUESTIONS', '____', 'q1'])
"""

from __future__ import annotations

from typing import Any

from bcc_teach.checking.outcomes import ____


class QuestionSet:
    """The questions of one exercise, in the order they are declared."""

    def __init__(self, exercise: str):
        self.exercise = exercise
        self._declared: list[tuple[str, str, type, dict[str, Any]]] = []

    def question(self, id: str, variable: str, **attributes: Any):
        """Class decorator: declare the class as question ``id``, answered in ``variable``."""
        if any(id == d[0] for d in self._declared):
            raise ValueError(f"{self.exercise}: question id {id!r} is declared twice.")
        if any(variable == d[1] for d in self._declared):
            raise ValueError(f"{self.exercise}: answer variable {variable!r} is used twice.")

        def declare(cls: type) -> type:
            self._declared.append((id, variable, cls, attributes))
            return cls

        return declare

    def bind(self, namespace: dict[str, Any]) -> tuple:
        """One object per question, put with ``QUESTIONS`` and ``__all__`` into ``namespace``."""
        questions = []
        for id, variable, cls, attributes in self._declared:
            question = cls()
            question.id, question.exercise, question.variable = id, self.exercise, variable
            for name, value in attributes.items():
                setattr(question, name, value)
            namespace[id] = question
            questions.append(question)
        namespace["QUESTIONS"] = tuple(questions)
        namespace["____"] = ____
        namespace["__all__"] = ["QUESTIONS", "____", *(q.id for q in questions)]
        return tuple(questions)
