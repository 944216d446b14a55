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
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from bcc_teach import inputs, models

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LEHMAN_2017 = "Lehman et al., Radiology 2017;283:49-58"

#: Three places the same test might be used, and how common cancer is among the women there
#: (read-only). Only the first is where a model of needle aspirates of breast lumps belongs; the
#: other two are what-ifs that show how prevalence changes what a result means.
PREVALENCE_SETTINGS = MappingProxyType(
    {
        "diagnostic clinic": (
            212 / 569,
            "women with a breast lump who had a needle aspirate: the Wisconsin data, 212 of 569",
        ),
        "biopsy after recall": (
            0.286,
            "women who had a biopsy after a screening mammogram called them back: 28.6% had "
            f"cancer (PPV3, {LEHMAN_2017}). Of all women called back only 4.4% had cancer "
            "(PPV1); most were cleared by more imaging without a needle",
        ),
        "screening population": (
            0.0059,
            "women having a screening mammogram (a what-if: this model is not a screening test): "
            "5.1 cancers detected per 1,000 screens, and 0.8 per 1,000 missed by the screen, so "
            f"about 5.9 per 1,000 have cancer ({LEHMAN_2017})",
        ),
    }
)

#: The usual ceiling for a "probably benign" result that is watched rather than biopsied:
#: BI-RADS category 3 means a likelihood of malignancy of at most 2% (ACR BI-RADS Atlas, 5th ed.,
#: 2013). A benign call is judged by the risk of cancer that remains among women given it.
PROBABLY_BENIGN_RISK = 0.02

YU_2012 = "Yu, Wei & Liu, BMC Cancer 2012;12:41"
#: Fine-needle aspiration read by cytopathologists, pooled over 46 studies (random effects),
#: unsatisfactory samples left out: each figure with its 95% interval (YU_2012). Counting
#: unsatisfactory samples as positive (11 studies), specificity falls to 0.768; of the
#: unsatisfactory samples, 27.5% proved to be cancer. The comparator a model must meet.
FNA_BY_EYE = MappingProxyType({
    "sensitivity": (0.927, 0.921, 0.933),
    "specificity": (0.948, 0.943, 0.952),
})  # fmt: skip


@dataclass(frozen=True)
class Rate:
    """A share counted on cases (``count`` of ``total``), with its 95% Wilson interval.

    ``value`` is ``count / total`` (NaN when there are no cases, and then so are ``low`` and
    ``high``).

    >>> sensitivity = rate(51, 53)
    >>> sensitivity.words()
    '0.96 (95% CI 0.87 to 0.99)'
    >>> rate(0, 53).words(percent=True)
    '0.0% (95% CI 0.0% to 6.8%)'
    """

    count: int
    total: int
    value: float
    low: float
    high: float

    def interval(self, digits: int = 2, percent: bool = False) -> str:
        """The 95% interval in words: ``'0.87 to 0.99'``."""
        low, high = (self._number(end, digits, percent) for end in (self.low, self.high))
        return f"{low} to {high}"

    def words(self, digits: int = 2, percent: bool = False) -> str:
        """The value with its interval: ``'0.96 (95% CI 0.87 to 0.99)'``."""
        if self.total == 0:
            return "undefined (no cases)"
        value = self._number(self.value, digits, percent)
        return f"{value} (95% CI {self.interval(digits, percent)})"

    def counted(self) -> str:
        """Where the rate comes from: ``'51 of 53'``."""
        return f"{self.count} of {self.total}"

    @staticmethod
    def _number(value: float, digits: int, percent: bool) -> str:
        return f"{value:.{max(digits - 1, 0)}%}" if percent else f"{value:.{digits}f}"


def rate(count: int, total: int) -> Rate:
    """``count`` of ``total`` cases as a share, with its 95% Wilson score interval (SciPy).

    The Wilson interval behaves well at 0 and at 1: none of 53 cancers missed still leaves a
    missed share of up to 6.8% compatible with the data (the rule of three gives 3/53 = 5.7%).

    >>> r = rate(0, 90)
    >>> r.value, round(r.high, 3)
    (0.0, 0.041)
    """
    from scipy.stats import binomtest

    count = inputs.check_whole_number(count, "count", minimum=0)
    total = inputs.check_whole_number(total, "total", minimum=0)
    if count > total:
        raise ValueError(f"count ({count}) cannot be larger than total ({total}).")
    if total == 0:
        nan = float("nan")
        return Rate(count, total, nan, nan, nan)
    low, high = binomtest(count, total).proportion_ci(confidence_level=0.95, method="wilson")
    return Rate(count, total, count / total, float(low), float(high))


def exchange_rate(threshold: float) -> float:
    """Unnecessary biopsies accepted per cancer found, when flagging at ``threshold``.

    A woman whose probability of cancer is exactly ``p`` is flagged only if a biopsy is worth
    it at that risk: (1 − p) women without cancer biopsied for every p with cancer. So a
    threshold ``p`` says one cancer found is worth up to (1 − p)/p unnecessary biopsies.
    This reading holds only if the probabilities are calibrated (lesson 05 checks).

    >>> round(exchange_rate(0.092), 1)
    9.9
    >>> exchange_rate(0.5)
    1.0
    """
    p = inputs.check_threshold(threshold)
    if p == 0:
        return float("inf")
    return (1 - p) / p


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


#: The metrics that are shares of cases: (boxes counted, boxes of the whole, who they are).
_EVERYONE = ("tp", "fn", "fp", "tn")
_RATES = {
    "sensitivity": (("tp",), ("tp", "fn"), "women with cancer"),
    "specificity": (("tn",), ("tn", "fp"), "women without cancer"),
    "ppv": (("tp",), ("tp", "fp"), "women flagged"),
    "npv": (("tn",), ("tn", "fn"), "women called benign"),
    "accuracy": (("tp", "tn"), _EVERYONE, "women"),
    "prevalence": (("tp", "fn"), _EVERYONE, "women"),
}


@dataclass(frozen=True)
class ClinicalMetrics:
    """Every metric of one threshold, with malignant as the positive class.

    NaN where a metric is undefined: PPV when nobody is flagged, NPV when nobody is called
    benign, sensitivity with no cancers, specificity and balanced accuracy when either class is
    absent. ``counts`` is the 2×2 table the rates were counted from, so each share has a 95%
    interval (``interval("sensitivity")``, a ``Rate``).
    """

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
    counts: Confusion | None = None

    def interval(self, name: str) -> Rate:
        """One share with its 95% Wilson interval: ``"sensitivity"``, ``"specificity"``,
        ``"ppv"``, ``"npv"``, ``"accuracy"`` or ``"prevalence"``.

        >>> m = clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.5)
        >>> m.interval("sensitivity").words()
        '0.50 (95% CI 0.09 to 0.91)'
        """
        if name not in _RATES:
            raise ValueError(f"name must be one of {', '.join(_RATES)}; got {name!r}.")
        c = self._counted()
        counted, whole, _ = _RATES[name]
        return rate(sum(getattr(c, box) for box in counted), sum(getattr(c, box) for box in whole))

    def risk_if_benign(self) -> Rate:
        """The share of women called benign who have cancer (1 − NPV), with its interval.

        This is how a low threshold is judged in a clinic: compare it with the ≤ 2% of a
        "probably benign" result (``PROBABLY_BENIGN_RISK``). It holds for women like these
        cases, where cancer is this common.
        """
        c = self._counted()
        return rate(c.fn, c.fn + c.tn)

    def _counted(self) -> Confusion:
        if self.counts is None:
            raise ValueError("These metrics were made without their counts, so no interval.")
        return self.counts

    def table(self) -> pd.DataFrame:
        """The metrics as a labelled table: value, 95% interval, and the cases counted.

        >>> m = clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.5)
        >>> m.table().loc["sensitivity"].to_dict()
        {'value': 0.5, '95% CI': '0.09 to 0.91', 'counted': '1 of 2 women with cancer'}
        """
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
        rows = {}
        for name, label in labels.items():
            interval, counted = "", ""
            if name in _RATES and self.counts is not None:
                share = self.interval(name)
                if share.total:
                    interval = share.interval()
                    counted = f"{share.counted()} {_RATES[name][2]}"
            rows[label] = {"value": getattr(self, name), "95% CI": interval, "counted": counted}
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "malignant = positive"
        return table


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
    y, p = check_inputs(y_true, p_malignant, threshold)
    return _counts(y, p, threshold)


def _counts(y, p, threshold: float) -> Confusion:
    """The confusion table of checked inputs (``check_inputs``)."""
    import numpy as np

    called = p >= threshold
    cancer = np.asarray(y) == 1
    tp = int(np.count_nonzero(called & cancer))
    fp = int(np.count_nonzero(called)) - tp
    fn = int(np.count_nonzero(cancer)) - tp
    return Confusion(tp=tp, fn=fn, fp=fp, tn=len(cancer) - tp - fn - fp)


def _share(part: int, whole: int) -> float:
    """part / whole, or NaN when whole is 0 (the rate is undefined: nobody to count)."""
    return part / whole if whole else float("nan")


def clinical_metrics(y_true, p_malignant, threshold: float = 0.5) -> ClinicalMetrics:
    """Sensitivity, specificity, PPV, NPV, LR+, LR−, accuracy and balanced accuracy at a threshold.

    Each is counted from the four cells of the confusion table (``confusion``), exactly as
    scikit-learn's ``recall_score``, ``precision_score``, ``class_likelihood_ratios``,
    ``accuracy_score`` and ``balanced_accuracy_score`` compute them (a test checks they agree to
    the last digit), but some hundred times faster: lessons and widgets call this thousands of
    times. A rate with nobody to count is NaN.

    >>> m = clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.5)
    >>> m.sensitivity, m.specificity, m.lr_positive
    (0.5, 0.5, 1.0)
    """
    import numpy as np

    y, p = check_inputs(y_true, p_malignant, threshold)
    counts = _counts(y, p, threshold)
    tp, fn, fp, tn = counts.tp, counts.fn, counts.fp, counts.tn
    cancers, benign = tp + fn, tn + fp
    nan = float("nan")
    sensitivity, specificity = _share(tp, cancers), _share(tn, benign)
    return ClinicalMetrics(
        threshold=float(threshold),
        sensitivity=sensitivity,
        specificity=specificity,
        ppv=_share(tp, tp + fp),
        npv=_share(tn, tn + fn),
        # LR+ = sensitivity / (1 − specificity), LR− = (1 − sensitivity) / specificity, from
        # the counts (as scikit-learn does); undefined without false alarms or true negatives
        lr_positive=_share(tp * benign, fp * cancers) if fp else nan,
        lr_negative=_share(fn * benign, tn * cancers) if tn else nan,
        accuracy=_share(tp + tn, len(y)),
        balanced_accuracy=(specificity + sensitivity) / 2 if cancers and benign else nan,
        prevalence=float(np.mean(y)),
        counts=counts,
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


def whole_women(count: float) -> int:
    """A count of women rounded as people expect: halves go up (4.5 → 5, not Python's 4).

    >>> whole_women(4.5), whole_women(2.5), whole_women(2.4999999999999)
    (5, 3, 3)
    """
    return math.floor(round(float(count), 9) + 0.5)


@dataclass(frozen=True)
class NaturalFrequencies:
    """What a test does to a group of women, in whole numbers.

    Each group is rounded once (halves up, ``whole_women``) and the rest is what remains, so the
    counts always add up: found + missed = with cancer, false alarms + reassured = without.
    """

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
            f"and {self.reassured:,} are correctly called benign. So of the {flagged_total:,} "
            f"women flagged, {share} have cancer."
        )


def natural_frequencies(
    sensitivity: float, specificity: float, prevalence: float, women: int = 1000
) -> NaturalFrequencies:
    """Turn sensitivity, specificity and prevalence into counts of women ("of 1,000 women …").

    >>> print(natural_frequencies(0.9, 0.9, 0.01).sentence())
    Of 1,000 women like these, 10 have cancer: the test finds 9 and misses 1. Of the 990 without cancer, 99 are flagged anyway (an unnecessary work-up) and 891 are correctly called benign. So of the 108 women flagged, 9 of the 108 have cancer.
    """  # noqa: E501
    sens, spec, prev = _check_rates(sensitivity, specificity, prevalence)
    women = inputs.check_whole_number(women, "women", minimum=1)
    with_cancer = whole_women(women * prev)
    found = whole_women(with_cancer * sens)
    without = women - with_cancer
    false_alarms = whole_women(without * (1 - spec))
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
    p = models.cross_validated_probabilities(model, X_train, y_train, folds, random_state)
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
    ``frequencies`` among 1,000 women (a ``NaturalFrequencies``).

    When the sensitivity and specificity were counted on cases (``Rate``s), ``measured`` holds
    them, and ``ppv_range``, ``npv_range`` and ``missed_range`` say what their 95% intervals
    imply here: the values at the two ends of both intervals.
    """

    setting: str
    prevalence: float
    source: str
    sensitivity: float
    specificity: float
    ppv: float
    npv: float
    frequencies: NaturalFrequencies
    measured: tuple[Rate, Rate] | None = None

    def _rates(self) -> tuple[Rate, Rate]:
        if self.measured is None:
            raise ValueError(
                "These rates were given as plain numbers, so there is no interval: pass "
                "m.interval('sensitivity') and m.interval('specificity') to in_setting."
            )
        return self.measured

    def _at_ends(self) -> tuple[PredictiveValues, PredictiveValues]:
        sens, spec = self._rates()
        return (
            predictive_values(sens.low, spec.low, self.prevalence),
            predictive_values(sens.high, spec.high, self.prevalence),
        )

    @property
    def ppv_range(self) -> tuple[float, float]:
        low, high = self._at_ends()
        return low.ppv, high.ppv

    @property
    def npv_range(self) -> tuple[float, float]:
        low, high = self._at_ends()
        return low.npv, high.npv

    @property
    def missed_range(self) -> tuple[float, float]:
        """Cancers missed per 1,000 women here, at the two ends of the sensitivity interval."""
        sens, _ = self._rates()
        return (
            1000 * self.prevalence * (1 - sens.high),
            1000 * self.prevalence * (1 - sens.low),
        )

    def uncertainty(self) -> str:
        """The interval behind the natural frequencies, in words.

        >>> clinic = in_setting(rate(53, 53), rate(76, 90))
        >>> print(clinic.uncertainty())  # doctest: +NORMALIZE_WHITESPACE
        But these rates were counted on few women: sensitivity 1.00 (95% CI 0.93 to 1.00) from
        53 of 53 women with cancer. Up to 25 of the 373 women with cancer among 1,000 could be
        missed, and the NPV could be as low as 0.950.
        """
        sens, _ = self._rates()
        most = self.missed_range[1]
        with_cancer = self.frequencies.with_cancer
        missed = (
            f"Up to {whole_women(most):,} of the {with_cancer:,} women with cancer among 1,000"
            if most >= 1
            else f"Fewer than 1 of the {with_cancer:,} women with cancer among 1,000 (up to "
            f"{whole_women(10 * most)} in 10,000 women)"
        )
        return (
            f"But these rates were counted on few women: sensitivity {sens.words()} from "
            f"{sens.counted()} women with cancer. {missed} could be missed, and the NPV could "
            f"be as low as {self.npv_range[0]:.3f}."
        )


def in_setting(sensitivity, specificity, setting="diagnostic clinic") -> InSetting:
    """The same test where cancer is more or less common: PPV, NPV and what happens to 1,000 women.

    ``sensitivity`` and ``specificity``: proportions, or the ``Rate``s a model showed on cases
    (``m.interval("sensitivity")``), whose intervals then carry over (``InSetting.npv_range``).
    ``setting``: one of ``PREVALENCE_SETTINGS`` (its prevalence and source are used), or a
    prevalence of your own (a proportion between 0 and 1). Sensitivity and specificity carry
    over from one setting to another; PPV and NPV do not.

    >>> clinic = in_setting(0.95, 0.9, "diagnostic clinic")
    >>> screening = in_setting(0.95, 0.9, "screening population")
    >>> round(clinic.ppv, 2), round(screening.ppv, 3)
    (0.85, 0.053)
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
    rates = (sensitivity, specificity)
    measured = None
    if all(isinstance(r, Rate) for r in rates):
        measured = rates
        sensitivity, specificity = (r.value for r in rates)
    elif any(isinstance(r, Rate) for r in rates):
        raise ValueError("Give sensitivity and specificity both as Rates, or both as numbers.")
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
        measured,
    )
