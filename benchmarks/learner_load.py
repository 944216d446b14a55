"""How much memory and CPU does one learner need? Sizing a JupyterHub from measurements.

    python benchmarks/learner_load.py [--blank] [NAME ...]

Runs every lesson (``notebooks/``) and every exercise as a learner who finishes it runs it
(``solutions/``; ``--blank`` runs the unanswered ``exercises/`` instead) from the top in a fresh
kernel, one notebook at a time, as Run All would. While it runs, the kernel's process and every
process it starts (lesson 09's Dask workers, for example) are sampled every 0.1 s with psutil.
It prints, per notebook, the peak resident memory of those processes together (MB), the CPU
seconds they used and the wall-clock seconds, then the totals. NAME limits the run to notebooks
whose file name contains it (``05``, ``ex03``).

The network is shut in the kernels as in the tests (``tests/netguard``). The figures depend on
the machine and on what else it is doing; the instructor guide turns them into learners per core
and memory per learner (section *Sizing a hub*).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
GUARD = ROOT / "tests" / "netguard"
SAMPLE_SECONDS = 0.1


@dataclass
class Load:
    name: str
    peak_mb: float
    cpu_seconds: float
    wall_seconds: float


class _Sampler(threading.Thread):
    """Samples a process and its descendants: their summed RSS (peak kept) and CPU time."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.cpu: dict[int, float] = {}  # the last CPU time seen for each process
        self.stopping = threading.Event()

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        rss = 0
        for process in processes:
            try:
                with process.oneshot():
                    rss += process.memory_info().rss
                    times = process.cpu_times()
                    self.cpu[process.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                continue
        self.peak = max(self.peak, rss)

    def run(self) -> None:
        while not self.stopping.wait(SAMPLE_SECONDS):
            self.sample()


def _environment() -> dict[str, str]:
    env = dict(os.environ, BCC_TEACH_PLAIN_PROGRESS="1", BCC_TEACH_BLOCK_NETWORK="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD), env.get("PYTHONPATH")]))
    return env


def measure(path: Path) -> Load:
    """Run one notebook from the top in a fresh kernel and measure its processes."""
    notebook = nbformat.read(path, as_version=4)
    manager = KernelManager(kernel_name="python3", transport_encryption="auto")
    start = time.perf_counter()
    manager.start_kernel(env=_environment(), cwd=str(path.parent))
    sampler = _Sampler(manager.provisioner.process.pid)
    sampler.start()
    try:
        client = NotebookClient(notebook, km=manager, timeout=600, allow_errors=False)
        client.execute(cwd=str(path.parent))
        sampler.sample()  # the last moment before the kernel stops
    finally:
        sampler.stopping.set()
        sampler.join()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    return Load(
        name=f"{path.parent.name}/{path.name}",
        peak_mb=sampler.peak / 1e6,
        cpu_seconds=sum(sampler.cpu.values()),
        wall_seconds=time.perf_counter() - start,
    )


def notebooks(blank: bool = False, names: list[str] | None = None) -> list[Path]:
    """The lessons, then the exercises (solved, or blank with ``blank``), in course order."""
    folders = ("notebooks", "exercises" if blank else "solutions")
    paths = [p for folder in folders for p in sorted((ROOT / folder).glob("*.ipynb"))]
    return [p for p in paths if not names or any(n in p.name for n in names)]


def table(loads: list[Load]) -> str:
    """The measurements as a Markdown table, with totals and the largest peak."""
    lines = ["| notebook | peak memory (MB) | CPU (s) | wall clock (s) |", "|---|---:|---:|---:|"]
    lines += [
        f"| {x.name} | {x.peak_mb:.0f} | {x.cpu_seconds:.1f} | {x.wall_seconds:.1f} |"
        for x in loads
    ]
    lines.append(
        f"| **total ({len(loads)} notebooks)** | **{max(x.peak_mb for x in loads):.0f} (largest)** "
        f"| **{sum(x.cpu_seconds for x in loads):.1f}** "
        f"| **{sum(x.wall_seconds for x in loads):.1f}** |"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    blank = "--blank" in argv
    paths = notebooks(blank, [a for a in argv if not a.startswith("--")])
    loads = []
    for path in paths:
        loads.append(measure(path))
        last = loads[-1]
        print(f"{last.name}: {last.peak_mb:.0f} MB, {last.cpu_seconds:.1f} s CPU", file=sys.stderr)
    print(f"\n{len(loads)} notebooks, one at a time, on {os.cpu_count()} cores (psutil, every "
          f"{SAMPLE_SECONDS} s; the kernel and the processes it started):\n")  # fmt: skip
    print(table(loads))


if __name__ == "__main__":
    main(sys.argv[1:])
