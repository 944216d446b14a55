"""bcc_teach.inputs: each check lets a good input through and gives each bad input its message."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bcc_teach import data, inputs

FEATURES = list(data.FEATURES)
X, Y = data.load_wdbc_xy()


def _raises(message: str):
    return pytest.raises(ValueError, match=message)


# --------------------------------------------------------------------------------------------
# Numbers, proportions, thresholds, counts
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1, 0.95, np.float32(0.5), np.float64(0.25)])
def test_a_proportion_passes_as_a_float(value):
    result = inputs.check_proportion(value, "sensitivity")
    assert result == pytest.approx(float(value)) and type(result) is float


@pytest.mark.parametrize(
    "value, message",
    [
        (95, "sensitivity must be a proportion between 0 and 1, got 95. It looks like a "
             "percentage: write 0.95 for 95%"),
        (-0.1, "got -0.1\\.$"),
        (101, "got 101\\.$"),  # above 100 is no percentage either
        ("0.9", "got text \\('0.9'\\)\\. Write it without quotes: 0.9\\."),
        ("high", "got text \\('high'\\)\\.$"),
        (True, "got True \\(True/False\\)"),
        (None, "got nothing \\(None\\)"),
        (float("nan"), "got nan"),
        ([0.9], "got a list"),
    ],
)  # fmt: skip
def test_a_bad_proportion_says_what_and_how(value, message):
    with _raises(message):
        inputs.check_proportion(value, "sensitivity")


def test_a_threshold_passes():
    assert inputs.check_threshold(0.3) == 0.3
    assert inputs.check_threshold(0) == 0.0 and inputs.check_threshold(1) == 1.0
    assert inputs.check_threshold(np.float32(0.5)) == 0.5


@pytest.mark.parametrize(
    "value, message",
    [
        ("0.3", "threshold must be a number between 0 and 1, got text \\('0.3'\\)\\. Write it "
                "without quotes: 0.3\\."),
        ("high", "got text \\('high'\\)\\.$"),
        (50, "got 50\\. It looks like a percentage: write 0.5 for 50%\\."),
        (1.5, "got 1.5\\. It looks like a percentage: write 0.015 for 1.5%\\."),
        (-0.2, "got -0.2\\.$"),
        (True, "got True \\(True/False\\)"),
        (float("nan"), "got nan"),
        (None, "got nothing \\(None\\)"),
    ],
)  # fmt: skip
def test_a_bad_threshold_says_what_and_how(value, message):
    with _raises(message):
        inputs.check_threshold(value)


def test_numbers_and_whole_numbers():
    assert inputs.check_number(400, "value") == 400.0
    assert inputs.check_number(np.float64(-1.5), "value") == -1.5
    with _raises("value must be a number, got text \\('400'\\)\\. Write it without quotes"):
        inputs.check_number("400", "value")
    with _raises("value must be a number, got text \\('big'\\)\\.$"):
        inputs.check_number("big", "value")
    with _raises("value must be a finite number, got inf"):
        inputs.check_number(float("inf"), "value")
    with _raises("value must be a number, got True"):
        inputs.check_number(True, "value")
    assert inputs.check_whole_number(np.int64(5), "women", minimum=1) == 5
    for bad, shown in ((0, "0"), (2.5, "2.5"), ("5", "text"), (True, "True")):
        with _raises(f"women must be a whole number of at least 1, got {shown}"):
            inputs.check_whole_number(bad, "women", minimum=1)


# --------------------------------------------------------------------------------------------
# True labels and probabilities
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "labels", [[1, 0, 0], [1.0, 0.0], [True, False], np.array([0, 1]), Y, Y.to_frame()]
)
def test_labels_coded_one_for_malignant_pass(labels):
    y = inputs.check_labels(labels)
    assert y.dtype.kind == "i" and set(y.tolist()) <= {0, 1} and y.ndim == 1


@pytest.mark.parametrize(
    "labels, message",
    [
        (["M", "B", "B"], "y_true holds text labels \\('B', 'M'\\); it must hold 1 \\(malignant\\) "
                          "and 0 \\(benign\\)\\. Recode it with \\(table\\[\"diagnosis\"\\] =="),
        (["malignant", "benign"], "text labels \\('benign', 'malignant'\\)"),
        (["yes", "no"], "holds text \\('no', 'yes'\\)"),
        ([2, 4, 4], "it also holds 2, 4 .*original Wisconsin file's coding: recode it with "
                    "\\(y == 4\\)"),
        ([-1, 1], "it also holds -1 .*coding of −1 and 1"),
        ([0.2, 0.9], "These look like probabilities: y_true is the recorded diagnosis"),
        ([1, None], "it also holds None .*A missing diagnosis cannot be scored"),
        ([1, float("nan")], "it also holds nan .*missing diagnosis"),
        (pd.Series([1, None], dtype="Int64"), "it also holds nan .*missing diagnosis"),
        ([1, 0, 3], "it also holds 3 \\(at position 2\\)\\. data.load_wdbc_xy\\(\\) gives y"),
        ([], "y_true is empty"),
        (1, "one value per case .*got a whole number \\(1\\)"),
        ("M", "one value per case .*got text \\('M'\\)"),
        ([[1, 0], [0, 1]], "one column of values, one per case; got a table of shape \\(2, 2\\)"),
        (1 - Y, "357 cases coded 1 out of 569: that is scikit-learn's copy of the data"),
    ],
)  # fmt: skip
def test_bad_labels_say_what_and_how(labels, message):
    with _raises(message):
        inputs.check_labels(labels)


def test_bad_labels_are_named_by_case_id():
    y = pd.Series([1, 0, 2, 0], index=["W1", "W2", "W3", "W4"])
    with _raises("it also holds 2 \\(at case W3\\)"):
        inputs.check_labels(y)
    with _raises("y_test must hold 1"):
        inputs.check_labels(y, "y_test")


@pytest.mark.parametrize(
    "p", [[0.9, 0.2], np.array([0.0, 1.0]), pd.Series([0.5, 0.5]), np.array([[0.2], [0.3]])]
)
def test_probabilities_pass_as_floats(p):
    result = inputs.check_probabilities(p)
    assert result.dtype == float and result.ndim == 1 and len(result) == 2


@pytest.mark.parametrize(
    "p, message",
    [
        ([[0.1, 0.9], [0.8, 0.2]], "got a table of shape \\(2, 2\\)\\. For predict_proba, take "
                                   "the malignant column: model.predict_proba\\(X\\)\\[:, 1\\]"),
        ([0.5, 1.5], "between 0 and 1; 1 value\\(s\\) are not \\(1.5 at position 1\\)"),
        ([0.5, -2, 3, 4, 5], "4 value\\(s\\) are not \\(-2, 3, 4 at positions 1, 2, 3, …\\)"),
        ([0.5, float("nan")], "are not \\(nan at position 1\\)"),
        ([0.5, float("inf")], "are not \\(inf at position 1\\)"),
        (["high", "low"], "must be numbers: probabilities of malignancy"),
        (0.5, "one value per case .*got a single number \\(0.5\\)"),
        (None, "one value per case .*got nothing \\(None\\)"),
        ([], "p_malignant is empty"),
    ],
)  # fmt: skip
def test_bad_probabilities_say_what_and_how(p, message):
    with _raises(message):
        inputs.check_probabilities(p)


def test_probabilities_named_by_case_and_counted_against_the_labels():
    with _raises("\\(1.5 at case W2\\)"):
        inputs.check_probabilities(pd.Series([0.5, 1.5], index=["W1", "W2"]))
    with _raises("y_true has 3 cases but p_malignant has 2; they must match"):
        inputs.check_probabilities([0.5, 0.2], cases=3)
    with _raises("y_true has 1 case but"):
        inputs.check_probabilities([0.5, 0.2], cases=1)


def test_labels_and_probabilities_together():
    y, p = inputs.check_labels_and_probabilities(Y, np.full(len(Y), 0.5))
    assert y.tolist() == Y.tolist() and p.shape == (569,)
    with _raises("y_true and p_malignant are empty: there are no cases to measure"):
        inputs.check_labels_and_probabilities([], [])
    with _raises("y_true has 2 cases but p_malignant has 1"):
        inputs.check_labels_and_probabilities([1, 0], [0.5])
    with _raises("p_malignant must be one value per case"):
        inputs.check_labels_and_probabilities([1, 0], 0.5)
    with _raises("y_true holds text labels"):
        inputs.check_labels_and_probabilities(["M", "B"], [0.5, 0.2])


# --------------------------------------------------------------------------------------------
# Features, tables, case rows
# --------------------------------------------------------------------------------------------


def test_feature_names():
    assert inputs.check_feature("radius_mean", FEATURES) == "radius_mean"
    with _raises(
        "'area_men' is not one of the features\\. Choose from data.FEATURES, e.g. "
        "'radius_mean', 'texture_mean'\\. Did you mean 'area_mean'\\?"
    ):
        inputs.check_feature("area_men", FEATURES)
    with _raises("Did you mean 'radius_mean'"):
        inputs.check_feature("Radius_Mean ", FEATURES)  # capitals and a stray space
    with _raises("'age' is not one of the features\\. Choose from the case's features"):
        inputs.check_feature("age", FEATURES, source="the case's features")
    with _raises("A feature is named by text, such as 'radius_mean'; got a whole number \\(3\\)"):
        inputs.check_feature(3, FEATURES)
    with _raises("got a list"):
        inputs.check_feature(["radius_mean"], FEATURES)
    with _raises("There are no features to choose 'x' from"):
        inputs.check_feature("x", [])


def test_table_columns():
    table = data.load_wdbc()
    assert inputs.check_columns(table, ["diagnosis", "radius_mean"]) is table
    with _raises("table lacks the column 'diagnosis'; it needs 'diagnosis', 'radius_mean', as "
                 "in data.load_wdbc\\(\\)"):  # fmt: skip
        inputs.check_columns(table.drop(columns="diagnosis"), ["diagnosis", "radius_mean"])
    with _raises("X_train lacks the 2 columns 'a', 'b'"):
        inputs.check_columns(table, ["a", "b"], what="X_train")
    with _raises("lacks the 7 columns 'a', 'b', 'c', 'd', 'e', …"):
        inputs.check_columns(table, list("abcdefg"))
    with _raises(
        "table must be a table \\(a pandas DataFrame\\) with the column\\(s\\) 'diagnosis', "
        "such as data.load_wdbc\\(\\); got a list"
    ):
        inputs.check_columns([1, 2, 3], ["diagnosis"])


def test_a_case_row_passes_as_its_features_in_order():
    row = inputs.check_case_row(X.loc["W331"], FEATURES)
    assert row.name == "W331" and list(row.index) == FEATURES and row.dtype == float
    assert inputs.check_case_row(X.loc[["W331"]], FEATURES).equals(row)  # a one-row table
    assert list(inputs.check_case_row(X.loc["W331"], ["area_worst", "radius_mean"]).index) == [
        "area_worst",
        "radius_mean",
    ]
    assert len(inputs.check_case_row(X.loc["W331"])) == 30  # by default, all it has


def test_a_bad_case_row_says_what_and_how():
    with _raises("Give one case at a time: case is a table of 2 rows\\. Pick one row, e\\.g\\."):
        inputs.check_case_row(X.head(2), FEATURES)
    with _raises("a table of 0 rows"):
        inputs.check_case_row(X.head(0), FEATURES)
    with _raises("case must be one row of X \\(a pandas Series\\), e.g. X_test.loc\\['W331'\\]; "
                 "got a list"):  # fmt: skip
        inputs.check_case_row([1, 2, 3], FEATURES)
    with _raises("case lacks the feature\\(s\\) radius_mean, area_mean \\(2 of the 30 the model "
                 "uses\\)"):  # fmt: skip
        inputs.check_case_row(X.loc["W331"].drop(["radius_mean", "area_mean"]), FEATURES)
    text = X.loc["W331"].astype(object)
    text["radius_mean"] = "big"
    with _raises("case has values that are missing or not numbers: radius_mean = 'big'"):
        inputs.check_case_row(text, FEATURES)
    with _raises("her_case must be one row"):
        inputs.check_case_row({"radius_mean": 1.0}, FEATURES, name="her_case")


def test_inputs_imports_nothing_of_bcc_teach():
    """The lowest layer: it may use NumPy and pandas only."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(inputs.__file__).read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported <= {"__future__", "difflib", "math", "numbers", "typing", "numpy", "pandas"}
