"""A practice question for lesson 00, to show how checks, hints and solutions behave.

>>> from bcc_teach.questions.practice import practice
>>> practice.judge(96).misconception
'percentage_for_proportion'
"""

from __future__ import annotations

from bcc_teach.checking import NumberQuestion, ____, publish

__all__ = ["____", "practice"]


class Sensitivity(NumberQuestion):
    id, exercise, variable, kind = "practice", "lesson00", "sensitivity_answer", "proportion"
    hints = (
        "Sensitivity is the share of the women with cancer whom the test finds.",
        "96 found out of 100 with cancer: divide 96 by 100.",
    )
    correct = (
        "Correct: a sensitivity of 0.96 means that of every 100 women with cancer, the test "
        "finds 96 and misses 4."
    )

    def expected(self):
        return 96 / 100

    def mistakes(self):
        return [(4 / 100, "That is the share of cancers missed (the false-negative rate).")]

    def solution(self) -> None:
        """Show the worked answer (this practice question has no solution notebook)."""
        record = {"exercise": self.exercise, "question": self.id, "event": "solution"}
        publish(
            "solution",
            f"{self.id}: solution",
            "A worked answer:",
            record,
            "sensitivity_answer = 96 / 100",
        )


practice = Sensitivity()
