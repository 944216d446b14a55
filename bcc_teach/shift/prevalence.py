"""Prevalence shift: the same model in a setting with another share of women with cancer.

If the women with cancer and those without look the same in the new setting as in Wisconsin
and only their shares change, sensitivity and specificity at a threshold carry over, but PPV,
NPV and the probabilities themselves do not: a model that learned that 37% of lumps are
cancers gives probabilities that are too high where fewer are. **Recalibration** on a sample of
local women (``recalibrate``) moves them back; it cannot change which women rank above which
(the AUC), and a small local sample recalibrates with a wide margin (``local_sample_size``).

    >>> import numpy as np
    >>> weights = setting_weights(np.array([1, 1, 0, 0, 0]), 0.5)
    >>> float(weights[:2].sum() / weights.sum())
    0.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics, validation
from bcc_teach.validation._store import remembered
from bcc_teach.validation.calibration import _fit, _logit

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Settings a lesson moves the model to, with the share of women with cancer in each. The
#: Wisconsin clinic and the two of ``metrics.PREVALENCE_SETTINGS`` with their sources; the
#: other breast clinic is a what-if.
SETTINGS = {
    "Wisconsin clinic (the training data)": metrics.PREVALENCE_SETTINGS["diagnostic clinic"][0],
    "biopsy after recall (Lehman 2017)": metrics.PREVALENCE_SETTINGS["biopsy after recall"][0],
    "a clinic with fewer cancers (what-if)": 0.15,
    "screening population (what-if, Lehman 2017)":
        metrics.PREVALENCE_SETTINGS["screening population"][0],
}  # fmt: skip


#: The heading of ``prevalence_shift``'s table.
POSITIVE_NOTE = "malignant = positive; PPV and NPV with the range the intervals allow"


def setting_weights(y, prevalence: float) -> np.ndarray:
    """Weights that make the women ``y`` (1 = malignant) stand for a setting where a share
    ``prevalence`` has cancer: each woman with cancer counts ``prevalence / (her share)``, each
    without ``(1 − prevalence) / (their share)``. Women with and without cancer are each
    assumed to look as they do here: only their mix changes."""
    import numpy as np

    y = inputs.check_labels(y, "y").astype(int)
    prevalence = inputs.check_proportion(prevalence, "prevalence")
    share = y.mean()
    if share in (0.0, 1.0):
        raise ValueError("A setting needs women with and without cancer; y has one kind only.")
    return np.where(y == 1, prevalence / share, (1 - prevalence) / (1 - share))


@dataclass(frozen=True)
class Recalibration:
    """New probabilities from old: ``expit(intercept + slope × logit(p))``.

    ``intercept`` and ``slope`` with 95% Wald intervals (an intercept-only recalibration keeps
    the slope at 1); ``n`` local women, of whom ``cancers`` had cancer.
    """

    intercept: validation.Estimate
    slope: validation.Estimate
    method: str
    n: int
    cancers: int

    def apply(self, p_malignant) -> np.ndarray:
        """The recalibrated probabilities of ``p_malignant``."""
        import numpy as np

        p = inputs.check_probabilities(p_malignant)
        return 1 / (1 + np.exp(-(self.intercept.value + self.slope.value * _logit(p))))

    def words(self) -> str:
        """What the recalibration does, in words."""
        shift = math.exp(self.intercept.value)
        text = (
            f"Recalibrated on {self.n} local women ({self.cancers} with cancer): the odds of "
            f"cancer are multiplied by {shift:.2f} (intercept {self.intercept.words(2)})"
        )
        if self.method == "logistic":
            text += f" and the log-odds stretched by the slope {self.slope.words(2)}"
        return text + "."


def recalibrate(y_local, p_local, method: str = "intercept") -> Recalibration:
    """Recalibrate the model's probabilities on women of the new setting.

    ``method="intercept"`` (recalibration in the large): one number, the shift of the log-odds
    that makes the probabilities right on average here; the ranking and the spread are kept.
    ``method="logistic"``: the intercept and a slope (logistic recalibration), for
    probabilities that are also too extreme or too timid. Both are logistic regressions on the
    model's log-odds (statsmodels), fitted to the local women ``y_local`` (1 = malignant).

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> p = rng.uniform(0.05, 0.95, 2000)
    >>> truth = p / (p + 3 * (1 - p))  # the odds of cancer are a third of what the model says
    >>> y = (rng.uniform(size=2000) < truth).astype(int)
    >>> round(float(np.exp(recalibrate(y, p).intercept.value)), 1)  # the odds multiplied by
    0.3
    """
    import numpy as np
    import statsmodels.api as sm

    y, p = metrics.check_inputs(y_local, p_local)
    if method not in {"intercept", "logistic"}:
        raise ValueError(f"method must be 'intercept' or 'logistic'; got {method!r}.")
    cancers = int(y.sum())
    if cancers in (0, len(y)):
        raise ValueError(
            f"The {len(y)} local women are all {'benign' if cancers == 0 else 'malignant'}: "
            "recalibration needs women with and without cancer. Collect more local cases."
        )
    log_odds = _logit(p)
    if method == "intercept":
        params, ci = _fit(y, np.ones((len(y), 1)), offset=log_odds)
        intercept = validation.Estimate(float(params[0]), *map(float, ci[0]), "Wald")
        slope = validation.Estimate(1.0, 1.0, 1.0, "kept at 1")
    else:
        params, ci = _fit(y, sm.add_constant(log_odds))
        if np.isnan(params).any():
            raise ValueError(
                f"The model separates the {len(y)} local women perfectly (every cancer above "
                "every benign lump), so no slope can be estimated: recalibrate the intercept "
                "only (method='intercept'), or collect more local women."
            )
        intercept = validation.Estimate(float(params[0]), *map(float, ci[0]), "Wald")
        slope = validation.Estimate(float(params[1]), *map(float, ci[1]), "Wald")
    return Recalibration(intercept, slope, method, len(y), cancers)


def cross_recalibrated(
    y_local, p_local, method: str = "logistic", folds: int = 2, random_state: int = 0
) -> np.ndarray:
    """Recalibrated probabilities for local women, each from a recalibration fitted on the
    *other* local women (``folds`` stratified parts; ``recalibrate`` on all but one part,
    applied to that part): honest figures after recalibration without a second local sample.

    >>> import numpy as np
    >>> y = np.array([1, 0] * 20)
    >>> p = np.where(y == 1, 0.3, 0.1) + np.linspace(0, 0.2, 40)
    >>> cross_recalibrated(y, p, "intercept").shape
    (40,)
    """
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    y, p = metrics.check_inputs(y_local, p_local)
    recalibrated = np.empty_like(p, dtype=float)
    parts = StratifiedKFold(folds, shuffle=True, random_state=random_state).split(p, y)
    for fit, apply in parts:
        recalibrated[apply] = recalibrate(y[fit], p[fit], method).apply(p[apply])
    return recalibrated


@dataclass(frozen=True)
class PrevalenceShift:
    """The taught model's figures in several settings (``table``), from the same women
    reweighted to each setting's share of women with cancer."""

    table: pd.DataFrame
    threshold: float


def prevalence_shift(y_true, p_malignant, threshold: float, settings=None) -> PrevalenceShift:
    """What moves, and what stays, when the model is taken to settings with other shares of
    women with cancer (``settings``: name → share; ``SETTINGS`` if none).

    For each setting: the share with cancer; the average probability the model gives there;
    sensitivity and specificity at ``threshold`` (they carry over) and PPV and NPV with the
    range their intervals allow (they do not); and the intercept that would recalibrate the
    probabilities (the log-odds shift; 0 means none is needed).

    >>> import numpy as np
    >>> y, p = np.array([1, 1, 0, 0, 0]), np.array([0.9, 0.6, 0.4, 0.2, 0.1])
    >>> shifted = prevalence_shift(y, p, 0.5, {"half": 0.5, "a tenth": 0.1})
    >>> shifted.table["average probability"].round(2).tolist()
    [0.49, 0.29]
    """
    import numpy as np
    import pandas as pd

    y, p = metrics.check_inputs(y_true, p_malignant)
    threshold = inputs.check_threshold(threshold)
    counted = metrics.clinical_metrics(y, p, threshold)
    sensitivity, specificity = counted.interval("sensitivity"), counted.interval("specificity")
    rows = {}
    for name, prevalence in (SETTINGS if settings is None else settings).items():
        weights = setting_weights(y, prevalence)
        there = metrics.in_setting(sensitivity, specificity, prevalence)
        (ppv_low, ppv_high), (npv_low, npv_high) = there.ppv_range, there.npv_range
        rows[name] = {
            "women with cancer": prevalence,
            "average probability": float(np.average(p, weights=weights)),
            "sensitivity": sensitivity.words(3),
            "specificity": specificity.words(3),
            "PPV": f"{there.ppv:.3f} ({ppv_low:.3f} to {ppv_high:.3f})",
            "NPV": f"{there.npv:.3f} ({npv_low:.3f} to {npv_high:.3f})",
            "recalibration intercept": _intercept(y, p, weights),
        }
    table = pd.DataFrame(rows).T.infer_objects()
    table.index.name = f"{POSITIVE_NOTE}; threshold {threshold:.3f}"
    return PrevalenceShift(table, threshold)


def _intercept(y, p, weights) -> float:
    """The log-odds shift that makes the probabilities right on average in the weighted
    setting (an offset logistic regression, weighted; statsmodels)."""
    import numpy as np
    import statsmodels.api as sm

    model = sm.GLM(y, np.ones((len(y), 1)), family=sm.families.Binomial(), offset=_logit(p),
                   freq_weights=weights)  # fmt: skip
    return float(model.fit().params[0])


@dataclass(frozen=True)
class LocalSamples:
    """How many local women a recalibration needs (``local_sample_size``): one row of
    ``table`` per sample size."""

    table: pd.DataFrame
    prevalence: float
    repeats: int


@remembered(LocalSamples, depends=("shift",), records=(LocalSamples,))
def local_sample_size(
    y_true,
    p_malignant,
    prevalence: float,
    sizes=(25, 50, 100, 200, 400),
    repeats: int = 200,
    random_state: int = 0,
) -> LocalSamples:
    """Recalibrate on ``repeats`` random local samples of each size, in a setting where a share
    ``prevalence`` has cancer, and see how far the recalibrated average risk can land from the
    truth.

    Each local sample draws its women from ``y_true`` and ``p_malignant`` (with replacement;
    the number with cancer drawn as in the setting), recalibrates the intercept on them
    (``recalibrate``), and applies it to all the women reweighted to the setting: the
    recalibrated average risk should equal ``prevalence``. The table gives, per size, the
    typical number of cancers in a sample, how often a sample had none (no recalibration
    possible), the range in which 95% of the recalibrated average risks fell, and the median
    width of the intercept's 95% interval.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = np.r_[np.ones(50), np.zeros(100)].astype(int)
    >>> p = np.clip(0.5 * y + rng.uniform(0.05, 0.45, 150), 0, 1)
    >>> result = local_sample_size.compute(y, p, 0.2, sizes=(40,), repeats=20)
    >>> int(result.table.loc[40, "cancers (median)"])
    8
    """
    import numpy as np
    import pandas as pd

    y, p = metrics.check_inputs(y_true, p_malignant)
    prevalence = inputs.check_proportion(prevalence, "prevalence")
    repeats = inputs.check_whole_number(repeats, "repeats", minimum=10)
    weights = setting_weights(y, prevalence)
    cancer, benign = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    log_odds = _logit(p)
    rng = np.random.default_rng(random_state)
    rows = {}
    for size in sizes:
        size = inputs.check_whole_number(size, "each size", minimum=5)
        risks, widths, counts = [], [], []
        for _ in range(repeats):
            k = int(rng.binomial(size, prevalence))
            counts.append(k)
            if k in (0, size):
                continue
            chosen = np.r_[rng.choice(cancer, k), rng.choice(benign, size - k)]
            fitted = recalibrate(y[chosen], p[chosen])
            widths.append(fitted.intercept.high - fitted.intercept.low)
            risk = 1 / (1 + np.exp(-(fitted.intercept.value + log_odds)))
            risks.append(float(np.average(risk, weights=weights)))
        low, high = np.percentile(risks, [2.5, 97.5]) if risks else (math.nan, math.nan)
        rows[size] = {
            "cancers (median)": float(np.median(counts)),
            "samples with no cancer": float(np.mean(np.asarray(counts) == 0)),
            "average risk after recalibration, 95% of samples": f"{low:.3f} to {high:.3f}",
            "low": float(low),
            "high": float(high),
            "intercept 95% CI width (median)": float(np.median(widths)) if widths else math.nan,
        }
    table = pd.DataFrame(rows).T.infer_objects()
    table.index.name = f"local women (setting: {prevalence:.1%} with cancer, the truth)"
    return LocalSamples(table, prevalence, repeats)
