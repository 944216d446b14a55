"""A practice question for lesson 00, to show how checks, hints and solutions behave.

>>> from bcc_teach.questions.practice import practice
>>> practice.judge(96).misconception
'percentage_for_proportion'
"""

from __future__ import annotations

from bcc_teach.checking import NumberQuestion, QuestionSet

lesson00 = QuestionSet("lesson00")


@lesson00.question("practice", "sensitivity_answer", kind="proportion")
class Sensitivity(NumberQuestion):
    hints = (
        "Sensitivity is the share of the women with cancer whom the test finds.",
        "96 found out of 100 with cancer: divide 96 by 100.",
    )

    def correct_message(self):
        found = round(100 * self.expected())
        return (
            f"Correct: a sensitivity of {self.expected():.2f} means that of every 100 women with "
            f"cancer, the test finds {found} and misses {100 - found}."
        )

    def expected(self):
        return 96 / 100

    def mistakes(self):
        return [(4 / 100, "That is the share of cancers missed (the false-negative rate).")]

    def solution_text(self) -> str:
        """This practice question has no solution notebook: its worked answer is here."""
        return "sensitivity_answer = 96 / 100"


QUESTIONS = lesson00.bind(globals())
