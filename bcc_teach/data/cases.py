"""New cases from a learner's or a clinic's CSV file, checked against the WDBC layout.

Every problem is reported at once in one ``DataError``, by row (as a spreadsheet counts it) and
column, with what was expected; the file is only read, never changed. The rules themselves are
in ``layout``; the file is read through ``chunks.read_cases_in_chunks``, as the batch scorer
reads a file of any size.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach.data.chunks import check_readable, read_cases_in_chunks
from bcc_teach.data.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

_MAX_BYTES = 100_000_000


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
    check_readable(path)
    size = path.stat().st_size
    if size > _MAX_BYTES:
        raise DataError(
            path,
            [
                f"the file is {size / 1e6:.0f} MB; a CSV of cases is far smaller. (To score a "
                "large file, use deploy.score_file, which reads it a chunk at a time.)"
            ],
        )
    tables, problems = [], []
    for chunk in read_cases_in_chunks(path):
        tables.append(chunk.cases)
        problems.extend(chunk.problems)
    if problems:
        raise DataError(path, [str(problem) for problem in problems])
    return pd.concat(tables, ignore_index=True)
