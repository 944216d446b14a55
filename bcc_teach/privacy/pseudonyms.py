"""Pseudonyms for patient ids: a keyed hash (HMAC-SHA256), and why a plain hash is not enough.

A hospital number has 6 to 9 digits: under a billion possibilities. A plain hash
(``hashlib.sha256``) of one looks unreadable, but anyone can hash every possible number and see
which one gives the same result: ``reverse_plain_hash`` does it, and ``enumeration_speed``
measures how many ids a second this computer tries. A keyed hash mixes in a secret key (32
random bytes from ``secrets``), kept in a file outside the data and outside the course folder:
without the key there is nothing to try the numbers against.

    >>> import tempfile, pathlib
    >>> from bcc_teach import privacy
    >>> key_file = pathlib.Path(tempfile.mkdtemp()) / "clinic.key"
    >>> key = privacy.read_key(privacy.make_key(key_file))
    >>> privacy.pseudonym(1234567, key) == privacy.pseudonym("1234567", key)
    True
"""

from __future__ import annotations

import hashlib
import hmac
import numbers
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach._paths import PROJECT_ROOT, data_dir

if TYPE_CHECKING:
    import pandas as pd

#: A key is 32 random bytes (256 bits), the size of SHA-256's output.
KEY_BYTES = 32
#: A pseudonym is the first 16 hexadecimal digits (64 bits) of the keyed hash.
PSEUDONYM_LENGTH = 16
#: Hospital numbers of 6 to 9 digits: 100000 to 999999999.
ID_SPACE = range(10**5, 10**9)


class PrivacyError(ValueError):
    """Something would put patients' privacy at risk; the message says what and how to fix it."""


PrivacyError.__module__ = "bcc_teach.privacy"  # learners meet it as privacy.PrivacyError


def _refuse_inside_course(path: Path, what: str) -> None:
    resolved = path.expanduser().resolve()
    for folder, name in ((data_dir().resolve(), "the data folder"),
                         (PROJECT_ROOT.resolve(), "the course folder")):  # fmt: skip
        if resolved == folder or folder in resolved.parents:
            raise PrivacyError(
                f"{what} {path} is inside {name} ({folder}). A key kept beside the data, or "
                "where it could be committed or shared with the course, protects nothing: "
                "keep it outside, e.g. in your home folder (Path.home() / 'clinic.key')."
            )


def make_key(path: str | Path, overwrite: bool = False) -> Path:
    """Make a new secret key (32 random bytes from ``secrets``) in a file only you can read.

    The file must lie outside the course folder and its data (``PrivacyError`` otherwise). An
    existing key is never replaced unless ``overwrite=True``: every pseudonym made with the old
    key could no longer be matched. Returns the path of the key file (mode 0o600).

    >>> import tempfile, pathlib
    >>> key_file = make_key(pathlib.Path(tempfile.mkdtemp()) / "clinic.key")
    >>> oct(key_file.stat().st_mode & 0o777)
    '0o600'
    """
    path = Path(path).expanduser()
    _refuse_inside_course(path, "The key file")
    if path.exists() and not overwrite:
        raise PrivacyError(
            f"{path} already exists: a key is never replaced silently, because pseudonyms made "
            "with it could no longer be matched. Use it with read_key, or pass overwrite=True."
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(f"The folder {path.parent} does not exist: make it first.")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(secrets.token_bytes(KEY_BYTES).hex() + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read_key(path: str | Path) -> bytes:
    """Read a key made by ``make_key``; ``PrivacyError`` if it is missing, short or exposed.

    >>> import tempfile, pathlib
    >>> read_key(pathlib.Path(tempfile.mkdtemp()) / "none.key")
    Traceback (most recent call last):
    ...
    bcc_teach.privacy.PrivacyError: There is no key file at .../none.key. Make one once with privacy.make_key(path), keep it safe (pseudonyms cannot be matched without it), and read it with privacy.read_key(path).
    """  # noqa: E501
    path = Path(path).expanduser()
    _refuse_inside_course(path, "The key file")
    if not path.is_file():
        raise PrivacyError(
            f"There is no key file at {path}. Make one once with privacy.make_key(path), keep it "
            "safe (pseudonyms cannot be matched without it), and read it with "
            "privacy.read_key(path)."
        )
    mode = path.stat().st_mode & 0o777
    if os.name == "posix" and mode & 0o077:
        raise PrivacyError(
            f"{path} can be read by other users of this computer (mode {oct(mode)}); make it "
            f"yours alone with: chmod 600 {path}"
        )
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise PrivacyError(
            f"{path} does not hold a key made by privacy.make_key (hexadecimal digits)."
        ) from None
    return check_key(key)


def check_key(key: object) -> bytes:
    """The key as bytes, if it is long enough to be secret (at least 32 bytes).

    >>> check_key(b"secret")
    Traceback (most recent call last):
    ...
    bcc_teach.privacy.PrivacyError: The key is 6 bytes long; a key must be at least 32 random bytes (256 bits), or it can be guessed. Make one with privacy.make_key(path).
    """  # noqa: E501
    if isinstance(key, str | Path):
        raise PrivacyError("Pass the key itself, not its file name: key = privacy.read_key(path).")
    if not isinstance(key, bytes | bytearray):
        kind = type(key).__name__
        raise PrivacyError(f"The key must be bytes (privacy.read_key(path)); got {kind}.")
    if len(key) < KEY_BYTES:
        raise PrivacyError(
            f"The key is {len(key)} bytes long; a key must be at least {KEY_BYTES} random bytes "
            "(256 bits), or it can be guessed. Make one with privacy.make_key(path)."
        )
    return bytes(key)


def _id_text(patient_id: object) -> str:
    """An id as the text that is hashed: 1234567, '1234567' and 1234567.0 are the same id."""
    if isinstance(patient_id, bool):
        raise PrivacyError(f"A patient id must be a number or text; got {patient_id!r}.")
    if isinstance(patient_id, numbers.Integral):
        return str(int(patient_id))
    if isinstance(patient_id, numbers.Real) and float(patient_id).is_integer():
        return str(int(patient_id))
    if isinstance(patient_id, str) and patient_id.strip():
        return patient_id.strip()
    raise PrivacyError(
        f"A patient id must be a whole number or text; got {patient_id!r} "
        f"({type(patient_id).__name__})."
    )


def pseudonym(patient_id: object, key: bytes) -> str:
    """The pseudonym of one id: the first 16 hex digits of HMAC-SHA256(key, id).

    The same id and key always give the same pseudonym; without the key it cannot be
    computed, so it cannot be reversed by trying ids.

    >>> key = bytes(range(32))   # a demonstration key; make a real one with make_key
    >>> pseudonym(1234567, key)
    'f5068808229972e0'
    """
    digest = hmac.new(check_key(key), _id_text(patient_id).encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:PSEUDONYM_LENGTH]


def pseudonymise(table: pd.DataFrame, key: bytes, column: str = "uci_id") -> pd.DataFrame:
    """A copy of ``table`` with the id ``column`` replaced by a ``pseudonym`` column (first).

    ``table`` itself is not changed. Two different ids that would get the same pseudonym (a
    chance of about one in a hundred million for a million patients) raise ``PrivacyError``.

    >>> from bcc_teach import data
    >>> table = pseudonymise(data.load_wdbc(include_uci_id=True), bytes(range(32)))
    >>> list(table.columns[:3]), "uci_id" in table.columns
    (['pseudonym', 'case_id', 'diagnosis'], False)
    """
    import pandas as pd

    key = check_key(key)
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame; got {type(table).__name__}.")
    if column not in table.columns:
        raise PrivacyError(
            f"The table has no {column!r} column to pseudonymise; its columns start "
            f"{', '.join(map(str, table.columns[:5]))}. Name the id column with column=..."
        )
    ids = table[column].map(_id_text)
    names = ids.map(lambda text: pseudonym(text, key))
    clashes = names[names.duplicated(keep=False)]
    if ids[clashes.index].nunique() != clashes.nunique():
        raise PrivacyError("Two different ids got the same pseudonym: use a longer pseudonym.")
    out = table.drop(columns=[column])
    out.insert(0, "pseudonym", names.to_numpy())
    return out


def plain_hash(patient_id: object) -> str:
    """The plain SHA-256 hash of an id, as hexadecimal: what NOT to use as a pseudonym.

    >>> plain_hash(123456)[:16]
    '8d969eef6ecad3c2'
    """
    return hashlib.sha256(_id_text(patient_id).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Enumeration:
    """The result of trying every id in a range against a hash (``reverse_plain_hash``).

    ``found`` is the id whose plain hash matched (None if none did); ``tried`` how many ids
    were hashed. ``seconds`` is how long it took on this computer, so it differs from run to
    run: keep it out of stored notebook outputs (``ids_per_second`` and ``time_for`` too).
    """

    found: str | None
    tried: int
    seconds: float

    @property
    def ids_per_second(self) -> float:
        """How many ids a second this computer hashed and compared."""
        return self.tried / self.seconds if self.seconds > 0 else float("inf")

    def time_for(self, ids: int = len(ID_SPACE)) -> float:
        """Seconds to try ``ids`` ids at this speed (default: every 6- to 9-digit id)."""
        return ids / self.ids_per_second

    def words(self) -> str:
        """The outcome, without the id and without timings (the same on every computer)."""
        if self.found is None:
            return f"Not found: none of the {self.tried:,} ids tried has this hash."
        return f"Found: one of the {self.tried:,} ids tried has exactly this hash."


def reverse_plain_hash(target: str, ids: range = ID_SPACE) -> Enumeration:
    """Hash every id in ``ids`` with plain SHA-256 until one matches ``target``.

    This is what anyone holding a plain-hashed id can do: no key is needed. Returns an
    ``Enumeration`` (found id, how many tried, seconds). A pseudonym made with a secret key is
    never found this way. Trying every 6- to 9-digit id takes minutes on a laptop: demonstrate
    on a smaller range. Note that ``tried`` (with the range's start) tells the id too.

    >>> reverse_plain_hash(plain_hash(123456), range(100000, 200000)).found
    '123456'
    """
    target = str(target).strip().lower()
    try:
        wanted = bytes.fromhex(target)
    except ValueError:
        raise PrivacyError(
            f"target must be a hash written as hexadecimal digits; got {target[:20]!r}."
        ) from None
    if not isinstance(ids, range) or ids.step != 1 or ids.start < 0:
        raise PrivacyError("ids must be a range of whole numbers, e.g. range(100000, 1000000).")
    sha256 = hashlib.sha256
    start = time.perf_counter()
    found, tried = None, 0
    for number in ids:
        if sha256(b"%d" % number).digest() == wanted:
            found, tried = str(number), number - ids.start + 1
            break
    else:
        tried = len(ids)
    return Enumeration(found, tried, time.perf_counter() - start)


def enumeration_speed(ids: int = 1_000_000) -> Enumeration:
    """Measure how fast this computer tries ids against a plain hash: ``ids`` of them, a hash
    that none of them has. Use ``.ids_per_second`` and ``.time_for()`` (they vary between runs
    and computers; ``benchmarks/pseudonyms.py`` prints them).

    >>> enumeration_speed(10_000).tried
    10000
    """
    return reverse_plain_hash("00" * 32, range(10**8, 10**8 + ids))  # 9-digit ids
