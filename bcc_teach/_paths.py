"""Where the kit's own files live (the bundled data and requirements.txt)."""

from __future__ import annotations

import os
from pathlib import Path

#: The folder holding ``bcc_teach/``, ``data/`` and ``requirements.txt`` (an editable install).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder of bundled datasets: ``data/`` beside the package, or ``$BCC_TEACH_DATA``."""
    override = os.environ.get("BCC_TEACH_DATA")
    return Path(override) if override else PROJECT_ROOT / "data"
