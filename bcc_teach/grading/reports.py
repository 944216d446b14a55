"""What grading writes: the grades CSV, grade books for Canvas and Moodle, feedback files.

Every file is written whole or not at all (to a new temporary file beside it, then renamed
over the target), and never through a symbolic link; the feedback folder is made fresh for each
run. A cell that a spreadsheet would read as a formula (one starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading apostrophe, as OWASP advises.

>>> cell("=HYPERLINK(1)"), cell("-3"), cell(7), cell("ana")
("'=HYPERLINK(1)", "'-3", '7', 'ana')
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The Canvas gradebook layout (Canvas's own export): student columns, then one column per
#: assignment, and a "Points Possible" row under the header.
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
#: Moodle's grade import maps a user column and grade (and feedback) columns at upload.
MOODLE_COLUMNS = ("Username",)

#: Canvas's "Download submissions" names each file lastfirst[_late]_<user id>_<submission id>_…
_CANVAS_DOWNLOAD = re.compile(r"^[a-z]+(?:_late)?_(\d+)_(\d+)(?:_|$)")


def cell(value) -> str:
    """``value`` as a CSV cell that no spreadsheet evaluates."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: list[list]) -> str:
    """Rows as CSV text, every cell neutralised (numbers stay numbers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([v if isinstance(v, int) and v >= 0 else cell(v) for v in row])
    return buffer.getvalue()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all; a symbolic link at ``path`` is replaced,
    never followed."""
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:40]}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def fresh_folder(path: Path, force: bool) -> None:
    """Make ``path`` a new, empty folder (replacing an old one only with ``force``)."""
    if path.is_symlink() or path.is_file():
        if not force:
            raise ValueError(f"{path} already exists; add --force to replace it.")
        path.unlink()
    elif path.exists():
        if not force:
            raise ValueError(f"{path} already exists; add --force to replace it.")
        shutil.rmtree(path)
    path.mkdir(mode=0o755)


def write_new(folder: Path, name: str, text: str) -> None:
    """Create ``folder/name`` with ``text``; fails if anything (a file, a link) is there."""
    if "/" in name or name in (".", ".."):
        raise ValueError(f"not a file name: {name!r}")
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        handle = os.open(name, flags, 0o644, dir_fd=descriptor)
    finally:
        os.close(descriptor)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)


def feedback_name(file: str) -> str:
    """The feedback file's name for a submission: ``<file>.md``, shortened (with a checksum, to
    stay unique) where the name would be too long for the file system.

    >>> feedback_name("ana.ipynb"), len(feedback_name("x" * 300 + ".ipynb"))
    ('ana.ipynb.md', 212)
    """
    name = f"{file}.md"
    if len(name.encode("utf-8")) <= 240:
        return name
    digest = hashlib.sha256(file.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return file.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore") + f"-{digest}.md"


def canvas_ids(file: str) -> tuple[str, str]:
    """Canvas's user id from a file named as Canvas's "Download submissions" names it, and the
    name to show; ("", name) for any other file name.

    >>> canvas_ids("smithjane_12345_67890_ex01.ipynb")
    ('12345', 'smithjane')
    >>> canvas_ids("ana.ipynb")
    ('', 'ana')
    """
    found = _CANVAS_DOWNLOAD.match(file)
    if found:
        return found.group(1), file.split("_", 1)[0]
    return "", Path(file).stem


def canvas_rows(assignment: str, maximum: int, grades: list[tuple[str, int]]) -> list[list]:
    """A Canvas gradebook CSV: ``grades`` are (file name, points) pairs.

    >>> canvas_rows("bcc_teach ex01", 7, [("smithjane_12345_67890_ex01.ipynb", 5)])[1:]
    [['Points Possible', '', '', '', '', 7], ['smithjane', '12345', '', '', '', 5]]
    """
    rows = [[*CANVAS_COLUMNS, assignment], ["Points Possible", "", "", "", "", maximum]]
    for file, points in grades:
        user_id, name = canvas_ids(file)
        rows.append([name, user_id, "", "", "", points])
    return rows


def moodle_rows(item: str, grades: list[tuple[str, int, str]]) -> list[list]:
    """A Moodle grade-import CSV: ``grades`` are (learner, points, feedback) triples.

    >>> moodle_rows("bcc_teach ex01", [("ana", 7, "Total: 7 of 7")])
    [['Username', 'bcc_teach ex01', 'Feedback'], ['ana', 7, 'Total: 7 of 7']]
    """
    return [[*MOODLE_COLUMNS, item, "Feedback"], *([a, b, c] for a, b, c in grades)]
