"""A clinic's CSV of cases read a chunk at a time, every row checked by the rules of ``layout``.

``read_cases_in_chunks`` is what ``read_cases`` and the batch scorer (``deploy.score_file``)
both read files with. A file of a million cases passes through in chunks of ``chunk_size``
rows, so memory stays bounded whatever the file's size. Each chunk holds the rows that passed
every check (as ``read_cases`` returns them) and the problems of the rows that did not, each
with its row as a spreadsheet counts it (header = row 1) and its column. Nothing is dropped
without a word: a row is accepted, reported, or blank (blank rows are skipped, as
``read_cases`` always did).

How it stays fast and exact. The rules live in ``layout`` (one row at a time, in Python). A
chunk first goes through pandas' CSV reader, which turns the numbers of the whole chunk into an
array at once; a row is accepted there only if every check is passed (finite numbers, not
negative, sizes neither 0 nor implausible, 'worst' not below 'mean', a label, a known
diagnosis, the right number of cells). Every other row — and every chunk holding quotes, a NUL
byte, a lone carriage return or something pandas cannot read — goes through the rules of
``layout``, which decide and word each problem. So the vectorised pass only ever says "this
row is fine"; what a problem is, and how it is reported, is decided in one place.

    >>> import tempfile, pathlib
    >>> from bcc_teach import data
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cases.csv"
    >>> cases = data.load_wdbc().head(3)
    >>> cases.loc[1, "radius_mean"] = -1
    >>> cases.to_csv(path, index=False)
    >>> [(len(chunk.cases), [str(p) for p in chunk.problems])
    ...  for chunk in data.read_cases_in_chunks(path, chunk_size=2)]
    [(1, ['row 3, column C (radius_mean): -1.0 is negative; these measurements cannot be below 0.']), (1, [])]
"""  # noqa: E501

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach.data import layout
from bcc_teach.data.errors import DataError
from bcc_teach.data.names import BASE_FEATURES, FEATURES

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Rows per chunk unless told otherwise (about 12 MB of numbers).
CHUNK_SIZE = 50_000
#: A row longer than this is not a row of 30 measurements.
MAX_LINE = 1_000_000
_BOM = b"\xef\xbb\xbf"
_SMALLEST_PIECE = 64  # a piece pandas cannot read is halved until it is this small


@dataclass(frozen=True, eq=False)
class CasesChunk:
    """One chunk of a file: the accepted ``cases`` (a table like ``read_cases`` returns, in
    the file's order), the spreadsheet ``rows`` they came from, the ``problems`` of the rows
    that were not accepted (sorted by row) with the ``labels`` those rows carry (row → the
    text of their case label, "" if none), how many ``lines`` of the file the chunk covered,
    how many of them were ``blank``, and the last row it covered (``end_row``)."""

    cases: pd.DataFrame
    rows: np.ndarray
    problems: tuple[layout.Problem, ...]
    labels: dict[int, str]
    lines: int
    blank: int
    end_row: int

    @property
    def rejected_rows(self) -> np.ndarray:
        """The spreadsheet rows with at least one problem, in order."""
        import numpy as np

        return np.unique(np.array([p.row for p in self.problems], dtype=np.int64))


def _sniff_start(raw: bytes) -> str | None:
    """What kind of file this is when its first bytes say it is not CSV text, else None."""
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
    return None


def check_readable(path: Path) -> None:
    """``DataError`` unless ``path`` is an existing, non-empty file that does not start like a
    workbook, a PDF or UTF-16 text.

    >>> check_readable(Path("no_such_file.csv"))
    Traceback (most recent call last):
    ...
    bcc_teach.data.DataError: no_such_file.csv: no such file. Check the file name and the ...
    (The file was not changed.)
    """
    if not path.exists():
        raise DataError(path, ["no such file. Check the file name and the folder it is in."])
    if path.is_dir():
        raise DataError(path, ["this is a folder, not a CSV file."])
    if path.stat().st_size == 0:
        raise DataError(path, ["the file is empty (0 bytes); expected a header row and cases."])
    with path.open("rb") as handle:
        kind = _sniff_start(handle.read(8))
    if kind:
        raise DataError(path, [kind])


class _Lines:
    """The file's lines, as a spreadsheet counts rows: ``consumed`` lines have been handed out.

    Lines end at \\n, \\r\\n or a lone \\r (as Python's ``newline=""`` splits them). The file
    is read a mebibyte at a time. Lines put back (``put_back``) are handed out again first."""

    def __init__(self, path: Path, handle):
        self.path, self._handle = path, handle
        self.consumed = 0
        self._buffer: list[bytes] = []
        self._next = 0  # the buffer's first line not yet handed out
        self._carry = b""  # the start of a line whose end has not been read yet
        self._ended = self._started = False
        self.owed = 0  # lines put back and not yet handed out again

    @property
    def pending(self) -> bool:
        return self.owed > 0

    def _fill(self, count: int) -> None:
        """Read until ``count`` lines are waiting in the buffer, or the file ends."""
        while len(self._buffer) - self._next < count and not self._ended:
            data = self._handle.read(1 << 20)
            if not self._started:
                self._started = True
                data = data.removeprefix(_BOM)
            if not data:
                self._ended = True
                if self._carry:
                    self._buffer.append(self._carry)
                    self._carry = b""
                break
            data = self._carry + data
            # a line ends at the last \n, or at a \r that is not the last byte (it may be
            # the first half of a \r\n that the next read completes)
            cut = max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1))
            if cut < 0:
                self._carry = data
            else:
                self._buffer.extend(data[: cut + 1].splitlines(keepends=True))
                self._carry = data[cut + 1 :]
            if len(self._carry) > MAX_LINE:
                number = self.consumed + len(self._buffer) - self._next + 1
                raise DataError(
                    self.path,
                    [
                        f"row {number} is longer than {MAX_LINE:,} characters, far longer than "
                        "a row of 30 measurements: this is not a CSV text file of cases."
                    ],
                )
        if self._next > 1 << 16:  # forget lines handed out long ago
            del self._buffer[: self._next]
            self._next = 0

    def raw_block(self, count: int) -> list[bytes]:
        """Up to ``count`` lines as bytes, not yet handed out (only when none are owed)."""
        self._fill(count)
        block = self._buffer[self._next : self._next + count]
        self._next += len(block)
        return block

    def put_back(self, block: list[bytes]) -> None:
        """Hand the lines just taken by ``raw_block`` out again, one at a time."""
        self._next -= len(block)
        self.owed += len(block)

    def _decode(self, raw: bytes, number: int) -> str:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(
                self.path,
                [
                    f"row {number} is not UTF-8 text (byte 0x{raw[exc.start]:02x}). Save the "
                    "file as 'CSV UTF-8 (Comma delimited)' and try again."
                ],
            ) from None
        if "\x00" in text:
            raise DataError(
                self.path,
                [f"row {number} contains binary data (a NUL byte): this is not a CSV text file."],
            )
        return text

    def text_line(self) -> str | None:
        """The next line as text (None at the end of the file)."""
        self._fill(1)
        if self._next >= len(self._buffer):
            return None
        raw = self._buffer[self._next]
        self._next += 1
        self.owed = max(self.owed - 1, 0)
        self.consumed += 1
        return self._decode(raw, self.consumed)

    def text_lines(self) -> Iterator[str]:
        while (line := self.text_line()) is not None:
            yield line


class _Labels:
    """The case labels seen so far, as 64-bit hashes with the row of each (16 bytes a case),
    to find a label used twice anywhere in the file."""

    def __init__(self):
        import numpy as np

        self.hashes = np.empty(0, dtype=np.uint64)
        self.rows = np.empty(0, dtype=np.int64)

    def repeats(self, labels: list[str], rows: list[int]) -> dict[int, int]:
        """{index in ``labels``: the row where that label was first used} for each label used
        before (earlier in the file or earlier in ``labels``); remembers the new ones."""
        import numpy as np
        import pandas as pd

        if not labels:
            return {}
        hashes = pd.util.hash_array(np.asarray(labels, dtype=object), categorize=False)
        rows = np.asarray(rows, dtype=np.int64)
        unique, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
        if len(self.hashes):
            at = np.minimum(np.searchsorted(self.hashes, unique), len(self.hashes) - 1)
            before = self.hashes[at] == unique
            first_row = np.where(before, self.rows[at], rows[first])
        else:
            before = np.zeros(len(unique), dtype=bool)
            first_row = rows[first]
        repeated = before[inverse] | (np.arange(len(labels)) != first[inverse])
        new = ~before  # unique is sorted: insert the new hashes where they belong
        at = np.searchsorted(self.hashes, unique[new])
        self.hashes = np.insert(self.hashes, at, unique[new])
        self.rows = np.insert(self.rows, at, rows[first][new])
        return {int(i): int(first_row[inverse[i]]) for i in np.flatnonzero(repeated)}


class _Checker:
    """Checks the rows of one file, chunk after chunk (it remembers the labels seen)."""

    def __init__(self, path: Path, header: list[str]):
        self.path, self.header = path, header
        self.id_column = next((name for name in layout.ID_COLUMNS if name in header), None)
        self.id_col = header.index(self.id_column) if self.id_column else None
        self.diagnosis = "diagnosis" in header
        self.columns = ["case_id", *(["diagnosis"] if self.diagnosis else []), *FEATURES]
        self.labels = _Labels()
        self.cases_seen = 0

    # -- the rules of layout, one row at a time -------------------------------------------
    def _exact_row(self, row: int, cells: list[str], out: dict) -> bool:
        """Check one row with ``layout``; record it in ``out``; False if it is blank."""
        cleaned = [cell.strip() for cell in cells]
        if not any(cleaned):
            return False
        values: dict[str, float] = {}
        problems = layout.row_problems(self.header, row, cleaned, values)
        record = dict(zip(self.header, cleaned, strict=False))
        label = record.get(self.id_column, "") if self.id_column else ""
        diagnosis = layout.DIAGNOSIS_WORDS.get(record.get("diagnosis", "").lower())
        out["rows"].append(row)
        out["labels"].append(label)
        out["problems"].append(problems)
        out["records"].append(None if problems else (label or f"row {row}", diagnosis, values))
        return True

    def exact_chunk(self, lines: _Lines, limit: int) -> CasesChunk:
        """Rows read with Python's csv reader and checked by ``layout``, until the lines put
        back are used up (a quoted cell may continue on the following lines) or ``limit``."""
        start = lines.consumed
        out = {"rows": [], "labels": [], "problems": [], "records": []}
        blank = 0
        reader = csv.reader(lines.text_lines())
        try:
            for cells in reader:
                if not self._exact_row(lines.consumed, cells, out):
                    blank += 1
                if not lines.pending or len(out["rows"]) >= limit:
                    break
        except csv.Error as exc:
            raise DataError(
                self.path, [f"row {lines.consumed} cannot be read as CSV ({exc})."]
            ) from None
        return self._chunk(out, lines.consumed - start, blank, lines.consumed)

    # -- the vectorised pass: accepts only rows that pass every check ---------------------
    def _read(self, raw: bytes) -> pd.DataFrame:
        import pandas as pd

        dtypes = {name: "float64" for name in FEATURES}  # text as Python strings: a fifth
        dtypes.update({name: object for name in self.header if name not in FEATURES})  # faster
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. pandas' "data loss" warning: not ours to take
            return pd.read_csv(
                io.BytesIO(raw), header=None, names=self.header, dtype=dtypes, index_col=False,
                skip_blank_lines=False, na_filter=False, engine="c", encoding="utf-8",
            )  # fmt: skip

    def _fitting(self, raw: bytes, block: list[bytes]) -> list[int]:
        """The positions of the lines of ``block`` (joined: ``raw``) with one cell per column
        (no quotes here, so each comma separates two cells)."""
        import numpy as np

        ends = np.cumsum(np.fromiter(map(len, block), dtype=np.int64, count=len(block)))
        where = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord(","))
        commas = np.diff(np.searchsorted(where, ends), prepend=0)
        return np.flatnonzero(commas == len(self.header) - 1).tolist()

    def _pieces(self, block: list[bytes], at: list[int], raw: bytes | None = None) -> tuple:
        """(tables of the lines pandas reads, positions of those it cannot), halving on failure;
        ``raw``: the whole block joined, when ``at`` is every line of it."""
        whole = raw is not None and len(at) == len(block)
        try:
            table = self._read(raw if whole else b"".join(block[i] for i in at))
        except (ValueError, TypeError, OverflowError, UnicodeError, Warning):
            if len(at) <= _SMALLEST_PIECE:
                return [], at
            half = len(at) // 2
            tables, failed = self._pieces(block, at[:half])
            more, failed_more = self._pieces(block, at[half:])
            return tables + more, failed + failed_more
        if len(table) != len(at):
            return [], at
        table.index = at
        return [table], []

    def _clean(self, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(True for each row of ``table`` that passes every check of ``layout``, the rows'
        stripped labels, their diagnoses as words or None)."""
        import numpy as np
        import pandas as pd

        values = table[list(FEATURES)].to_numpy(dtype=np.float64)
        good = np.isfinite(values).all(axis=1) & (values >= 0).all(axis=1)
        column = {name: j for j, name in enumerate(FEATURES)}
        for base in layout.SIZE_BASES:
            for stat in ("mean", "worst"):
                size = values[:, column[f"{base}_{stat}"]]
                good &= (size != 0) & (size <= layout.IMPLAUSIBLE_ABOVE[base])
        for base in BASE_FEATURES:
            mean, worst = values[:, column[f"{base}_mean"]], values[:, column[f"{base}_worst"]]
            good &= worst >= mean * (1 - layout.WORST_TOLERANCE)
        labels = np.full(len(table), "", dtype=object)
        if self.id_column:
            labels[:] = [label.strip() for label in table[self.id_column].to_numpy(dtype=object)]
            good &= labels != ""
        diagnoses = np.full(len(table), None, dtype=object)
        if self.diagnosis:
            codes, written = pd.factorize(table["diagnosis"].to_numpy(dtype=object))
            words = [word.strip().lower() for word in written]
            known = np.array([word == "" or word in layout.DIAGNOSIS_WORDS for word in words])
            meaning = np.empty(len(words), dtype=object)
            meaning[:] = [layout.DIAGNOSIS_WORDS.get(word) for word in words]
            good &= known[codes] if len(words) else np.zeros(len(table), dtype=bool)
            diagnoses = meaning[codes] if len(words) else diagnoses
        return good, labels, diagnoses

    def block_chunk(self, lines: _Lines, block: list[bytes]) -> CasesChunk:
        """The rows of ``block`` (lines of the file not yet handed out)."""
        import numpy as np

        raw = b"".join(block)
        if b'"' in raw or b"\x00" in raw:
            lines.put_back(block)  # quotes (a cell may span lines) or binary: row by row
            return self.exact_chunk(lines, limit=len(block))
        try:
            raw.isascii() or raw.decode("utf-8")  # plain ASCII is UTF-8: no need to decode
        except UnicodeDecodeError:
            lines.put_back(block)  # row by row, to say which row
            return self.exact_chunk(lines, limit=len(block))
        tables, _ = self._pieces(block, self._fitting(raw, block), raw)
        first = lines.consumed + 1
        parts = []
        for table in tables:
            good, labels, diagnoses = self._clean(table)
            values = table[list(FEATURES)].to_numpy(dtype=np.float64)[good]
            at = table.index.to_numpy(dtype=np.int64)[good]
            parts.append((at, labels[good], diagnoses[good], values))
        at = np.concatenate([part[0] for part in parts]) if parts else np.empty(0, np.int64)
        fast = (
            first + at,
            np.concatenate([part[1] for part in parts]) if parts else np.empty(0, object),
            np.concatenate([part[2] for part in parts]) if parts else np.empty(0, object),
            np.concatenate([part[3] for part in parts]) if parts else np.empty((0, 30)),
        )
        out = {"rows": [], "labels": [], "problems": [], "records": []}
        blank = 0
        checked = np.zeros(len(block), dtype=bool)
        checked[at] = True
        for i in np.flatnonzero(~checked):
            cells = next(csv.reader([block[i].decode("utf-8")]), [])
            if not self._exact_row(first + int(i), cells, out):
                blank += 1
        lines.consumed += len(block)
        return self._chunk(out, len(block), blank, lines.consumed, fast)

    # -- both: repeated labels, and the chunk ---------------------------------------------
    def _chunk(self, out: dict, line_count: int, blank: int, end_row: int, fast=None) -> CasesChunk:
        """Put the rows accepted by the vectorised pass (``fast``: rows, labels, diagnoses,
        values) and those checked one by one (``out``) together, in the file's order, after
        looking for labels used twice."""
        import numpy as np
        import pandas as pd

        if fast is None:
            fast = (np.empty(0, np.int64), np.empty(0, object), np.empty(0, object),
                    np.empty((0, len(FEATURES))))  # fmt: skip
        f_rows, f_labels, f_diagnoses, f_values = fast
        e_rows = np.asarray(out["rows"], dtype=np.int64)
        e_labels = np.empty(len(e_rows), dtype=object)
        e_labels[:] = out["labels"]
        self.cases_seen += len(f_rows) + len(e_rows)

        rows = np.concatenate([f_rows, e_rows])
        labels = np.concatenate([f_labels, e_labels])
        order = np.argsort(rows, kind="stable")
        named = order[labels[order] != ""]
        repeats = self.labels.repeats(labels[named].tolist(), rows[named].tolist())
        repeated = {int(named[j]): first_row for j, first_row in repeats.items()}

        found = [(int(e_rows[k]), problem) for k, problems in enumerate(out["problems"])
                 for problem in problems]  # fmt: skip
        found += [
            (
                int(rows[i]),
                layout.repeated_label(
                    self.id_column, self.id_col, str(labels[i]), first_row, int(rows[i])
                ),
            )
            for i, first_row in repeated.items()
        ]
        found.sort(key=lambda item: item[0])  # stable: a row's cell problems, then its label

        keep_fast = np.ones(len(f_rows), dtype=bool)
        keep_fast[[i for i in repeated if i < len(f_rows)]] = False
        f_ids = f_labels[keep_fast]
        if not self.id_column:
            f_ids = np.array([f"row {row}" for row in f_rows[keep_fast]], dtype=object)
        exact_kept = [k for k, record in enumerate(out["records"])
                      if record is not None and len(f_rows) + k not in repeated]  # fmt: skip
        e_ids = np.empty(len(exact_kept), dtype=object)
        e_ids[:] = [out["records"][k][0] for k in exact_kept]
        e_diagnoses = np.empty(len(exact_kept), dtype=object)
        e_diagnoses[:] = [out["records"][k][1] for k in exact_kept]
        e_values = np.array([[out["records"][k][2][f] for f in FEATURES] for k in exact_kept],
                            dtype=np.float64).reshape(len(exact_kept), len(FEATURES))  # fmt: skip

        kept_rows = np.concatenate([f_rows[keep_fast], e_rows[exact_kept]])
        order = np.argsort(kept_rows, kind="stable")
        values = np.concatenate([f_values[keep_fast], e_values])[order]
        table = {"case_id": np.concatenate([f_ids, e_ids])[order]}
        if self.diagnosis:
            table["diagnosis"] = np.concatenate([f_diagnoses[keep_fast], e_diagnoses])[order]
        table.update({name: values[:, j] for j, name in enumerate(FEATURES)})
        cases = pd.DataFrame(table, columns=self.columns)
        bad_rows = {row for row, _ in found}
        labels_of = {
            int(rows[i]): str(labels[i]) for i in np.flatnonzero(np.isin(rows, list(bad_rows)))
        }
        problems_found = tuple(p for _, p in found)
        return CasesChunk(
            cases, kept_rows[order], problems_found, labels_of, line_count, blank, end_row
        )


def _header(path: Path, lines: _Lines) -> list[str]:
    """The header row's stripped names, checked; ``DataError`` if anything is wrong."""
    header = None
    try:
        for cells in csv.reader(lines.text_lines()):
            cleaned = [cell.strip() for cell in cells]
            if any(cleaned):
                header = cleaned
                break
    except csv.Error as exc:
        raise DataError(path, [f"row {lines.consumed} cannot be read as CSV ({exc})."]) from None
    if header is None:
        raise DataError(path, ["the file holds only blank lines; expected a header row and cases."])
    problem = layout.delimiter_problem(header)
    if problem:
        raise DataError(path, [problem])
    problems = layout.header_problems(header, lines.consumed)
    if problems:
        raise DataError(path, problems)
    return header


def read_cases_in_chunks(path: str | Path, chunk_size: int = CHUNK_SIZE) -> Iterator[CasesChunk]:
    """Read a CSV of cases ``chunk_size`` rows at a time, checking every row as ``read_cases``
    does; yield one ``CasesChunk`` per chunk (accepted cases, and the problems of the others).

    A problem with the file as a whole (not found, not CSV text, not UTF-8, a wrong header,
    no cases at all) raises ``DataError`` when it is found, as ``read_cases`` does. The file is
    only read, never changed. (See the module's help for how it stays fast.)

    >>> from bcc_teach import data
    >>> path = data.data_dir() / "wdbc.csv"
    >>> [len(chunk.cases) for chunk in read_cases_in_chunks(path, chunk_size=200)]
    [200, 200, 169]
    """
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ValueError(
            f"chunk_size must be a whole number of rows (1 or more); got {chunk_size!r}."
        )
    path = Path(path)
    check_readable(path)
    with path.open("rb") as handle:
        lines = _Lines(path, handle)
        checker = _Checker(path, _header(path, lines))
        while True:
            if lines.pending:  # lines put back and not yet checked
                chunk = checker.exact_chunk(lines, limit=chunk_size)
            else:
                block = lines.raw_block(chunk_size)
                if not block:
                    break
                chunk = checker.block_chunk(lines, block)
            if chunk.lines == 0:
                break
            yield chunk
        if checker.cases_seen == 0:
            raise DataError(path, ["the file has a header row but no cases below it."])


def count_lines(path: str | Path) -> int:
    """How many lines (rows, as a spreadsheet counts them) the file has, blank ones included.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "three.csv"
    >>> _ = path.write_bytes(b"a,b\\r\\n1,2\\r\\n3,4")
    >>> count_lines(path)
    3
    """
    count, last, previous_cr = 0, b"", False
    with Path(path).open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
            if previous_cr and block.startswith(b"\n"):
                count -= 1  # a \r\n split between two blocks
            previous_cr, last = block.endswith(b"\r"), block
    return count + (1 if last and not last.endswith((b"\n", b"\r")) else 0)
