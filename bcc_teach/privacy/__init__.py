"""Privacy: what may leave the clinic, and in what form.

- ``pseudonyms``: ids replaced by a keyed hash (HMAC-SHA256) with a secret key kept in a file
  outside the data and the course folder (``make_key``, ``read_key``, ``pseudonym``,
  ``pseudonymise``); and why a plain hash is no pseudonym (``reverse_plain_hash`` finds the id
  behind one by trying every id; ``enumeration_speed`` measures how fast);
- ``minimisation``: only a pseudonym and the 30 measurements leave (``minimise``);
- ``memorised``: a model can carry patients: which training cases a saved model file gives
  away (``patients_in_model_file``);
- ``identifiers``: raw ids never appear in what a learner sees (``find_raw_ids``,
  ``scan_notebooks``, and the rule they follow);
- everything runs on this computer: ``offline.demonstrate()`` shows a connection refused
  (``network_blocked`` is also available here).

    >>> from bcc_teach import privacy
    >>> key = bytes(range(32))   # a demonstration key; make a real one with privacy.make_key
    >>> privacy.pseudonym(1234567, key) != privacy.plain_hash(1234567)[:16]
    True
"""

from bcc_teach.offline import NetworkBlocked, network_blocked
from bcc_teach.offline import demonstrate as demonstrate_network_block
from bcc_teach.privacy.identifiers import (
    LONG_ID_DIGITS,
    IdHit,
    NotebookHit,
    find_raw_ids,
    raw_ids,
    scan_notebook,
    scan_notebooks,
)
from bcc_teach.privacy.memorised import CarriedPatients, patients_in_model_file
from bcc_teach.privacy.minimisation import LEAVES, NEVER_LEAVES, Minimised, minimise
from bcc_teach.privacy.pseudonyms import (
    ID_SPACE,
    KEY_BYTES,
    PSEUDONYM_LENGTH,
    Enumeration,
    PrivacyError,
    check_key,
    enumeration_speed,
    make_key,
    plain_hash,
    pseudonym,
    pseudonymise,
    read_key,
    reverse_plain_hash,
)

__all__ = [
    "ID_SPACE",
    "KEY_BYTES",
    "LEAVES",
    "LONG_ID_DIGITS",
    "NEVER_LEAVES",
    "PSEUDONYM_LENGTH",
    "CarriedPatients",
    "Enumeration",
    "IdHit",
    "Minimised",
    "NetworkBlocked",
    "NotebookHit",
    "PrivacyError",
    "check_key",
    "demonstrate_network_block",
    "enumeration_speed",
    "find_raw_ids",
    "make_key",
    "minimise",
    "network_blocked",
    "patients_in_model_file",
    "plain_hash",
    "pseudonym",
    "pseudonymise",
    "raw_ids",
    "read_key",
    "reverse_plain_hash",
    "scan_notebook",
    "scan_notebooks",
]
