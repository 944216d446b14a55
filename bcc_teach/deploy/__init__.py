"""Model files that are safe to share: saved with what a receiver must know, loaded with checks.

- ``save_model``: a fitted model as a ``.skops`` file (numbers and a description, no pickle),
  with a metadata file beside it: features and their order, threshold, intended use, date of
  training, a checksum of the training data, package versions, checksums of every part;
- ``load_model``: refuses, with a message saying what is wrong, an altered file, edited
  metadata, other package versions or features, an untrusted type, a pickle;
- ``metadata``: what the metadata file records (``ModelInfo``) and its checks;
- ``contents``: the arrays of numbers inside a model file, read without loading it;
- ``pickle_demonstration``: why ``pickle.load`` of a stranger's file runs the stranger's code
  (in a separate process, with the network blocked, and a harmless note as the "payload").

    >>> from bcc_teach import deploy
    >>> deploy.metadata_path("knn.skops").name
    'knn.skops.json'
"""

from bcc_teach.deploy.contents import Contents, ModelFileError, StoredArray, contents
from bcc_teach.deploy.files import TRUSTED_TYPES, LoadedModel, SavedModel, load_model, save_model
from bcc_teach.deploy.metadata import (
    CHECKED_PACKAGES,
    INTENDED_USE,
    ModelInfo,
    metadata_path,
    training_checksum,
)
from bcc_teach.deploy.pickles import (
    PAYLOAD,
    PickleDemonstration,
    calls_in_pickle,
    pickle_demonstration,
    strangers_pickle,
)

__all__ = [
    "CHECKED_PACKAGES",
    "INTENDED_USE",
    "PAYLOAD",
    "TRUSTED_TYPES",
    "Contents",
    "LoadedModel",
    "ModelFileError",
    "ModelInfo",
    "PickleDemonstration",
    "SavedModel",
    "StoredArray",
    "calls_in_pickle",
    "contents",
    "load_model",
    "metadata_path",
    "pickle_demonstration",
    "save_model",
    "strangers_pickle",
    "training_checksum",
]
