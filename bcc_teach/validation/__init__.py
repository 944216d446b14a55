"""Honest validation: how far a model's figures can be trusted, and how they were earned.

Everything here is on scikit-learn, SciPy and statsmodels; each result is a small named record
with a ``table()`` in clinical words (malignant = positive), and ``bcc_teach.plots`` draws it.

- ``bootstrap_scores``: sensitivity, specificity, AUC, Brier score and net benefit, each with
  a 95% bootstrap interval;
- ``split_spread``: how much one random train/test split's figures owe to luck;
- ``repeated_cv``: repeated stratified cross-validation, with intervals;
- ``nested_cv``: every choice (settings, features, the threshold) made inside each fold;
- ``out_of_fold``: each case's probability from a model fitted without it (stored);
- ``optimism_corrected``: the optimism of a model scored on its own training women;
- ``calibration``: reliability curve, Brier score, calibration intercept and slope;
- ``decision_curve``: net benefit against treating all or none (decision-curve analysis);
- ``compare_models``: two models on the same women (paired ΔAUC, McNemar's test);
- ``street_reproduction``: the 1993 three-feature result, with the choice of features inside
  the cross-validation and outside it.

Long loops show a progress bar in a live notebook (see ``validation._progress``). The slowest
calls the lessons make are computed once and stored with the course (``STORE``; see
``validation._store``): ``store_results`` stores them anew, ``stale_results`` lists any that
the current code would no longer read.

    >>> from bcc_teach import validation
    >>> float(validation.decision_curve([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.4], [0.5]).at(0.5))
    0.5
"""

from bcc_teach.validation._store import STORE
from bcc_teach.validation._store import stale as stale_results
from bcc_teach.validation._store import store_for_notebooks as store_results
from bcc_teach.validation.calibration import Calibration, calibration
from bcc_teach.validation.decisions import (
    DecisionCurve,
    PairedComparison,
    compare_models,
    decision_curve,
)
from bcc_teach.validation.nested import (
    NestedCV,
    StreetReproduction,
    nested_cv,
    street_reproduction,
)
from bcc_teach.validation.resampling import (
    BootstrapScores,
    Estimate,
    Optimism,
    OutOfFold,
    RepeatedCV,
    SplitSpread,
    bootstrap_scores,
    cases,
    optimism_corrected,
    out_of_fold,
    repeated_cv,
    split_spread,
)

__all__ = [
    "BootstrapScores",
    "Calibration",
    "DecisionCurve",
    "Estimate",
    "NestedCV",
    "Optimism",
    "OutOfFold",
    "PairedComparison",
    "RepeatedCV",
    "STORE",
    "SplitSpread",
    "StreetReproduction",
    "bootstrap_scores",
    "calibration",
    "cases",
    "compare_models",
    "decision_curve",
    "nested_cv",
    "optimism_corrected",
    "out_of_fold",
    "repeated_cv",
    "split_spread",
    "stale_results",
    "store_results",
    "street_reproduction",
]
