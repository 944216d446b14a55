"""The Wisconsin breast-cancer data, and new cases read from a CSV file.

Everything here uses one convention: **malignant = 1 = the positive class**. (scikit-learn's own
copy of this data, ``load_breast_cancer``, codes malignant as 0; nothing here inherits that.)

    >>> from bcc_teach import data
    >>> wdbc = data.load_wdbc()          # 569 cases, a table for looking at
    >>> X, y = data.load_wdbc_xy()       # features and y (1 = malignant), for a model
    >>> print(data.describe_feature("concave_points_worst"))
    concave_points_worst — how many inward dents the outline has (as scaled in the data).
    Worst: the average of the three largest values in the image, ...
    Typical value (median): benign 0.07431, malignant 0.182.

Bundled files are checked against ``data/SHA256SUMS`` each time they are loaded, so an edited
or damaged file is caught before it can quietly change a lesson's numbers.
"""

from __future__ import annotations

import csv
import difflib
import functools
import hashlib
import io
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import inputs
from bcc_teach._paths import data_dir

if TYPE_CHECKING:  # pandas is imported inside the functions, so `import bcc_teach` stays cheap
    import pandas as pd

__all__ = [
    "BASE_FEATURES",
    "check_feature",
    "FEATURES",
    "STATISTICS",
    "WBC_FEATURES",
    "DataError",
    "describe_feature",
    "feature_unit",
    "feature_summary",
    "load_wbc_original",
    "load_wdbc",
    "load_wdbc_xy",
    "read_cases",
    "verify_bundled_data",
]


class DataError(ValueError):
    """A data file is not what the course expects; the message says where and what to fix.

    ``problems`` lists each problem found (at most the first 20 are spelled out in the message).
    """

    MAX_LISTED = 20

    def __init__(self, source: str | Path, problems: list[str]):
        self.source = str(source)
        self.problems = list(problems)
        if len(problems) == 1:
            text = f"{self.source}: {problems[0]}"
        else:
            listed = "\n".join(f"  - {p}" for p in problems[: self.MAX_LISTED])
            more = len(problems) - self.MAX_LISTED
            tail = f"\n  … and {more} more problem(s) of the same kinds." if more > 0 else ""
            text = f"{self.source}: {len(problems)} problems found:\n{listed}{tail}"
        super().__init__(text + "\n(The file was not changed.)")


# --------------------------------------------------------------------------------------------
# The WDBC features, in clinical words
# --------------------------------------------------------------------------------------------

#: The ten measurements made on every nucleus outline.
BASE_FEATURES = (
    "radius", "texture", "perimeter", "area", "smoothness",
    "compactness", "concavity", "concave_points", "symmetry", "fractal_dimension",
)  # fmt: skip
#: How the nuclei of one image are summarised: average, standard error, and "worst".
STATISTICS = ("mean", "se", "worst")
#: The 30 WDBC feature columns, in the order of the original file (10 means, 10 SEs, 10 worst).
FEATURES = tuple(f"{base}_{stat}" for stat in STATISTICS for base in BASE_FEATURES)
#: The nine cytology scores (1–10) of the original Wisconsin data.
WBC_FEATURES = (
    "clump_thickness", "uniformity_cell_size", "uniformity_cell_shape", "marginal_adhesion",
    "single_epithelial_cell_size", "bare_nuclei", "bland_chromatin", "normal_nucleoli", "mitoses",
)  # fmt: skip
DIAGNOSES = ("benign", "malignant")

_LENGTH = "length in the digitised image's own unit (the data come with no micrometre scale)"
_MEANINGS = {
    "radius": (
        "how big the nucleus is: the average distance from its centre to its outline",
        _LENGTH,
    ),
    "texture": (
        "how uneven the staining of the nucleus is: the spread (standard deviation) of its grey "
        "levels; coarse, clumped chromatin scores higher",
        "grey levels",
    ),
    "perimeter": ("the length of the nucleus outline", _LENGTH),
    "area": ("the area inside the nucleus outline", "squared " + _LENGTH),
    "smoothness": (
        "how much neighbouring radii differ in length: a bumpy, wobbly outline scores higher",
        "no unit (a ratio)",
    ),
    "compactness": (
        "how far the shape is from a circle, computed from perimeter and area (perimeter² / "
        "(4π × area) − 1, which is 0 for a perfect circle); round nuclei score low, elongated "
        "or irregular ones higher",
        "no unit (a ratio)",
    ),
    "concavity": (
        "how deep the inward dents (concavities) in the outline are",
        "no unit (a ratio)",
    ),
    "concave_points": (
        "how many inward dents the outline has (as scaled in the data)",
        "no unit (a ratio)",
    ),
    "symmetry": (
        "how different the two halves of the nucleus are when compared across its longest "
        "axis: higher means less symmetric",
        "no unit (a ratio)",
    ),
    "fractal_dimension": (
        "how crinkly the outline stays as you look at it more and more closely "
        '("coastline approximation" minus 1)',
        "no unit",
    ),
}
_STAT_MEANINGS = {
    "mean": "Mean: the average over all the nuclei outlined in the image.",
    "se": (
        "SE: the standard error of that average, which grows when the nuclei in the image "
        "differ from one another (pleomorphism) and shrinks when many nuclei were measured."
    ),
    "worst": (
        "Worst: the average of the three largest values in the image, i.e. the most "
        "abnormal-looking nuclei, much as a cytopathologist looks for the worst cells."
    ),
}


_SHORT_UNITS = {
    "radius": "image units",
    "perimeter": "image units",
    "area": "square image units",
    "texture": "grey levels",
}


def feature_unit(name: str) -> str:
    """A short unit for an axis label. Standard errors share their measurement's unit.

    >>> feature_unit("area_mean"), feature_unit("smoothness_worst")
    ('square image units', 'no unit')
    """
    check_feature(name)
    return _SHORT_UNITS.get(name.rsplit("_", 1)[0], "no unit")


def check_feature(name: object, choices: tuple[str, ...] = FEATURES) -> str:
    """Return ``name`` if it is one of ``choices`` (the 30 features); else a helpful ValueError.

    >>> check_feature("radius_mean")
    'radius_mean'
    """
    return inputs.check_feature(name, choices)


@functools.lru_cache(maxsize=1)
def _wdbc_medians() -> pd.DataFrame:
    return load_wdbc().groupby("diagnosis")[list(FEATURES)].median().T


def describe_feature(name: str) -> str:
    """Say in clinical words what one of the 30 WDBC features measures.

    Gives what was measured on each nucleus, how the image's nuclei were summarised (mean, SE or
    worst), the unit, and the typical (median) value in benign and malignant cases.

    >>> print(describe_feature("concave_points_worst"))
    concave_points_worst — how many inward dents the outline has (as scaled in the data). ...
    """
    check_feature(name)
    base, stat = name.rsplit("_", 1)
    meaning, unit = _MEANINGS[base]
    medians = _wdbc_medians().loc[name]
    return (
        f"{name} — {meaning}.\n"
        f"{_STAT_MEANINGS[stat]}\n"
        f"Unit: {unit}.\n"
        f"Typical value (median): benign {medians['benign']:.4g}, "
        f"malignant {medians['malignant']:.4g}."
    )


# --------------------------------------------------------------------------------------------
# Bundled data, checked against data/SHA256SUMS
# --------------------------------------------------------------------------------------------

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


def feature_summary(table: pd.DataFrame, feature: str) -> pd.DataFrame:
    """Summarise one feature by diagnosis: number of cases, median, quartiles, min and max.

    ``table`` needs a ``diagnosis`` column and the feature's column (as ``load_wdbc()`` gives).

    >>> feature_summary(load_wdbc(), "radius_mean").round(2)
                 cases  median     q1     q3    min    max
    radius_mean
    benign         357   12.20  11.08  13.37   6.98  17.85
    malignant      212   17.33  15.08  19.59  10.95  28.11
    """
    inputs.check_columns(table, ["diagnosis"], what="feature_summary's table")
    check_feature(feature, tuple(c for c in table.columns if c != "diagnosis"))
    grouped = table.groupby("diagnosis")[feature]
    summary = grouped.agg(
        cases="count",
        median="median",
        q1=lambda s: s.quantile(0.25),
        q3=lambda s: s.quantile(0.75),
        min="min",
        max="max",
    )
    present = [d for d in DIAGNOSES if d in summary.index]
    return summary.loc[present].rename_axis(feature)


# --------------------------------------------------------------------------------------------
# New cases from a learner's or a clinic's CSV file
# --------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_MISSING_MARKERS = {"?", "na", "n/a", "nan", "null", "none", "-", "missing"}
_DIAGNOSIS_WORDS = {"malignant": "malignant", "m": "malignant", "benign": "benign", "b": "benign"}
_SIZE_BASES = ("radius", "perimeter", "area")
# Ten times the largest value in the bundled data: anything above is a different unit or a typo.
_IMPLAUSIBLE_ABOVE = {"radius": 360.0, "perimeter": 2520.0, "area": 42600.0}
_ALIASES = {
    "id": "case_id",
    "uci_id": "case_id",
    "patient_id": "case_id",
    "sample_id": "case_id",
    "class": "diagnosis",
    "label": "diagnosis",
    "target": "diagnosis",
    "outcome": "diagnosis",
}
# scikit-learn names the same features "mean radius", "radius error", "worst radius".
for _base in BASE_FEATURES:
    _words = _base.replace("_", " ")
    _ALIASES[f"mean {_words}"] = f"{_base}_mean"
    _ALIASES[f"{_words} error"] = f"{_base}_se"
    _ALIASES[f"worst {_words}"] = f"{_base}_worst"
_OPTIONAL = ("case_id", "diagnosis")
_MAX_BYTES = 100_000_000


def _column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as a spreadsheet labels columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _where(row: int, col: int, name: str) -> str:
    return f"row {row}, column {_column_letter(col)} ({name})"


def _sniff_binary(raw: bytes) -> str | None:
    if raw.startswith(b"PK\x03\x04"):
        return (
            "this is an Excel workbook (.xlsx) or another zipped file, not a CSV text file. "
            "In Excel choose File › Save As › 'CSV UTF-8 (Comma delimited)' and read that file."
        )
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            "this is an old Excel workbook (.xls), not a CSV text file. In Excel choose "
            "File › Save As › 'CSV UTF-8 (Comma delimited)' and read that file."
        )
    if raw.startswith(b"%PDF"):
        return "this is a PDF document, not a CSV text file."
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            "this text file is saved as UTF-16 ('Unicode text'); save it again as "
            "'CSV UTF-8 (Comma delimited)'."
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return f"row {line} contains binary data (a NUL byte): this is not a CSV text file."
    return None


def _decode(path: Path, raw: bytes) -> str:
    binary = _sniff_binary(raw)
    if binary:
        raise DataError(path, [binary])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            path,
            [
                f"row {line} is not UTF-8 text (byte 0x{raw[exc.start]:02x}). Save the file "
                "as 'CSV UTF-8 (Comma delimited)' and try again."
            ],
        ) from None


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Parse CSV text into (spreadsheet row number, stripped cells), skipping blank rows."""
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            cleaned = [cell.strip() for cell in cells]
            if any(cleaned):
                rows.append((reader.line_num, cleaned))
    except csv.Error as exc:
        raise DataError(
            path, [f"row {reader.line_num + 1} cannot be read as CSV ({exc})."]
        ) from None
    return rows


def _delimiter_problem(header: list[str]) -> str | None:
    if len(header) != 1:
        return None
    for symbol, name in ((";", "semicolons (;)"), ("\t", "tabs"), ("|", "vertical bars (|)")):
        if symbol in header[0]:
            return (
                f"the columns are separated by {name}, but this course reads comma-separated "
                "files. In Excel choose 'CSV UTF-8 (Comma delimited)' when saving; if your "
                "numbers use decimal commas (12,5), change them to decimal points (12.5) first."
            )
    return (
        "the header row has only one column. Expected comma-separated columns named "
        "radius_mean, texture_mean, … (see data.FEATURES)."
    )


def _header_problems(header: list[str], header_row: int) -> list[str]:
    problems = []
    numeric = sum(bool(_NUMBER.fullmatch(cell)) for cell in header)
    if numeric > len(header) // 2:
        return [
            f"row {header_row} holds numbers, not column names. The first row must name the "
            "columns: case_id (optional), diagnosis (optional) and the 30 features "
            "radius_mean, texture_mean, … (see data.FEATURES)."
        ]
    known = set(FEATURES) | set(_OPTIONAL)
    seen: dict[str, int] = {}
    for col, name in enumerate(header):
        letter = _column_letter(col)
        if not name:
            problems.append(f"column {letter} has no name in the header (row {header_row}).")
        elif name in seen:
            problems.append(
                f"column '{name}' appears twice (columns {_column_letter(seen[name])} and "
                f"{letter}); each column must appear once."
            )
        elif name not in known:
            suggestion = _ALIASES.get(name.lower()) or next(
                iter(difflib.get_close_matches(name.lower(), sorted(known), n=1)), None
            )
            hint = f" Did you mean '{suggestion}'?" if suggestion else ""
            problems.append(
                f"unknown column '{name}' (column {letter}).{hint} Allowed: case_id, diagnosis "
                "and the 30 features in data.FEATURES."
            )
        if name:
            seen.setdefault(name, col)
    missing = [f for f in FEATURES if f not in seen]
    if missing:
        shown = ", ".join(missing[:6]) + (", …" if len(missing) > 6 else "")
        problems.append(
            f"missing {len(missing)} of the 30 feature column(s): {shown}. Every case needs all "
            "30 WDBC features (see data.FEATURES)."
        )
    return problems


def _parse_feature(value: str, where: str) -> tuple[float | None, str | None]:
    """Return (number, None) or (None, problem)."""
    if not value:
        return None, f"{where}: the cell is empty; every feature needs a measured value."
    if value.lower() in _MISSING_MARKERS:
        return None, (
            f"{where}: '{value}' marks a missing value; every feature needs a measured value."
        )
    if re.fullmatch(r"[+-]?\d+,\d+", value):
        return None, (
            f"{where}: '{value}' uses a decimal comma; write it with a decimal point "
            f"({value.replace(',', '.')})."
        )
    if not _NUMBER.fullmatch(value):
        return None, f"{where}: '{value}' is not a number (expected a number such as 14.2)."
    number = float(value)
    if not math.isfinite(number):
        return None, f"{where}: '{value}' is too large to be a measurement."
    if number < 0:
        return None, f"{where}: {value} is negative; these measurements cannot be below 0."
    return number, None


def _row_problems(
    header: list[str], row: int, cells: list[str], values: dict[str, float]
) -> list[str]:
    """Check one data row; fill ``values`` with the parsed features; return the problems."""
    if len(cells) > len(header) and not any(cells[len(header) :]):
        cells = cells[: len(header)]  # trailing empty cells, as spreadsheets sometimes add
    if len(cells) != len(header):
        extra = (
            " (a stray comma, or a decimal comma such as 12,5?)" if len(cells) > len(header) else ""
        )
        return [
            f"row {row} has {len(cells)} values but the header names {len(header)} columns{extra}."
        ]
    problems = []
    for col, (name, value) in enumerate(zip(header, cells, strict=True)):
        where = _where(row, col, name)
        if name == "case_id":
            if not value:
                problems.append(f"{where}: the case_id is empty; give every case a label.")
        elif name == "diagnosis":
            if value and value.lower() not in _DIAGNOSIS_WORDS:
                if value in {"0", "1", "2", "4"}:
                    problems.append(
                        f"{where}: '{value}' is a number, and numbers are ambiguous here "
                        "(scikit-learn's copy of this data codes malignant as 0, this course "
                        "as 1). Write 'malignant' or 'benign'."
                    )
                else:
                    problems.append(
                        f"{where}: unknown diagnosis '{value}'; write 'malignant' or "
                        "'benign' (or M / B), or leave it empty if not yet known."
                    )
        else:
            number, problem = _parse_feature(value, where)
            if problem:
                problems.append(problem)
            else:
                values[name] = number
    problems.extend(_impossible(header, row, values))
    return problems


def _impossible(header: list[str], row: int, values: dict[str, float]) -> list[str]:
    problems = []
    for base in _SIZE_BASES:
        for stat in ("mean", "worst"):
            name = f"{base}_{stat}"
            value = values.get(name)
            if value is None:
                continue
            where = _where(row, header.index(name), name)
            if value == 0:
                problems.append(f"{where}: a nucleus {base} of 0 is impossible.")
            elif value > _IMPLAUSIBLE_ABOVE[base]:
                problems.append(
                    f"{where}: {value:g} is implausibly large (more than ten times any nucleus "
                    "in the Wisconsin images). Was it measured in another unit?"
                )
    for base in BASE_FEATURES:
        mean, worst = values.get(f"{base}_mean"), values.get(f"{base}_worst")
        if mean is not None and worst is not None and worst < mean * (1 - 1e-6):
            where = _where(row, header.index(f"{base}_worst"), f"{base}_worst")
            problems.append(
                f"{where}: {worst:g} is smaller than {base}_mean ({mean:g}). 'Worst' is the "
                "average of the three largest nuclei, so it cannot be below the mean: are two "
                "columns swapped?"
            )
    return problems


def read_cases(path: str | Path) -> pd.DataFrame:
    """Read new cases from a CSV file and check them against the WDBC layout.

    The file needs a header row naming the 30 feature columns (``data.FEATURES``, any order);
    it may add ``case_id`` (a unique label per case) and ``diagnosis`` ("malignant"/"benign",
    or M/B; leave it empty when not known). Anything else is refused with a ``DataError`` that
    names the file, the row (counted as a spreadsheet counts it: the header is row 1) and the
    column, and says what was expected. The file is only read, never changed.

    Returns a table with ``case_id`` (from the file, or "row 2", "row 3", … when it has none),
    ``diagnosis`` if the file had one, and the 30 features as numbers.

    >>> read_cases("no_such_file.csv")
    Traceback (most recent call last):
    ...
    bcc_teach.data.DataError: no_such_file.csv: no such file. Check the file name and the ...
    (The file was not changed.)
    """
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise DataError(path, ["no such file. Check the file name and the folder it is in."])
    if path.is_dir():
        raise DataError(path, ["this is a folder, not a CSV file."])
    size = path.stat().st_size
    if size > _MAX_BYTES:
        raise DataError(path, [f"the file is {size / 1e6:.0f} MB; a CSV of cases is far smaller."])
    raw = path.read_bytes()
    if not raw:
        raise DataError(path, ["the file is empty (0 bytes); expected a header row and cases."])
    rows = _rows(path, _decode(path, raw))
    if not rows:
        raise DataError(path, ["the file holds only blank lines; expected a header row and cases."])
    header_row, header = rows[0]
    problem = _delimiter_problem(header)
    if problem:
        raise DataError(path, [problem])
    problems = _header_problems(header, header_row)
    if problems:
        raise DataError(path, problems)
    if len(rows) == 1:
        raise DataError(path, ["the file has a header row but no cases below it."])

    records, problems, first_seen = [], [], {}
    for row, cells in rows[1:]:
        values: dict[str, float] = {}
        problems.extend(_row_problems(header, row, cells, values))
        record = dict(zip(header, cells, strict=False))
        case_id = record.get("case_id") or f"row {row}"
        if "case_id" in record and record["case_id"]:
            if case_id in first_seen:
                problems.append(
                    f"case_id '{case_id}' is used twice (rows {first_seen[case_id]} and {row}); "
                    "each case needs its own label."
                )
            first_seen.setdefault(case_id, row)
        diagnosis = _DIAGNOSIS_WORDS.get(record.get("diagnosis", "").lower())
        records.append({"case_id": case_id, "diagnosis": diagnosis, **values})
    if problems:
        raise DataError(path, problems)

    columns = ["case_id", *(["diagnosis"] if "diagnosis" in header else []), *FEATURES]
    table = pd.DataFrame.from_records(records, columns=columns)
    table[list(FEATURES)] = table[list(FEATURES)].astype("float64")
    return table
