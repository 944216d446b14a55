"""Shared by the question-set tests: a question's right answers pass, typical wrong ones fail
with the message or catalogue misconception intended for them."""

from __future__ import annotations

from bcc_teach.checking import MISCONCEPTIONS, Outcome


def says(feedback, expectation: str) -> bool:
    """A misconception id must be recognised (catalogue message first); other text must appear."""
    if expectation in MISCONCEPTIONS:
        return feedback.misconception == expectation and feedback.message.startswith(
            MISCONCEPTIONS[expectation].message
        )
    return expectation in feedback.message


def assert_typical(question, rights: list, wrongs: list) -> None:
    """Every right answer is correct; at least two typical wrong answers say what they should."""
    for right in rights:
        feedback = question.judge(right)
        assert feedback.outcome is Outcome.CORRECT, (right, feedback.message)
    assert len(wrongs) >= 2
    for answer, expectation in wrongs:
        feedback = question.judge(answer)
        assert feedback.outcome is not Outcome.CORRECT, answer
        assert says(feedback, expectation), (answer, feedback)
