"""read_cases: a clinic's CSV is read when it is right, and refused clearly when it is not.

Rows are counted as a spreadsheet counts them: the header is row 1, the first case row 2.
Columns of the valid file: A case_id, B diagnosis, C radius_mean, D texture_mean, E
perimeter_mean, F area_mean, …, AF fractal_dimension_worst.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bcc_teach import data
from bcc_teach.data import DataError, read_cases

CASES = data.load_wdbc().head(5)
VALID = CASES.to_csv(index=False, lineterminator="\n")
HEADER, *ROWS = VALID.splitlines()


def _lines(header: str = HEADER, rows: list[str] | None = None) -> str:
    return "\n".join([header, *(ROWS if rows is None else rows)]) + "\n"


def _set(row: int, column: str, value: str, text: str = VALID) -> str:
    """Put ``value`` in spreadsheet row ``row`` (2 = first case) of ``column``."""
    lines = text.splitlines()
    index = lines[0].split(",").index(column)
    cells = lines[row - 1].split(",")
    cells[index] = value
    lines[row - 1] = ",".join(cells)
    return "\n".join(lines) + "\n"


def _rename(old: str, new: str) -> str:
    return _lines(HEADER.replace(old, new, 1))


def _drop_column(column: str) -> str:
    index = HEADER.split(",").index(column)
    lines = [line.split(",") for line in VALID.splitlines()]
    return "\n".join(",".join(c for i, c in enumerate(cells) if i != index) for cells in lines)


def _add_column(name: str, value: str) -> str:
    return _lines(f"{HEADER},{name}", [f"{row},{value}" for row in ROWS])


MALFORMED = {
    "empty file": (b"", r"empty \(0 bytes\)"),
    "only blank lines": ("\n \n\n", r"only blank lines"),
    "header but no cases": (HEADER + "\n", r"header row but no cases"),
    "excel workbook": (b"PK\x03\x04" + b"\x00" * 40, r"Excel workbook \(\.xlsx\).*CSV UTF-8"),
    "old excel workbook": (b"\xd0\xcf\x11\xe0" + b"\x00" * 40, r"old Excel workbook \(\.xls\)"),
    "pdf": (b"%PDF-1.7\n", r"PDF document"),
    "binary bytes": (VALID.replace("W002", "W\x0002").encode(), r"row 3 contains binary data"),
    "latin-1 text": (VALID.replace("W003", "Wé03").encode("latin-1"), r"row 4 is not UTF-8"),
    "utf-16 text": (VALID.encode("utf-16"), r"UTF-16"),
    "semicolon delimiter": (VALID.replace(",", ";"), r"separated by semicolons \(;\)"),
    "tab delimiter": (VALID.replace(",", "\t"), r"separated by tabs"),
    "one column only": ("radius_mean\n12.1\n", r"only one column"),
    "missing column": (_drop_column("area_worst"), r"missing 1 of the 30 .*: area_worst\."),
    "misspelt column": (
        _rename("radius_mean", "radius_meen"),
        r"unknown column 'radius_meen' \(column C\)\. Did you mean 'radius_mean'\?",
    ),
    "scikit-learn column name": (
        _rename("radius_mean", "mean radius"),
        r"unknown column 'mean radius' \(column C\)\. Did you mean 'radius_mean'\?",
    ),
    "raw id column": (_rename("case_id", "id"), r"unknown column 'id' .* Did you mean 'case_id'"),
    "duplicated column": (
        _add_column("radius_mean", "1.0"),
        r"column 'radius_mean' appears twice \(columns C and AG\)",
    ),
    "unnamed column": (_add_column("", "7"), r"column AG has no name in the header \(row 1\)"),
    "no header row": (_lines(ROWS[0], ROWS[1:]), r"row 1 holds numbers, not column names"),
    "text in a number cell": (
        _set(3, "area_mean", "large"),
        r"row 3, column F \(area_mean\): 'large' is not a number",
    ),
    "number with a unit": (
        _set(2, "radius_mean", "12 um"),
        r"row 2, column C .*'12 um' is not a number",
    ),
    "decimal comma": (
        _set(4, "radius_mean", '"12,5"'),
        r"row 4, column C .*decimal comma.*\(12\.5\)",
    ),
    "empty cell": (
        _set(5, "texture_mean", ""),
        r"row 5, column D \(texture_mean\): the cell is empty",
    ),
    "missing-value marker": (
        _set(2, "area_mean", "?"),
        r"row 2, column F .*'\?' marks a missing value",
    ),
    "negative value": (_set(3, "texture_mean", "-4.2"), r"row 3, column D .*-4\.2 is negative"),
    "zero size": (_set(2, "radius_mean", "0"), r"row 2, column C .*radius of 0 is impossible"),
    "implausible size": (_set(2, "area_mean", "5e6"), r"row 2, column F .*implausibly large"),
    "infinite value": (
        _set(2, "smoothness_mean", "1e999"),
        r"row 2, .*too large to be a measurement",
    ),
    "worst below mean": (
        _set(2, "radius_worst", "3.5"),
        r"row 2, column W \(radius_worst\): 3\.5 is smaller than radius_mean",
    ),
    "row too long": (
        _lines(rows=[ROWS[0] + ",5", *ROWS[1:]]),
        r"row 2 has 33 values .* 32 columns \(a stray comma",
    ),
    "row too short": (
        _lines(rows=[ROWS[0], ROWS[1].rsplit(",", 1)[0], *ROWS[2:]]),
        r"row 3 has 31 values",
    ),
    "duplicated case id": (
        _set(4, "case_id", "W001"),
        r"case_id 'W001' is used twice \(rows 2 and 4\)",
    ),
    "empty case id": (
        _set(3, "case_id", ""),
        r"row 3, column A \(case_id\): the case label is empty",
    ),
    "unknown diagnosis": (
        _set(2, "diagnosis", "cancer"),
        r"row 2, column B .*unknown diagnosis 'cancer'",
    ),
    "numeric diagnosis": (
        _set(2, "diagnosis", "0"),
        r"row 2, column B .*'0' is a number.*ambiguous",
    ),
}


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_malformed_file_is_refused_with_a_located_message(tmp_path, kind):
    content, pattern = MALFORMED[kind]
    path = tmp_path / "clinic_cases.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    before = _snapshot(tmp_path)
    with pytest.raises(DataError) as caught:
        read_cases(path)
    message = str(caught.value)
    assert message.startswith(str(path) + ":")
    assert re.search(pattern, message, flags=re.DOTALL), message
    assert message.endswith("(The file was not changed.)")
    assert isinstance(caught.value, ValueError)
    assert _snapshot(tmp_path) == before  # nothing written, nothing modified


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_cases(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="folder, not a CSV file"):
        read_cases(tmp_path)


def test_every_problem_is_listed_up_to_a_limit(tmp_path):
    text = VALID
    for row in range(2, 7):
        text = _set(row, "area_mean", "x", text)
        text = _set(row, "texture_mean", "", text)
        text = _set(row, "diagnosis", "maybe", text)
        text = _set(row, "radius_se", "-1", text)
        text = _set(row, "symmetry_mean", "?", text)
    path = tmp_path / "many.csv"
    path.write_text(text)
    with pytest.raises(DataError) as caught:
        read_cases(path)
    assert len(caught.value.problems) == 25
    assert "25 problems found" in str(caught.value)
    assert "… and 5 more problem(s)" in str(caught.value)


def test_a_valid_file_round_trips(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(VALID)
    cases = read_cases(path)
    assert list(cases.columns) == ["case_id", "diagnosis", *data.FEATURES]
    assert cases["case_id"].tolist() == CASES["case_id"].tolist()
    assert cases["diagnosis"].tolist() == CASES["diagnosis"].tolist()
    np.testing.assert_array_equal(cases[list(data.FEATURES)], CASES[list(data.FEATURES)])
    assert (cases[list(data.FEATURES)].dtypes == "float64").all()


def test_what_spreadsheets_do_is_accepted(tmp_path):
    """A byte-order mark, CRLF line ends, padded names, any column order, M/B labels, a blank
    diagnosis, trailing empty cells and trailing blank lines are all fine."""
    shuffled = CASES[["diagnosis", *reversed(data.FEATURES), "case_id"]].copy()
    shuffled["diagnosis"] = ["M", "m", "B", "", "benign"]
    text = shuffled.to_csv(index=False, lineterminator="\r\n")
    lines = text.split("\r\n")
    lines[0] = ", ".join(f" {name}" for name in lines[0].split(","))
    lines[1:-1] = [line + ",," for line in lines[1:-1]]
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
    cases = read_cases(path)
    assert cases["case_id"].tolist() == CASES["case_id"].tolist()
    assert cases["diagnosis"].tolist()[:3] == ["malignant", "malignant", "benign"]
    assert pd.isna(cases["diagnosis"].iloc[3]) and cases["diagnosis"].iloc[4] == "benign"
    np.testing.assert_array_equal(cases[list(data.FEATURES)], CASES[list(data.FEATURES)])


def _kit_rows(count: int = 5) -> str:
    """The header and the first ``count`` cases of the course's own data/wdbc.csv, as copied."""
    lines = (data.data_dir() / "wdbc.csv").read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[: count + 1]) + "\n"


def test_rows_copied_from_the_kits_own_file_are_read(tmp_path):
    path = tmp_path / "copied_from_wdbc.csv"
    path.write_text(_kit_rows(), encoding="utf-8")
    before = _snapshot(tmp_path)
    cases = read_cases(path)
    source = data.load_wdbc(include_uci_id=True).head(5)
    assert list(cases.columns) == ["case_id", "diagnosis", *data.FEATURES]
    assert cases["case_id"].tolist() == source["uci_id"].astype(str).tolist()
    assert cases["diagnosis"].tolist() == source["diagnosis"].tolist()
    np.testing.assert_array_equal(cases[list(data.FEATURES)], source[list(data.FEATURES)])
    assert _snapshot(tmp_path) == before


KIT_LAYOUT_PROBLEMS = {
    "text in a number cell": (
        lambda text: _set(3, "radius_mean", "big", text),
        r"row 3, column C \(radius_mean\): 'big' is not a number \(expected a number",
    ),
    "empty label": (
        lambda text: _set(2, "uci_id", "", text),
        r"row 2, column A \(uci_id\): the case label is empty",
    ),
    "repeated label": (
        lambda text: _set(4, "uci_id", "842302", text),
        r"uci_id '842302' is used twice \(rows 2 and 4\)",
    ),
    "two label columns": (
        lambda text: "\n".join(
            f"{'case_id' if i == 0 else f'C{i}'},{line}" for i, line in enumerate(text.splitlines())
        ),
        r"both case_id \(column A\) and uci_id \(column B\) label the cases; keep the one",
    ),
}


@pytest.mark.parametrize("kind", list(KIT_LAYOUT_PROBLEMS))
def test_bad_rows_in_the_kits_layout_are_refused_clearly(tmp_path, kind):
    edit, pattern = KIT_LAYOUT_PROBLEMS[kind]
    path = tmp_path / "copied_from_wdbc.csv"
    path.write_text(edit(_kit_rows()), encoding="utf-8")
    before = _snapshot(tmp_path)
    with pytest.raises(DataError) as caught:
        read_cases(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert re.search(pattern, message), message
    assert message.endswith("(The file was not changed.)")
    assert _snapshot(tmp_path) == before


def test_without_case_id_or_diagnosis_rows_are_named_by_position(tmp_path):
    path = tmp_path / "unlabelled.csv"
    CASES[list(data.FEATURES)].to_csv(path, index=False)
    cases = read_cases(path)
    assert cases["case_id"].tolist() == ["row 2", "row 3", "row 4", "row 5", "row 6"]
    assert "diagnosis" not in cases.columns


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.one_of(
    st.binary(max_size=3000),
    st.tuples(st.integers(0, len(VALID)), st.integers(0, 40), st.text(max_size=20)).map(
        lambda edit: VALID[: edit[0]] + edit[2] + VALID[edit[0] + edit[1] :]
    ),
))  # fmt: skip
def test_any_content_gives_a_table_or_a_data_error(tmp_path, content):
    """Fuzz: random bytes and random edits of a valid file never cause another exception."""
    path = tmp_path / "fuzz.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    try:
        cases = read_cases(path)
    except DataError as error:
        assert error.problems and str(path) in str(error)
    else:
        assert list(cases.columns[-30:]) == list(data.FEATURES)
        assert cases["case_id"].is_unique
        assert np.isfinite(cases[list(data.FEATURES)].to_numpy()).all()
