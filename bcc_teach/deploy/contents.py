"""What a saved model file holds, read without loading the model (so none of its code runs).

A ``.skops`` file is a zip archive: ``schema.json`` says how to rebuild the model, and each
array of numbers the model learned is a NumPy ``.npy`` file beside it. ``contents`` lists those
arrays by where they sit in the model (``kneighborsclassifier._fit_X``), with their shapes, and
reads any of them back as plain numbers (``allow_pickle=False``: no code can run).

    >>> from bcc_teach import data, deploy, models
    >>> X, y = data.load_wdbc_xy()
    >>> model = models.make_model("logistic_regression").fit(X, y)
    >>> import skops.io
    >>> inside = deploy.contents(skops.io.dumps(model))
    >>> inside.array("logisticregression.coef_").shape
    (1, 30)
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

SCHEMA = "schema.json"


class ModelFileError(ValueError):
    """A model file (or its metadata file) is not what it should be; the message says what.

    Nothing is loaded, and the files are never changed.
    """

    def __init__(self, source: str | Path, problem: str):
        self.source = str(source)
        self.problem = problem
        text = f"{self.source}: {problem}\n(Nothing was loaded; the file was not changed.)"
        super().__init__(text)


ModelFileError.__module__ = "bcc_teach.deploy"  # learners meet it as deploy.ModelFileError


@dataclass(frozen=True)
class StoredArray:
    """One array of numbers inside a model file: where it sits in the model, its shape and
    type, and the name of its member (``.npy`` file) in the zip archive."""

    place: str
    member: str
    shape: tuple
    dtype: str
    fields: int = 1

    @property
    def numbers(self) -> int:
        """How many numbers the array holds (a table of 426 rows × 30 columns: 12,780)."""
        count = self.fields
        for size in self.shape:
            count *= size
        return count


@dataclass(frozen=True)
class Contents:
    """The arrays inside one model file (see ``contents``), largest first in ``table()``."""

    source: str
    size_bytes: int
    arrays: tuple[StoredArray, ...]
    member_sha256: dict = field(repr=False)
    _archive: bytes = field(repr=False)

    @property
    def numbers(self) -> int:
        """How many numbers the file's arrays hold in all."""
        return sum(a.numbers for a in self.arrays)

    def places(self) -> list[str]:
        """Where each array sits in the model, in the order of the file."""
        return [a.place for a in self.arrays]

    def array(self, place: str) -> np.ndarray:
        """The numbers stored at ``place`` (e.g. ``"logisticregression.coef_"``), as saved."""
        import numpy as np

        for stored in self.arrays:
            if stored.place == place:
                with zipfile.ZipFile(io.BytesIO(self._archive)) as archive:
                    raw = archive.read(stored.member)
                return np.load(io.BytesIO(raw), allow_pickle=False)
        raise KeyError(f"{place!r} is not in {self.source}; it holds: {', '.join(self.places())}.")

    def table(self) -> pd.DataFrame:
        """One row per array: where it sits in the model, its shape and how many numbers."""
        import pandas as pd

        rows = [
            {"in the model": a.place, "shape": " × ".join(map(str, a.shape)) or "one number",
             "numbers": a.numbers, "type": a.dtype}
            for a in sorted(self.arrays, key=lambda a: -a.numbers)
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=["in the model", "shape", "numbers", "type"])


def _text(node: dict) -> str | None:
    """The string a schema node holds, if it is one (names of pipeline steps)."""
    if node.get("__loader__") == "JsonNode" and node.get("__class__") == "str":
        try:
            value = json.loads(node["content"])
        except (TypeError, ValueError):
            return None
        return value if isinstance(value, str) else None
    return None


def _step_name(node: object) -> str | None:
    """The name of a ``(name, estimator)`` pair, as a pipeline's steps are stored."""
    if not (isinstance(node, dict) and node.get("__loader__") == "TupleNode"):
        return None
    pair = node.get("content")
    if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, dict) for p in pair)):
        return None
    return _text(pair[0]) if isinstance(pair[1].get("content"), dict) else None


def _walk(node: object, path: list[str], found: dict[str, str]) -> None:
    """Record ``member -> place`` for every array stored as a file under ``node``."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            name = _step_name(item)
            if name is None:
                _walk(item, [*path, str(index)], found)
            else:  # a pipeline's (name, step) pair: the step is known by its name
                _walk(item["content"][1], [*path, name], found)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("file"), str) and "__loader__" in node:
        found[node["file"]] = ".".join(path) or "(the whole object)"
    for key, value in node.items():
        if not isinstance(value, dict | list) or key == "key_types":
            continue
        if key == "content" or key.startswith("__") or key in {"args", "steps"}:
            _walk(value, path, found)
        else:
            _walk(value, [*path, key], found)


def read_archive(data: bytes, source: str) -> tuple[dict, dict[str, bytes]]:
    """The schema and every member of a ``.skops`` archive, or ``ModelFileError``.

    >>> read_archive(b"not a zip", "x.skops")
    Traceback (most recent call last):
    ...
    bcc_teach.deploy.ModelFileError: x.skops: this is not a complete model file (not a zip archive: it may be damaged, cut short, or another kind of file).
    (Nothing was loaded; the file was not changed.)
    """  # noqa: E501
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise ModelFileError(
            source,
            "this is not a complete model file (not a zip archive: it may be damaged, cut "
            "short, or another kind of file)"
            + (f" ({exc})" if "zip" not in str(exc) else "")
            + ".",
        ) from None
    if SCHEMA not in members:
        raise ModelFileError(source, f"this zip archive has no {SCHEMA}: it is not a skops file.")
    try:
        schema = json.loads(members[SCHEMA])
    except ValueError as exc:
        raise ModelFileError(source, f"its {SCHEMA} is not valid JSON ({exc}).") from None
    return schema, members


def places(schema: dict) -> dict[str, str]:
    """Where in the model each array file of a skops schema belongs: ``member -> place``.

    >>> places({"content": {"__loader__": "DictNode", "content": {"coef_": {
    ...     "__loader__": "NdArrayNode", "file": "1.npy"}}}})
    {'1.npy': 'coef_'}
    """
    found: dict[str, str] = {}
    _walk(schema, [], found)
    return found


def contents(model_file: str | Path | bytes) -> Contents:
    """The arrays of numbers inside a saved ``.skops`` model file, without loading the model.

    ``model_file`` is the file's path, or its bytes (``skops.io.dumps(model)``). Each array is
    listed by where it sits in the model and read back as plain numbers, so you can see what
    a model file would hand to anyone who receives it.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> import skops.io
    >>> knn = models.make_model("knn").fit(X, y)
    >>> contents(skops.io.dumps(knn)).array("kneighborsclassifier._fit_X").shape
    (569, 30)
    """
    import numpy as np

    if isinstance(model_file, bytes | bytearray):
        data, source = bytes(model_file), "the model file"
    else:
        path = Path(model_file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelFileError(path, f"cannot read the file ({exc.strerror or exc}).") from None
        source = str(path)
    schema, members = read_archive(data, source)
    arrays = []
    for member, place in places(schema).items():
        if member not in members:
            raise ModelFileError(source, f"{place} should be in {member}, which is missing.")
        try:
            value = np.load(io.BytesIO(members[member]), allow_pickle=False)
        except ValueError as exc:
            raise ModelFileError(source, f"{place} ({member}) cannot be read ({exc}).") from None
        names = value.dtype.names  # a record per row (a decision tree's nodes): count every field
        kind = f"records of {len(names)} fields" if names else str(value.dtype)
        arrays.append(StoredArray(place, member, tuple(value.shape), kind, len(names or ()) or 1))
    digests = {name: hashlib.sha256(raw).hexdigest() for name, raw in sorted(members.items())}
    return Contents(source, len(data), tuple(arrays), digests, data)
