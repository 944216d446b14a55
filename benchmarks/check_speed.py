"""How long does a learner wait for ``qN.check()``?

    python benchmarks/check_speed.py

For every question of every question set: the first check in a fresh kernel (which computes
the expected answer and the typical mistakes from the course's data: a forest's cross-validated
threshold, a LIME stability report, …) and the median of 20 further checks of the right answer.
Target: every warm check well under 0.1 s, so that feedback feels immediate; a first check of a
few seconds is acceptable once per question.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from typical_answers import table  # noqa: E402  (the right answers, computed as a learner would)

from bcc_teach.questions import QUESTION_SETS, load  # noqa: E402

#: An answer of the right kind, but wrong, for the first check: it makes a question compute its
#: expected answer and its typical mistakes, as a learner's first attempt does.
FIRST_TRY = {
    "proportion": 0.123,
    "count": 1,
    "number": 0.123,
    "text": "radius_mean",
    "choice": "a",
    "function": lambda *args: args[0] * 0 if hasattr(args[0], "shape") else 0.123,
}


def _first_try(question):
    if question.kind == "model":  # a fitted model: the expected one, cheap to fit here
        from bcc_teach import data, models

        X_train, _, y_train, _ = models.split(*data.load_wdbc_xy())
        return models.reference_model().fit(X_train, y_train)
    return FIRST_TRY[question.kind]


def main() -> None:
    print(f"{'question':<10} {'first check (s)':>16} {'warm check (ms)':>16}")
    slowest = 0.0
    firsts = {}
    for exercise in QUESTION_SETS:  # first checks before anything is computed for the tables
        for question in load(exercise):
            attempt = _first_try(question)
            start = time.perf_counter()
            question.judge(attempt)
            firsts[question] = time.perf_counter() - start
    for exercise in QUESTION_SETS:
        answers = table(exercise)
        for question in load(exercise):
            right = answers[question.id][0][0]
            first = firsts[question]
            warm = []
            for _ in range(20):
                start = time.perf_counter()
                question.judge(right)
                warm.append(time.perf_counter() - start)
            median = statistics.median(warm) * 1000
            slowest = max(slowest, median)
            print(f"{exercise}.{question.id:<5} {first:>16.2f} {median:>16.1f}")
    print(f"slowest warm check: {slowest:.1f} ms")


if __name__ == "__main__":
    main()
