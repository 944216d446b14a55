"""The capstone (lesson 10): the whole workflow once more, on the original Wisconsin data.

The original data (``data.load_wbc_original``) are unlike WDBC in three ways that matter for
a model: each case is nine **scores given by eye** (1 to 10, no unit), not measurements of an
image; 16 "bare nuclei" scores are **missing**; and some women gave **more than one row**. The
rows also carry their **batch** (1 to 8, in the order the cases arrived). This module prepares
what the capstone needs and leaves the modelling to the learner's own code:

- ``scores_data``: the nine scores, the diagnosis (1 = malignant), the woman and the batch;
- ``split_by_time``: the earlier batches to develop the model, the later ones to test it once,
  with any later row of a woman already met in the earlier batches set aside (split by woman
  *and* by time);
- ``grouped_probabilities``: each development woman's probability from a model fitted without
  her (grouped cross-validation), the honest ground on which to choose a threshold;
- ``four_rates`` and ``figures_table``: sensitivity, specificity, PPV and NPV at a threshold,
  each with its 95% Wilson interval, and several validations side by side;
- ``batch_held_out``: each batch held out in turn, the model fitted on the others;
- ``checklist``: a selection of TRIPOD+AI items, marked for the capstone's model.

    >>> from bcc_teach import capstone
    >>> split = capstone.split_by_time()
    >>> print(split.words())
    Development: 485 rows from batches 1–4 (192 with cancer), 453 women. Later test: 205 rows
    from batches 5–8 (48 with cancer). Set aside: 9 later rows of women already met in
    batches 1–4.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import data, metrics, models, validation
from bcc_teach.validation._store import remembered

if TYPE_CHECKING:
    import pandas as pd

    from bcc_teach.report.tripod import Checklist

#: The batches the capstone develops its model on; the later ones test it.
DEVELOPMENT_BATCHES = (1, 2, 3, 4)
#: Fewer cancers (or benign lumps) than this in a set of women, and a rate is marked "small".
SMALL = 20
#: What each of the nine scores is: a cytologist's grade by eye, not a measurement.
SCORE_SCALE = "a score from 1 (most normal) to 10 (most abnormal), given by eye"


@dataclass(frozen=True)
class Scores:
    """The original data for a model: ``X`` (the nine scores, one row per aspirate, indexed by
    case), ``y`` (1 = malignant), ``woman`` (the sample code each row shares with the other
    rows of the same woman) and ``batch`` (1 to 8)."""

    X: pd.DataFrame
    y: pd.Series
    woman: pd.Series
    batch: pd.Series


def scores_data() -> Scores:
    """The 699 rows of the original Wisconsin data, ready for a model (malignant = 1).

    >>> scores = scores_data()
    >>> scores.X.shape, int(scores.y.sum()), scores.woman.nunique()
    ((699, 9), 241, 645)
    """
    original = data.load_wbc_original().set_index("case_id")
    X = original[list(data.WBC_FEATURES)]
    y = (original["diagnosis"] == "malignant").astype(int).rename("malignant")
    return Scores(X, y, original["id_group"].rename("woman"), original["batch"])


@dataclass(frozen=True)
class TimeSplit:
    """The development rows (``X_development``, ``y_development``, ``women_development``:
    the earlier batches) and the later test rows (``X_later``, ``y_later``), with the case ids
    of the later rows ``set_aside`` because their woman was already met in development."""

    X_development: pd.DataFrame
    y_development: pd.Series
    women_development: pd.Series
    X_later: pd.DataFrame
    y_later: pd.Series
    set_aside: tuple[str, ...]
    development_batches: tuple[int, ...]
    later_batches: tuple[int, ...]

    def words(self) -> str:
        """The split in one paragraph."""
        first, last = self.development_batches, self.later_batches
        return (
            f"Development: {len(self.y_development)} rows from batches {first[0]}–{first[-1]} "
            f"({int(self.y_development.sum())} with cancer), "
            f"{self.women_development.nunique()} women. Later test: {len(self.y_later)} rows "
            f"from batches {last[0]}–{last[-1]} ({int(self.y_later.sum())} with cancer). "
            f"Set aside: {len(self.set_aside)} later rows of women already met in batches "
            f"{first[0]}–{first[-1]}."
        )


def split_by_time(
    scores: Scores | None = None, development_batches=DEVELOPMENT_BATCHES
) -> TimeSplit:
    """Develop on the ``development_batches``, test on the later ones, split by woman too.

    A woman who gave a row in the earlier batches and another in a later one would be tested on
    a model that has met her: her later rows are set aside (named in ``set_aside``), so that
    every later test row is a woman the model has never seen.

    >>> split_by_time(development_batches=(1, 2)).later_batches
    (3, 4, 5, 6, 7, 8)
    """
    scores = scores_data() if scores is None else scores
    development_batches = tuple(sorted(int(b) for b in development_batches))
    known = set(scores.batch.tolist())
    if not development_batches or not set(development_batches) < known:
        raise ValueError(f"development_batches must be some, not all, of the batches "
                         f"{sorted(known)}; got {development_batches}.")  # fmt: skip
    if max(development_batches) > min(known - set(development_batches)):
        raise ValueError("development_batches must come before every later batch, so that the "
                         "model is tested on the women who came after it.")  # fmt: skip
    earlier = scores.batch.isin(development_batches)
    met = scores.woman.isin(set(scores.woman[earlier]))
    later = ~earlier & ~met
    return TimeSplit(
        scores.X[earlier],
        scores.y[earlier],
        scores.woman[earlier],
        scores.X[later],
        scores.y[later],
        tuple(scores.X.index[~earlier & met]),
        development_batches,
        tuple(sorted(set(scores.batch[~earlier].tolist()))),
    )


@remembered(validation.OutOfFold, depends=("capstone",))
def _grouped_out_of_fold(model, X, y, groups, folds: int, random_state: int):
    from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

    splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=random_state)
    p = cross_val_predict(model, X, y, groups=groups, cv=splitter, method="predict_proba")[:, 1]
    return validation.OutOfFold(p, folds)


def grouped_probabilities(model, split: TimeSplit, folds: int = 5, random_state: int = 0):
    """Each development row's probability of malignancy from ``model`` fitted on the other
    folds, with all of a woman's rows in one fold (``StratifiedGroupKFold``, shuffled with
    ``random_state``): out-of-fold probabilities, on which a threshold can be chosen without
    touching the later women. The calls the capstone makes are stored with the course's
    results (``validation._store``).

    >>> from bcc_teach import shift
    >>> p = grouped_probabilities(shift.scores_model(), split_by_time())
    >>> p.shape
    (485,)
    """
    found = _grouped_out_of_fold(model, split.X_development, split.y_development,
                                 split.women_development, folds, random_state)  # fmt: skip
    return found.probabilities


@dataclass(frozen=True)
class FourRates:
    """Sensitivity, specificity, PPV and NPV at ``threshold`` on ``n`` women (malignant =
    positive), each a ``metrics.Rate`` with its 95% Wilson interval."""

    sensitivity: metrics.Rate
    specificity: metrics.Rate
    ppv: metrics.Rate
    npv: metrics.Rate
    threshold: float
    n: int

    def row(self, digits: int = 3) -> dict:
        """The four rates in words, with how many women and cancers they were counted on; a
        rate counted on fewer than ``SMALL`` women says so."""
        cancers, benign = self.sensitivity.total, self.specificity.total
        small = [] if min(cancers, benign) >= SMALL else ["few women: wide intervals"]
        return {
            "women (with cancer)": f"{self.n} ({cancers})",
            "sensitivity": self.sensitivity.words(digits),
            "specificity": self.specificity.words(digits),
            "PPV": self.ppv.words(digits),
            "NPV": self.npv.words(digits),
            "note": "; ".join(small),
        }


def four_rates(y_true, p_malignant, threshold: float) -> FourRates:
    """The four rates a clinic reads, at ``threshold`` (flagged: probability at or above it).

    >>> r = four_rates([1, 1, 0, 0, 0], [0.9, 0.3, 0.4, 0.1, 0.2], threshold=0.35)
    >>> r.sensitivity.counted(), r.npv.counted()
    ('1 of 2', '2 of 3')
    """
    counted = metrics.clinical_metrics(y_true, p_malignant, threshold)
    return FourRates(
        *(counted.interval(name) for name in ("sensitivity", "specificity", "ppv", "npv")),
        threshold=float(threshold),
        n=counted.counts.total,
    )


def figures_table(figures: dict[str, FourRates]) -> pd.DataFrame:
    """Several validations side by side (one row each), headed by the positive class and the
    threshold, which all of them must share.

    >>> r = four_rates([1, 1, 0, 0], [0.9, 0.3, 0.4, 0.1], threshold=0.35)
    >>> list(figures_table({"demo": r}).columns)[:3]
    ['women (with cancer)', 'sensitivity', 'specificity']
    """
    import pandas as pd

    thresholds = {round(f.threshold, 12) for f in figures.values()}
    if len(thresholds) != 1:
        raise ValueError("The figures were counted at different thresholds; compare them at one.")
    table = pd.DataFrame({name: f.row() for name, f in figures.items()}).T
    table.index.name = f"malignant = positive; threshold {thresholds.pop():.3f}"
    return table


@dataclass(frozen=True)
class BatchesHeldOut:
    """The four rates on each batch (``rates``, by batch name), each with ``model`` fitted on
    the other batches (``batch_held_out``), at ``threshold``."""

    rates: dict
    threshold: float

    def table(self) -> pd.DataFrame:
        """One row per batch held out: its women, the four rates with intervals, a note."""
        import pandas as pd

        table = pd.DataFrame({name: rates.row() for name, rates in self.rates.items()}).T
        table.index.name = f"malignant = positive; threshold {self.threshold:.3f}"
        return table


@remembered(BatchesHeldOut, depends=("capstone",), records=(BatchesHeldOut, FourRates,
                                                              metrics.Rate))  # fmt: skip
def batch_held_out(model, threshold: float) -> BatchesHeldOut:
    """Each batch of the original data held out in turn: ``model`` fitted on the other
    batches' rows (leaving out the rows of the held-out batch's women), then its four rates
    on the held-out batch at ``threshold``. Small batches say so in the table's note. The
    calls the capstone makes are stored with the course's results.

    >>> from bcc_teach import shift
    >>> table = batch_held_out(shift.scores_model(), 0.5).table()
    >>> table.index[0], len(table)
    ('batch 1 held out', 8)
    """
    from sklearn.base import clone

    scores = scores_data()
    rates = {}
    for batch in sorted(set(scores.batch.tolist())):
        held = scores.batch == batch
        train = ~held & ~scores.woman.isin(set(scores.woman[held]))
        fitted = clone(model).fit(scores.X[train], scores.y[train])
        p = models.probability_malignant(fitted, scores.X[held])
        rates[f"batch {batch} held out"] = four_rates(scores.y[held], p, threshold)
    return BatchesHeldOut(rates, float(threshold))


def checklist(split: TimeSplit, grouped: FourRates, later: FourRates) -> Checklist:
    """A selection of TRIPOD+AI items (Collins et al., BMJ 2024), marked for the capstone's
    model: developed on ``split``'s earlier batches, validated by woman in cross-validation
    (``grouped``) and on the later batches (``later``). What the data cannot give stays
    missing.

    >>> split = split_by_time()
    >>> r = four_rates([1, 0], [0.9, 0.1], 0.5)
    >>> checklist(split, r, r).status("11")
    'reported'
    """
    from bcc_teach.report.tripod import Checklist, ChecklistItem

    missing = int(split.X_development.isna().sum().sum() + split.X_later.isna().sum().sum())
    rows = [
        ("3b", "Intended use: the women it is for, its place in the care pathway, its users",
         "reported", "your model card: intended use and the threshold's justification"),
        ("3c", "Known health inequalities between groups of women", "missing",
         "the data hold no age, ethnicity or other demographics"),
        ("5b", "Dates of the data", "reported",
         "batches 1 to 8, January 1989 to November 1991 (the data card)"),
        ("8a", "The outcome: what it is, how and when it was assessed", "partly reported",
         "the Wisconsin team's recorded diagnosis; how each was confirmed is not recorded"),
        ("9b", "The predictors and how they were measured", "reported",
         f"nine cytology scores, each {SCORE_SCALE}; no unit"),
        ("11", "Missing data", "reported",
         f"{missing} bare nuclei scores missing, filled in with the median inside the "
         "pipeline (learned from training rows only)"),
        ("12c", "Type of model, how it was built, and how it was validated internally",
         "reported", "median imputation, scaling, logistic regression; grouped 5-fold "
         "cross-validation by woman"),
        ("12e", "Measures of performance: discrimination, calibration, clinical utility",
         "reported", "four rates with intervals, a calibration check and a decision curve"),
        ("15", "The model's output, and how the threshold was chosen", "reported",
         f"flagged at or above {grouped.threshold:.3f}, chosen on the development women's "
         "out-of-fold probabilities"),
        ("16", "Differences between the development and evaluation data", "reported",
         f"later batches, {later.n} women the model never met; the share with cancer fell "
         f"from {grouped.sensitivity.total / grouped.n:.2f} to "
         f"{later.sensitivity.total / later.n:.2f}"),
        ("17", "Ethics approval and consent", "missing", "not given with the public data"),
        ("23a", "Performance with confidence intervals, including for key subgroups",
         "partly reported", "every rate with its 95% CI; no subgroups but the batches"),
        ("", "External validation: the model tested on women from another centre or period",
         "partly reported", f"temporal only: {len(split.y_later)} later women of the same "
         "centre and team; no other centre, so no other team's scoring"),
    ]  # fmt: skip
    return Checklist(tuple(ChecklistItem(*row) for row in rows))


__all__ = [
    "DEVELOPMENT_BATCHES",
    "SCORE_SCALE",
    "SMALL",
    "BatchesHeldOut",
    "FourRates",
    "Scores",
    "TimeSplit",
    "batch_held_out",
    "checklist",
    "figures_table",
    "four_rates",
    "grouped_probabilities",
    "scores_data",
    "split_by_time",
]
