"""What several question sets compute from the course's data, computed once and shared.

The course's default split, models fitted on its training cases, their probabilities and
clinical metrics. Arrays come back read-only; tables (the WDBC table, the split) are shared by
every question set, so a question copies one before changing it. The engine hands learner
code fresh copies of anything it passes.

>>> split().X_test.shape
(143, 30)
>>> probabilities("logistic_regression").flags.writeable
False
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bcc_teach import data, metrics, models, validation

PARTS = ("train", "test")
#: The sensitivity a rule-out threshold aims at (``metrics.rule_out_threshold``'s default).
RULE_OUT_TARGET = inspect.signature(metrics.rule_out_threshold).parameters[
    "target_sensitivity"
].default


@dataclass(frozen=True)
class Split:
    """The WDBC cases and the course's default split (``models.split``) of them."""

    X: pd.DataFrame
    y: pd.Series
    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series

    def cases(self, part: str) -> pd.DataFrame:
        return {"train": self.X_train, "test": self.X_test}[_part(part)]

    def diagnoses(self, part: str) -> pd.Series:
        return {"train": self.y_train, "test": self.y_test}[_part(part)]


def _part(part: str) -> str:
    if part not in PARTS:
        raise ValueError(f"part must be 'train' or 'test', not {part!r}")
    return part


def _read_only(array) -> np.ndarray:
    array = np.array(array)
    array.setflags(write=False)
    return array


@functools.cache
def wdbc() -> pd.DataFrame:
    """The WDBC table (one row per case, with its diagnosis)."""
    return data.load_wdbc()


def by_diagnosis(diagnosis: str) -> pd.DataFrame:
    """The rows of the WDBC table with one diagnosis ("malignant" or "benign")."""
    table = wdbc()
    return table[table["diagnosis"] == diagnosis]


@functools.cache
def split() -> Split:
    """The WDBC cases and the course's default split of them (computed once)."""
    X, y = data.load_wdbc_xy()
    return Split(X, y, *models.split(X, y))


@functools.cache
def fitted(name: str = "logistic_regression"):
    """A model of ``models.MODELS`` fitted on the training cases of the default split."""
    s = split()
    return models.make_model(name).fit(s.X_train, s.y_train)


@functools.cache
def probabilities(name: str = "logistic_regression", part: str = "test") -> np.ndarray:
    """The fitted model's probabilities of malignancy on the "train" or "test" cases."""
    return _read_only(models.probability_malignant(fitted(name), split().cases(part)))


@functools.cache
def truth(part: str = "test") -> np.ndarray:
    """The diagnoses (1 = malignant) of the "train" or "test" cases."""
    return _read_only(split().diagnoses(part).to_numpy())


@functools.cache
def clinical(name: str, threshold: float, part: str = "test") -> metrics.ClinicalMetrics:
    """Clinical metrics of a fitted model at ``threshold`` on the "train" or "test" cases."""
    return metrics.clinical_metrics(truth(part), probabilities(name, part), threshold)


@functools.cache
def rule_out(name: str = "logistic_regression", part: str = "train") -> float:
    """A model's rule-out threshold, chosen by cross-validation on the cases of ``part``
    (the "train" cases as the course does, or the "test" cases: a typical mistake)."""
    s = split()  # metrics.rule_out_threshold's computation, its slow part stored with the course
    p = validation.out_of_fold(models.make_model(name), s.cases(part), s.diagnoses(part))
    return metrics.threshold_for_sensitivity(s.diagnoses(part), p.probabilities, RULE_OUT_TARGET)
