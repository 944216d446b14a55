"""A model can carry patients: what a saved model file gives away about its training cases.

A k-nearest-neighbours model answers by looking up the most similar training cases, so it
keeps every one of them, verbatim, inside the model (``_fit_X``: one row of 30 measurements
per woman, and ``_y``: her diagnosis). Saved to a file, they travel with it: anyone who receives
the file can read them back, and undo the scaling with the scaler's own numbers stored beside
them. A support vector machine keeps some training cases too (its support vectors). A logistic
regression keeps 31 numbers (30 weights and an intercept); its scaler keeps each feature's
average and spread over all the training cases, which describe no single woman (unless there
are very few).

So a model file is patient data when its model keeps cases: share it only where the
training data themselves could go, or share a model that keeps none.

    >>> import skops.io
    >>> from bcc_teach import data, models, privacy
    >>> X, y = data.load_wdbc_xy()
    >>> knn = models.make_model("knn").fit(X, y)
    >>> privacy.patients_in_model_file(skops.io.dumps(knn), X).words()
    'The model file holds 569 of the 569 training cases, every measurement as recorded.'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import deploy

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Bookkeeping a fitted model stores that was not learned from the cases' values.
BOOKKEEPING = {"classes_", "n_classes_", "n_iter_", "n_samples_seen_", "n_features_in_",
               "n_outputs_", "n_support_", "_n_support"}  # fmt: skip


@dataclass(frozen=True)
class CarriedPatients:
    """What one model file holds of its training cases (see ``patients_in_model_file``).

    ``recovered``: the training cases found in the file, as in ``X_train`` (indexed by case,
    in the order the file holds them); ``stored``: the same rows as the file stores them (for
    k-nearest neighbours, scaled); ``where``: the places in the model that hold them;
    ``contents``: every array in the file (``deploy.Contents``).
    """

    source: str
    training_cases: int
    recovered: pd.DataFrame
    stored: pd.DataFrame
    where: tuple[str, ...]
    contents: deploy.Contents

    @property
    def n_recovered(self) -> int:
        """How many different training cases can be read back from the file."""
        return len(self.recovered)

    def numbers_by_step(self) -> dict[str, int]:
        """How many numbers each step of the model learned from the cases (bookkeeping such
        as the class labels left out): a logistic regression, 31."""
        counts: dict[str, int] = {}
        for stored in self.contents.arrays:
            parts = stored.place.split(".")
            if parts[-1] not in BOOKKEEPING:
                step = parts[0] if len(parts) > 1 else "model"
                counts[step] = counts.get(step, 0) + stored.numbers
        return counts

    def words(self) -> str:
        """One sentence: how many training cases the file gives away."""
        if not self.n_recovered:
            return (
                f"The model file holds none of the {self.training_cases} training cases; its "
                f"model learned {sum(self.numbers_by_step().values()):,} numbers."
            )
        return (
            f"The model file holds {self.n_recovered} of the {self.training_cases} training "
            "cases, every measurement as recorded."
        )

    def table(self) -> pd.DataFrame:
        """One row: the file's size, the numbers its model learned, the cases it holds."""
        import pandas as pd

        row = {
            "file size (bytes)": self.contents.size_bytes,
            "numbers learned": sum(self.numbers_by_step().values()),
            "training cases inside": f"{self.n_recovered} of {self.training_cases}",
            "held in": ", ".join(dict.fromkeys(p.rsplit(".", 1)[-1] for p in self.where)) or "none",
        }
        return pd.DataFrame([row], index=pd.Index([self.source], name="model file"))


def _matches(candidate: np.ndarray, X: np.ndarray) -> np.ndarray:
    """For each candidate row, the index of the training row it equals (to 1e-9), else -1."""
    import numpy as np

    found = np.full(len(candidate), -1)
    scale = np.abs(X) * 1e-9 + 1e-12
    for start in range(0, len(candidate), 256):  # blocks keep memory small
        block = candidate[start : start + 256]
        close = (np.abs(block[:, None, :] - X[None, :, :]) <= scale[None, :, :]).all(axis=2)
        hit = close.any(axis=1)
        found[start : start + 256][hit] = close.argmax(axis=1)[hit]
    return found


def patients_in_model_file(model_file: str | Path | bytes, X_train) -> CarriedPatients:
    """Which training cases can be read back from a saved ``.skops`` model file.

    Every table of numbers in the file with one column per feature is compared with
    ``X_train`` (the cases the model was fitted on): as stored, and with a scaling undone by
    the scaler's own ``mean_`` and ``scale_`` stored in the same file. The file is only read,
    as a stranger would read it: the model is not loaded, and no code in it runs.

    >>> import skops.io
    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> lr = models.reference_model().fit(X, y)
    >>> carried = patients_in_model_file(skops.io.dumps(lr), X)
    >>> carried.n_recovered, carried.numbers_by_step()
    (0, {'standardscaler': 90, 'logisticregression': 31})
    """
    import numpy as np
    import pandas as pd

    if not isinstance(X_train, pd.DataFrame):
        kind = type(X_train).__name__
        raise TypeError(f"X_train must be a table (a pandas DataFrame); got {kind}.")
    inside = deploy.contents(model_file)
    X = X_train.to_numpy(dtype=float)
    width = X.shape[1]
    scalers = [
        (inside.array(place), inside.array(place[: -len("mean_")] + "scale_"))
        for place in inside.places()
        if place.endswith(".mean_") and place[: -len("mean_")] + "scale_" in inside.places()
    ]
    found: dict[int, int] = {}  # training row -> order found
    where, stored_rows = [], []
    for stored in inside.arrays:
        if len(stored.shape) != 2 or stored.shape[1] != width or stored.fields != 1:
            continue
        values = inside.array(stored.place).astype(float)
        for mean, scale in [(None, None), *scalers]:
            candidate = values if mean is None else values * scale + mean
            rows = _matches(candidate, X)
            if (rows >= 0).any():
                where.append(stored.place)
                for position in np.flatnonzero(rows >= 0):
                    if int(rows[position]) not in found:
                        found[int(rows[position])] = len(found)
                        stored_rows.append(values[position])
                break
    order = sorted(found, key=found.get)
    recovered = X_train.iloc[order]
    stored_table = pd.DataFrame(stored_rows, columns=X_train.columns, index=recovered.index)
    source = Path(model_file).name if isinstance(model_file, str | Path) else "the model file"
    return CarriedPatients(source, len(X_train), recovered, stored_table, tuple(where), inside)
