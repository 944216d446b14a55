"""Rebuild the bundled CSV files from the original UCI files (maintainers only).

    python data/derive.py PATH/TO/uci          # writes data/*.csv and data/SHA256SUMS

The UCI files have no header row and use codes (M/B, 2/4, "?"). This script adds readable column
names, spells out the diagnosis, keeps every value exactly as written in the source, keeps missing
values missing and repeated ids repeated. It refuses to run if a source file does not match the
checksum the UCI folder lists for it.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

WDBC_BASE = (
    "radius", "texture", "perimeter", "area", "smoothness",
    "compactness", "concavity", "concave_points", "symmetry", "fractal_dimension",
)  # fmt: skip
WDBC_COLUMNS = ["uci_id", "diagnosis"] + [
    f"{base}_{stat}" for stat in ("mean", "se", "worst") for base in WDBC_BASE
]
WBC_SCORES = [
    "clump_thickness", "uniformity_cell_size", "uniformity_cell_shape", "marginal_adhesion",
    "single_epithelial_cell_size", "bare_nuclei", "bland_chromatin", "normal_nucleoli", "mitoses",
]  # fmt: skip
WBC_COLUMNS = ["uci_id", "batch", *WBC_SCORES, "diagnosis"]
# The original file is in the order the cases arrived; its documentation gives the size of each
# of the eight batches (January 1989 to November 1991).
WBC_BATCH_SIZES = (367, 70, 31, 17, 48, 49, 31, 86)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_source(folder: Path, name: str) -> list[list[str]]:
    sums = dict(
        reversed(line.split()) for line in (folder / "SHA256SUMS").read_text().splitlines() if line
    )
    if sha256(folder / name) != sums.get(name):
        sys.exit(f"{folder / name}: checksum differs from {folder / 'SHA256SUMS'}; not deriving.")
    with open(folder / name, newline="", encoding="ascii") as handle:
        return [row for row in csv.reader(handle) if row]


def derive_wdbc(rows: list[list[str]]) -> list[list[str]]:
    labels = {"M": "malignant", "B": "benign"}
    assert len(rows) == 569 and all(len(r) == 32 for r in rows)
    return [[r[0], labels[r[1]], *r[2:]] for r in rows]


def derive_wbc(rows: list[list[str]]) -> list[list[str]]:
    labels = {"2": "benign", "4": "malignant"}
    assert len(rows) == sum(WBC_BATCH_SIZES) == 699 and all(len(r) == 11 for r in rows)
    batches = [b for b, size in enumerate(WBC_BATCH_SIZES, start=1) for _ in range(size)]
    out = []
    for row, batch in zip(rows, batches, strict=True):
        scores = ["" if value == "?" else value for value in row[1:10]]
        out.append([row[0], str(batch), *scores, labels[row[10]]])
    return out


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(source: str) -> None:
    folder = Path(source)
    write_csv(HERE / "wdbc.csv", WDBC_COLUMNS, derive_wdbc(check_source(folder, "wdbc.data")))
    write_csv(
        HERE / "wbc_original.csv",
        WBC_COLUMNS,
        derive_wbc(check_source(folder, "breast-cancer-wisconsin.data")),
    )
    names = ["wbc_original.csv", "wdbc.csv"]
    lines = [f"{sha256(HERE / name)}  {name}\n" for name in names]
    (HERE / "SHA256SUMS").write_text("".join(lines), encoding="ascii")
    print("".join(lines), end="")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
