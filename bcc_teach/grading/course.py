"""The course's own files, checked against the checksums recorded when they were committed.

The grader judges with the course's question sets and checking engine, so before it trusts
them it compares every file of ``bcc_teach/`` and every bundled data file with
``bcc_teach/SHA256SUMS``, the list a maintainer records with ``python -m bcc_teach checksums``
(a test fails while the list is out of date). A file changed since then (by an earlier run of
a learner's code, say) stops grading before any notebook runs.

>>> problems(PROJECT_ROOT)
[]
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT

MANIFEST = Path("bcc_teach") / "SHA256SUMS"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def course_files(root: Path = PROJECT_ROOT) -> list[str]:
    """The files the checksums cover, relative to the course folder: every file of the package
    (its code, and results stored with it) and the bundled data (with its own SHA256SUMS)."""
    package = sorted(
        p.relative_to(root).as_posix()
        for p in (root / "bcc_teach").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p != root / MANIFEST
    )
    data = root / "data"
    listed = [line.split()[-1] for line in (data / "SHA256SUMS").read_text().splitlines() if line]
    return package + ["data/SHA256SUMS"] + sorted(f"data/{name}" for name in listed)


def checksums(root: Path = PROJECT_ROOT) -> str:
    """The text of the checksum list for the files as they are now (``sha256sum`` format)."""
    return "".join(f"{_sha256(root / name)}  {name}\n" for name in course_files(root))


def write(root: Path = PROJECT_ROOT) -> Path:
    """Record the checksums of the course's files as they are now (a maintainer's step)."""
    path = root / MANIFEST
    path.write_text(checksums(root), encoding="utf-8")
    return path


def problems(root: Path = PROJECT_ROOT) -> list[str]:
    """What differs from the recorded checksums: changed, missing or unlisted files."""
    path = root / MANIFEST
    if not path.is_file():
        return [f"{MANIFEST} is missing: run python -m bcc_teach checksums in a trusted copy"]
    recorded = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        recorded[name] = digest
    found = []
    present = set(course_files(root))
    for name in sorted(present | set(recorded)):
        if name not in recorded:
            found.append(f"{name} is not in the recorded list (a file added since)")
        elif not (root / name).is_file():
            found.append(f"{name} is missing")
        elif _sha256(root / name) != recorded[name]:
            found.append(f"{name} has changed since its checksum was recorded")
    return found


def verify(root: Path = PROJECT_ROOT) -> None:
    """Raise ``ValueError`` naming every course file that differs from the recorded list."""
    found = problems(root)
    if found:
        shown = "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5 else "")
        raise ValueError(
            f"The course's own files are not as committed, so grading with them cannot be "
            f"trusted: {shown}. Restore them (git checkout -- bcc_teach data, or a fresh copy "
            "of the course); if you changed them on purpose, record their checksums with "
            "python -m bcc_teach checksums."
        )
