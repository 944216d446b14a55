"""Why did the model say malignant for this woman? Local explanations with LIME, and their limits.

LIME explains one prediction by asking the model about many made-up variations of the case and
fitting a simple weighted model to its answers near that case. This module sets LIME up for
the WDBC features (named features, malignant as the class explained, NumPy training data,
fixed seeds), returns explanations as tidy tables, measures how stable they are, and gives
global importances to compare with.

    >>> from bcc_teach import data, explain, models
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> explainer = explain.CaseExplainer(model, X_train, y_train)
    >>> result = explainer.explain(X_test.loc["W331"])
    >>> list(result.table.columns)
    ['condition', 'feature', 'weight', 'towards']

**The course's settings** (``COURSE_SETTINGS``) differ from lime's defaults (``LIME_DEFAULTS``),
measured by ``benchmarks/lime_speed_stability.py``. With lime's defaults (5,000 made-up cases,
quartile bins, forward selection of 5 features) the top 5 features named for a case agree
across random seeds with a Jaccard index of only about 0.7: ask twice, get a different answer.
The course asks the model about 100,000 made-up cases (more evidence, less luck), cuts each
feature at the values that best separate benign from malignant training cases (the "entropy"
discretizer, so the conditions are clinically meaningful), and fits all 30 features at once
before keeping the 5 largest (no forward selection, which is slow and amplifies noise). To
afford that many cases, the made-up values are drawn by a quicker route to the same
distribution (``quick_sampling``). On a 2-core machine one explanation takes about half a
second, and explanations are cached, so showing one again is instant. The explanations the
lessons and exercises ask for are stored with the course's results (``validation._store``):
the same model, training cases, settings, case and seed read back the stored explanation, and
any change to those, to this module or to the libraries computes it afresh.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, models
from bcc_teach.validation._store import remembered

if TYPE_CHECKING:
    import pandas as pd

#: lime's own defaults, for comparison.
LIME_DEFAULTS = {"num_samples": 5000, "discretizer": "quartile", "feature_selection": "auto"}
#: What the course uses (see the module docstring for why).
COURSE_SETTINGS = {
    "num_samples": 100_000,
    "discretizer": "entropy",
    "feature_selection": "none",
    "quick_sampling": True,
}


#: How many quantiles of each bin ``quick_sampling`` keeps (its draws interpolate between them).
_QUANTILES = 1024


@functools.cache
def quick_sampling(discretizer: str):
    """lime's ``discretizer`` ("quartile", "decile" or "entropy") with a quicker sampler.

    To make up a case, lime picks a bin for each feature (say, ``area_worst > 868``) and then a
    value inside it, from a normal distribution cut off at the bin's edges (a truncated normal,
    with the mean and spread of the training cases in that bin). lime draws those values with
    ``scipy.stats.truncnorm``, which spends most of an explanation's time. This class draws
    from the same distribution by inverse-transform sampling: the bin's quantiles are worked
    out once (``scipy.special.ndtri``, at 1,024 evenly spaced probabilities), and each draw is
    a uniform random number read through that table, interpolating between neighbouring
    quantiles. That is several times faster, so the course can afford more made-up cases.
    Everything else is lime's own code. (Where a bin holds a single value, it returns that
    value; lime returns a z-score there, a slip that the course's bins never reach.)

    >>> import numpy as np
    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> quick = quick_sampling("entropy")(X.to_numpy(), [], list(X.columns), labels=y.to_numpy(),
    ...                                   random_state=np.random.RandomState(0))
    >>> values = quick.get_undiscretize_values(0, np.zeros(1000, dtype=int))
    >>> bool(values.max() <= quick.maxs[0][0])
    True
    """
    import numpy as np
    from lime import discretize
    from scipy import special

    base = {
        "quartile": discretize.QuartileDiscretizer,
        "decile": discretize.DecileDiscretizer,
        "entropy": discretize.EntropyDiscretizer,
    }[discretizer]

    class QuickSampling(base):
        def _quantiles(self, feature):
            """Per bin, the truncated normal's quantiles at 0, 1/Q, …, 1 (one row per bin)."""
            tables = self.__dict__.setdefault("_quantile_tables", {})
            if feature not in tables:
                mins, maxs, means, stds = (
                    np.asarray(getattr(self, name)[feature], dtype=float)[:, None]
                    for name in ("mins", "maxs", "means", "stds")
                )
                low, high = (mins - means) / stds, (maxs - means) / stds
                # Bins right of the mean are worked out as their mirror image left of it, where
                # the normal curve's tail probabilities keep their precision.
                flip = low > 0
                low, high = np.where(flip, -high, low), np.where(flip, -low, high)
                start = special.ndtr(low)
                shares = start + (special.ndtr(high) - start) * np.linspace(0, 1, _QUANTILES + 1)
                z = special.ndtri(shares)
                values = means + np.where(flip, -stds, stds) * z
                values = np.clip(values, mins, maxs)  # also where the tails round to ±inf
                tables[feature] = np.where(low == high, mins, values).ravel()
            return tables[feature]

        def get_undiscretize_values(self, feature, values):
            table = self._quantiles(feature)
            position = self.random_state.random_sample(len(values)) * _QUANTILES
            step = position.astype(np.intp)
            index = np.asarray(values, dtype=np.intp) * (_QUANTILES + 1) + step
            below = table[index]
            return below + (position - step) * (table[index + 1] - below)

    QuickSampling.__name__ = QuickSampling.__qualname__ = f"Quick{base.__name__}"
    return QuickSampling


def _significant(value: float, figures: int) -> str:
    import numpy as np

    return np.format_float_positional(
        float(value), precision=figures, unique=False, fractional=False, trim="-"
    )


def condition_labels(feature: str, cuts) -> list[str]:
    """The conditions LIME can name for one feature cut at ``cuts``, one per bin, in order.

    lime writes every cut with two decimals, so a small value reads ``0.00`` and two close cuts
    read alike (``0.36 < symmetry_worst <= 0.36``). Here each cut has three significant
    figures, or more where it would otherwise read the same as a neighbouring cut.

    >>> condition_labels("fractal_dimension_se", [0.003047])
    ['fractal_dimension_se <= 0.00305', 'fractal_dimension_se > 0.00305']
    >>> condition_labels("symmetry_worst", [0.3612, 0.3614])[1]
    '0.3612 < symmetry_worst <= 0.3614'
    """
    cuts = [float(cut) for cut in cuts]
    if not cuts:
        raise ValueError("cuts must hold at least one value at which the feature is cut.")

    def differs(i: int, figures: int) -> bool:  # from both neighbours, at this precision
        return all(
            _significant(cuts[j], figures) != _significant(cuts[i], figures)
            for j in (i - 1, i + 1)
            if 0 <= j < len(cuts) and cuts[j] != cuts[i]
        )

    words = [
        _significant(cut, next((f for f in range(3, 17) if differs(i, f)), 17))
        for i, cut in enumerate(cuts)
    ]
    labels = [f"{feature} <= {words[0]}"]
    labels += [f"{low} < {feature} <= {high}" for low, high in zip(words, words[1:], strict=False)]
    labels.append(f"{feature} > {words[-1]}")
    return labels


def _relabel(discretizer, feature_names) -> None:
    """Give lime's discretizer conditions that can be read (``condition_labels``).

    lime keeps each feature's cuts in ``maxs`` (the cuts, then the largest value) and the
    conditions it names in ``names``; only the names change, so the explanation does not.
    """
    for feature in discretizer.names:
        cuts = discretizer.maxs[feature][:-1]
        discretizer.names[feature] = condition_labels(feature_names[feature], cuts)


@dataclass(frozen=True)
class Explanation:
    """One case's explanation: the table of reasons, the model's probability, the local fit."""

    case_id: str
    probability: float
    table: pd.DataFrame
    local_r2: float
    seed: int


class CaseExplainer:
    """LIME set up for a fitted model and its training cases; explanations are cached.

    ``settings`` is ``COURSE_SETTINGS`` (default) or ``LIME_DEFAULTS``.
    """

    def __init__(self, model, X_train, y_train, settings: dict | None = None):
        models.probability_malignant(model, X_train.head(1))  # refuses an unfitted model
        self.model = model
        self.columns = list(X_train.columns)
        self.X_train = X_train
        self.y_train = y_train
        self.settings = dict(COURSE_SETTINGS if settings is None else settings)
        self._explainer = None
        self._cache: dict[tuple, Explanation] = {}
        self._fingerprint: str | None = None

    @property
    def fingerprint(self) -> str:
        """What an explanation depends on besides the case and the seed, as one string: the
        settings, the training cases and their diagnoses, the model's kind and its answers
        on the training cases (two fits that answer alike explain alike), lime's version."""
        if self._fingerprint is None:
            import hashlib
            import json
            from importlib.metadata import version

            import pandas as pd

            digest = hashlib.sha256(json.dumps(self.settings, sort_keys=True).encode())
            digest.update(version("lime").encode())
            for table in (self.X_train, self.y_train):
                digest.update(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes())
            digest.update(type(self.model).__name__.encode())
            digest.update(self._predict(self.X_train.to_numpy()).tobytes())
            self._fingerprint = digest.hexdigest()[:32]
        return self._fingerprint

    def _lime(self, seed: int):
        """The LIME explainer, its random numbers restarted from ``seed``.

        lime's explainer keeps drawing from one random generator, so without the restart an
        explanation would depend on which cases were explained before it.
        """
        import numpy as np
        from lime.lime_tabular import LimeTabularExplainer

        if self._explainer is None:
            training = self.X_train.to_numpy()  # lime needs NumPy, not a DataFrame
            labels = self.y_train.to_numpy()
            random_state = np.random.RandomState(models.RANDOM_STATE)
            discretizer = self.settings["discretizer"]
            if self.settings.get("quick_sampling"):
                discretizer = quick_sampling(discretizer)(
                    training, [], self.columns, labels=labels, random_state=random_state
                )
            self._explainer = LimeTabularExplainer(
                training,
                training_labels=labels,
                feature_names=self.columns,
                class_names=["benign", "malignant"],
                discretizer=discretizer,
                feature_selection=self.settings["feature_selection"],
                random_state=random_state,  # one generator for the sampler and the discretizer
            )
            _relabel(self._explainer.discretizer, self.columns)
        self._explainer.random_state.seed(seed)
        return self._explainer

    def _predict(self, rows):
        import pandas as pd

        # lime passes NumPy arrays; give the model its column names back (no warnings).
        return self.model.predict_proba(pd.DataFrame(rows, columns=self.columns, copy=False))

    def explain(self, case, seed: int = 0, num_features: int = 5) -> Explanation:
        """Explain the model's probability of malignancy for one case (a row of X)."""
        row = inputs.check_case_row(case, self.columns)
        key = (str(row.name), tuple(row.to_numpy()), seed, num_features)
        if key not in self._cache:
            values = [float(v) for v in row.to_numpy()]
            self._cache[key] = _lime_explanation(self, self.fingerprint, str(row.name), values,
                                                 int(seed), int(num_features))  # fmt: skip
        return self._cache[key]

    def _compute(self, case_id: str, values, seed: int, num_features: int) -> Explanation:
        """LIME's explanation of one case (its ``values``), computed."""
        import numpy as np
        import pandas as pd

        row = np.asarray(values, dtype=float)
        result = self._lime(seed).explain_instance(
            row,
            self._predict,
            labels=(1,),
            # "none" fits every feature and we keep the largest; otherwise lime selects them.
            num_features=len(self.columns)
            if self.settings["feature_selection"] == "none"
            else num_features,
            num_samples=self.settings["num_samples"],
        )
        # as_map gives (feature index, weight) and as_list (condition, weight), in the same
        # order: largest weight first.
        top = list(zip(result.as_map()[1], result.as_list(label=1), strict=True))[:num_features]
        table = pd.DataFrame(
            {
                "condition": [condition for _, (condition, _) in top],
                "feature": [self.columns[index] for (index, _), _ in top],
                "weight": [float(weight) for (_, weight), _ in top],
            }
        )
        table["towards"] = ["malignant" if w > 0 else "benign" for w in table["weight"]]
        probability = float(self._predict(row[None, :])[0, 1])
        return Explanation(case_id, probability, table, float(result.score), seed)


@remembered(Explanation, depends=("explain",), records=(Explanation,), unkeyed=("explainer",))
def _lime_explanation(explainer: CaseExplainer, fingerprint: str, case_id: str, values: list,
                      seed: int, num_features: int) -> Explanation:  # fmt: skip
    """One explanation, stored with the course's results (``explainer.fingerprint`` and the
    case stand for everything it depends on)."""
    return explainer._compute(case_id, values, seed, num_features)


def jaccard(a: set, b: set) -> float:
    """Overlap of two sets: shared items / all items (1 = the same, 0 = nothing in common).

    >>> jaccard({"a", "b"}, {"b", "c"})
    0.3333333333333333
    """
    union = a | b
    return len(a & b) / len(union) if union else 1.0


@dataclass(frozen=True)
class StabilityReport:
    """How much one case's explanation changes from seed to seed (``stability``'s result).

    ``jaccard_mean`` and ``jaccard_min``: the mean and the smallest top-``k`` Jaccard index over
    every pair of seeds (1 = the same reasons every time); ``sign_agreement``: the share of the
    features named by any seed whose direction (towards malignant or benign) never flips;
    ``local_r2_mean``: the mean local R² (how well LIME's simple model matched the real model
    near the case); ``seeds``: how many seeds were compared; ``k``: how many reasons each.
    """

    jaccard_mean: float
    jaccard_min: float
    sign_agreement: float
    local_r2_mean: float
    seeds: int
    k: int

    def table(self) -> pd.Series:
        """The four measures as a labelled column, for display ("same direction" is the
        sign agreement: the share of reasons that always point the same way).

        >>> print(StabilityReport(0.6, 0.43, 1.0, 0.05, seeds=10, k=5).table())
        mean Jaccard        0.60
        smallest Jaccard    0.43
        same direction      1.00
        mean local R²       0.05
        Name: stability, dtype: float64
        """
        import pandas as pd

        return pd.Series(
            {
                "mean Jaccard": self.jaccard_mean,
                "smallest Jaccard": self.jaccard_min,
                "same direction": self.sign_agreement,
                "mean local R²": self.local_r2_mean,
            },
            name="stability",
        )


def stability(explainer: CaseExplainer, case, seeds=range(10), k: int = 5) -> StabilityReport:
    """How much one case's explanation changes from seed to seed.

    Returns a ``StabilityReport``: the mean and smallest top-``k`` Jaccard index over every pair
    of seeds, the share of features (named by any seed) whose direction never flips, and the
    mean local R² (how well LIME's simple model matched the real model near the case).

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> report = stability(CaseExplainer(model, X_train, y_train), X_test.iloc[0], seeds=[0, 0])
    >>> report.jaccard_mean, report.sign_agreement
    (1.0, 1.0)
    """
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must name at least one seed, e.g. seeds=range(10).")
    explanations = [explainer.explain(case, seed=s, num_features=k) for s in seeds]
    tops = [set(e.table["feature"]) for e in explanations]
    pairs = [jaccard(a, b) for a, b in itertools.combinations(tops, 2)] or [1.0]
    signs: dict[str, set] = {}
    for e in explanations:
        for feature, towards in zip(e.table["feature"], e.table["towards"], strict=True):
            signs.setdefault(feature, set()).add(towards)
    agreement = sum(len(s) == 1 for s in signs.values()) / len(signs)
    return StabilityReport(
        jaccard_mean=sum(pairs) / len(pairs),
        jaccard_min=min(pairs),
        sign_agreement=agreement,
        local_r2_mean=sum(e.local_r2 for e in explanations) / len(explanations),
        seeds=len(seeds),
        k=k,
    )


def global_importance(model, X_test, y_test, random_state: int = models.RANDOM_STATE):
    """Whole-model importances to set beside a local explanation.

    Columns: ``permutation`` (how much the test AUC drops when a feature's values are shuffled,
    mean of 10 shuffles), ``permutation_sd``, and ``weight`` (the logistic regression's weight
    per standard deviation, when the model has one). Sorted by permutation importance.

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> list(global_importance(model, X_test, y_test).columns)
    ['permutation', 'permutation_sd', 'weight']
    """
    import pandas as pd
    from sklearn.inspection import permutation_importance

    result = permutation_importance(model, X_test, y_test, scoring="roc_auc", n_repeats=10,
                                    random_state=random_state)  # fmt: skip
    table = pd.DataFrame(
        {"permutation": result.importances_mean, "permutation_sd": result.importances_std},
        index=list(X_test.columns),
    )
    if hasattr(model[-1], "coef_"):
        table["weight"] = models.feature_weights(model, X_test.columns)
    else:
        table["weight"] = float("nan")
    return table.sort_values("permutation", ascending=False)


def what_if(model, case, feature: str, value: float) -> float:
    """The model's probability of malignancy for ``case`` with one feature set to ``value``.

    Everything else about the case stays as it was. This asks the model itself, not LIME: it
    shows how the probability moves when one measurement changes, which is what a LIME weight
    only estimates. (Real nuclei do not change one measurement alone: a larger radius comes
    with a larger perimeter and area.)

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> case = X_test.loc["W331"]
    >>> what_if(model, case, "area_worst", 400.0) < what_if(model, case, "area_worst", 2000.0)
    True
    """
    changed = inputs.check_case_row(case).copy()
    inputs.check_feature(feature, changed.index, source="the case's features")
    changed[feature] = inputs.check_number(value, "value")
    return float(models.probability_malignant(model, changed.to_frame().T)[0])


def where_case_sits(case, X_train, y_train, features) -> pd.DataFrame:
    """Where one case's values sit among the benign and the malignant training cases.

    One row per feature: the case's ``value``, and the percentage of benign and of malignant
    training cases with a lower value (``below_in_benign``, ``below_in_malignant``). A value
    above 95% of benign cases but in the middle of the malignant ones looks malignant on that
    measurement.

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> where_case_sits(X_test.loc["W331"], X_train, y_train, ["area_worst"]).columns.tolist()
    ['value', 'below_in_benign', 'below_in_malignant']
    """
    import pandas as pd

    features = list(features)
    for feature in features:
        inputs.check_feature(feature, X_train.columns, source="the columns of X_train")
    case = inputs.check_case_row(case, features)
    rows = {}
    for feature in features:
        value = float(case[feature])
        column = X_train[feature]
        rows[feature] = {
            "value": value,
            "below_in_benign": 100 * float((column[y_train == 0] < value).mean()),
            "below_in_malignant": 100 * float((column[y_train == 1] < value).mean()),
        }
    return pd.DataFrame.from_dict(rows, orient="index")
