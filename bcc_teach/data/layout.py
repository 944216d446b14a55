"""The rules a clinic's CSV of cases must follow, checked one header or one row at a time.

This is the one place where a cell, a row or a header is judged and where the message a
clinician reads is written. ``read_cases`` and the batch scorer (``deploy.score_file``) both
read files through ``data.read_cases_in_chunks``, which applies these rules. Every problem is a
``Problem``: the row as a spreadsheet counts it (the header is row 1), the column (letter and
name, when one column is at fault) and the message.

    >>> header = ["case_id", *FEATURES]
    >>> cells = ["W1", *["1"] * 30]
    >>> cells[1] = "12,5"
    >>> print(row_problems(header, 2, cells, {})[0])
    row 2, column B (radius_mean): '12,5' uses a decimal comma; write it with a decimal point (12.5).
"""  # noqa: E501

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from bcc_teach.data.names import BASE_FEATURES, FEATURES

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_MISSING_MARKERS = {"?", "na", "n/a", "nan", "null", "none", "-", "missing"}
#: How a diagnosis may be written (any case), and what it means.
DIAGNOSIS_WORDS = {"malignant": "malignant", "m": "malignant", "benign": "benign", "b": "benign"}
#: The sizes that can be neither 0 nor far larger than any nucleus of the Wisconsin images.
SIZE_BASES = ("radius", "perimeter", "area")
# Ten times the largest value in the bundled data: anything above is a different unit or a typo.
IMPLAUSIBLE_ABOVE = {"radius": 360.0, "perimeter": 2520.0, "area": 42600.0}
#: 'worst' may fall below 'mean' by this share at most (rounding in an export).
WORST_TOLERANCE = 1e-6
_ALIASES = {
    "id": "case_id",
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
#: Names accepted for the column of case labels: ``uci_id`` is the course's own data/wdbc.csv.
ID_COLUMNS = ("case_id", "uci_id")
_OPTIONAL = (*ID_COLUMNS, "diagnosis")


@dataclass(frozen=True)
class Problem:
    """One problem in a file: ``row`` as a spreadsheet counts it (header = row 1), the
    ``column`` (0 = A) and its ``name`` when one column is at fault (else ``None``), and the
    ``message`` a clinician reads (``str(problem)``)."""

    row: int
    column: int | None
    name: str | None
    message: str

    @property
    def letter(self) -> str:
        """The column's letter as a spreadsheet shows it ("" when no one column is at fault)."""
        return "" if self.column is None else column_letter(self.column)

    def __str__(self) -> str:
        return self.message


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as a spreadsheet labels columns.

    >>> column_letter(0), column_letter(31)
    ('A', 'AF')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _where(row: int, col: int, name: str) -> str:
    return f"row {row}, column {column_letter(col)} ({name})"


def _at(row: int, col: int, name: str, what: str) -> Problem:
    return Problem(row, col, name, f"{_where(row, col, name)}: {what}")


def delimiter_problem(header: list[str]) -> str | None:
    """What is wrong when the header row has only one column (another separator?), or None.

    >>> delimiter_problem(["radius_mean;texture_mean"])[:45]
    'the columns are separated by semicolons (;), '
    """
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


def header_problems(header: list[str], header_row: int) -> list[str]:
    """Every problem with the header row's (stripped) column names; [] when it is right.

    >>> header_problems(["case_id", *FEATURES], 1)
    []
    >>> header_problems(["case_id", "mean radius", *FEATURES[1:]], 1)[0][:60]
    "unknown column 'mean radius' (column B). Did you mean 'radiu"
    """
    problems = []
    numeric = sum(bool(_NUMBER.fullmatch(cell)) for cell in header)
    if numeric > len(header) // 2:
        return [
            f"row {header_row} holds numbers, not column names. The first row must name the "
            "columns: case_id or uci_id (optional), diagnosis (optional) and the 30 features "
            "radius_mean, texture_mean, … (see data.FEATURES)."
        ]
    known = set(FEATURES) | set(_OPTIONAL)
    seen: dict[str, int] = {}
    for col, name in enumerate(header):
        letter = column_letter(col)
        if not name:
            problems.append(f"column {letter} has no name in the header (row {header_row}).")
        elif name in seen:
            problems.append(
                f"column '{name}' appears twice (columns {column_letter(seen[name])} and "
                f"{letter}); each column must appear once."
            )
        elif name not in known:
            suggestion = _ALIASES.get(name.lower()) or next(
                iter(difflib.get_close_matches(name.lower(), sorted(known), n=1)), None
            )
            hint = f" Did you mean '{suggestion}'?" if suggestion else ""
            problems.append(
                f"unknown column '{name}' (column {letter}).{hint} Allowed: case_id (or "
                "uci_id), diagnosis and the 30 features in data.FEATURES."
            )
        if name:
            seen.setdefault(name, col)
    if all(name in seen for name in ID_COLUMNS):
        problems.append(
            f"both case_id (column {column_letter(seen['case_id'])}) and uci_id (column "
            f"{column_letter(seen['uci_id'])}) label the cases; keep the one your clinic uses "
            "to trace a case and delete the other column."
        )
    missing = [f for f in FEATURES if f not in seen]
    if missing:
        shown = ", ".join(missing[:6]) + (", …" if len(missing) > 6 else "")
        problems.append(
            f"missing {len(missing)} of the 30 feature column(s): {shown}. Every case needs all "
            "30 WDBC features (see data.FEATURES)."
        )
    return problems


def _parse_feature(value: str) -> tuple[float | None, str | None]:
    """Return (number, None) or (None, what is wrong with the cell)."""
    if not value:
        return None, "the cell is empty; every feature needs a measured value."
    if value.lower() in _MISSING_MARKERS:
        return None, f"'{value}' marks a missing value; every feature needs a measured value."
    if re.fullmatch(r"[+-]?\d+,\d+", value):
        return None, (
            f"'{value}' uses a decimal comma; write it with a decimal point "
            f"({value.replace(',', '.')})."
        )
    if not _NUMBER.fullmatch(value):
        return None, f"'{value}' is not a number (expected a number such as 14.2)."
    number = float(value)
    if not math.isfinite(number):
        return None, f"'{value}' is too large to be a measurement."
    if number < 0:
        return None, f"{value} is negative; these measurements cannot be below 0."
    return number, None


def row_problems(
    header: list[str], row: int, cells: list[str], values: dict[str, float]
) -> list[Problem]:
    """Check one data row (stripped cells); fill ``values`` with the parsed features; return
    the problems ([] for a good row). Repeated case labels are checked across rows elsewhere.

    >>> values = {}
    >>> row_problems(["case_id", *FEATURES], 2, ["W1", *["1.5"] * 30], values), len(values)
    ([], 30)
    """
    if len(cells) > len(header) and not any(cells[len(header) :]):
        cells = cells[: len(header)]  # trailing empty cells, as spreadsheets sometimes add
    if len(cells) != len(header):
        extra = (
            " (a stray comma, or a decimal comma such as 12,5?)" if len(cells) > len(header) else ""
        )
        return [
            Problem(
                row,
                None,
                None,
                f"row {row} has {len(cells)} values but the header names {len(header)} "
                f"columns{extra}.",
            )
        ]
    problems = []
    for col, (name, value) in enumerate(zip(header, cells, strict=True)):
        if name in ID_COLUMNS:
            if not value:
                what = "the case label is empty; give every case a label."
                problems.append(_at(row, col, name, what))
        elif name == "diagnosis":
            if value and value.lower() not in DIAGNOSIS_WORDS:
                if value in {"0", "1", "2", "4"}:
                    what = (
                        f"'{value}' is a number, and numbers are ambiguous here (scikit-learn's "
                        "copy of this data codes malignant as 0, this course as 1). Write "
                        "'malignant' or 'benign'."
                    )
                else:
                    what = (
                        f"unknown diagnosis '{value}'; write 'malignant' or 'benign' (or M / B), "
                        "or leave it empty if not yet known."
                    )
                problems.append(_at(row, col, name, what))
        else:
            number, problem = _parse_feature(value)
            if problem:
                problems.append(_at(row, col, name, problem))
            else:
                values[name] = number
    problems.extend(_impossible(header, row, values))
    return problems


def _impossible(header: list[str], row: int, values: dict[str, float]) -> list[Problem]:
    problems = []
    for base in SIZE_BASES:
        for stat in ("mean", "worst"):
            name = f"{base}_{stat}"
            value = values.get(name)
            if value is None:
                continue
            col = header.index(name)
            if value == 0:
                problems.append(_at(row, col, name, f"a nucleus {base} of 0 is impossible."))
            elif value > IMPLAUSIBLE_ABOVE[base]:
                problems.append(
                    _at(row, col, name, f"{value:g} is implausibly large (more than ten times "
                        "any nucleus in the Wisconsin images). Was it measured in another unit?")
                )  # fmt: skip
    for base in BASE_FEATURES:
        mean, worst = values.get(f"{base}_mean"), values.get(f"{base}_worst")
        if mean is not None and worst is not None and worst < mean * (1 - WORST_TOLERANCE):
            name = f"{base}_worst"
            problems.append(
                _at(row, header.index(name), name, f"{worst:g} is smaller than {base}_mean "
                    f"({mean:g}). 'Worst' is the average of the three largest nuclei, so it "
                    "cannot be below the mean: are two columns swapped?")
            )  # fmt: skip
    return problems


def repeated_label(id_column: str, col: int, label: str, first: int, row: int) -> Problem:
    """The problem of a case label already used in an earlier row.

    >>> print(repeated_label("case_id", 0, "W7", 2, 9))
    case_id 'W7' is used twice (rows 2 and 9); each case needs its own label.
    """
    return Problem(
        row,
        col,
        id_column,
        f"{id_column} '{label}' is used twice (rows {first} and {row}); each case needs its own "
        "label.",
    )
