"""Results of slow validations, computed once and stored with the course.

A lesson calls the real function (``validation.nested_cv(...)``); when the very same call (the
same function, model and settings, the same cases and diagnoses, the same library versions) has
been stored, its result is read back in a moment instead of being computed for tens of seconds.
Any other call computes as usual. Stored results are plain arrays (``.npz``) and JSON, never
pickles; the tests recompute a part of each one and compare.

``python -m bcc_teach store-results`` runs every lesson and solution with storing switched on
(``BCC_TEACH_STORE_RESULTS=1``), so the store holds exactly the results they ask for. Run it
after changing this package's validation, models, metrics or input checks, or a library
version: those make every stored result stale (``stale()``; a test says so), and a stale
result is never read, only computed again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import json
import os
from pathlib import Path

STORE = Path(__file__).resolve().parent / "stored"
WRITE = "BCC_TEACH_STORE_RESULTS"
#: How many remembered calls are under way (one inside another is stored only with it).
_DEPTH = [0]
#: Arguments that change how a call is shown, not what it computes.
_IGNORED = {"show_progress"}
#: The records a stored result may hold, by name (each ``remembered`` function adds its own).
_RECORDS: dict = {}


def _versions() -> str:
    import numpy
    import pandas
    import scipy
    import sklearn

    return (
        f"numpy {numpy.__version__}, pandas {pandas.__version__}, scipy {scipy.__version__}, "
        f"scikit-learn {sklearn.__version__}"
    )


def _describe(value) -> object:
    """A JSON-able description of an argument that two equal arguments share."""
    import numpy as np
    import pandas as pd
    from sklearn.base import BaseEstimator

    if isinstance(value, pd.DataFrame | pd.Series):
        digest = hashlib.sha256(pd.util.hash_pandas_object(value, index=True).to_numpy())
        names = list(value.columns) if isinstance(value, pd.DataFrame) else [value.name]
        return {"table": digest.hexdigest(), "columns": [str(n) for n in names]}
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        return {"array": hashlib.sha256(array.tobytes()).hexdigest(), "shape": array.shape,
                "dtype": str(array.dtype)}  # fmt: skip
    if isinstance(value, BaseEstimator):
        params = value.get_params(deep=False)
        return {"estimator": type(value).__name__,
                "params": {k: _describe(v) for k, v in sorted(params.items())}}  # fmt: skip
    if isinstance(value, list | tuple):
        return [_describe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _describe(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if callable(value) and hasattr(value, "__qualname__"):  # a function: its name, not its address
        return f"{getattr(value, '__module__', None)}.{value.__qualname__}"
    return repr(value)


@functools.cache
def code(depends: tuple[str, ...] = ()) -> str:
    """A fingerprint of the code stored results depend on (this package's validation, models,
    metrics and input checks, and the folders or modules of the package named in ``depends``,
    such as ``"shift"`` or ``"explain"``) and of the libraries' versions: change either, and
    every stored result that depends on it is computed again until it is stored anew."""
    package = Path(__file__).resolve().parent.parent
    sources = sorted(Path(__file__).resolve().parent.glob("*.py"))
    sources += [package / name for name in ("models.py", "metrics.py", "inputs.py")]
    for name in depends:
        folder = package / name
        sources += sorted(folder.glob("*.py")) if folder.is_dir() else [package / f"{name}.py"]
    digest = hashlib.sha256(_versions().encode())
    for source in sources:
        digest.update(str(source.relative_to(package)).encode() + source.read_bytes())
    return digest.hexdigest()[:20]


def key(function, *args, depends: tuple[str, ...] = (), unkeyed: tuple[str, ...] = (),
        **kwargs) -> str:  # fmt: skip
    """The name a call's stored result is filed under (``unkeyed``: arguments left out of it,
    because another argument already stands for them)."""
    bound = inspect.signature(function).bind(*args, **kwargs)
    bound.apply_defaults()
    ignored = _IGNORED | set(unkeyed)
    described = {k: _describe(v) for k, v in bound.arguments.items() if k not in ignored}
    fingerprint = code(depends)
    text = json.dumps([function.__name__, fingerprint, described], sort_keys=True, default=str)
    return f"{function.__name__}-{hashlib.sha256(text.encode()).hexdigest()[:20]}"


def stale() -> list[str]:
    """Stored results that the current code and libraries would no longer read."""
    names = []
    for path in STORE.glob("*.json"):
        stored = json.loads(path.read_text(encoding="utf-8"))
        depends = tuple(stored.get("depends", ()))
        if stored.get("code") != (code(depends)):
            names.append(path.name)
    return sorted(names)


def store_for_notebooks(notebooks, timeout: int = 600) -> list[str]:
    """Run each notebook (lessons, solutions) with storing switched on, after clearing the
    store, so that it holds exactly the results those notebooks ask for. Returns their names;
    the notebooks themselves are not changed."""
    import nbformat
    from nbclient import NotebookClient

    from bcc_teach.validation._progress import PLAIN

    for old in STORE.glob("*.*"):
        old.unlink()
    saved = {name: os.environ.get(name) for name in (WRITE, PLAIN)}
    os.environ[WRITE] = os.environ[PLAIN] = "1"  # the kernels inherit both
    try:
        for notebook in notebooks:
            path = Path(notebook)
            client = NotebookClient(nbformat.read(path, as_version=4), timeout=timeout,
                                    kernel_name="python3", resources={"metadata": {
                                        "path": str(path.parent)}})  # fmt: skip
            client.execute()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return sorted(path.name for path in STORE.glob("*.json"))


def _encode(value, arrays: dict, where: str):
    """``value`` as JSON, its NumPy arrays set aside in ``arrays`` (named by ``where``)."""
    import numpy as np
    import pandas as pd
    from sklearn.base import BaseEstimator

    if isinstance(value, np.ndarray):
        arrays[where] = value
        return {"array": where}
    if isinstance(value, pd.DataFrame) and isinstance(value.index, pd.MultiIndex):
        return {"multi_index": [list(i) for i in value.index], "names": list(value.index.names),
                "rows": _encode(value.reset_index(drop=True), arrays, where)}  # fmt: skip
    if isinstance(value, pd.DataFrame):
        kinds = [d.kind in "fiub" for d in value.dtypes]
        entry = {"frame": json.loads(value.to_json(orient="split", double_precision=15)),
                 "dtypes": [str(d) for d in value.dtypes], "index_names": list(value.index.names),
                 "exact": _encode(value.to_numpy(), arrays, where) if all(kinds) else None,
                 "range_index": isinstance(value.index, pd.RangeIndex)}  # fmt: skip
        if not all(kinds):  # a mixed table: its number columns kept exactly, one by one
            entry["exact_columns"] = {
                str(i): _encode(value.iloc[:, i].to_numpy(), arrays, f"{where}.{i}")
                for i, number in enumerate(kinds) if number}  # fmt: skip
        return entry
    if isinstance(value, pd.Series):
        return {"series": [list(value.index), value.tolist(), value.name]}
    if dataclasses.is_dataclass(value):
        return {"record": type(value).__name__, "fields": {
            f.name: _encode(getattr(value, f.name), arrays, f"{where}.{f.name}")
            for f in dataclasses.fields(value)}}  # fmt: skip
    if isinstance(value, dict):
        return {"dict": {k: _encode(v, arrays, f"{where}.{k}") for k, v in value.items()}}
    if isinstance(value, list | tuple):
        if any(isinstance(v, BaseEstimator | list) for v in value):
            return {"list": []}  # fitted models are not stored
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {kind: [_encode(v, arrays, f"{where}.{i}") for i, v in enumerate(value)]}
    if isinstance(value, np.generic):
        return {"value": value.item()}
    return {"value": value}


def _decode(entry, arrays):
    import io

    import pandas as pd

    from bcc_teach import validation

    if "array" in entry:
        return arrays[entry["array"]]
    if "multi_index" in entry:
        frame = _decode(entry["rows"], arrays)
        rows = [tuple(i) for i in entry["multi_index"]]
        frame.index = pd.MultiIndex.from_tuples(rows, names=entry["names"])
        return frame
    if "frame" in entry:
        frame = pd.read_json(io.StringIO(json.dumps(entry["frame"])), orient="split")
        if entry.get("range_index"):
            frame.index = pd.RangeIndex(len(frame))
        frame.index.name = entry.get("index_names", [None])[0]
        if entry["exact"] is None:
            frame = frame.astype(dict(zip(frame.columns, entry["dtypes"], strict=True)))
            for i, column in entry.get("exact_columns", {}).items():
                frame[frame.columns[int(i)]] = _decode(column, arrays)
            return frame
        exact = pd.DataFrame(_decode(entry["exact"], arrays), frame.index, frame.columns)
        dtypes = dict(zip(frame.columns, entry["dtypes"], strict=True))
        return exact.astype(dtypes)  # the numbers and their types as computed, not as printed
    if "series" in entry:
        index, values, name = entry["series"]
        return pd.Series(values, index=index, name=name)
    if "record" in entry:
        cls = _RECORDS.get(entry["record"]) or getattr(validation, entry["record"])
        return cls(**{k: _decode(v, arrays) for k, v in entry["fields"].items()})
    if "dict" in entry:
        return {k: _decode(v, arrays) for k, v in entry["dict"].items()}
    if "list" in entry:
        return [_decode(v, arrays) for v in entry["list"]]
    if "tuple" in entry:
        return tuple(_decode(v, arrays) for v in entry["tuple"])
    return entry["value"]


def _save(record, path: Path, depends: tuple[str, ...] = ()) -> None:
    import numpy as np

    arrays: dict = {}
    encoded = _encode(record, arrays, "result")
    STORE.mkdir(exist_ok=True)
    np.savez_compressed(path.with_suffix(".npz"), **arrays)
    encoded["code"] = code(depends)
    if depends:
        encoded["depends"] = list(depends)
    path.with_suffix(".json").write_text(json.dumps(encoded, indent=1), encoding="utf-8")


def _load(record_class, path: Path):
    import numpy as np

    stored = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    if stored.get("record") != record_class.__name__:
        raise ValueError(f"{path.name} holds a {stored.get('record')}, not a "
                         f"{record_class.__name__}.")  # fmt: skip
    with np.load(path.with_suffix(".npz"), allow_pickle=False) as arrays:
        return _decode(stored, {name: arrays[name] for name in arrays.files})


def remembered(record_class, depends: tuple[str, ...] = (), records: tuple = (),
               unkeyed: tuple[str, ...] = ()):  # fmt: skip
    """Decorate a slow validation function whose result is a ``record_class``: a call stored
    before is read back; any other call computes (and, with ``BCC_TEACH_STORE_RESULTS=1``,
    stores its result). ``depends``: folders or modules of the package, beyond validation,
    models, metrics and input checks, whose code the result depends on (e.g. ``("shift",)``);
    ``records``: other record classes the result holds, if they are not in ``validation``;
    ``unkeyed``: arguments the key leaves out (an object another argument fingerprints)."""
    for cls in (record_class, *records):
        _RECORDS[cls.__name__] = cls

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if kwargs.get("keep_models"):  # fitted models are not stored
                return function(*args, **kwargs)
            path = STORE / key(function, *args, depends=tuple(depends), unkeyed=tuple(unkeyed),
                               **kwargs)  # fmt: skip
            if path.with_suffix(".json").is_file():
                return _load(record_class, path)
            _DEPTH[0] += 1
            try:
                result = function(*args, **kwargs)
            finally:
                _DEPTH[0] -= 1
            if os.environ.get(WRITE) and _DEPTH[0] == 0:  # a call inside another: not on its own
                _save(result, path, tuple(depends))
            return result

        wrapper.compute = function  # the computation itself, never read from the store
        return wrapper

    return decorate
