#!/usr/bin/env python3
"""Writes the MAT seeds of the MAT fuzz target that Tests/NNDataTests/Fixtures lacks.

Run from this folder: `python3 make_mat_seeds.py`. Needs numpy, scipy and h5py, like the fixtures' script, whose
version 7.3 writer it reuses. The fuzz runs read the fixtures too, so these add only what they do not cover:
labels in a second variable in version 4, complex and empty matrices beside the data, and HDF5 storage that is
chunked and compressed.
"""

import os
import sys

import numpy as np
import scipy.io

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "NNDataTests", "Fixtures"))
from make_fixtures import samples, set_matlab_class, write_v73  # noqa: E402

import h5py  # noqa: E402


def write_chunked_v73(path):
    """A version 7.3 file whose data is chunked and deflated, with integer labels apart."""
    write_v73(path, {})
    with h5py.File(path, "a") as file:
        data = samples(rows=8, features=2)
        features = file.create_dataset(
            "samples", data=np.ascontiguousarray(data[:, :2].T), chunks=(2, 4), compression="gzip")
        labels = file.create_dataset("labels", data=(data[:, 2:].T).astype(np.uint8))
        set_matlab_class(features, "double")
        set_matlab_class(labels, "uint8")


def main():
    folder = "mat"
    os.makedirs(folder, exist_ok=True)
    data = samples(rows=4, features=2)
    scipy.io.savemat(
        os.path.join(folder, "labels_apart_v4.mat"),
        {"samples": data[:, :2], "labels": data[:, 2:]}, format="4")
    scipy.io.savemat(
        os.path.join(folder, "beside_complex_v5.mat"),
        {"samples": data, "complex": np.array([[1 + 2j, 3 - 1j]]), "empty": np.zeros((0, 3)),
         "flags": np.array([[True], [False], [True], [True]])},
        format="5", do_compression=False)
    write_chunked_v73(os.path.join(folder, "chunked_v73.mat"))


if __name__ == "__main__":
    main()
