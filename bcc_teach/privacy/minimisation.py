"""Data minimisation: only what the model needs leaves the clinic.

To be scored, a case needs its 30 measurements and nothing else; to send the result back to
the right woman, a pseudonym is enough (the key that links it to her stays in the clinic, see
``pseudonyms``). Her hospital number, name, date of birth, the diagnosis and any other column
never leave. ``minimise`` makes the outgoing table and says, column by column, what leaves and
what stays.

    >>> from bcc_teach import data, privacy
    >>> out = privacy.minimise(data.load_wdbc(include_uci_id=True), bytes(range(32)))
    >>> out.outgoing.shape, out.kept_back
    ((569, 31), ('case_id', 'diagnosis'))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import data, inputs
from bcc_teach.privacy.pseudonyms import check_key, pseudonymise

if TYPE_CHECKING:
    import pandas as pd

#: What may leave the clinic with a case, and why; everything else stays.
LEAVES = {
    "pseudonym": "to match the result to the woman, in the clinic (only the clinic has the key)",
    "measurements": "the 30 nuclear measurements: all the model reads",
}
#: Kinds of column that never leave, with the reason (for the table in a lesson).
NEVER_LEAVES = {
    "hospital number (raw id)": "identifies her; replaced by the pseudonym",
    "name, date of birth, address": "identify her; the model does not read them",
    "diagnosis": "the model is asked to estimate it, not told it",
    "images, reports, notes": "the model reads only the 30 measurements",
}


@dataclass(frozen=True)
class Minimised:
    """The outgoing table (``outgoing``: pseudonym + the 30 measurements) and what was kept back.

    ``kept_back`` names the columns that stay in the clinic; ``id_column`` the one replaced by
    the pseudonym.
    """

    outgoing: pd.DataFrame
    id_column: str
    kept_back: tuple[str, ...]

    def table(self) -> pd.DataFrame:
        """Every column of the clinic's table: does it leave, and why (one row per column)."""
        import pandas as pd

        rows = [{"column": self.id_column, "leaves the clinic?": "no: as a pseudonym only",
                 "why": LEAVES["pseudonym"]}]  # fmt: skip
        rows += [
            {"column": name, "leaves the clinic?": "no", "why": _why_kept(name)}
            for name in self.kept_back
        ]
        rows.append({"column": f"the {len(data.FEATURES)} measurements ({data.FEATURES[0]} … "
                     f"{data.FEATURES[-1]})", "leaves the clinic?": "yes",
                     "why": LEAVES["measurements"]})  # fmt: skip
        return pd.DataFrame(rows, columns=["column", "leaves the clinic?", "why"])


def _why_kept(name: str) -> str:
    if name == "diagnosis":
        return NEVER_LEAVES["diagnosis"]
    if name == "case_id":
        return "a label for the course's tables; the pseudonym does its job outside"
    return "not needed to score a case"


def minimise(table: pd.DataFrame, key: bytes, id_column: str = "uci_id") -> Minimised:
    """The table to send out for scoring: a pseudonym and the 30 measurements, nothing else.

    ``table`` holds the clinic's cases (e.g. ``data.load_wdbc(include_uci_id=True)``, or
    ``data.read_cases`` of its own file) with their id in ``id_column``; ``key`` is the
    clinic's secret key (``read_key``). ``table`` itself is not changed.

    >>> from bcc_teach import data
    >>> out = minimise(data.load_wdbc(include_uci_id=True), bytes(range(32)))
    >>> list(out.outgoing.columns[:2])
    ['pseudonym', 'radius_mean']
    """
    key = check_key(key)
    inputs.check_columns(table, [id_column, *data.FEATURES], what="the clinic's table",
                         example="data.load_wdbc(include_uci_id=True)")  # fmt: skip
    named = pseudonymise(table, key, column=id_column)
    outgoing = named[["pseudonym", *data.FEATURES]].reset_index(drop=True)
    kept = tuple(str(c) for c in table.columns if c != id_column and c not in data.FEATURES)
    return Minimised(outgoing, id_column, kept)
