"""Clinical metrics of a model's probabilities, with **malignant = 1 = positive** throughout.

Built on ``sklearn.metrics``. Inputs are ``y_true`` (1 = malignant, 0 = benign) and
``p_malignant`` (each case's probability of malignancy); a case is *flagged* (called malignant)
when its probability is at or above the threshold.

    >>> from bcc_teach import metrics
    >>> y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    >>> p = [0.9, 0.8, 0.6, 0.3, 0.7, 0.2, 0.1, 0.1, 0.05, 0.0]
    >>> metrics.confusion(y, p, threshold=0.5)
    Confusion(tp=3, fn=1, fp=1, tn=5)
    >>> m = metrics.clinical_metrics(y, p, threshold=0.5)
    >>> round(m.sensitivity, 3), round(m.specificity, 3), round(m.ppv, 3)
    (0.75, 0.833, 0.75)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, models

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Three places the same test might be used, and how common cancer is among the women there.
PREVALENCE_SETTINGS = {
    "diagnostic clinic": (
        212 / 569,
        "women referred for a needle aspirate of a breast lump: the Wisconsin data, 212 of 569",
    ),
    "after a screening recall": (
        0.044,
        "women called back after a screening mammogram: 4.4% had cancer (positive predictive "
        "value of recall, Lehman et al., Radiology 2017;283:49-58)",
    ),
    "screening population": (
        0.0051,
        "women having a screening mammogram: 5.1 cancers per 1,000 screens (Lehman et al., "
        "Radiology 2017;283:49-58)",
    ),
}


@dataclass(frozen=True)
class Confusion:
    """The 2×2 table: cancers found (tp) or missed (fn); benign flagged (fp) or cleared (tn)."""

    tp: int
    fn: int
    fp: int
    tn: int

    @property
    def total(self) -> int:
        return self.tp + self.fn + self.fp + self.tn


@dataclass(frozen=True)
class ClinicalMetrics:
    """Every metric of one threshold (NaN where it is undefined, e.g. PPV when none is flagged)."""

    threshold: float
    sensitivity: float
    specificity: float
    ppv: float
    npv: float
    lr_positive: float
    lr_negative: float
    accuracy: float
    balanced_accuracy: float
    prevalence: float

    def table(self) -> pd.Series:
        """The metrics as a labelled column, for display."""
        import pandas as pd

        labels = {
            "threshold": "threshold",
            "sensitivity": "sensitivity",
            "specificity": "specificity",
            "ppv": "PPV (positive predictive value)",
            "npv": "NPV (negative predictive value)",
            "lr_positive": "LR+ (positive likelihood ratio)",
            "lr_negative": "LR− (negative likelihood ratio)",
            "accuracy": "accuracy",
            "balanced_accuracy": "balanced accuracy",
            "prevalence": "prevalence (malignant share)",
        }
        values = asdict(self)
        return pd.Series({labels[k]: values[k] for k in labels}, name="value")


def check_inputs(y_true, p_malignant, threshold: float | None = None):
    """Check true labels, probabilities (and a threshold); return them as NumPy arrays.

    Raises a ValueError that says what is wrong: labels other than 0/1, probabilities outside
    0–1, different lengths, a table where one column was wanted, a threshold outside 0–1
    (the checks are those of ``bcc_teach.inputs``).

    >>> check_inputs([1, 0], [0.9, 0.2])[0].tolist()
    [1, 0]
    """
    y, p = inputs.check_labels_and_probabilities(y_true, p_malignant)
    if threshold is not None:
        inputs.check_threshold(threshold)
    return y, p


def flagged(p_malignant, threshold: float = 0.5) -> np.ndarray:
    """1 where a case is called malignant (probability at or above the threshold), else 0.

    >>> flagged([0.2, 0.5, 0.9], 0.5).tolist()
    [0, 1, 1]
    """
    import numpy as np

    return (np.asarray(p_malignant, dtype=float) >= threshold).astype(int)


def confusion(y_true, p_malignant, threshold: float = 0.5) -> Confusion:
    """Count cancers found and missed, and benign lumps flagged and cleared, at a threshold.

    >>> confusion([1, 0, 1, 0], [0.8, 0.6, 0.3, 0.1], threshold=0.5)
    Confusion(tp=1, fn=1, fp=1, tn=1)
    """
    from sklearn.metrics import confusion_matrix

    y, p = check_inputs(y_true, p_malignant, threshold)
    tn, fp, fn, tp = confusion_matrix(y, flagged(p, threshold), labels=[0, 1]).ravel()
    return Confusion(tp=int(tp), fn=int(fn), fp=int(fp), tn=int(tn))


def clinical_metrics(y_true, p_malignant, threshold: float = 0.5) -> ClinicalMetrics:
    """Sensitivity, specificity, PPV, NPV, LR+, LR−, accuracy and balanced accuracy at a threshold.

    >>> m = clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.5)
    >>> m.sensitivity, m.specificity, m.lr_positive
    (0.5, 0.5, 1.0)
    """
    import warnings

    import numpy as np
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        class_likelihood_ratios,
        precision_score,
        recall_score,
    )

    y, p = check_inputs(y_true, p_malignant, threshold)
    predicted = flagged(p, threshold)
    nan = float("nan")

    def score(function, **kwargs) -> float:
        return float(function(y, predicted, labels=[0, 1], zero_division=nan, **kwargs))

    with warnings.catch_warnings():  # undefined ratios are reported as NaN, not warned about
        warnings.simplefilter("ignore")
        lr_positive, lr_negative = class_likelihood_ratios(
            y, predicted, labels=[0, 1], replace_undefined_by=np.nan
        )
        balanced = float(balanced_accuracy_score(y, predicted))
    return ClinicalMetrics(
        threshold=float(threshold),
        sensitivity=score(recall_score, pos_label=1),
        specificity=score(recall_score, pos_label=0),
        ppv=score(precision_score, pos_label=1),
        npv=score(precision_score, pos_label=0),
        lr_positive=float(lr_positive),
        lr_negative=float(lr_negative),
        accuracy=float(accuracy_score(y, predicted)),
        balanced_accuracy=balanced,
        prevalence=float(np.mean(y)),
    )


def _check_rates(sensitivity, specificity, prevalence) -> tuple[float, float, float]:
    return (
        inputs.check_proportion(sensitivity, "sensitivity"),
        inputs.check_proportion(specificity, "specificity"),
        inputs.check_proportion(prevalence, "prevalence"),
    )


@dataclass(frozen=True)
class PredictiveValues:
    """PPV (share of flagged women who have cancer) and NPV (share of cleared women who do not).

    NaN where undefined: PPV when nobody is flagged, NPV when nobody is cleared.
    """

    ppv: float
    npv: float


def predictive_values(
    sensitivity: float, specificity: float, prevalence: float
) -> PredictiveValues:
    """PPV and NPV of a test with this sensitivity and specificity where cancer has this prevalence.

    Bayes' rule: PPV = sens·prev / (sens·prev + (1 − spec)·(1 − prev)), and likewise for NPV.

    >>> values = predictive_values(0.95, 0.95, 0.0051)
    >>> round(values.ppv, 3), round(values.npv, 5)
    (0.089, 0.99973)
    """
    sens, spec, prev = _check_rates(sensitivity, specificity, prevalence)
    flagged_share = sens * prev + (1 - spec) * (1 - prev)
    cleared_share = (1 - sens) * prev + spec * (1 - prev)
    ppv = sens * prev / flagged_share if flagged_share else float("nan")
    npv = spec * (1 - prev) / cleared_share if cleared_share else float("nan")
    return PredictiveValues(ppv=ppv, npv=npv)


@dataclass(frozen=True)
class NaturalFrequencies:
    """What a test does to a group of women, in whole numbers (rounded)."""

    women: int
    with_cancer: int
    found: int
    missed: int
    without_cancer: int
    false_alarms: int
    reassured: int

    def sentence(self) -> str:
        """The numbers in words, as a clinician would tell them."""
        flagged_total = self.found + self.false_alarms
        share = f"{self.found} of the {flagged_total}" if flagged_total else "none"
        return (
            f"Of {self.women:,} women like these, {self.with_cancer:,} have cancer: the test "
            f"finds {self.found:,} and misses {self.missed:,}. Of the {self.without_cancer:,} "
            f"without cancer, {self.false_alarms:,} are flagged anyway (an unnecessary work-up) "
            f"and {self.reassured:,} are correctly reassured. So of the {flagged_total:,} women "
            f"flagged, {share} have cancer."
        )


def natural_frequencies(
    sensitivity: float, specificity: float, prevalence: float, women: int = 1000
) -> NaturalFrequencies:
    """Turn sensitivity, specificity and prevalence into counts of women ("of 1,000 women …").

    >>> print(natural_frequencies(0.9, 0.9, 0.01).sentence())
    Of 1,000 women like these, 10 have cancer: the test finds 9 and misses 1. Of the 990 without cancer, 99 are flagged anyway (an unnecessary work-up) and 891 are correctly reassured. So of the 108 women flagged, 9 of the 108 have cancer.
    """  # noqa: E501
    sens, spec, prev = _check_rates(sensitivity, specificity, prevalence)
    women = inputs.check_whole_number(women, "women", minimum=1)
    with_cancer = round(women * prev)
    found = round(with_cancer * sens)
    without = women - with_cancer
    false_alarms = round(without * (1 - spec))
    return NaturalFrequencies(
        women,
        with_cancer,
        found,
        with_cancer - found,
        without,
        false_alarms,
        without - false_alarms,
    )


@dataclass(frozen=True)
class PerThousand:
    """Missed cancers and unnecessary biopsies per 1,000 women (not rounded to whole women)."""

    missed_cancers: float
    unnecessary_biopsies: float

    def table(self) -> pd.Series:
        """The two counts as a labelled column, for display.

        >>> per_thousand_women(0.9, 0.9, 0.01).table()
        missed cancers           1.0
        unnecessary biopsies    99.0
        Name: per 1,000 women, dtype: float64
        """
        import pandas as pd

        return pd.Series(
            {
                "missed cancers": self.missed_cancers,
                "unnecessary biopsies": self.unnecessary_biopsies,
            },
            name="per 1,000 women",
        )


def per_thousand(
    y_true, p_malignant, threshold: float = 0.5, prevalence: float | None = None
) -> PerThousand:
    """Missed cancers and unnecessary biopsies per 1,000 women at a threshold.

    With ``prevalence`` the counts are re-weighted to a population where cancer is that common
    (sensitivity and specificity carry over; the mix of women changes).

    >>> per_thousand([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5)
    PerThousand(missed_cancers=250.0, unnecessary_biopsies=250.0)
    """
    m = clinical_metrics(y_true, p_malignant, threshold)
    prev = m.prevalence if prevalence is None else prevalence
    return per_thousand_women(m.sensitivity, m.specificity, prev)


def per_thousand_women(sensitivity: float, specificity: float, prevalence: float) -> PerThousand:
    """Missed cancers and unnecessary biopsies per 1,000 women, from the test's rates.

    >>> per_thousand_women(0.9, 0.9, 0.01).missed_cancers
    1.0
    """
    sens, spec, prev = _check_rates(sensitivity, specificity, prevalence)
    return PerThousand(
        missed_cancers=round(1000 * prev * (1 - sens), 10),
        unnecessary_biopsies=round(1000 * (1 - prev) * (1 - spec), 10),
    )


def threshold_for_sensitivity(y_true, p_malignant, target: float = 0.98) -> float:
    """The highest threshold whose sensitivity reaches ``target`` (fewest false alarms for it).

    >>> threshold_for_sensitivity([1, 1, 1, 1, 0, 0], [0.9, 0.8, 0.6, 0.3, 0.7, 0.2], target=0.75)
    0.6
    """
    from sklearn.metrics import roc_curve

    y, p = check_inputs(y_true, p_malignant)
    inputs.check_proportion(target, "target")
    if y.sum() == 0:
        raise ValueError("There are no malignant cases, so no sensitivity can be measured.")
    _, tpr, thresholds = roc_curve(y, p, drop_intermediate=False)
    reaching = [t for t, rate in zip(thresholds, tpr, strict=True) if rate >= target - 1e-12]
    return float(min(1.0, max(reaching)))


def rule_out_threshold(
    model,
    X_train,
    y_train,
    target_sensitivity: float = 0.98,
    folds: int = 5,
    random_state: int = models.RANDOM_STATE,
) -> float:
    """A rule-out threshold for ``model``, chosen on the training cases only.

    Each training case gets a probability from a model fitted without it (cross-validation),
    and the threshold is the highest one whose sensitivity on those cases reaches the target:
    below it, a case may be called benign with few cancers missed. Test cases are never used.

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> threshold = rule_out_threshold(models.reference_model(), X_train, y_train)
    >>> 0 < threshold < 0.5
    True
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds_ = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    p = cross_val_predict(model, X_train, y_train, cv=folds_, method="predict_proba")[:, 1]
    return threshold_for_sensitivity(y_train, p, target_sensitivity)


@dataclass(frozen=True, eq=False)
class RocPoints:
    """The ROC curve: at each threshold, the share of benign cases flagged and of cancers found.

    ``false_positive_rate`` (1 − specificity), ``sensitivity`` and ``thresholds`` are arrays of
    the same length, one entry per point of the curve (scikit-learn's first threshold is
    infinite: nobody is flagged there). ``auc`` is the area under the curve.
    """

    false_positive_rate: np.ndarray
    sensitivity: np.ndarray
    thresholds: np.ndarray
    auc: float


def roc_points(y_true, p_malignant) -> RocPoints:
    """Points of the ROC curve and its area (AUC), with malignant as the positive class.

    >>> roc = roc_points([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.3])
    >>> roc.auc
    1.0
    >>> roc.sensitivity.tolist()
    [0.0, 0.5, 1.0, 1.0]
    """
    from sklearn.metrics import roc_auc_score, roc_curve

    y, p = check_inputs(y_true, p_malignant)
    fpr, tpr, thresholds = roc_curve(y, p)
    return RocPoints(fpr, tpr, thresholds, float(roc_auc_score(y, p)))


@dataclass(frozen=True, eq=False)
class PrPoints:
    """The precision–recall curve: at each threshold, the share of cancers found and PPV.

    ``sensitivity`` (recall) and ``ppv`` (precision) have one entry per point; ``thresholds``
    one fewer (scikit-learn's last point, sensitivity 0 and PPV 1, has no threshold).
    ``average_precision`` summarises the curve.
    """

    sensitivity: np.ndarray
    ppv: np.ndarray
    thresholds: np.ndarray
    average_precision: float


def pr_points(y_true, p_malignant) -> PrPoints:
    """Points of the precision–recall curve (PPV against sensitivity) and its average precision.

    >>> pr = pr_points([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.3])
    >>> pr.average_precision
    1.0
    """
    from sklearn.metrics import average_precision_score, precision_recall_curve

    y, p = check_inputs(y_true, p_malignant)
    precision, recall, thresholds = precision_recall_curve(y, p)
    return PrPoints(recall, precision, thresholds, float(average_precision_score(y, p)))


def is_nan(value: float) -> bool:
    """True for NaN (an undefined metric)."""
    return isinstance(value, float) and math.isnan(value)


@dataclass(frozen=True)
class InSetting:
    """What a test with this sensitivity and specificity does in one setting: the setting's
    ``prevalence`` (and its ``source``), ``ppv`` and ``npv`` there, and the natural
    ``frequencies`` among 1,000 women (a ``NaturalFrequencies``)."""

    setting: str
    prevalence: float
    source: str
    sensitivity: float
    specificity: float
    ppv: float
    npv: float
    frequencies: NaturalFrequencies


def in_setting(sensitivity: float, specificity: float, setting="diagnostic clinic") -> InSetting:
    """The same test where cancer is more or less common: PPV, NPV and what happens to 1,000 women.

    ``setting``: one of ``PREVALENCE_SETTINGS`` (its prevalence and source are used), or a
    prevalence of your own (a proportion between 0 and 1). Sensitivity and specificity carry
    over from one setting to another; PPV and NPV do not.

    >>> clinic = in_setting(0.95, 0.9, "diagnostic clinic")
    >>> screening = in_setting(0.95, 0.9, "screening population")
    >>> round(clinic.ppv, 2), round(screening.ppv, 3)
    (0.85, 0.046)
    >>> in_setting(0.9, 0.8, 0.1).frequencies.false_alarms
    180
    """
    if isinstance(setting, str):
        if setting not in PREVALENCE_SETTINGS:
            raise ValueError(
                f"setting must be one of {', '.join(PREVALENCE_SETTINGS)}, or a prevalence "
                f"between 0 and 1; got {setting!r}."
            )
        prevalence, source = PREVALENCE_SETTINGS[setting]
    else:
        prevalence, source = setting, "a prevalence you chose"
    values = predictive_values(sensitivity, specificity, prevalence)  # checks all three
    frequencies = natural_frequencies(sensitivity, specificity, prevalence)
    name = setting if isinstance(setting, str) else f"prevalence {prevalence:.1%}"
    return InSetting(
        name,
        float(prevalence),
        source,
        float(sensitivity),
        float(specificity),
        values.ppv,
        values.npv,
        frequencies,
    )
