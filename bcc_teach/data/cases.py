"""New cases from a learner's or a clinic's CSV file, checked against the WDBC layout.

Every problem is reported at once in one ``DataError``, by row (as a spreadsheet counts it) and
column, with what was expected; the file is only read, never changed.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach.data.errors import DataError
from bcc_teach.data.names import BASE_FEATURES, FEATURES

if TYPE_CHECKING:
    import pandas as pd

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_MISSING_MARKERS = {"?", "na", "n/a", "nan", "null", "none", "-", "missing"}
_DIAGNOSIS_WORDS = {"malignant": "malignant", "m": "malignant", "benign": "benign", "b": "benign"}
_SIZE_BASES = ("radius", "perimeter", "area")
# Ten times the largest value in the bundled data: anything above is a different unit or a typo.
_IMPLAUSIBLE_ABOVE = {"radius": 360.0, "perimeter": 2520.0, "area": 42600.0}
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
_ID_COLUMNS = ("case_id", "uci_id")
_OPTIONAL = (*_ID_COLUMNS, "diagnosis")
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
            "columns: case_id or uci_id (optional), diagnosis (optional) and the 30 features "
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
                f"unknown column '{name}' (column {letter}).{hint} Allowed: case_id (or "
                "uci_id), diagnosis and the 30 features in data.FEATURES."
            )
        if name:
            seen.setdefault(name, col)
    if all(name in seen for name in _ID_COLUMNS):
        problems.append(
            f"both case_id (column {_column_letter(seen['case_id'])}) and uci_id (column "
            f"{_column_letter(seen['uci_id'])}) label the cases; keep the one your clinic uses "
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
        if name in _ID_COLUMNS:
            if not value:
                problems.append(f"{where}: the case label is empty; give every case a label.")
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
    or M/B; leave it empty when not known). Rows copied from the course's own ``data/wdbc.csv``
    are read too: its label column, ``uci_id``, is taken as the case label. Anything else is
    refused with a ``DataError`` that names the file, the row (counted as a spreadsheet counts
    it: the header is row 1) and the column, and says what was expected. The file is only read,
    never changed.

    Returns a table with ``case_id`` (the file's ``case_id`` or ``uci_id``, or "row 2",
    "row 3", … when it has neither), ``diagnosis`` if the file had one, and the 30 features as
    numbers.

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

    id_column = next((name for name in _ID_COLUMNS if name in header), None)
    records, problems, first_seen = [], [], {}
    for row, cells in rows[1:]:
        values: dict[str, float] = {}
        problems.extend(_row_problems(header, row, cells, values))
        record = dict(zip(header, cells, strict=False))
        label = record.get(id_column, "") if id_column else ""
        case_id = label or f"row {row}"
        if label:
            if case_id in first_seen:
                problems.append(
                    f"{id_column} '{case_id}' is used twice (rows {first_seen[case_id]} and "
                    f"{row}); each case needs its own label."
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
