"""Scoring at scale: a million cases from a CSV file, and a folder of images on Dask.

    python benchmarks/batch_scoring.py [--cases 1000000] [--runs 3] [--images 200]

(``--cases 0`` or ``--images 0`` leaves that part out.)

1. Writes ``--cases`` SYNTHETIC cases to a CSV file (rows of the bundled WDBC data drawn at
   random with 3% noise on every measurement, seeded; 'worst' kept at or above 'mean'), and a
   file a tenth of the size. Then, each in a fresh child process so that its peak memory is its
   own, ``--runs`` times in turn: pandas merely reading the file (``pd.read_csv(path)``, the
   whole file at once, and in chunks of 50,000 rows), reading it with every row checked
   (``data.read_cases_in_chunks``), and ``deploy.score_file`` (checked, scored by the
   reference model, the out-of-distribution warning, the output written and moved into place).
   Prints cases per second, the peak memory (resident set size, and its rise above the same
   process after its imports) and the ratio of scoring to the bare reads (medians of the runs).
   Goals: peak memory at most 500 MB whatever the file's size; scoring within 2x the bare read.
2. Saves ``--images`` of lesson 02's synthetic images as PNG files and measures their 30
   features (``deploy.extract_features``) one after another in this process, and on a Dask
   cluster of this computer (``deploy.local_cluster``, worker processes, 127.0.0.1 only) with 1
   and 2 workers, the cluster started before the clock starts. Prints images per second, the
   speed-up of 2 workers over 1 and the time to start a cluster.

The machine's other work moves every figure here: compare figures of one run with each other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 20261201
NOISE = 0.03
WRITE_CHUNK = 50_000


def write_cases(path: Path, count: int, seed: int = SEED) -> None:
    """``count`` synthetic cases drawn from the WDBC data, written as a CSV file."""
    import numpy as np

    from bcc_teach import data

    wdbc = data.load_wdbc()
    values = wdbc[list(data.FEATURES)].to_numpy()
    column = {name: j for j, name in enumerate(data.FEATURES)}
    rng = np.random.default_rng(seed)
    line = ",".join(["%s"] + ["%.5g"] * len(data.FEATURES)) + "\n"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(["case_id", *data.FEATURES]) + "\n")
        for start in range(0, count, WRITE_CHUNK):
            size = min(WRITE_CHUNK, count - start)
            block = values[rng.integers(0, len(values), size)]
            block = block * rng.lognormal(0.0, NOISE, block.shape)
            for base in data.BASE_FEATURES:
                mean, worst = column[f"{base}_mean"], column[f"{base}_worst"]
                block[:, worst] = np.maximum(block[:, worst], block[:, mean])
            ids = [f"S{start + i + 1:07d}" for i in range(size)]
            out.write("".join(line % (i, *row) for i, row in zip(ids, block.tolist(), strict=True)))


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _task(kind: str, path: str, folder: str) -> dict:
    """One measurement, in this (child) process."""
    import pandas as pd

    from bcc_teach import data, deploy, models, shift

    model = warning = None
    if kind == "score":
        X, y = data.load_wdbc_xy()
        X_train, _, y_train, _ = models.split(X, y)
        fitted = models.reference_model().fit(X_train, y_train)
        saved = Path(folder) / "lr.skops"
        if not saved.exists():
            deploy.save_model(fitted, saved, X_train=X_train, y_train=y_train, threshold=0.1,
                              trained_on="2026-12-01")  # fmt: skip
        model, warning = deploy.load_model(saved), shift.fit_ood_warning(X_train)
    before = _peak_mb()
    start = time.perf_counter()
    if kind == "bare":
        cases = len(pd.read_csv(path))
    elif kind == "bare_chunks":
        cases = sum(len(chunk) for chunk in pd.read_csv(path, chunksize=50_000))
    elif kind == "checked":
        cases = sum(len(chunk.cases) for chunk in data.read_cases_in_chunks(path))
    else:
        output = Path(folder) / f"scores_{Path(path).stem}.csv"
        result = deploy.score_file(model, path, output, warning=warning, overwrite=True,
                                   show_progress=False)  # fmt: skip
        cases = result.scored
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cases": cases, "peak_mb": _peak_mb(), "base_mb": before}


def _in_child(kind: str, path: Path, folder: Path) -> dict:
    code = [sys.executable, __file__, "--task", kind, str(path), str(folder)]
    done = subprocess.run(code, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _csv_part(cases: int, runs: int) -> None:
    kinds = {
        "bare": "pandas reads the whole file (pd.read_csv)",
        "bare_chunks": "pandas reads it in chunks of 50,000",
        "checked": "every row checked (read_cases_in_chunks)",
        "score": "checked + scored + written (score_file)",
    }
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sizes = {cases // 10: folder / "small.csv", cases: folder / "cases.csv"}
        for count, path in sizes.items():
            start = time.perf_counter()
            write_cases(path, count)
            print(f"wrote {count:,} synthetic cases ({path.stat().st_size / 1e6:.0f} MB) in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        print()
        print(f"{'what':<44} {'cases':>10} {'cases/s':>10} {'s':>7} {'peak MB':>8} "
              f"{'rise MB':>8}")  # fmt: skip
        medians = {}
        for count, path in sizes.items():
            results = {kind: [] for kind in kinds}
            for _ in range(runs):
                for kind in kinds:  # in turn, so that the machine's load falls on each alike
                    results[kind].append(_in_child(kind, path, folder))
            for kind, what in kinds.items():
                seconds = statistics.median(r["seconds"] for r in results[kind])
                peak = max(r["peak_mb"] for r in results[kind])
                rise = max(r["peak_mb"] - r["base_mb"] for r in results[kind])
                got = results[kind][0]["cases"]
                medians[count, kind] = seconds
                print(f"{what:<44} {got:>10,} {got / seconds:>10,.0f} {seconds:>7.2f} "
                      f"{peak:>8.0f} {rise:>8.0f}")  # fmt: skip
        print()
        for count in sizes:
            score, checked = medians[count, "score"], medians[count, "checked"]
            whole, chunked = medians[count, "bare"], medians[count, "bare_chunks"]
            print(f"{count:>9,} cases: scoring / bare whole-file read = {score / whole:.2f}; "
                  f"/ bare chunked read = {score / chunked:.2f}; checked read / bare chunked "
                  f"read = {checked / chunked:.2f}")  # fmt: skip
        print("(goals: peak memory <= 500 MB whatever the size; scoring within 2x the bare read)")


def _images_part(count: int) -> None:
    from distributed import Client

    from bcc_teach import deploy

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        deploy.write_synthetic_images(folder, count, seed=SEED)
        print()
        print(f"{'features of ' + format(count) + ' synthetic images':<44} {'images/s':>10} "
              f"{'s':>7} {'start s':>8}")  # fmt: skip
        start = time.perf_counter()
        serial = deploy.extract_features(folder, workers=0)
        seconds = time.perf_counter() - start
        print(f"{'one after another, this process':<44} {count / seconds:>10.1f} {seconds:>7.2f}")
        rates = {}
        for workers in (1, 2):
            start = time.perf_counter()
            with deploy.local_cluster(workers) as cluster, Client(cluster) as client:
                started = time.perf_counter() - start
                deploy.extract_features(folder, client=client)  # workers load their libraries
                start = time.perf_counter()
                result = deploy.extract_features(folder, client=client)
                seconds = time.perf_counter() - start
            assert result.features.equals(serial.features) and not result.failed
            rates[workers] = count / seconds
            print(f"{f'Dask, {workers} worker process(es)':<44} {rates[workers]:>10.1f} "
                  f"{seconds:>7.2f} {started:>8.1f}")  # fmt: skip
        print(f"speed-up of 2 workers over 1: {rates[2] / rates[1]:.2f}x "
              "(the same features as one after another: checked)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--task":
        print(json.dumps(_task(*sys.argv[2:5])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000,
                        help="cases in the large file (0: skip the CSV part)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="runs of each (medians reported)")
    parser.add_argument("--images", type=int, default=200, help="synthetic images measured")
    args = parser.parse_args()
    if args.cases:
        _csv_part(args.cases, args.runs)
    if args.images:
        _images_part(args.images)


if __name__ == "__main__":
    main()
