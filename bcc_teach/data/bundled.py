"""The bundled datasets, each checked against ``data/SHA256SUMS`` every time it is loaded.

An edited or damaged file is caught before it can quietly change a lesson's numbers. The files
live in the ``data/`` folder beside the package (``bcc_teach._paths.data_dir``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach._paths import data_dir
from bcc_teach.data.errors import DataError
from bcc_teach.data.names import FEATURES, WBC_FEATURES

if TYPE_CHECKING:  # pandas is imported inside the functions, so `import bcc_teach` stays cheap
    import pandas as pd

_BUNDLED = ("wbc_original.csv", "wdbc.csv")


def _expected_checksums(folder: Path) -> dict[str, str]:
    sums_file = folder / "SHA256SUMS"
    try:
        lines = sums_file.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(sums_file, [f"cannot read the checksum list ({exc})."]) from None
    sums = {}
    for line in lines:
        if line.strip():
            digest, _, name = line.partition("  ")
            sums[name.strip()] = digest.strip()
    return sums


def _check_bundled(name: str) -> Path:
    """Return the path of a bundled file after checking it has not changed; else DataError."""
    folder = data_dir()
    path = folder / name
    if not path.is_file():
        raise DataError(
            path,
            [
                "this bundled data file is missing. Restore it with `git checkout -- "
                f"data/{name}` from the course folder, or download the course again."
            ],
        )
    expected = _expected_checksums(folder).get(name)
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if expected != actual:
        raise DataError(
            path,
            [
                "this bundled data file has changed since the course was published (its "
                "SHA-256 checksum does not match data/SHA256SUMS), so lesson results could be "
                f"wrong. Restore it with `git checkout -- data/{name}` from the course folder, "
                "or download the course again."
            ],
        )
    return path


def verify_bundled_data() -> list[tuple[str, bool, str]]:
    """Check every bundled data file against ``data/SHA256SUMS``.

    Returns one ``(file name, ok, message)`` per file; nothing is raised.

    >>> all(ok for _, ok, _ in verify_bundled_data())
    True
    """
    results = []
    for name in _BUNDLED:
        try:
            _check_bundled(name)
        except DataError as exc:
            results.append((name, False, exc.problems[0]))
        else:
            results.append((name, True, "matches its published checksum"))
    return results


def load_wdbc(include_uci_id: bool = False) -> pd.DataFrame:
    """The 569 Wisconsin Diagnostic Breast Cancer cases, as a table to look at.

    Columns: ``case_id`` (a pseudonymous label, W001 to W569), ``diagnosis`` ("malignant" or
    "benign", as recorded for each case) and the 30 nuclear features (see ``FEATURES`` and
    ``describe_feature``). The original UCI sample ids are left out; ask for them with
    ``include_uci_id=True`` (the privacy lesson does, to show why they are left out).

    >>> wdbc = load_wdbc()
    >>> wdbc.shape
    (569, 32)
    """
    import pandas as pd

    raw = pd.read_csv(_check_bundled("wdbc.csv"))
    table = raw[["diagnosis", *FEATURES]].copy()
    table.insert(0, "case_id", [f"W{i:03d}" for i in range(1, len(raw) + 1)])
    if include_uci_id:
        table.insert(0, "uci_id", raw["uci_id"])
    return table


def load_wdbc_xy() -> tuple[pd.DataFrame, pd.Series]:
    """The WDBC data ready for a model: ``X`` (30 features), ``y`` (**1 = malignant**, 0 = benign).

    Both are indexed by the pseudonymous ``case_id``, so any prediction can be traced back to
    its case.

    >>> X, y = load_wdbc_xy()
    >>> int(y.sum())        # malignant cases
    212
    """
    table = load_wdbc().set_index("case_id")
    y = (table["diagnosis"] == "malignant").astype("int64").rename("malignant")
    return table[list(FEATURES)], y


def load_wbc_original(include_uci_id: bool = False) -> pd.DataFrame:
    """The original Wisconsin Breast Cancer data: 699 aspirates scored 1–10 by eye.

    Columns: ``case_id`` (pseudonymous, O001 to O699); ``id_group`` (rows that share a label
    shared a sample code number in the source: 54 rows repeat an earlier one, so keep a group
    together when splitting); ``batch`` (1–8, the order in which the cases arrived, January 1989
    to November 1991); the nine cytology scores (``WBC_FEATURES``); ``diagnosis``.
    ``bare_nuclei`` is missing (NaN) for 16 cases, as in the source.

    >>> original = load_wbc_original()
    >>> int(original["bare_nuclei"].isna().sum())
    16
    """
    import pandas as pd

    raw = pd.read_csv(_check_bundled("wbc_original.csv"))
    table = raw[["batch", *WBC_FEATURES, "diagnosis"]].copy()
    table["bare_nuclei"] = table["bare_nuclei"].astype("float64")
    groups = {uci_id: f"G{i:03d}" for i, uci_id in enumerate(raw["uci_id"].unique(), start=1)}
    table.insert(0, "id_group", raw["uci_id"].map(groups))
    table.insert(0, "case_id", [f"O{i:03d}" for i in range(1, len(raw) + 1)])
    if include_uci_id:
        table.insert(0, "uci_id", raw["uci_id"])
    return table
