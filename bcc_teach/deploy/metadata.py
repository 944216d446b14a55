"""The metadata file beside a saved model: what it records, and the checks of its contents.

A model saved with ``deploy.save_model`` as ``knn.skops`` has ``knn.skops.json`` beside it:
plain JSON anyone can read, holding the ``metadata`` (``ModelInfo``: the features and their
order, the threshold, the intended use, the date of training, a checksum of the training data,
the package versions), a SHA-256 checksum of the model file and of each of its parts, a
checksum of each metadata entry (so an edited entry is named), and the ``fingerprint``: one
SHA-256 over the model's checksum and the metadata, to publish beside the model.

    >>> record = new_record("m.skops", b"model bytes", {"m.npy": "ab"}, {"threshold": 0.1})
    >>> check_record(Path("m.skops.json"), record)   # nothing edited: no error
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import data, inputs
from bcc_teach.deploy.contents import ModelFileError

if TYPE_CHECKING:
    import pandas as pd

FORMAT = "bcc_teach model file"
FORMAT_VERSION = 1
#: The packages whose versions decide what a loaded model answers: loading refuses others.
CHECKED_PACKAGES = ("scikit-learn", "numpy", "scipy", "skops")
#: Recorded as well, for the record.
RECORDED_PACKAGES = ("python", "bcc_teach", *CHECKED_PACKAGES)
#: What the course's models are for (GUIDE: decision support, not screening, not a diagnosis).
INTENDED_USE = (
    "Decision support for fine-needle aspirate (FNA) cytology of a palpable breast lump in a "
    "diagnostic clinic, read together with the clinical examination and imaging (triple "
    "assessment); discordant results go on to core biopsy. Not a screening test and not a "
    "diagnosis. A teaching model, trained on the Wisconsin data of the bcc_teach course."
)


def metadata_path(model_path: str | Path) -> Path:
    """Where the metadata file of a model file lives: beside it, ``.json`` added to its name.

    >>> metadata_path("models/knn.skops").as_posix()
    'models/knn.skops.json'
    """
    path = Path(model_path)
    return path.with_name(path.name + ".json")


@dataclass(frozen=True)
class ModelInfo:
    """What a receiver must know about a saved model (the metadata file's ``metadata``).

    ``features`` are the columns the model reads, in order; ``threshold`` is the probability
    of malignancy at or above which a case is flagged; ``trained_on`` is the date of training
    (ISO, ``YYYY-MM-DD``); ``training_sha256`` is a checksum of the training cases and their
    diagnoses (``training_checksum``); ``versions`` maps package to version.
    """

    model: str
    features: tuple[str, ...]
    threshold: float
    intended_use: str
    trained_on: str
    training_sha256: str
    training_cases: int
    training_malignant: int
    versions: dict
    types_to_trust: tuple[str, ...] = ()

    def table(self) -> pd.Series:
        """The metadata in words, one line each (for a lesson or a model card; the versions
        shown are Python's major.minor and the ``CHECKED_PACKAGES``, all in ``versions``)."""
        import pandas as pd

        features = ", ".join(self.features)
        if tuple(self.features) == tuple(data.FEATURES):
            features = f"the 30 WDBC features, in the order of data.FEATURES ({features})"
        # the checked packages (the course pins them); Python as 3.11, not 3.11.7
        python = ".".join(str(self.versions.get("python", "?")).split(".")[:2])
        versions = [f"python {python}"]
        versions += [f"{k} {self.versions.get(k, 'unknown')}" for k in CHECKED_PACKAGES]
        rows = {
            "model": self.model,
            "intended use": self.intended_use,
            "date of training": self.trained_on,
            "threshold (flag when probability of malignancy ≥)": f"{self.threshold:g}",
            "features (in this order)": features,
            "training cases": f"{self.training_cases} ({self.training_malignant} malignant)",
            "training data SHA-256": self.training_sha256,
            "package versions": ", ".join(versions),
            "types it needs beyond skops' defaults": ", ".join(self.types_to_trust) or "none",
        }
        return pd.Series(rows, name="model metadata")

    def as_json(self) -> dict:
        """The metadata as the metadata file stores it (lists, numbers and text)."""
        values = asdict(self)
        values["features"] = list(self.features)
        values["types_to_trust"] = list(self.types_to_trust)
        return values

    @classmethod
    def from_record(cls, sidecar: str | Path, record: dict) -> ModelInfo:
        """The metadata of a metadata file's contents, or ``ModelFileError`` if incomplete."""
        values = dict(record["metadata"])
        try:
            values["features"] = tuple(values["features"])
            values["types_to_trust"] = tuple(values.get("types_to_trust", ()))
            return cls(**values)
        except (KeyError, TypeError) as exc:
            raise ModelFileError(sidecar, f"its metadata is incomplete ({exc}).") from None


def sha256(raw: bytes) -> str:
    """The SHA-256 checksum of some bytes, as 64 hexadecimal digits.

    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(raw).hexdigest()


def canonical_json(value: object) -> bytes:
    """``value`` as JSON bytes in one fixed form (sorted keys, no spaces), for checksums.

    >>> canonical_json({"b": 1, "a": [0.1, "x"]})
    b'{"a":[0.1,"x"],"b":1}'
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def training_checksum(X, y) -> str:
    """A SHA-256 checksum of the training cases and their diagnoses, to record with a model.

    Computed over the feature table as CSV text (columns in order, the row labels left out)
    with the diagnoses (1 = malignant) as a last column, so the same cases in the same order
    always give the same checksum, and a changed value, case or order a different one.

    >>> X, y = data.load_wdbc_xy()
    >>> training_checksum(X, y) == training_checksum(X.copy(), y.copy())
    True
    """
    import pandas as pd

    labels = inputs.check_labels(y, "y_train")
    if not isinstance(X, pd.DataFrame):
        raise TypeError(f"X_train must be a table (a pandas DataFrame); got {type(X).__name__}.")
    if len(X) != len(labels):
        raise ValueError(f"X_train has {len(X)} rows but y_train {len(labels)} diagnoses.")
    table = X.reset_index(drop=True).assign(__malignant__=labels.astype(int))
    return sha256(table.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def installed_versions() -> dict[str, str]:
    """The versions of Python and of ``RECORDED_PACKAGES`` installed here.

    >>> list(installed_versions())
    ['python', 'bcc_teach', 'scikit-learn', 'numpy', 'scipy', 'skops']
    """
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in RECORDED_PACKAGES[1:]:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def describe_model(model) -> str:
    """A model's steps in a few words.

    >>> from bcc_teach import models
    >>> describe_model(models.reference_model())
    'StandardScaler → LogisticRegression'
    """
    steps = getattr(model, "steps", None)
    if steps:
        return " → ".join(type(step).__name__ for _, step in steps)
    return type(model).__name__


def training_date(trained_on) -> str:
    """The date of training as ISO text (``YYYY-MM-DD``), from a date or from such text.

    >>> training_date(datetime.date(2026, 12, 1)), training_date(" 2026-12-01 ")
    ('2026-12-01', '2026-12-01')
    """
    if isinstance(trained_on, datetime.datetime):
        return trained_on.date().isoformat()
    if isinstance(trained_on, datetime.date):
        return trained_on.isoformat()
    if isinstance(trained_on, str):
        try:
            return datetime.date.fromisoformat(trained_on.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(
        f"trained_on must be the date of training, as a date or as text 'YYYY-MM-DD' (e.g. "
        f"'2026-12-01'); got {trained_on!r}."
    )


def fingerprint(model_sha256: str, metadata: dict) -> str:
    """One SHA-256 over a model file's checksum and its metadata: what to publish.

    >>> fingerprint("ab" * 32, {"threshold": 0.1}) != fingerprint("ab" * 32, {"threshold": 0.2})
    True
    """
    return sha256(canonical_json({"model_sha256": model_sha256, "metadata": metadata}))


def new_record(model_name: str, raw: bytes, members_sha256: dict, metadata: dict) -> dict:
    """The contents of a new metadata file, for the model file ``model_name`` of bytes ``raw``
    (with the SHA-256 of each of its parts) and its ``metadata`` (``ModelInfo.as_json()``).

    >>> new_record("m.skops", b"model bytes", {}, {"threshold": 0.1})["model_bytes"]
    11
    """
    model_sha256 = sha256(raw)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model_file": model_name,
        "model_sha256": model_sha256,
        "model_bytes": len(raw),
        "members_sha256": dict(members_sha256),
        "metadata": metadata,
        "metadata_sha256": {k: sha256(canonical_json(v)) for k, v in metadata.items()},
        "fingerprint": fingerprint(model_sha256, metadata),
    }


def read_record(path: Path, sidecar: Path) -> dict:
    """The contents of the metadata file ``sidecar`` of the model file ``path``, checked to be
    a metadata file of this format; else ``ModelFileError`` (missing, not JSON, other format).

    >>> read_record(Path("knn.skops"), Path("no/such/knn.skops.json"))
    Traceback (most recent call last):
    ...
    bcc_teach.deploy.ModelFileError: knn.skops: its metadata file knn.skops.json is missing. A model without its metadata (what it is for, its features, its threshold, checksums) is not loaded: keep the two files together, as deploy.save_model wrote them.
    (Nothing was loaded; the file was not changed.)
    """  # noqa: E501
    if not sidecar.is_file():
        raise ModelFileError(
            path,
            f"its metadata file {sidecar.name} is missing. A model without its metadata (what "
            "it is for, its features, its threshold, checksums) is not loaded: keep the two "
            "files together, as deploy.save_model wrote them.",
        )
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problem = f"this metadata file cannot be read as JSON ({exc})."
        raise ModelFileError(sidecar, problem) from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ModelFileError(sidecar, f"this is not the metadata file of a {FORMAT}.")
    if record.get("format_version") != FORMAT_VERSION:
        raise ModelFileError(
            sidecar,
            f"it is format version {record.get('format_version')!r}; this version of "
            f"bcc_teach reads version {FORMAT_VERSION}.",
        )
    needed = ("model_sha256", "members_sha256", "metadata", "metadata_sha256", "fingerprint")
    missing = [key for key in needed if not isinstance(record.get(key), str | dict)]
    if missing:
        raise ModelFileError(sidecar, f"it lacks {', '.join(missing)}: it was edited or cut.")
    return record


def check_record(sidecar: Path, record: dict) -> None:
    """``ModelFileError`` naming each metadata entry edited since saving (by its checksum), or
    a fingerprint that no longer matches; nothing when all is as saved.

    >>> record = new_record("m.skops", b"model", {}, {"threshold": 0.1})
    >>> record["metadata"]["threshold"] = 0.5
    >>> check_record(Path("m.skops.json"), record)
    Traceback (most recent call last):
    ...
    bcc_teach.deploy.ModelFileError: m.skops.json: this metadata file was edited after the model was saved: 'threshold' now says 0.5. What a model is for and how it is used must not change without saving it again.
    (Nothing was loaded; the file was not changed.)
    """  # noqa: E501
    metadata, recorded = record["metadata"], record["metadata_sha256"]
    changed = [
        key for key in sorted(set(metadata) | set(recorded))
        if key not in metadata or key not in recorded
        or sha256(canonical_json(metadata[key])) != recorded[key]
    ]  # fmt: skip
    if changed:
        said = "; ".join(
            f"{key!r} now says {json.dumps(metadata[key])[:80]}" if key in metadata
            else f"{key!r} was removed"
            for key in changed
        )  # fmt: skip
        raise ModelFileError(
            sidecar,
            f"this metadata file was edited after the model was saved: {said}. What a model "
            "is for and how it is used must not change without saving it again.",
        )
    if fingerprint(record["model_sha256"], metadata) != record["fingerprint"]:
        raise ModelFileError(
            sidecar,
            "this metadata file was edited after the model was saved: its fingerprint or the "
            "model's checksum no longer matches the rest.",
        )
