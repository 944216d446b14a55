"""The 30 features of a whole folder of images, measured in parallel on a Dask cluster.

Finding and measuring the nuclei of one image (``features.segment``, ``features.image_features``)
takes tens of milliseconds; a hospital's day of images takes far longer, and each image is
measured on its own, so the work spreads over many processor cores, or many computers, without
any change to the result. ``extract_features`` hands the images out with ``dask.distributed``:

- ``extract_features(folder, workers=2)`` starts a cluster on this computer (``workers``
  separate processes, reachable only from this computer: 127.0.0.1, no dashboard), measures
  the images and shuts the cluster down again;
- ``extract_features(folder, client=client)`` uses a cluster that is already running, for
  example one spread over the machines of a hospital's computing service
  (``distributed.Client("tcp://scheduler:8786")``): the same call, the same results. Its
  workers must see the folder under the same path (a shared drive);
- ``local_cluster`` starts such a cluster once, for several folders;
- ``extract_features(folder, workers=0)`` measures the images one after another in this
  process, without Dask: the results to compare with.

The images are lesson 02's SYNTHETIC images (``write_synthetic_images`` saves a folder of
them), as PNG or NumPy ``.npy`` files of grey levels 0–255; never a patient's image. An image
that cannot be read or in which no nucleus is found is not dropped in silence: it is listed in
``failed`` with the reason.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_synthetic_images(folder, 2, seed=0)
    >>> extract_features(folder, workers=0).features.shape
    (2, 30)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import data, features

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: The kinds of image file read, by ending.
IMAGE_SUFFIXES = (".png", ".npy")
_TRIM_THRESHOLD = 32 * 2**20  # the largest that glibc's malloc would choose by itself


@dataclass(frozen=True)
class Extraction:
    """The ``features`` (one row of ``data.FEATURES`` per image, indexed by file name, in the
    order of the names), the images that ``failed`` (file name → why) and how many
    ``workers`` measured them (0: in this process, without Dask)."""

    features: pd.DataFrame
    failed: dict[str, str] = field(default_factory=dict)
    workers: int = 0

    def words(self) -> str:
        """What was measured, in one sentence."""
        where = ("in this process" if self.workers == 0
                 else f"on {self.workers} Dask worker(s)")  # fmt: skip
        said = f"Measured {len(self.features)} image(s) {where}"
        if self.failed:
            said += f"; {len(self.failed)} could not be measured: " + "; ".join(
                f"{name}: {why}" for name, why in sorted(self.failed.items())
            )
        return said + "."


def write_synthetic_images(
    folder: str | Path, count: int, *, seed: int = 0, suffix: str = ".png"
) -> list[Path]:
    """Save ``count`` SYNTHETIC images (``features.synthetic_image``; benign-like and
    malignant-like in turn, seeds ``seed``, ``seed + 1``, …) in ``folder`` as PNG or ``.npy``
    files named ``synthetic_00000.png``, …; an existing file is never replaced.

    >>> import tempfile
    >>> [p.name for p in write_synthetic_images(tempfile.mkdtemp(), 2, suffix=".npy")]
    ['synthetic_00000.npy', 'synthetic_00001.npy']
    """
    import numpy as np

    if suffix not in IMAGE_SUFFIXES:
        raise ValueError(f"suffix must be one of {', '.join(IMAGE_SUFFIXES)}; got {suffix!r}.")
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"The folder {folder} does not exist: make it first.")
    paths = [folder / f"synthetic_{number:05d}{suffix}" for number in range(count)]
    existing = [p.name for p in paths if p.exists()]
    if existing:
        raise FileExistsError(
            f"{existing[0]} (and {len(existing) - 1} more) already exist(s) in {folder}: "
            "nothing was written. Choose an empty folder."
        )
    for number, path in enumerate(paths):
        kind = ("benign", "malignant")[number % 2]
        pixels = features.synthetic_image(kind, seed=seed + number).pixels
        if suffix == ".npy":
            np.save(path, pixels, allow_pickle=False)
        else:
            from PIL import Image

            Image.fromarray(pixels).save(path)
    return paths


def read_image(path: str | Path) -> np.ndarray:
    """The grey levels (0–255) of a PNG or ``.npy`` image file, as a 2-D array.

    >>> import tempfile
    >>> path = write_synthetic_images(tempfile.mkdtemp(), 1)[0]
    >>> read_image(path).shape
    (256, 256)
    """
    import numpy as np

    path = Path(path)
    if path.suffix == ".npy":
        return np.load(path, allow_pickle=False)  # never a pickle: only arrays of numbers
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("L"))


def measure_image(path: str | Path) -> tuple[str, list[float] | None, str | None]:
    """(file name, the image's 30 features or None, why it failed or None): the work one
    worker does for one image. Each image is measured exactly as ``features.image_features``
    measures it.

    >>> import tempfile
    >>> path = write_synthetic_images(tempfile.mkdtemp(), 1)[0]
    >>> name, values, problem = measure_image(path)
    >>> name, len(values), problem
    ('synthetic_00000.png', 30, None)
    """
    path = Path(path)
    try:
        row = features.image_features(read_image(path), name=path.name)
    except (OSError, EOFError, ValueError) as exc:  # unreadable, or no nucleus found: say so
        return path.name, None, f"{type(exc).__name__}: {exc}"
    return path.name, [float(v) for v in row.iloc[0]], None


def _images(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of images.")
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    if not paths:
        raise ValueError(f"{folder} holds no image ({', '.join(IMAGE_SUFFIXES)} files).")
    return paths


def local_cluster(workers: int = 2, processes: bool = True):
    """Start a Dask cluster on this computer only (a ``distributed.LocalCluster``): the
    scheduler and ``workers`` workers (processes, or threads of this process) listen on
    127.0.0.1 only, with no dashboards, one thread a worker. Use it in a ``with`` block, with
    ``distributed.Client(cluster)``, to measure several folders without starting it again.

    (Dask's in-process transport would look up this computer's address by trying a route to a
    server on the internet, so threads talk over TCP on 127.0.0.1 too. Two of Dask's defaults
    are changed for these workers, as each made measuring images a third to a half slower
    here: its statistical profiler, which samples the work every 10 ms, is off, and memory is
    given back to the system in larger pieces, as Python does by default, not in 64 KiB ones,
    ``MALLOC_TRIM_THRESHOLD_``.)

    >>> from distributed import Client
    >>> with local_cluster(1, processes=False) as cluster, Client(cluster) as client:
    ...     len(client.scheduler_info()["workers"])
    1
    """
    import logging

    import dask
    from distributed import LocalCluster

    settings = {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": str(_TRIM_THRESHOLD),
    }
    with dask.config.set(settings):  # read as the workers are made, in LocalCluster()
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=processes, protocol="tcp://",
            host="127.0.0.1", dashboard_address=None, worker_dashboard_address=None,
            silence_logs=logging.ERROR,
        )  # fmt: skip


def extract_features(
    folder: str | Path, *, workers: int = 2, processes: bool = True, client=None
) -> Extraction:
    """Measure every image (PNG or ``.npy``) in ``folder``: one row of the 30 WDBC features
    per image, the same numbers ``features.image_features`` gives for each.

    ``workers``: how many Dask worker processes to start on this computer (0: no Dask, one
    image after another in this process); ``processes=False`` runs the workers as threads of
    this process (quicker to start; slower to measure, as the measuring holds Python's lock).
    ``client``: a ``distributed.Client`` of a cluster that is already running (then
    ``workers`` and ``processes`` are not used, and the cluster is left running).

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_synthetic_images(folder, 2)
    >>> extract_features(folder, workers=1, processes=False).words()
    'Measured 2 image(s) on 1 Dask worker(s).'
    """
    import pandas as pd

    paths = _images(folder)
    if client is not None:
        results = _on_cluster(client, paths)
        workers = len(client.scheduler_info().get("workers", {}))
    elif workers == 0:
        results = [measure_image(path) for path in paths]
    else:
        if not isinstance(workers, int) or workers < 0:
            raise ValueError(f"workers must be a whole number, 0 or more; got {workers!r}.")
        from distributed import Client

        with local_cluster(workers, processes) as cluster, Client(cluster) as local:
            results = _on_cluster(local, paths)
    measured = [(name, values) for name, values, problem in results if problem is None]
    table = pd.DataFrame(
        [values for _, values in measured],
        index=pd.Index([name for name, _ in measured], name="image"),
        columns=list(data.FEATURES),
        dtype="float64",
    )
    failed = {name: problem for name, _, problem in results if problem is not None}
    return Extraction(table, failed, workers)


def _on_cluster(client, paths: list[Path]) -> list:
    """Each image measured by one of the cluster's workers; results in the order of ``paths``."""
    futures = client.map(measure_image, [str(path) for path in paths], pure=False)
    return client.gather(futures)
