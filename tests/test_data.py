"""The bundled datasets: content, coding of the classes, pseudonymisation, checksums."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer

from bcc_teach import data


def test_wdbc_matches_scikit_learns_copy_with_malignant_as_positive():
    # scikit-learn ships the same 569 cases offline, coded 0 = malignant; ours must say 1.
    X, y = data.load_wdbc_xy()
    reference = load_breast_cancer()
    np.testing.assert_array_equal(X.to_numpy(), reference.data)
    np.testing.assert_array_equal(y.to_numpy(), 1 - reference.target)
    assert list(reference.target_names) == ["malignant", "benign"]


def test_feature_names_follow_the_file_order():
    assert len(data.FEATURES) == 30
    assert data.FEATURES[:3] == ("radius_mean", "texture_mean", "perimeter_mean")
    assert data.FEATURES[10] == "radius_se"
    assert data.FEATURES[20] == "radius_worst"
    assert data.FEATURES[-1] == "fractal_dimension_worst"
    sklearn_names = load_breast_cancer().feature_names
    for ours, theirs in zip(data.FEATURES, sklearn_names, strict=True):
        base, stat = ours.rsplit("_", 1)
        words = base.replace("_", " ")
        expected = {"mean": f"mean {words}", "se": f"{words} error", "worst": f"worst {words}"}
        assert theirs == expected[stat]


def test_load_wdbc_is_pseudonymous_unless_ids_are_asked_for():
    table = data.load_wdbc()
    assert table.shape == (569, 32)
    assert list(table.columns[:2]) == ["case_id", "diagnosis"]
    assert "uci_id" not in table.columns
    assert table["case_id"].is_unique
    assert table["case_id"].iloc[0] == "W001" and table["case_id"].iloc[-1] == "W569"
    assert table["diagnosis"].value_counts().to_dict() == {"benign": 357, "malignant": 212}
    with_ids = data.load_wdbc(include_uci_id=True)
    assert with_ids["uci_id"].iloc[0] == 842302
    pd.testing.assert_frame_equal(with_ids.drop(columns="uci_id"), table)


def test_xy_are_aligned_by_case_id():
    X, y = data.load_wdbc_xy()
    table = data.load_wdbc()
    assert X.index.name == y.index.name == "case_id"
    assert list(X.index) == list(y.index) == list(table["case_id"])
    assert y.name == "malignant" and set(y.unique()) == {0, 1}
    assert (y == 1).tolist() == (table["diagnosis"] == "malignant").tolist()


def test_worst_is_never_below_mean_in_the_bundled_data():
    table = data.load_wdbc()
    for base in data.BASE_FEATURES:
        assert (table[f"{base}_worst"] >= table[f"{base}_mean"]).all(), base


def test_original_data_keeps_missing_values_and_repeated_ids():
    table = data.load_wbc_original()
    assert table.shape == (699, 13)
    assert table["diagnosis"].value_counts().to_dict() == {"benign": 458, "malignant": 241}
    assert int(table["bare_nuclei"].isna().sum()) == 16
    scores = table[list(data.WBC_FEATURES)]
    assert scores.min().min() == 1 and scores.max().max() == 10
    assert table["case_id"].is_unique
    # 54 rows repeat an earlier sample code; they share an id_group and no raw id is shown.
    assert int(table["id_group"].duplicated().sum()) == 54
    assert "uci_id" not in table.columns
    raw = data.load_wbc_original(include_uci_id=True)
    assert (raw.groupby("id_group")["uci_id"].nunique() == 1).all()
    assert table["batch"].value_counts().sort_index().tolist() == [367, 70, 31, 17, 48, 49, 31, 86]
    # The source's documentation gives batch 1 as 200 benign and 167 malignant cases.
    first = table.loc[table["batch"] == 1, "diagnosis"].value_counts().to_dict()
    assert first == {"benign": 200, "malignant": 167}


def test_bundled_files_pass_their_checksums():
    assert data.verify_bundled_data() == [
        ("wbc_original.csv", True, "matches its published checksum"),
        ("wdbc.csv", True, "matches its published checksum"),
    ]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may damage; the package is pointed at it."""
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    monkeypatch.setenv("BCC_TEACH_DATA", str(copy))
    return copy


def test_a_changed_bundled_file_is_refused(data_copy):
    path = data_copy / "wdbc.csv"
    path.write_text(path.read_text().replace("17.99", "17.98", 1))
    with pytest.raises(data.DataError, match=r"wdbc\.csv.*changed.*git checkout -- data/wdbc\.csv"):
        data.load_wdbc()
    results = dict((name, ok) for name, ok, _ in data.verify_bundled_data())
    assert results == {"wbc_original.csv": True, "wdbc.csv": False}


def test_a_missing_bundled_file_is_refused(data_copy):
    (data_copy / "wbc_original.csv").unlink()
    with pytest.raises(data.DataError, match=r"wbc_original\.csv.*missing"):
        data.load_wbc_original()


def test_a_missing_checksum_list_is_reported(data_copy):
    (data_copy / "SHA256SUMS").unlink()
    with pytest.raises(data.DataError, match="SHA256SUMS.*cannot read"):
        data.load_wdbc()


def test_describe_feature_speaks_clinically():
    text = data.describe_feature("concave_points_worst")
    assert text.startswith("concave_points_worst — how many inward dents")
    assert "three largest" in text
    assert "benign 0.07431" in text and "malignant 0.182" in text
    assert "pleomorphism" in data.describe_feature("area_se")
    assert "grey levels" in data.describe_feature("texture_mean")
    for feature in data.FEATURES:
        assert "Unit:" in data.describe_feature(feature)


def test_compactness_formula_is_given_as_the_courses_inference_with_true_figures():
    wdbc = data.load_wdbc()
    unwrapped = data.describe_feature("compactness_mean", width=None)
    assert "The dataset's notes write perimeter² / area − 1" in unwrapped
    assert "perimeter² / (4π × area) − 1" in unwrapped
    assert "an inference from the data, not a published formula" in unwrapped
    assert " is perimeter² / (4π" not in unwrapped  # never stated as a fact
    # The figures in the sentence, recomputed.
    assert f"4π − 1 (about {4 * np.pi - 1:.1f})" in unwrapped
    compactness = wdbc[[f"compactness_{stat}" for stat in data.STATISTICS]]
    assert compactness.max().max() < 4 * np.pi - 1  # "far above every recorded value"
    inferred = wdbc["perimeter_mean"] ** 2 / (4 * np.pi * wdbc["area_mean"]) - 1
    r = np.corrcoef(inferred, wdbc["compactness_mean"])[0, 1]
    assert f"correlation of {r:.2f}" in unwrapped
    card = (data.data_dir() / "README.md").read_text(encoding="utf-8")
    assert f"at most {compactness.max().max():.4g}" in " ".join(card.split())
    assert "an inference from the data, not a published formula" in " ".join(card.split())


@pytest.mark.parametrize("feature", data.FEATURES)
def test_described_features_wrap_at_word_boundaries(feature):
    text = data.describe_feature(feature)
    unwrapped = data.describe_feature(feature, width=None)
    lines = text.splitlines()
    assert max(map(len, lines)) <= data.summary.WIDTH
    # Each statement starts a line; its continuation lines are indented, and joining them
    # with single spaces gives the statement back: no word was cut.
    statements = []
    for line in lines:
        if line.startswith("  "):
            statements[-1] += " " + line[2:]
        else:
            statements.append(line)
    assert statements == unwrapped.splitlines()
    assert max(map(len, data.describe_feature(feature, width=40).splitlines())) <= 40


def test_describe_feature_width_is_checked():
    with pytest.raises(ValueError, match="width must be a whole number of at least 20"):
        data.describe_feature("radius_mean", width=5)


def test_unknown_feature_names_get_a_suggestion():
    with pytest.raises(ValueError, match="Did you mean 'radius_mean'"):
        data.describe_feature("radius_meen")
    with pytest.raises(ValueError, match="not one of the features"):
        data.feature_unit("age")


def test_feature_units():
    assert data.feature_unit("area_worst") == "square image units"
    assert data.feature_unit("radius_se") == "image units"
    assert data.feature_unit("texture_mean") == "grey levels"
    assert data.feature_unit("smoothness_mean") == "no unit"


def test_feature_summary_by_diagnosis():
    table = data.load_wdbc()
    summary = data.feature_summary(table, "radius_mean")
    assert list(summary.index) == ["benign", "malignant"]
    assert summary["cases"].tolist() == [357, 212]
    malignant = table.loc[table["diagnosis"] == "malignant", "radius_mean"]
    assert summary.loc["malignant", "median"] == malignant.median()
    assert summary.loc["malignant", "q1"] == malignant.quantile(0.25)
    assert (
        summary.loc["benign", "max"]
        == table.loc[table["diagnosis"] == "benign", "radius_mean"].max()
    )


def test_feature_summary_rejects_bad_input():
    with pytest.raises(ValueError, match="diagnosis"):
        data.feature_summary(pd.DataFrame({"radius_mean": [1.0]}), "radius_mean")
    with pytest.raises(ValueError, match="Did you mean 'area_mean'"):
        data.feature_summary(data.load_wdbc(), "area_men")
    with pytest.raises(ValueError, match="diagnosis"):
        data.feature_summary([1, 2, 3], "radius_mean")
