"""Scoring a clinic's CSV of new cases with a saved model, in a way a clinic can trust.

``score_file`` reads the file a chunk at a time (``data.read_cases_in_chunks``: every row is
checked by the same rules as ``data.read_cases``), and writes one row per scored case:

- ``row``: where the case is in the input file (as a spreadsheet counts rows: header = row 1);
- ``case_id``; ``probability_malignant``; ``flagged`` (1 when the probability is at or above
  the model's threshold);
- ``ood_warning`` (1 when the case is unlike the women the model was trained on,
  ``shift.fit_ood_warning``) and ``ood_reason`` (why, in words);
- ``threshold`` and ``model_fingerprint``: the model's threshold and the saved model's
  fingerprint (``deploy.save_model``), so every result can be traced to the exact model file
  that gave it.

The result does not depend on ``chunk_size``, except in the last digit or two of a
probability: a model's matrix products round the last bit differently for batches of
different sizes (about 1e-16; a decision could change only for a probability within that of the
threshold).

**Nothing is lost without a word.** Every row of the input is either scored, rejected (with
its row, its column and what is wrong), or blank; the record ``score_file`` returns counts
each, and they add up to the rows read.

**The policy for bad rows.** The default, ``policy="reject-rows"``, scores the valid rows and
writes the rejected ones, with their reasons, to a file beside the output
(``scores.rejected.csv`` for ``scores.csv``): one typing error should not hold back the results
of every other woman in the file, and each rejected row is listed, so it is looked at and not
forgotten. But many bad rows mean something went wrong with the export as a whole (a column
moved, another unit, another program's layout), and then the rows that look valid cannot be
trusted either: when more than ``max_rejected_share`` of the rows (1% unless told otherwise) are
rejected, the whole file is refused and nothing is written. ``policy="refuse-file"`` refuses a
file with any bad row at all, for settings where a partial result must never leave the clinic.
Either way a refused file raises ``data.DataError`` listing the problems.

**Nothing is overwritten, and nothing is half written.** The output may not be the input; an
existing output is replaced only with ``overwrite=True``; both files are written to temporary
files in the output's folder, flushed to the disk, and only then moved into place (``os.replace``
is atomic), so a crash, an error or a refusal leaves no half-written file behind.

    >>> import tempfile, pathlib
    >>> from bcc_teach import data, deploy, models, shift
    >>> X, y = data.load_wdbc_xy()
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = deploy.save_model(models.reference_model().fit(X, y), folder / "lr.skops",
    ...                       X_train=X, y_train=y, threshold=0.1, trained_on="2026-12-01")
    >>> model = deploy.load_model(folder / "lr.skops")
    >>> data.load_wdbc().head(20).to_csv(folder / "new.csv", index=False)
    >>> result = deploy.score_file(model, folder / "new.csv", folder / "scores.csv",
    ...                            warning=shift.fit_ood_warning(X), show_progress=False)
    >>> result.scored, result.rejected
    (20, 0)
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bcc_teach import data
from bcc_teach.deploy.files import LoadedModel
from bcc_teach.validation._progress import counting

#: What to do with a file that has bad rows (the first is the default; see the module's help).
POLICIES = ("reject-rows", "refuse-file")
#: Under "reject-rows", a file with more than this share of rejected rows is refused whole.
MAX_REJECTED_SHARE = 0.01
#: The columns of the output file, in order.
OUTPUT_COLUMNS = (
    "row",
    "case_id",
    "probability_malignant",
    "flagged",
    "ood_warning",
    "ood_reason",
    "threshold",
    "model_fingerprint",
)
#: The columns of the file of rejected rows: one line per problem.
REJECTED_COLUMNS = ("row", "column", "column_name", "case_id", "problem")
_LISTED = 10_000  # problems kept for the message of a refused file


@dataclass(frozen=True)
class ScoredFile:
    """What ``score_file`` did: the files (``input_path``, ``output_path``, ``rejected_path``,
    None under "refuse-file"), the ``rows`` read (not blank), how many were ``scored``,
    ``rejected`` and ``blank``, how many scored cases were ``flagged`` (probability at or above
    the ``threshold``) and ``warned`` about (unlike the training women), the model's
    ``fingerprint`` and the ``policy``."""

    input_path: Path
    output_path: Path
    rejected_path: Path | None
    rows: int
    scored: int
    rejected: int
    blank: int
    flagged: int
    warned: int
    threshold: float
    fingerprint: str
    policy: str

    def words(self) -> str:
        """What was done, in a few sentences (file names only, no folders)."""
        said = (
            f"Scored {self.scored:,} of the {self.rows:,} cases in {self.input_path.name} with "
            f"model {self.fingerprint[:16]}… (threshold {self.threshold:g}) into "
            f"{self.output_path.name}: {self.flagged:,} flagged, {self.warned:,} with an "
            "out-of-distribution warning (their probability is not to be trusted)."
        )
        if self.rejected:
            said += (
                f" {self.rejected:,} row(s) were rejected and NOT scored: see "
                f"{self.rejected_path.name} for each row, column and reason; each of these "
                "women still needs a result."
            )
        elif self.rejected_path is not None:
            said += f" No row was rejected ({self.rejected_path.name} lists none)."
        if self.blank:
            said += f" {self.blank:,} blank row(s) were skipped."
        return said


def rejected_path(output_csv: str | Path) -> Path:
    """Where ``score_file`` lists the rejected rows of the output ``output_csv``.

    >>> rejected_path("results/scores.csv").as_posix()
    'results/scores.rejected.csv'
    """
    output = Path(output_csv)
    return output.with_name(output.name.removesuffix(".csv") + ".rejected.csv")


def _same_file(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def _check_paths(source: Path, output: Path, rejected: Path | None, overwrite: bool) -> None:
    if output.suffix != ".csv":
        raise ValueError(f"The output file's name must end in .csv; got {output.name!r}.")
    if not output.parent.is_dir():
        raise FileNotFoundError(f"The folder {output.parent} does not exist: make it first.")
    for target in (output, rejected):
        if target is not None and _same_file(source, target):
            raise ValueError(
                f"{target.name} is the input file itself: the input is never overwritten. "
                "Choose another name for the output."
            )
    existing = [p.name for p in (output, rejected) if p is not None and p.exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"{' and '.join(existing)} already exist(s) in {output.parent}: nothing was written. "
            "Choose another name, or pass overwrite=True to replace them."
        )


def _check_model(model, warning) -> None:
    if not isinstance(model, LoadedModel):
        raise TypeError(
            "model must be a model loaded with deploy.load_model (save it first with "
            "deploy.save_model), so that every scored case carries the model's fingerprint and "
            f"threshold; got {type(model).__name__}."
        )
    if warning is None or not hasattr(warning, "warned"):
        raise ValueError(
            "warning must be the out-of-distribution warning fitted on the model's training "
            "cases, shift.fit_ood_warning(X_train): every scored case says whether it is "
            "unlike the women the model learned from."
        )
    if tuple(warning.features) != tuple(model.info.features):
        raise ValueError(
            "The warning was fitted on other features (or another order) than the model's: "
            "fit it with shift.fit_ood_warning(X_train) on the model's training cases."
        )
    if warning.n_train != model.info.training_cases:
        raise ValueError(
            f"The warning was fitted on {warning.n_train} cases, the model on "
            f"{model.info.training_cases}: fit the warning on the model's training cases."
        )


@contextlib.contextmanager
def _temporary_beside(path: Path):
    """A new file to write in ``path``'s folder (removed unless it was moved into place)."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield temporary, out
    finally:
        temporary.unlink(missing_ok=True)  # gone already once moved into place


def _finish(out) -> None:
    """Flush ``out`` to the disk and close it (Windows cannot move a file that is open)."""
    out.flush()
    os.fsync(out.fileno())
    out.close()


def _sync_folder(folder: Path) -> None:
    """Make the moves into ``folder`` durable (where the system allows a folder to be synced)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _csv_cell(text: str) -> str:
    """``text`` as one CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a
    line end, as Python's csv module writes it."""
    if any(mark in text for mark in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_scores(out, chunk, model, warning, suffix: str) -> tuple[int, int]:
    """Score the accepted cases of ``chunk``; write their rows (each ending in ``suffix``: the
    threshold and the fingerprint); return (flagged, warned)."""
    cases = chunk.cases
    if cases.empty:
        return 0, 0
    X = cases[list(model.info.features)]
    probability = model.probability_malignant(X)
    flagged = probability >= model.info.threshold
    warned = warning.warned(X)
    reasons = [""] * len(cases)
    if warned.any():
        for at, reason in zip(warned.nonzero()[0], warning.check(X[warned]).reasons(), strict=True):
            reasons[at] = _csv_cell(reason)
    case_ids = cases["case_id"].tolist()
    if any(mark in "".join(case_ids) for mark in ',"\r\n'):
        case_ids = [_csv_cell(case_id) for case_id in case_ids]
    # f-strings rather than csv.writer: four times faster, and the same text for these cells
    # (a float's repr gives back exactly the same number when read)
    out.write("".join([
        f"{row},{case_id},{p!r},{flag},{ood},{reason}{suffix}"
        for row, case_id, p, flag, ood, reason in zip(
            chunk.rows.tolist(), case_ids, probability.tolist(),
            flagged.astype(int).tolist(), warned.astype(int).tolist(), reasons, strict=True,
        )
    ]))  # fmt: skip
    return int(flagged.sum()), int(warned.sum())


def _write_rejected(writer, chunk) -> None:
    writer.writerows(
        (p.row, p.letter, p.name or "", chunk.labels.get(p.row, ""), p.message)
        for p in chunk.problems
    )


def _read_ahead(chunks):
    """The items of the iterator ``chunks``, each read in a thread while the one before is
    being scored and written: reading (pandas' parser, NumPy) and writing mostly run outside
    Python's global lock, so on two cores the two overlap. An error while reading is raised
    here, where the item would have come; stopping early stops the reading too."""
    from concurrent.futures import ThreadPoolExecutor

    end = object()
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="bcc_teach-read-ahead") as reader:
            ahead = reader.submit(next, chunks, end)
            while (item := ahead.result()) is not end:
                ahead = reader.submit(next, chunks, end)
                yield item
    finally:  # the reader has finished (the pool waits for it): close the file now
        if hasattr(chunks, "close"):
            chunks.close()


def _refuse(source: Path, messages: list[str], total: int, why: str):
    listed = messages if total <= len(messages) else [
        *messages, f"(only the first {len(messages):,} of {total:,} problems are listed)"
    ]  # fmt: skip
    error = data.DataError(source, listed)
    error.add_note(f"Nothing was scored and no file was written: {why}")
    return error


def score_file(
    model,
    input_csv: str | Path,
    output_csv: str | Path,
    *,
    warning,
    policy: str = "reject-rows",
    max_rejected_share: float = MAX_REJECTED_SHARE,
    chunk_size: int = data.chunks.CHUNK_SIZE,
    overwrite: bool = False,
    show_progress: bool = True,
) -> ScoredFile:
    """Score every case of a CSV file with a saved model; write the results to ``output_csv``.

    ``model``: a model from ``deploy.load_model`` (its threshold and fingerprint go with every
    result); ``warning``: ``shift.fit_ood_warning`` fitted on the model's training cases. The
    input is checked as ``data.read_cases`` checks a file, ``chunk_size`` rows at a time, so a
    file of any size is scored with bounded memory. ``policy``: "reject-rows" (the default:
    bad rows go, with their row, column and reason, to ``rejected_path(output_csv)``, unless
    more than ``max_rejected_share`` of the rows are bad, when the whole file is refused) or
    "refuse-file" (any bad row refuses the whole file); see the module's help for why. A
    refused file raises ``data.DataError`` and writes nothing. The input is never changed; an
    existing output is replaced only with ``overwrite=True``, and whole or not at all. A
    progress bar shows in a live notebook (one line at the end elsewhere;
    ``show_progress=False``: quietly). Returns a ``ScoredFile``.

    >>> score_file(None, "in.csv", "out.csv", warning=None)
    Traceback (most recent call last):
    ...
    TypeError: model must be a model loaded with deploy.load_model (save it first with ...
    """
    _check_model(model, warning)
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(map(repr, POLICIES))}; got {policy!r}.")
    if not 0 <= max_rejected_share <= 1:
        raise ValueError(
            f"max_rejected_share must be a share from 0 to 1; got {max_rejected_share!r}."
        )
    source, output = Path(input_csv), Path(output_csv)
    rejected = rejected_path(output) if policy == "reject-rows" else None
    data.chunks.check_readable(source)
    _check_paths(source, output, rejected, overwrite)
    fingerprint = model.fingerprint
    counts = dict(scored=0, rejected=0, blank=0, flagged=0, warned=0, problems=0)
    messages: list[str] = []

    with contextlib.ExitStack() as stack:
        out_path, out = stack.enter_context(_temporary_beside(output))
        out.write(",".join(OUTPUT_COLUMNS) + "\n")
        suffix = f",{model.info.threshold!r},{fingerprint}\n"
        rej_path = rej = None
        if rejected is not None:
            rej_path, rej = stack.enter_context(_temporary_beside(rejected))
            rejects = csv.writer(rej, lineterminator="\n")
            rejects.writerow(REJECTED_COLUMNS)
        total = data.chunks.count_lines(source) if show_progress else 0
        with counting(total, f"rows of {source.name} read", show_progress) as advance:
            done = 0
            for chunk in _read_ahead(data.read_cases_in_chunks(source, chunk_size)):
                advance(chunk.end_row - done)
                done = chunk.end_row
                counts["blank"] += chunk.blank
                counts["rejected"] += len(chunk.rejected_rows)
                counts["problems"] += len(chunk.problems)
                room = _LISTED - len(messages)
                messages.extend(str(p) for p in chunk.problems[: max(room, 0)])
                if policy == "refuse-file" and counts["problems"]:
                    continue  # read on, to list every problem; score nothing
                if rej is not None:
                    _write_rejected(rejects, chunk)
                flagged, warned = _write_scores(out, chunk, model, warning, suffix)
                counts["scored"] += len(chunk.cases)
                counts["flagged"] += flagged
                counts["warned"] += warned
            advance(total - done)  # trailing lines after the last case, if any
        rows = counts["scored"] + counts["rejected"]
        if policy == "refuse-file" and counts["problems"]:
            raise _refuse(source, messages, counts["problems"], (
                f"{counts['rejected']:,} of {rows:,} rows have problems and the policy "
                "'refuse-file' refuses a file with any bad row. Correct the rows and score the "
                "file again."))  # fmt: skip
        if counts["rejected"] > max_rejected_share * rows:
            raise _refuse(source, messages, counts["problems"], (
                f"{counts['rejected']:,} of {rows:,} rows ({counts['rejected'] / rows:.1%}) have "
                f"problems, more than {max_rejected_share:.1%}: so many bad rows point to a "
                "problem with the export as a whole, and the rows that look valid cannot be "
                "trusted either. Check how the file was made, then score it again."))  # fmt: skip
        _finish(out)
        if rej is not None:
            _finish(rej)
        existing = [p.name for p in (output, rejected) if p is not None and p.exists()]
        if existing and not overwrite:
            raise FileExistsError(
                f"{' and '.join(existing)} appeared in {output.parent} while scoring: nothing "
                "was replaced."
            )
        if rejected is not None:
            os.replace(rej_path, rejected)  # the list of rejected rows first: never scores
        os.replace(out_path, output)  # without the list of the rows that were not scored
        _sync_folder(output.parent)

    return ScoredFile(
        source, output, rejected, rows, counts["scored"], counts["rejected"], counts["blank"],
        counts["flagged"], counts["warned"], model.info.threshold, fingerprint, policy,
    )  # fmt: skip
