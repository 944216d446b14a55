"""Checks of what goes into the kit's functions, with messages a clinician can act on.

Every function of ``metrics``, ``explain`` and ``data`` checks its inputs here (in the spirit of
``sklearn.utils.validation``), so that a wrong input gets one clear message, wherever it was
passed: what is wrong (which argument, case, or column; what type was expected) and how to fix it.
Each check returns the value in the form the computation needs, or raises a ``ValueError``.

    >>> from bcc_teach import inputs
    >>> inputs.check_proportion(95, "sensitivity")
    Traceback (most recent call last):
    ...
    ValueError: sensitivity must be a proportion between 0 and 1, got 95. It looks like a percentage: write 0.95 for 95%.

This module sits at the bottom of the package: it imports no other part of ``bcc_teach``, so
callers pass in what to check against (the feature names, the columns a table needs).
"""  # noqa: E501

from __future__ import annotations

import difflib
import math
import numbers
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and pandas are imported inside the functions: `import bcc_teach` is cheap
    import numpy as np
    import pandas as pd

__all__ = [
    "check_case_row",
    "check_columns",
    "check_feature",
    "check_labels",
    "check_labels_and_probabilities",
    "check_number",
    "check_probabilities",
    "check_proportion",
    "check_threshold",
    "check_whole_number",
]

#: How many offending values or names a message spells out.
_SHOWN = 3


_KINDS = {
    "NoneType": "nothing (None)",
    "list": "a list",
    "tuple": "a tuple",
    "dict": "a dictionary",
    "set": "a set",
    "ndarray": "a NumPy array",
    "Series": "a pandas Series (a column)",
    "DataFrame": "a table (a pandas DataFrame)",
}


def _type_name(value: object) -> str:
    """What kind of object ``value`` is, in words: "text ('high')", "a list", "a number (3)"."""
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, bool):
        return f"{value} (True/False)"
    if isinstance(value, numbers.Integral):
        return f"a whole number ({value!r})"
    if isinstance(value, numbers.Real):
        return f"a single number ({value!r})"
    name = type(value).__name__
    return _KINDS.get(name, f"an object of type {name}")


def _is_number(value: object) -> bool:
    """A real number (also NumPy's), not True/False and not text."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | str)


def _is_label(value: object) -> bool:
    """0 or 1 (also 0.0, 1.0, True, False); never asks ``==`` of anything else (pandas' NA)."""
    return (_is_number(value) or isinstance(value, bool)) and value in (0, 1)


def _where(values, positions) -> str:
    """Name the cases at ``positions``: by their labels (case_id) if ``values`` has an index."""
    index = values.index if hasattr(values, "iloc") else None  # a pandas Series or table
    if index is not None and type(index).__name__ != "RangeIndex":
        names = [str(index[i]) for i in positions[:_SHOWN]]
        label = "case" if len(positions) == 1 else "cases"
    else:
        names = [str(i) for i in positions[:_SHOWN]]
        label = "position" if len(positions) == 1 else "positions"
    more = ", …" if len(positions) > _SHOWN else ""
    return f"{label} {', '.join(names)}{more}"


def _text_hint(value: str) -> str:
    """For a number written as text ('0.3'): how to write it as a number."""
    try:
        float(value)
    except ValueError:
        return ""
    return f" Write it without quotes: {value.strip()}."


def check_number(value: object, name: str) -> float:
    """A finite number (such as 14.2); else a ValueError naming ``name``.

    >>> check_number(400, "value")
    400.0
    >>> check_number("400", "value")
    Traceback (most recent call last):
    ...
    ValueError: value must be a number, got text ('400'). Write it without quotes: 400.
    """
    if not _is_number(value):
        hint = _text_hint(value) if isinstance(value, str) else ""
        raise ValueError(f"{name} must be a number, got {_type_name(value)}.{hint}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}.")
    return float(value)


def _between_0_and_1(value: object, name: str, kind: str) -> float:
    """``value`` as a float if it is a number from 0 to 1; else say what it is, and how to fix it
    (text that reads as a number; a percentage, from 1 to 100)."""
    if _is_number(value) and math.isfinite(value) and 0 <= value <= 1:
        return float(value)
    shown = repr(value) if _is_number(value) else _type_name(value)
    hint = _text_hint(value) if isinstance(value, str) else ""
    if _is_number(value) and 1 < value <= 100:
        hint = f" It looks like a percentage: write {value / 100:g} for {value:g}%."
    raise ValueError(f"{name} must be {kind} between 0 and 1, got {shown}.{hint}")


def check_proportion(value: object, name: str) -> float:
    """A proportion (a rate, a share) between 0 and 1, such as a sensitivity of 0.95.

    A value between 1 and 100 is taken for a percentage, and the message says so.

    >>> check_proportion(0.95, "sensitivity")
    0.95
    >>> check_proportion(1.2, "specificity")
    Traceback (most recent call last):
    ...
    ValueError: specificity must be a proportion between 0 and 1, got 1.2. It looks like a percentage: write 0.012 for 1.2%.
    """  # noqa: E501
    return _between_0_and_1(value, name, "a proportion")


def check_threshold(threshold: object, name: str = "threshold") -> float:
    """A threshold on the probability of malignancy: a number between 0 and 1.

    >>> check_threshold(0.3)
    0.3
    >>> check_threshold("0.3")
    Traceback (most recent call last):
    ...
    ValueError: threshold must be a number between 0 and 1, got text ('0.3'). Write it without quotes: 0.3.
    """  # noqa: E501
    return _between_0_and_1(threshold, name, "a number")


def check_whole_number(value: object, name: str, minimum: int = 0) -> int:
    """A whole number (a count of women, of cases) of at least ``minimum``.

    >>> check_whole_number(1000, "women", minimum=1)
    1000
    >>> check_whole_number(0.5, "women", minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: women must be a whole number of at least 1, got 0.5.
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < minimum:
        shown = repr(value) if _is_number(value) else _type_name(value)
        raise ValueError(f"{name} must be a whole number of at least {minimum}, got {shown}.")
    return int(value)


def _one_column(values, name: str, example: str) -> np.ndarray:
    """``values`` as a 1-D NumPy array (a Series, a list, a one-column table); else ValueError."""
    import numpy as np

    if isinstance(values, str | bytes) or np.ndim(values) == 0:
        raise ValueError(
            f"{name} must be one value per case (a list, an array or a column), got "
            f"{_type_name(values)}. For example: {example}."
        )
    array = np.asarray(values)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be one column of values, one per case; got a table of shape "
            f"{array.shape}. For example: {example}."
        )
    return array


_TEXT_LABELS = {"m", "b", "malignant", "benign"}


def check_labels(y_true, name: str = "y_true") -> np.ndarray:
    """True diagnoses coded **1 = malignant, 0 = benign**, one per case; returned as integers.

    Text labels ("M"/"B", "malignant"/"benign"), the original Wisconsin file's coding (2 and 4),
    and scikit-learn's own copy of the data (``load_breast_cancer``, 0 = malignant) are refused
    with a message that says how to recode them.

    >>> check_labels([1, 0, 0]).tolist()
    [1, 0, 0]
    >>> check_labels(["M", "B", "B"])
    Traceback (most recent call last):
    ...
    ValueError: y_true holds text labels ('B', 'M'); it must hold 1 (malignant) and 0 (benign). Recode it with (table["diagnosis"] == "malignant").astype(int), or use data.load_wdbc_xy().
    """  # noqa: E501
    import pandas as pd

    y = _one_column(y_true, name, "y_test from data.load_wdbc_xy() and models.split()")
    if len(y) == 0:
        raise ValueError(f"{name} is empty: there are no cases.")
    values = sorted(set(y.tolist()), key=str)
    if any(isinstance(v, str) for v in values):
        shown = ", ".join(repr(v) for v in values[:_SHOWN])
        looks_like = all(str(v).strip().lower() in _TEXT_LABELS for v in values)
        kind = "text labels" if looks_like else "text"
        raise ValueError(
            f"{name} holds {kind} ({shown}); it must hold 1 (malignant) and 0 (benign). Recode "
            'it with (table["diagnosis"] == "malignant").astype(int), or use data.load_wdbc_xy().'
        )
    other = [v for v in values if not _is_label(v)]
    if other:
        shown = ", ".join(repr(v) for v in other[:_SHOWN])
        wrong = [i for i, v in enumerate(y.tolist()) if not _is_label(v)]
        if set(values) <= {2, 4}:
            hint = (
                " 2 = benign and 4 = malignant is the original Wisconsin file's coding: recode "
                "it with (y == 4).astype(int)."
            )
        elif set(values) <= {-1, 1}:
            hint = " For a coding of −1 and 1, recode it with (y == 1).astype(int)."
        elif any(v is None or v is pd.NA or (_is_number(v) and math.isnan(v)) for v in other):
            hint = (
                " A missing diagnosis cannot be scored: leave out the cases whose diagnosis is "
                "not known."
            )
        elif all(_is_number(v) and 0 < v < 1 for v in other):
            hint = (
                " These look like probabilities: y_true is the recorded diagnosis, and the "
                "probabilities go in p_malignant."
            )
        else:
            hint = " data.load_wdbc_xy() gives y in this coding."
        raise ValueError(
            f"{name} must hold 1 (malignant) and 0 (benign) only; it also holds {shown} "
            f"(at {_where(y_true, wrong)}).{hint}"
        )
    y = y.astype(int)
    if len(y) == 569 and int(y.sum()) == 357:
        raise ValueError(
            f"{name} has 357 cases coded 1 out of 569: that is scikit-learn's copy of the data "
            "(load_breast_cancer), where 1 = benign and 0 = malignant. This course codes "
            "malignant = 1: use data.load_wdbc_xy(), or recode with 1 - y."
        )
    return y


def check_probabilities(p_malignant, name: str = "p_malignant", cases: int | None = None):
    """Probabilities of malignancy, one per case: finite numbers between 0 and 1.

    With ``cases``, there must be that many (one per true label).

    >>> check_probabilities([0.9, 0.2]).tolist()
    [0.9, 0.2]
    >>> check_probabilities([[0.1, 0.9], [0.8, 0.2]])
    Traceback (most recent call last):
    ...
    ValueError: p_malignant must be one column of values, one per case; got a table of shape (2, 2). For predict_proba, take the malignant column: model.predict_proba(X)[:, 1].
    """  # noqa: E501
    import numpy as np

    example = "model.predict_proba(X)[:, 1]"
    if np.ndim(p_malignant) == 2 and np.shape(p_malignant)[1] == 2:
        raise ValueError(
            f"{name} must be one column of values, one per case; got a table of shape "
            f"{np.shape(p_malignant)}. For predict_proba, take the malignant column: {example}."
        )
    p = _one_column(p_malignant, name, example)
    try:
        p = p.astype(float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be numbers: probabilities of malignancy, such as {example}."
        ) from None
    if cases is not None and len(p) != cases:
        raise ValueError(
            f"y_true has {cases} case{'s' * (cases != 1)} but {name} has {len(p)}; they must "
            "match (one probability per case, for the same cases in the same order)."
        )
    if len(p) == 0:
        raise ValueError(f"{name} is empty: there are no cases.")
    bad = np.flatnonzero(~np.isfinite(p) | (p < 0) | (p > 1))
    if len(bad):
        values = ", ".join(f"{p[i]:g}" for i in bad[:_SHOWN])
        raise ValueError(
            f"{name} must be probabilities between 0 and 1; {len(bad)} value(s) are not "
            f"({values} at {_where(p_malignant, bad)}). Use model.predict_proba(X)[:, 1], not "
            "decision_function (scores) or percentages."
        )
    return p


def check_labels_and_probabilities(y_true, p_malignant) -> tuple[np.ndarray, np.ndarray]:
    """True labels (1 = malignant) and probabilities of malignancy for the same cases.

    Returns both as NumPy arrays: ``y`` as integers, ``p`` as floats.

    >>> y, p = check_labels_and_probabilities([1, 0], [0.9, 0.2])
    >>> y.tolist(), p.tolist()
    ([1, 0], [0.9, 0.2])
    """
    if isinstance(p_malignant, str | bytes) or not hasattr(p_malignant, "__len__"):
        check_probabilities(p_malignant)  # says what was expected
    if (
        hasattr(y_true, "__len__")
        and not isinstance(y_true, str)
        and len(y_true) == 0
        and len(p_malignant) == 0
    ):
        raise ValueError("y_true and p_malignant are empty: there are no cases to measure.")
    y = check_labels(y_true)
    return y, check_probabilities(p_malignant, cases=len(y))


def check_feature(name: object, choices, source: str = "data.FEATURES") -> str:
    """``name`` if it is one of the feature names ``choices``; else a ValueError with a suggestion.

    ``source`` says where the learner finds the allowed names.

    >>> check_feature("radius_mean", ["radius_mean", "area_mean"])
    'radius_mean'
    >>> check_feature("area_men", ["radius_mean", "area_mean"])
    Traceback (most recent call last):
    ...
    ValueError: 'area_men' is not one of the features. Choose from data.FEATURES, e.g. 'radius_mean', 'area_mean'. Did you mean 'area_mean'?
    """  # noqa: E501
    choices = tuple(str(c) for c in choices)
    if isinstance(name, str) and name in choices:
        return name
    if not choices:
        raise ValueError(f"There are no features to choose {name!r} from (in {source}).")
    if not isinstance(name, str):
        raise ValueError(
            f"A feature is named by text, such as {choices[0]!r}; got {_type_name(name)}."
        )
    close = difflib.get_close_matches(name.strip().lower(), choices, n=1) or (
        difflib.get_close_matches(name, choices, n=1)
    )
    hint = f" Did you mean {close[0]!r}?" if close else ""
    examples = ", ".join(repr(c) for c in choices[:2])
    raise ValueError(
        f"{name!r} is not one of the features. Choose from {source}, e.g. {examples}.{hint}"
    )


def check_columns(table, columns, what: str = "table", example: str = "data.load_wdbc()"):
    """``table`` if it is a pandas DataFrame with every column in ``columns``; else a ValueError.

    The message names each missing column and says which table would have them.

    >>> import pandas as pd
    >>> check_columns(pd.DataFrame({"radius_mean": [1.0]}), ["diagnosis", "radius_mean"])
    Traceback (most recent call last):
    ...
    ValueError: table lacks the column 'diagnosis'; it needs 'diagnosis', 'radius_mean', as in data.load_wdbc().
    """  # noqa: E501
    import pandas as pd

    columns = list(columns)
    needed = ", ".join(repr(c) for c in columns)
    if not isinstance(table, pd.DataFrame):
        raise ValueError(
            f"{what} must be a table (a pandas DataFrame) with the column(s) {needed}, such as "
            f"{example}; got {_type_name(table)}."
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        shown = ", ".join(repr(c) for c in missing[:5]) + (", …" if len(missing) > 5 else "")
        label = "column" if len(missing) == 1 else f"{len(missing)} columns"
        raise ValueError(f"{what} lacks the {label} {shown}; it needs {needed}, as in {example}.")
    return table


def check_case_row(case, features=None, name: str = "case") -> pd.Series:
    """One case: a row of X (a pandas Series), or a table of one row, with every feature named.

    ``features`` are the feature names the model was trained on (such as the 30 of
    ``data.FEATURES``; by default, every value the case has). Returns the case's values of those
    features, in that order, as numbers (the Series keeps the case's label, e.g. its case_id).

    >>> import pandas as pd
    >>> row = pd.Series({"radius_mean": 14.2, "area_mean": 630.0}, name="W331")
    >>> check_case_row(row, ["area_mean"]).to_dict()
    {'area_mean': 630.0}
    >>> check_case_row(pd.concat([row, row], axis=1).T, ["area_mean"])
    Traceback (most recent call last):
    ...
    ValueError: Give one case at a time: case is a table of 2 rows. Pick one row, e.g. X_test.loc['W331'].
    """  # noqa: E501
    import pandas as pd

    if isinstance(case, pd.DataFrame):
        if len(case) != 1:
            raise ValueError(
                f"Give one case at a time: {name} is a table of {len(case)} rows. Pick one row, "
                "e.g. X_test.loc['W331']."
            )
        case = case.iloc[0]
    if not isinstance(case, pd.Series):
        raise ValueError(
            f"{name} must be one row of X (a pandas Series), e.g. X_test.loc['W331']; got "
            f"{_type_name(case)}."
        )
    features = list(case.index if features is None else features)
    missing = [f for f in features if f not in case.index]
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        raise ValueError(
            f"{name} lacks the feature(s) {shown} ({len(missing)} of the {len(features)} the "
            "model uses). Take the case from the same table as the training cases, e.g. "
            "X_test.loc['W331']."
        )
    values = pd.to_numeric(case[features], errors="coerce")
    bad = [f for f in features if not math.isfinite(values[f])]
    if bad:
        shown = ", ".join(f"{f} = {case[f]!r}" for f in bad[:_SHOWN])
        raise ValueError(f"{name} has values that are missing or not numbers: {shown}.")
    return values.astype(float)
