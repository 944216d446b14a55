"""How fast is a plain hash of a hospital number reversed, by trying every number?

    python benchmarks/pseudonyms.py [--ids 5000000] [--runs 3]

Hashes ``--ids`` 9-digit ids with plain SHA-256 (``privacy.enumeration_speed``, one CPU core,
pure Python as in the lesson), ``--runs`` times, and prints the ids tried per second and how long
every 6- to 9-digit id (999,900,000 of them) would take at the median speed. Also the keyed
hash (HMAC-SHA256) for comparison: with the key, a pseudonym costs a few plain hashes; without
the key there is nothing to try the ids against. Also the sizes of the saved
k-nearest-neighbours and logistic regression files the privacy lesson compares. (One core of
pure Python is the slow way: several cores, or compiled code on a graphics card, are far faster.)
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import statistics
import tempfile
import time
from pathlib import Path

from bcc_teach import data, deploy, models, privacy


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=5_000_000, help="ids hashed per run")
    parser.add_argument("--runs", type=int, default=3, help="runs (the median is reported)")
    args = parser.parse_args()

    rates = [privacy.enumeration_speed(args.ids).ids_per_second for _ in range(args.runs)]
    rate = statistics.median(rates)
    space = len(privacy.ID_SPACE)
    key, sha256 = bytes(range(32)), hashlib.sha256
    start = time.perf_counter()
    for number in range(10**8, 10**8 + args.ids):
        hmac.new(key, b"%d" % number, sha256).digest()
    keyed = args.ids / (time.perf_counter() - start)

    print(f"{'what':<62} {'value':>16}   (this computer, one core)")
    print(f"{'plain SHA-256, ids tried per second (median of ' + str(args.runs) + ')':<62} "
          f"{rate:>16,.0f}")  # fmt: skip
    print(f"{'  slowest and fastest run':<62} {min(rates):>7,.0f}–{max(rates):,.0f}")
    print(f"{'every 6- to 9-digit id (' + format(space, ',') + ')':<62} "
          f"{_minutes(space / rate):>16}")  # fmt: skip
    print(f"{'every 6-digit id (900,000)':<62} {_minutes(900_000 / rate):>16}")
    print(f"{'keyed pseudonyms (HMAC-SHA256) made per second, with the key':<62} {keyed:>16,.0f}")

    X_train, _, y_train, _ = models.split(*data.load_wdbc_xy())
    with tempfile.TemporaryDirectory() as folder:
        for name in ("knn", "logistic_regression"):
            model = models.make_model(name).fit(X_train, y_train)
            path = Path(folder) / f"{name}.skops"
            saved = deploy.save_model(model, path, X_train=X_train, y_train=y_train,
                                      threshold=0.1, trained_on="2026-12-01")  # fmt: skip
            carried = privacy.patients_in_model_file(path, X_train)
            learned = sum(carried.numbers_by_step().values())
            print(f"{name + ' file: bytes, numbers learned, cases inside':<62} "
                  f"{saved.size_bytes:,}, {learned:,}, {carried.n_recovered}")  # fmt: skip


if __name__ == "__main__":
    main()
