"""The one error every data problem raises: which file, and what to fix in it."""

from __future__ import annotations

from pathlib import Path


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


DataError.__module__ = "bcc_teach.data"  # learners meet it as data.DataError
