"""Fuzz: 150 arbitrary answers to every question of every set: no internal error comes out of
a check, and no message gives the expected value away.

Apart from ``test_question_sets`` (whose questions it uses) so that the two, the slowest unit
tests of the course, run side by side on two test workers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from test_question_sets import IDS, QUESTIONS
from typical_answers import gives_away

from bcc_teach import data
from bcc_teach.checking import Outcome


class Hostile:
    """An answer whose every method raises."""

    def __getattr__(self, name):
        raise RuntimeError("hostile attribute")

    def __eq__(self, other):
        raise RuntimeError("hostile eq")

    def __hash__(self):
        return 1

    def __float__(self):
        raise RuntimeError("hostile float")

    def __len__(self):
        raise RuntimeError("hostile len")

    def __call__(self, *args):
        raise RuntimeError("hostile call")


def _function_returning(value):
    return lambda table, feature, cutoff: value


ANSWERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.binary(max_size=30),
    st.lists(st.floats(), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=20)),
    st.builds(lambda n: pd.DataFrame(np.zeros((n, 3))), st.integers(0, 50)),
    st.builds(lambda n: pd.Series(np.arange(n, dtype=float)), st.integers(0, 50)),
    st.just(np.zeros(2_000_000)),
    st.just(Hostile()),
    st.just(data.load_wdbc()),
    st.sampled_from(["a", "B", " c ", "(d)", "e", "", "bb"]),
    st.builds(_function_returning, st.one_of(st.none(), st.floats(), st.text(max_size=5))),
    st.just(lambda table, feature, cutoff: 1 / 0),
    st.just(lambda: None),
)


@pytest.mark.parametrize("question", [q for _, q in QUESTIONS], ids=IDS)
@settings(max_examples=150, deadline=None, database=None)
@given(answer=ANSWERS)
def test_fuzz_every_check(question, answer):
    feedback = question.judge(answer)
    assert isinstance(feedback.outcome, Outcome)
    assert isinstance(feedback.message, str) and feedback.message
    assert "could not be checked" not in feedback.message, feedback.message  # no internal error
    if feedback.outcome is not Outcome.CORRECT:
        assert gives_away(question, feedback.message) == [], feedback.message
    if isinstance(answer, float) and math.isnan(answer):
        assert feedback.outcome is not Outcome.CORRECT
