"""Finding raw patient ids where they must never be: in what a learner sees.

The bundled files keep the original UCI sample ids (``data.load_wdbc(include_uci_id=True)``,
``data.load_wbc_original(include_uci_id=True)``); every table a learner sees uses the course's
own labels (W001, O001) instead. ``find_raw_ids`` looks for the raw ids in a text, and
``scan_notebooks`` in every stored output of the course's notebooks (a test runs it).

**The rule.** A raw id counts where it is written as a number on its own: not part of a longer
number, a word or a decimal. ``842302`` and ``842302.0`` count; ``1842302``, ``0.842302``,
``842302.5``, ``W842302`` and ``x_842302`` do not. Ids of 5 digits or more count wherever they
stand alone; the few shorter ones (4 digits, which measurements such as an area of 1001 also
have) count only right after an id word: ``id``, ``uci_id``, ``sample``, ``patient`` or
``case``, as in ``id 8670`` or ``uci_id=8670``. In a table of ids the long ones give it away.

    >>> from bcc_teach import privacy
    >>> ids = {"842302", "8670"}
    >>> [hit.raw_id for hit in privacy.find_raw_ids("area 8670, id 842302.0", ids)]
    ['842302']
    >>> [hit.raw_id for hit in privacy.find_raw_ids("sample id: 8670", ids)]
    ['8670']
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bcc_teach import data

#: Ids at least this long count wherever they stand alone; shorter ones only after an id word.
LONG_ID_DIGITS = 5
_NUMBER = re.compile(r"(?<![\w.])(\d+)(?:\.0+)?(?![\w]|\.\d)")
_ID_WORD = re.compile(r"(?:\b(?:uci_?id|id|sample|patient|case)s?)\W{0,3}$", re.IGNORECASE)
#: Output types that are drawings or widget state, not text a learner reads as a table.
_SKIPPED = ("image/", "application/vnd.jupyter.widget")


@functools.cache
def raw_ids() -> frozenset[str]:
    """Every raw UCI sample id of the bundled data (WDBC and the original Wisconsin data).

    >>> len(raw_ids())
    1214
    """
    wdbc = data.load_wdbc(include_uci_id=True)["uci_id"]
    original = data.load_wbc_original(include_uci_id=True)["uci_id"]
    return frozenset(str(int(i)) for i in [*wdbc, *original])


@dataclass(frozen=True)
class IdHit:
    """One raw id found: which id, where in the text (``position``), and the text around it."""

    raw_id: str
    position: int
    context: str


def find_raw_ids(text: str, ids: Iterable[str] | None = None) -> list[IdHit]:
    """Every raw id in ``text``, by the rule in this module's help (default ids: ``raw_ids()``).

    >>> find_raw_ids("radius 0.842302, 1842302, 842302.5")
    []
    """
    wanted = raw_ids() if ids is None else {str(i) for i in ids}
    hits = []
    for match in _NUMBER.finditer(text):
        number = match.group(1)
        if number not in wanted:
            continue
        if len(number) < LONG_ID_DIGITS and not _ID_WORD.search(text[: match.start()][-20:]):
            continue
        context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
        hits.append(IdHit(number, match.start(1), context))
    return hits


@dataclass(frozen=True)
class NotebookHit:
    """A raw id in a stored notebook output: notebook, cell (counted from 1), output type."""

    notebook: str
    cell: int
    output: str
    hit: IdHit

    def line(self) -> str:
        """One line for a report (it shows the id: for maintainers, not for learners)."""
        return (
            f"{self.notebook}, cell {self.cell} ({self.output}): raw id {self.hit.raw_id} in "
            f"…{self.hit.context}…"
        )


def _output_texts(output: dict) -> Iterable[tuple[str, str]]:
    kind = output.get("output_type", "")
    if kind == "stream":
        yield f"stream {output.get('name', '')}".strip(), _joined(output.get("text", ""))
    elif kind == "error":
        yield "error", "\n".join(output.get("traceback", [])) + f"\n{output.get('evalue', '')}"
    for mime, value in (output.get("data") or {}).items():
        if not mime.startswith(_SKIPPED):
            text = _joined(value) if isinstance(value, str | list) else json.dumps(value)
            yield mime, text


def _joined(value: str | list) -> str:
    return value if isinstance(value, str) else "".join(value)


def scan_notebook(path: str | Path, ids: Iterable[str] | None = None) -> list[NotebookHit]:
    """Every raw id in the stored outputs of one notebook (text, tables, HTML, errors; not
    images or widget state).

    >>> import json, tempfile, pathlib
    >>> cell = {"cell_type": "code", "source": "", "metadata": {}, "outputs": [
    ...     {"output_type": "stream", "name": "stdout", "text": "uci_id 842302\\n"}]}
    >>> notebook = pathlib.Path(tempfile.mkdtemp()) / "leak.ipynb"
    >>> _ = notebook.write_text(json.dumps({"cells": [cell]}))
    >>> [hit.hit.raw_id for hit in scan_notebook(notebook, {"842302"})]
    ['842302']
    """
    path = Path(path)
    wanted = raw_ids() if ids is None else frozenset(str(i) for i in ids)
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    found = []
    for number, cell in enumerate(cells, start=1):
        for output in cell.get("outputs", []):
            for kind, text in _output_texts(output):
                found.extend(NotebookHit(path.name, number, kind, hit)
                             for hit in find_raw_ids(text, wanted))  # fmt: skip
    return found


def scan_notebooks(folders: Iterable[str | Path], ids: Iterable[str] | None = None):
    """Every raw id in the stored outputs of every ``.ipynb`` file in ``folders``.

    >>> import tempfile
    >>> scan_notebooks([tempfile.mkdtemp()])
    []
    """
    wanted = raw_ids() if ids is None else frozenset(str(i) for i in ids)
    found = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.ipynb")):
            found.extend(scan_notebook(path, wanted))
    return found
