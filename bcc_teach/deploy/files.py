"""Saving a fitted model with what a receiver must know about it, and loading it back safely.

``save_model`` writes two files side by side: the model itself in the ``skops`` format
(``knn.skops``: arrays of numbers and a JSON description, never a pickle), and a small
metadata file (``knn.skops.json``) that says what the model is for and what it was trained on:
the feature list and its order, the threshold, the intended use, the date of training (which
you give: nothing here reads a clock), a checksum of the training data, the package versions,
and a SHA-256 checksum of every part of the model file.

``load_model`` refuses, with a message that says what is wrong, a file that was altered since
it was saved (and which part), metadata that was edited, package versions or features that do
not match, a type that is not on the trusted list, and a pickle.

    >>> import tempfile, pathlib
    >>> from bcc_teach import data, deploy, models
    >>> X, y = data.load_wdbc_xy()
    >>> model = models.reference_model().fit(X, y)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> saved = deploy.save_model(model, folder / "lr.skops", X_train=X, y_train=y,
    ...                           threshold=0.1, trained_on="2026-12-01")
    >>> loaded = deploy.load_model(folder / "lr.skops")
    >>> loaded.info.threshold, loaded.info.trained_on
    (0.1, '2026-12-01')

A checksum that travels inside the metadata file catches damage and careless edits. Someone who
swaps the model on purpose can write new checksums too: to catch that, send the
``fingerprint`` by another route (a model card, a letter) and pass it to ``load_model``.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import data, inputs, models
from bcc_teach.deploy import metadata as meta
from bcc_teach.deploy.contents import SCHEMA, ModelFileError, places, read_archive

if TYPE_CHECKING:
    import numpy as np

SUFFIX = ".skops"
#: Types the course's own models need beyond those ``skops`` trusts by default: the decision
#: tree's and random forest's trees, and the calibration inside the SVM model.
TRUSTED_TYPES = (
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.tree._tree.Tree",
)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the same bytes on every save
_PICKLE_HINT = (
    "this is a Python pickle, not a skops model file. Loading a pickle runs whatever code its "
    "author put in it (see deploy.pickle_demonstration()), so it is not opened. Ask for the "
    "model saved with deploy.save_model (a .skops file and its .skops.json)."
)


@dataclass(frozen=True)
class SavedModel:
    """Where ``save_model`` wrote the model and its metadata, and the model's fingerprint.

    The ``fingerprint`` (a SHA-256 over the model file and its metadata) is what to publish
    beside a model, so a receiver can check they have exactly this file
    (``load_model(..., fingerprint=...)``). The same fitted model and metadata give the same
    file, byte for byte, and so the same fingerprint.
    """

    model_path: Path
    metadata_path: Path
    size_bytes: int
    fingerprint: str
    info: meta.ModelInfo

    def words(self) -> str:
        """Which files were written, in one sentence (names only, no folders)."""
        return (
            f"Saved {self.model_path.name} ({self.size_bytes:,} bytes) and its metadata "
            f"{self.metadata_path.name}; fingerprint {self.fingerprint[:16]}…"
        )


@dataclass(frozen=True)
class LoadedModel:
    """A model that passed every check of ``load_model``, with its metadata."""

    model: object
    info: meta.ModelInfo
    fingerprint: str

    def probability_malignant(self, X) -> np.ndarray:
        """Each case's probability of malignancy; ``X`` must hold the model's features (by
        name; other columns, such as a pseudonym, are left out)."""
        return models.probability_malignant(self.model, self._features_of(X))

    def flagged(self, X) -> np.ndarray:
        """1 where a case is flagged (probability at or above the saved threshold), else 0."""
        return (self.probability_malignant(X) >= self.info.threshold).astype(int)

    def _features_of(self, X):
        import pandas as pd

        if not isinstance(X, pd.DataFrame):
            raise TypeError(
                f"X must be a table (a pandas DataFrame) with the model's {len(self.info.features)}"
                f" feature columns; got {type(X).__name__}."
            )
        missing = [f for f in self.info.features if f not in X.columns]
        if missing:
            raise ValueError(
                f"X lacks {len(missing)} of the model's features: {', '.join(missing[:5])}"
                + (" …" if len(missing) > 5 else "")
                + "."
            )
        return X[list(self.info.features)]


def _canonical_archive(raw: bytes) -> bytes:
    """The skops archive rewritten so that the same model always gives the same bytes.

    ``skops.io.dumps`` names arrays and objects by their memory addresses and stamps the zip
    with the time of saving. Here the addresses become 1, 2, 3 … in the order they appear
    (the same renaming everywhere, so shared objects stay shared) and the date is fixed."""
    schema, members = read_archive(raw, "the model being saved")
    ids: dict[int, int] = {}
    files: dict[str, str] = {}

    def renumber(node):
        if isinstance(node, list):
            return [renumber(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "__id__" and isinstance(value, int):
                out[key] = ids.setdefault(value, len(ids) + 1)
            elif key == "file" and isinstance(value, str) and value in members:
                suffix = value[value.rfind(".") :] if "." in value else ""
                out[key] = files.setdefault(value, f"{len(files) + 1}{suffix}")
            else:
                out[key] = renumber(value)
        return out

    text = json.dumps(renumber(schema), indent=2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for old, new in sorted(files.items(), key=lambda item: int(item[1].split(".")[0])):
            archive.writestr(_entry(new), members[old])
        archive.writestr(_entry(SCHEMA), text)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    entry.create_system = 3  # the same bytes whichever system saves it
    entry.external_attr = 0o644 << 16
    return entry


def _write_new(path: Path, raw: bytes, overwrite: bool) -> None:
    """Write ``raw`` to a temporary file beside ``path``, then move it into place at once."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        if not overwrite and path.exists():
            raise FileExistsError(path)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_model(
    model,
    path: str | Path,
    *,
    X_train,
    y_train,
    threshold: float,
    trained_on: datetime.date | str,
    intended_use: str = meta.INTENDED_USE,
    overwrite: bool = False,
) -> SavedModel:
    """Save a fitted model (``.skops``, no pickle) with its metadata file beside it.

    ``X_train`` and ``y_train`` are the cases the model was fitted on (a checksum of them is
    recorded, and the model must read their columns, in their order); ``threshold`` is the
    probability of malignancy at or above which a case is flagged; ``trained_on`` is the date
    of training (a ``datetime.date`` or ``"YYYY-MM-DD"``), which you give. An existing file is
    never replaced unless ``overwrite=True``; the files are written whole or not at all. The
    saved file is loaded back at once and must give the same probabilities on ``X_train``.

    >>> import tempfile, pathlib
    >>> X, y = data.load_wdbc_xy()
    >>> knn = models.make_model("knn").fit(X, y)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> saved = save_model(knn, folder / "knn.skops", X_train=X, y_train=y, threshold=0.1,
    ...                    trained_on="2026-12-01")
    >>> saved.info.model
    'StandardScaler → KNeighborsClassifier'
    """
    import numpy as np
    import skops.io as sio

    path = Path(path)
    if path.suffix != SUFFIX:
        raise ValueError(
            f"The model file's name must end in {SUFFIX} (e.g. 'model{SUFFIX}'); got {path.name!r}."
        )
    sidecar = meta.metadata_path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"The folder {path.parent} does not exist: make it first.")
    existing = [p.name for p in (path, sidecar) if p.exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"{' and '.join(existing)} already exist(s) in {path.parent}: nothing was written. "
            "Choose another name, or pass overwrite=True to replace them."
        )
    if not hasattr(X_train, "columns"):
        raise TypeError(
            "X_train must be the table of training cases (a pandas DataFrame, X from "
            f"data.load_wdbc_xy()); got {type(X_train).__name__}."
        )
    if list(getattr(model, "classes_", [])) != [0, 1]:
        models.probability_malignant(model, X_train)  # says: fit it first, with 1 = malignant
    names = list(getattr(model, "feature_names_in_", []))
    if names != list(X_train.columns):
        raise ValueError(
            "The model must have been fitted on X_train, a table with column names (X from "
            "data.load_wdbc_xy()): "
            + ("it was fitted without column names." if not names else
               "its features are not X_train's columns, in X_train's order.")
        )  # fmt: skip
    p_before = models.probability_malignant(model, X_train)
    checksum = meta.training_checksum(X_train, y_train)
    labels = inputs.check_labels(y_train, "y_train")
    if not isinstance(intended_use, str) or not intended_use.strip():
        raise ValueError("intended_use must say, in words, what the model is for.")

    raw = _canonical_archive(sio.dumps(model))
    untrusted = sio.get_untrusted_types(data=raw)
    again = sio.loads(raw, trusted=untrusted)  # our own model, just made: safe to rebuild
    if not np.array_equal(models.probability_malignant(again, X_train), p_before):
        raise RuntimeError("The saved model does not give the same probabilities: not saved.")

    info = meta.ModelInfo(
        model=meta.describe_model(model),
        features=tuple(names),
        threshold=inputs.check_threshold(threshold),
        intended_use=intended_use.strip(),
        trained_on=meta.training_date(trained_on),
        training_sha256=checksum,
        training_cases=len(labels),
        training_malignant=int(labels.sum()),
        versions=meta.installed_versions(),
        types_to_trust=tuple(untrusted),
    )
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = {name: meta.sha256(archive.read(name)) for name in sorted(archive.namelist())}
    record = meta.new_record(path.name, raw, members, info.as_json())
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    try:
        _write_new(path, raw, overwrite)
        _write_new(sidecar, text.encode("utf-8"), overwrite)
    except FileExistsError as exc:
        raise FileExistsError(
            f"{Path(str(exc)).name} appeared in {path.parent} while saving: nothing replaced."
        ) from None
    return SavedModel(path, sidecar, len(raw), record["fingerprint"], info)


def _what_changed(raw: bytes, record: dict, source: Path) -> str:
    """Which parts of a model file differ from the checksums recorded when it was saved."""
    schema, members = read_archive(raw, str(source))  # a damaged archive says so itself
    where = places(schema)
    recorded = record["members_sha256"]
    said = []
    for name in sorted(set(recorded) | set(members)):
        what = "how the model is rebuilt (schema.json)" if name == SCHEMA else where.get(name, name)
        if name not in members:
            said.append(f"{what} is missing")
        elif name not in recorded:
            said.append(f"{what} was added")
        elif meta.sha256(members[name]) != recorded[name]:
            said.append(f"{what} was changed")
    return "; ".join(said) or "the archive was rewritten (its parts are as saved)"


def _check_features(path: Path, saved: tuple[str, ...], expected) -> None:
    expected = tuple(expected)
    if saved == expected:
        return
    missing = [f for f in expected if f not in saved]
    extra = [f for f in saved if f not in expected]
    parts = []
    if missing:
        parts.append(f"it lacks {', '.join(missing[:5])}" + (" …" if len(missing) > 5 else ""))
    if extra:
        parts.append(
            f"it reads {', '.join(extra[:5])}" + (" …" if len(extra) > 5 else "")
            + ", which you did not expect"
        )  # fmt: skip
    if not parts:
        at = next(i for i, (a, b) in enumerate(zip(saved, expected, strict=True)) if a != b)
        parts.append(
            f"the same features in another order (position {at + 1}: the model reads "
            f"{saved[at]!r}, you expect {expected[at]!r})"
        )
    raise ModelFileError(
        path,
        f"its features do not match the ones expected ({len(saved)} in the model, "
        f"{len(expected)} expected): {'; '.join(parts)}. A model fed its features in another "
        "order or under other names gives wrong answers without any warning.",
    )


def load_model(
    path: str | Path,
    *,
    features=data.FEATURES,
    fingerprint: str | None = None,
    trusted: tuple[str, ...] | list[str] = (),
    check_versions: bool = True,
) -> LoadedModel:
    """Load a model saved by ``save_model``, after checking it; else ``ModelFileError``.

    Refused, each with its own message: a pickle; a damaged file; a model file changed since
    it was saved (the message names the part: ``logisticregression.coef_ was changed``);
    an edited metadata file (naming the entry); a ``fingerprint`` (published with the model)
    that does not match; package versions other than those it was saved with (see
    ``CHECKED_PACKAGES``; ``check_versions=False`` skips this, at your own risk); features
    other than ``features`` (default: the 30 WDBC features, in order); and any type that is
    neither trusted by ``skops`` nor on ``TRUSTED_TYPES`` or ``trusted`` (type names as text,
    e.g. ``"sklearn.tree._tree.Tree"``). The files are only read.

    >>> import tempfile, pathlib
    >>> X, y = data.load_wdbc_xy()
    >>> model = models.reference_model().fit(X, y)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = save_model(model, folder / "lr.skops", X_train=X, y_train=y, threshold=0.1,
    ...                trained_on="2026-12-01")
    >>> load_model(folder / "lr.skops", features=data.FEATURES[:29])
    Traceback (most recent call last):
    ...
    bcc_teach.deploy.ModelFileError: .../lr.skops: its features do not match the ones expected (30 in the model, 29 expected): it reads fractal_dimension_worst, which you did not expect. A model fed its features in another order or under other names gives wrong answers without any warning.
    (Nothing was loaded; the file was not changed.)
    """  # noqa: E501
    import skops.io as sio

    path = Path(path)
    if trusted is True or isinstance(trusted, str) or not all(isinstance(t, str) for t in trusted):
        raise TypeError(
            "trusted must be a list of type names as text, each one you have checked, e.g. "
            "['sklearn.tree._tree.Tree'] (never True: that would trust anything)."
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelFileError(path, f"cannot read the file ({exc.strerror or exc}).") from None
    if raw[:1] == b"\x80" or path.suffix.lower() in {".pkl", ".pickle", ".joblib", ".sav"}:
        raise ModelFileError(path, _PICKLE_HINT)
    if not raw.startswith(b"PK"):
        read_archive(raw, str(path))  # says it is not a model file
    sidecar = meta.metadata_path(path)
    record = meta.read_record(path, sidecar)
    meta.check_record(sidecar, record)
    actual = meta.sha256(raw)
    if actual != record["model_sha256"]:
        raise ModelFileError(
            path,
            "this model file has changed since it was saved (its SHA-256 checksum is "
            f"{actual[:12]}…, the metadata recorded {record['model_sha256'][:12]}…): "
            f"{_what_changed(raw, record, path)}. A changed model can give different answers "
            "without any warning, so it is not loaded: get both files again from whoever "
            "trained the model, and check the fingerprint they publish.",
        )
    if fingerprint is not None and fingerprint.strip().lower() != record["fingerprint"]:
        raise ModelFileError(
            path,
            f"its fingerprint is {record['fingerprint'][:16]}…, not the {fingerprint[:16]}… you "
            "were given: these are not the files that were published (both may have been "
            "replaced together). Get them again from whoever trained the model.",
        )
    info = meta.ModelInfo.from_record(sidecar, record)
    if check_versions:
        here = meta.installed_versions()
        differ = [
            f"{name} {info.versions.get(name, 'unknown')} (here: {here[name]})"
            for name in meta.CHECKED_PACKAGES if info.versions.get(name) != here[name]
        ]  # fmt: skip
        if differ:
            raise ModelFileError(
                path,
                f"it was saved with other package versions: {', '.join(differ)}. A model can "
                "give different answers under other versions, so it is not loaded. Install "
                "the versions it was saved with (the course's: python -m pip install -r "
                "requirements.txt), or train and save the model again here.",
            )
    if features is not None:
        _check_features(path, info.features, features)
    allowed = set(TRUSTED_TYPES) | set(trusted)
    needed = sio.get_untrusted_types(data=raw)
    refused = [name for name in needed if name not in allowed]
    if refused:
        raise ModelFileError(
            path,
            f"it contains {len(refused)} type(s) that are not on the trusted list: "
            f"{', '.join(refused)}. Such a type could run code while the model is rebuilt. "
            "If you know each one and trust it, pass its name in trusted=[...].",
        )
    model = sio.loads(raw, trusted=needed)
    if tuple(getattr(model, "feature_names_in_", ())) != info.features:
        raise ModelFileError(path, "the model inside reads other features than its metadata says.")
    return LoadedModel(model, info, record["fingerprint"])
