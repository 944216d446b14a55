"""Safe model files: saved with their metadata (skops, no pickle), refused when anything is off."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import operator
import shutil
import zipfile

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from bcc_teach import data, deploy, models
from bcc_teach.deploy import metadata as deploy_metadata

DAY = "2026-12-01"


@pytest.fixture(scope="module")
def split():
    return models.split(*data.load_wdbc_xy())


@pytest.fixture(scope="module")
def fitted(split):
    X_train, _, y_train, _ = split
    return {
        "lr": models.reference_model().fit(X_train, y_train),
        "knn": models.make_model("knn").fit(X_train, y_train),
    }


@pytest.fixture(scope="module")
def saved(fitted, split, tmp_path_factory):
    """One saved logistic regression; tests copy it before changing anything."""
    X_train, _, y_train, _ = split
    folder = tmp_path_factory.mktemp("saved")
    return deploy.save_model(
        fitted["lr"], folder / "lr.skops", X_train=X_train, y_train=y_train,
        threshold=0.092, trained_on=DAY,
    )  # fmt: skip


def _copy(saved, folder, name="copy"):
    target = folder / f"{name}.skops"
    shutil.copy(saved.model_path, target)
    shutil.copy(saved.metadata_path, deploy.metadata_path(target))
    return target


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_members(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)


def _reseal(path):
    """What a deliberate forger does: write new checksums for the changed model file."""
    sidecar = deploy.metadata_path(path)
    record = json.loads(sidecar.read_text())
    raw = path.read_bytes()
    record["model_sha256"] = hashlib.sha256(raw).hexdigest()
    record["members_sha256"] = {n: hashlib.sha256(b).hexdigest() for n, b in _members(path).items()}
    record["fingerprint"] = deploy_metadata.fingerprint(record["model_sha256"], record["metadata"])
    sidecar.write_text(json.dumps(record))


def _negate(path, ending):
    """Negate the array stored at the place ending with ``ending`` (e.g. the weights)."""
    member = next(a.member for a in deploy.contents(path).arrays if a.place.endswith(ending))
    members = _members(path)
    buffer = io.BytesIO()
    np.save(buffer, -np.load(io.BytesIO(members[member])), allow_pickle=False)
    members[member] = buffer.getvalue()
    _write_members(path, members)


# --- saving ------------------------------------------------------------------------------------


def test_a_saved_model_loads_back_with_its_metadata_and_answers_the_same(saved, fitted, split):
    X_train, X_test, y_train, _ = split
    loaded = deploy.load_model(saved.model_path)
    p = loaded.probability_malignant(X_test)
    assert np.array_equal(p, models.probability_malignant(fitted["lr"], X_test))
    assert loaded.flagged(X_test).tolist() == (p >= 0.092).astype(int).tolist()
    info = loaded.info
    assert info.features == data.FEATURES
    assert (info.threshold, info.trained_on, info.intended_use) == (0.092, DAY, deploy.INTENDED_USE)
    assert info.training_sha256 == deploy.training_checksum(X_train, y_train)
    assert (info.training_cases, info.training_malignant) == (426, int(y_train.sum()))
    assert info.model == "StandardScaler → LogisticRegression"
    assert info.versions["scikit-learn"] == __import__("sklearn").__version__
    assert set(deploy.CHECKED_PACKAGES) <= set(info.versions)
    assert loaded.fingerprint == saved.fingerprint
    assert info.table()["date of training"] == DAY


def test_the_model_file_is_skops_not_pickle_and_its_metadata_is_readable_json(saved):
    raw = saved.model_path.read_bytes()
    assert raw.startswith(b"PK") and b"schema.json" in raw
    record = json.loads(saved.metadata_path.read_text())
    assert record["model_sha256"] == hashlib.sha256(raw).hexdigest()
    assert record["metadata"]["features"] == list(data.FEATURES)
    assert record["metadata"]["trained_on"] == DAY


def test_the_same_model_gives_the_same_bytes_and_fingerprint(saved, fitted, split, tmp_path):
    X_train, _, y_train, _ = split
    again = deploy.save_model(
        fitted["lr"], tmp_path / "lr.skops", X_train=X_train, y_train=y_train,
        threshold=0.092, trained_on=datetime.date(2026, 12, 1),
    )  # fmt: skip
    assert again.model_path.read_bytes() == saved.model_path.read_bytes()
    assert again.fingerprint == saved.fingerprint
    other = deploy.save_model(
        fitted["lr"], tmp_path / "lr2.skops", X_train=X_train, y_train=y_train,
        threshold=0.1, trained_on=DAY,
    )  # fmt: skip
    assert other.fingerprint != saved.fingerprint  # the metadata is part of the fingerprint


def test_an_existing_file_is_never_replaced_unless_asked(saved, fitted, split, tmp_path):
    X_train, _, y_train, _ = split
    path = _copy(saved, tmp_path, "lr")
    before = path.read_bytes(), deploy.metadata_path(path).read_bytes()
    kwargs = dict(X_train=X_train, y_train=y_train, threshold=0.5, trained_on=DAY)
    with pytest.raises(FileExistsError, match="already exist.*overwrite=True"):
        deploy.save_model(fitted["knn"], path, **kwargs)
    assert (path.read_bytes(), deploy.metadata_path(path).read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lr.skops", "lr.skops.json"]  # no temp
    deploy.save_model(fitted["knn"], path, overwrite=True, **kwargs)
    assert deploy.load_model(path).info.model == "StandardScaler → KNeighborsClassifier"


@pytest.mark.parametrize(
    "change, message",
    [({"trained_on": "1 Dec 2026"}, "trained_on must be the date of training"),
     ({"trained_on": None}, "trained_on must be the date"),
     ({"threshold": 50}, "threshold must be"),
     ({"intended_use": " "}, "intended_use must say")],
)  # fmt: skip
def test_save_refuses_bad_metadata(fitted, split, tmp_path, change, message):
    X_train, _, y_train, _ = split
    kwargs = dict(X_train=X_train, y_train=y_train, threshold=0.1, trained_on=DAY) | change
    with pytest.raises(ValueError, match=message):
        deploy.save_model(fitted["lr"], tmp_path / "m.skops", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_save_refuses_a_pickle_name_and_a_model_fitted_without_column_names(split, tmp_path):
    X_train, _, y_train, _ = split
    kwargs = dict(X_train=X_train, y_train=y_train, threshold=0.1, trained_on=DAY)
    model = models.reference_model().fit(X_train, y_train)
    with pytest.raises(ValueError, match=r"must end in \.skops"):
        deploy.save_model(model, tmp_path / "m.pkl", **kwargs)
    bare = models.reference_model().fit(X_train.to_numpy(), y_train)
    with pytest.raises(ValueError, match="fitted without column names"):
        deploy.save_model(bare, tmp_path / "m.skops", **kwargs)
    with pytest.raises(TypeError):
        deploy.save_model(model, tmp_path / "m.skops", X_train=X_train, y_train=y_train,
                          threshold=0.1)  # fmt: skip  (no date of training: it must be given)


# --- refusing ----------------------------------------------------------------------------------


def test_a_tampered_model_file_is_refused_naming_what_changed(saved, tmp_path):
    path = _copy(saved, tmp_path)
    _negate(path, "logisticregression.coef_")
    tampered = path.read_bytes()
    with pytest.raises(deploy.ModelFileError, match="changed since it was saved") as refused:
        deploy.load_model(path)
    assert "logisticregression.coef_ was changed" in str(refused.value)
    assert "standardscaler" not in str(refused.value)  # only the part that changed is named
    assert path.read_bytes() == tampered  # nothing written


def test_a_damaged_or_cut_file_is_refused(saved, tmp_path):
    path = _copy(saved, tmp_path)
    path.write_bytes(path.read_bytes()[:-500])
    with pytest.raises(deploy.ModelFileError, match="not a complete model file"):
        deploy.load_model(path)


def test_edited_metadata_is_refused_naming_the_entry(saved, tmp_path):
    path = _copy(saved, tmp_path)
    sidecar = deploy.metadata_path(path)
    record = json.loads(sidecar.read_text())
    record["metadata"]["threshold"] = 0.5
    sidecar.write_text(json.dumps(record))
    with pytest.raises(deploy.ModelFileError, match="'threshold' now says 0.5"):
        deploy.load_model(path)
    del record["metadata"]["intended_use"]
    sidecar.write_text(json.dumps(record))
    with pytest.raises(deploy.ModelFileError, match="'intended_use' was removed"):
        deploy.load_model(path)


def test_a_model_without_its_metadata_is_refused(saved, tmp_path):
    path = tmp_path / "alone.skops"
    shutil.copy(saved.model_path, path)
    with pytest.raises(deploy.ModelFileError, match="metadata file alone.skops.json is missing"):
        deploy.load_model(path)
    deploy.metadata_path(path).write_text("{not json")
    with pytest.raises(deploy.ModelFileError, match="cannot be read as JSON"):
        deploy.load_model(path)


def test_a_forged_file_with_new_checksums_is_caught_by_the_published_fingerprint(saved, tmp_path):
    path = _copy(saved, tmp_path)
    _negate(path, "logisticregression.coef_")
    _reseal(path)
    with pytest.raises(deploy.ModelFileError, match="not the files that were published"):
        deploy.load_model(path, fingerprint=saved.fingerprint)
    deploy.load_model(saved.model_path, fingerprint=saved.fingerprint.upper())  # the real one


def test_a_schema_edited_to_call_os_system_is_refused_as_untrusted(saved, tmp_path):
    path = _copy(saved, tmp_path)
    members = _members(path)
    members["schema.json"] = (
        members["schema.json"]
        .replace(b'"LogisticRegression"', b'"system"')
        .replace(b'"sklearn.linear_model._logistic"', b'"posix"')
    )
    _write_members(path, members)
    with pytest.raises(deploy.ModelFileError, match="schema.json\\) was changed"):
        deploy.load_model(path)
    _reseal(path)  # even with checksums forged, the type is not on the trusted list
    with pytest.raises(deploy.ModelFileError, match="not on the trusted list: posix.system"):
        deploy.load_model(path)


def test_a_type_off_the_trusted_list_is_refused_until_the_caller_trusts_it(split, tmp_path):
    X_train, X_test, y_train, _ = split
    model = make_pipeline(
        FunctionTransformer(operator.neg, feature_names_out="one-to-one"),
        StandardScaler(), LogisticRegression(max_iter=5000),
    ).fit(X_train, y_train)  # fmt: skip
    path = tmp_path / "neg.skops"
    deploy.save_model(model, path, X_train=X_train, y_train=y_train, threshold=0.1,
                      trained_on=DAY)  # fmt: skip
    with pytest.raises(deploy.ModelFileError, match=r"not on the trusted list: _operator\.neg"):
        deploy.load_model(path)
    loaded = deploy.load_model(path, trusted=["_operator.neg"])
    assert np.array_equal(loaded.probability_malignant(X_test), model.predict_proba(X_test)[:, 1])
    with pytest.raises(TypeError, match="never True"):
        deploy.load_model(path, trusted=True)


def test_the_course_models_load_with_the_course_trusted_list(split, tmp_path):
    X_train, X_test, y_train, _ = split
    for name in ("decision_tree", "svm"):
        model = models.make_model(name).fit(X_train, y_train)
        path = tmp_path / f"{name}.skops"
        saved = deploy.save_model(model, path, X_train=X_train, y_train=y_train, threshold=0.1,
                                  trained_on=DAY)  # fmt: skip
        assert saved.info.types_to_trust and set(saved.info.types_to_trust) <= set(
            deploy.TRUSTED_TYPES
        )
        p = deploy.load_model(path).probability_malignant(X_test)
        assert np.array_equal(p, models.probability_malignant(model, X_test))


def test_features_that_do_not_match_are_refused(saved, split, tmp_path):
    X_train, _, y_train, _ = split
    shuffled = [*data.FEATURES[1:], data.FEATURES[0]]
    with pytest.raises(deploy.ModelFileError, match="another order \\(position 1: the model reads "
                       "'radius_mean', you expect 'texture_mean'\\)"):  # fmt: skip
        deploy.load_model(saved.model_path, features=shuffled)
    fewer = X_train.drop(columns=["area_worst"])
    model = models.reference_model().fit(fewer, y_train)
    path = tmp_path / "fewer.skops"
    deploy.save_model(model, path, X_train=fewer, y_train=y_train, threshold=0.1, trained_on=DAY)
    expected = "29 in the model, 30 expected.*lacks area_worst"
    with pytest.raises(deploy.ModelFileError, match=expected):
        deploy.load_model(path)
    loaded = deploy.load_model(path, features=fewer.columns)
    with pytest.raises(ValueError, match="X lacks 1 of the model's features: texture_mean"):
        loaded.probability_malignant(fewer.drop(columns=["texture_mean"]))
    wider = fewer.assign(pseudonym="p")  # extra columns are left out, not fed to the model
    assert len(loaded.probability_malignant(wider)) == len(fewer)


def test_other_package_versions_are_refused(saved, monkeypatch):
    real = deploy_metadata.installed_versions()
    monkeypatch.setattr(deploy_metadata, "installed_versions",
                        lambda: {**real, "scikit-learn": "9.9.9"})  # fmt: skip
    expected = f"scikit-learn {real['scikit-learn']} \\(here: 9.9.9\\)"
    with pytest.raises(deploy.ModelFileError, match=expected):
        deploy.load_model(saved.model_path)
    deploy.load_model(saved.model_path, check_versions=False)  # at the caller's own risk


@pytest.mark.parametrize("name", ["strangers_model.pkl", "strangers_model.skops"])
def test_a_malicious_pickle_is_refused_unread(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)  # where the payload would leave its note
    path = tmp_path / name
    path.write_bytes(deploy.strangers_pickle())
    with pytest.raises(deploy.ModelFileError, match="this is a Python pickle.*not opened"):
        deploy.load_model(path)
    assert not (tmp_path / deploy.pickles.MARKER).exists()


def test_pickle_load_of_a_strangers_file_runs_the_strangers_code_in_a_blocked_child():
    demo = deploy.pickle_demonstration()
    assert demo.code_ran
    assert demo.note.splitlines() == [
        "Code from the stranger's file ran inside pickle.load.",
        "It tried to send something to 192.0.2.1 and was stopped (NetworkBlocked).",
    ]
    assert demo.calls == ("builtins.exec",)
    assert demo.loader_said == "pickle.load returned NoneType"
    assert demo.refused_by_load_model.startswith("refused: this is a Python pickle")
    assert "/tmp" not in demo.words()  # no temporary paths in what a lesson prints


def test_contents_lists_the_arrays_by_their_place_in_the_model(saved, fitted, split, tmp_path):
    X_train, _, y_train, _ = split
    inside = deploy.contents(saved.model_path)
    assert inside.array("logisticregression.coef_").tolist() == fitted["lr"][-1].coef_.tolist()
    assert inside.table().iloc[0]["numbers"] == 30
    path = tmp_path / "knn.skops"
    deploy.save_model(fitted["knn"], path, X_train=X_train, y_train=y_train, threshold=0.1,
                      trained_on=DAY)  # fmt: skip
    stored = deploy.contents(path).array("kneighborsclassifier._fit_X")
    scaler = fitted["knn"][0]
    assert np.allclose(stored * scaler.scale_ + scaler.mean_, X_train.to_numpy(), rtol=1e-12)
