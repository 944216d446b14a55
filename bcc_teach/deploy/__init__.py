"""Model files that are safe to share: saved with what a receiver must know, loaded with checks.

- ``save_model``: a fitted model as a ``.skops`` file (numbers and a description, no pickle),
  with a metadata file beside it: features and their order, threshold, intended use, date of
  training, a checksum of the training data, package versions, checksums of every part;
- ``load_model``: refuses, with a message saying what is wrong, an altered file, edited
  metadata, other package versions or features, an untrusted type, a pickle;
- ``metadata``: what the metadata file records (``ModelInfo``) and its checks;
- ``contents``: the arrays of numbers inside a model file, read without loading it;
- ``score_file``: a clinic's CSV of new cases scored in chunks (each row checked as
  ``data.read_cases`` checks it; bad rows listed with row, column and reason, or the file
  refused), written whole or not at all, with the model's fingerprint, the threshold and an
  out-of-distribution flag per case;
- ``extract_features``: the 30 features of a folder of images, on a Dask cluster (local
  processes here; the same call runs on a cluster of machines given its ``client``);
- ``pickle_demonstration``: why ``pickle.load`` of a stranger's file runs the stranger's code
  (in a separate process, with the network blocked, and a harmless note as the "payload").

    >>> from bcc_teach import deploy
    >>> deploy.metadata_path("knn.skops").name
    'knn.skops.json'
"""

from bcc_teach.deploy.batch import (
    MAX_REJECTED_SHARE,
    OUTPUT_COLUMNS,
    POLICIES,
    REJECTED_COLUMNS,
    ScoredFile,
    rejected_path,
    score_file,
)
from bcc_teach.deploy.contents import Contents, ModelFileError, StoredArray, contents
from bcc_teach.deploy.extraction import (
    IMAGE_SUFFIXES,
    Extraction,
    extract_features,
    local_cluster,
    measure_image,
    read_image,
    write_synthetic_images,
)
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
    "IMAGE_SUFFIXES",
    "INTENDED_USE",
    "MAX_REJECTED_SHARE",
    "OUTPUT_COLUMNS",
    "PAYLOAD",
    "POLICIES",
    "REJECTED_COLUMNS",
    "TRUSTED_TYPES",
    "Contents",
    "Extraction",
    "LoadedModel",
    "ModelFileError",
    "ModelInfo",
    "PickleDemonstration",
    "SavedModel",
    "ScoredFile",
    "StoredArray",
    "calls_in_pickle",
    "contents",
    "extract_features",
    "load_model",
    "local_cluster",
    "measure_image",
    "metadata_path",
    "pickle_demonstration",
    "read_image",
    "rejected_path",
    "save_model",
    "score_file",
    "strangers_pickle",
    "training_checksum",
    "write_synthetic_images",
]
