#!/usr/bin/env python3
"""Writes the small MAT files the NNData tests read.

Run from this folder: `python3 make_fixtures.py`. Needs numpy, scipy and h5py (`pip install h5py`).
scipy writes versions 4, 5 and 7 (version 5 with zlib compression); h5py writes version 7.3, which is HDF5
with a 512-byte MATLAB header in front and a `MATLAB_class` attribute on each variable.

Every `samples` matrix holds known entries, so the tests can check that column-major storage is read as
rows: entry (i, j) of the features is 10·i + j + 0.5 (0-based), the last column is the label.
"""

import io
import struct
import zlib

import h5py
import numpy as np
import scipy.io
import scipy.sparse


def samples(rows=6, features=3):
    """Rows of known features and a 0/1 label in the last column."""
    matrix = np.zeros((rows, features + 1))
    for i in range(rows):
        for j in range(features):
            matrix[i, j] = 10 * i + j + 0.5
        matrix[i, features] = i % 2
    return matrix


def set_matlab_class(dataset, matlab_class):
    """MATLAB's class attribute: a scalar, null-terminated ASCII string (h5py's default pads with nulls instead,
    which libmatio does not recognise)."""
    string_type = h5py.h5t.C_S1.copy()
    string_type.set_size(len(matlab_class))
    string_type.set_strpad(h5py.h5t.STR_NULLTERM)
    space = h5py.h5s.create(h5py.h5s.SCALAR)
    attribute = h5py.h5a.create(dataset.id, b"MATLAB_class", string_type, space)
    # Written through the same type, so HDF5 does not convert (and truncate) the padding.
    attribute.write(np.array(matlab_class.encode(), dtype=f"S{len(matlab_class)}"), mtype=string_type)


def write_v73(path, variables):
    """A MATLAB 7.3 file: HDF5 with MATLAB's header in a 512-byte user block, data stored transposed."""
    with h5py.File(path, "w", userblock_size=512) as file:
        for name, (value, matlab_class) in variables.items():
            # HDF5 stores C order; MATLAB reads the dimensions reversed, so write the transpose.
            dataset = file.create_dataset(name, data=np.ascontiguousarray(value.T))
            set_matlab_class(dataset, matlab_class)
    write_v73_header(path)


def write_v73_header(path):
    """MATLAB's 128-byte text header, written into the user block of an HDF5 file."""
    header = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 ."
    header = header.ljust(116, b" ") + b"\x00" * 8 + b"\x00\x02" + b"IM"
    with open(path, "r+b") as file:
        file.write(header)


def main():
    data = samples()
    scipy.io.savemat("samples_v4.mat", {"samples": data}, format="4")
    scipy.io.savemat("samples_v5.mat", {"samples": data}, format="5", do_compression=False)
    scipy.io.savemat("samples_v7.mat", {"samples": data}, format="5", do_compression=True)
    write_v73("samples_v73.mat", {"samples": (data, "double"), "labels": ((np.arange(6, dtype=np.int32) % 3).reshape(6, 1), "int32")})

    # The data beside a string, a struct, a cell, a sparse matrix, a scalar and a 3-D array.
    scipy.io.savemat(
        "mixed.mat",
        {
            "samples": data,
            "note": "two spheres",
            "info": {"count": 6.0, "source": "fixture"},
            "cells": np.array([[1.0, "a"]], dtype=object),
            "sparse": scipy.sparse.csc_matrix(np.eye(3)),
            "scalar": 7.0,
            "volume": np.arange(8.0).reshape(2, 2, 2),
        },
        do_compression=True,
    )

    # Single precision features with integer labels in another variable (values 3, 5, 9 → classes 0, 1, 2).
    scipy.io.savemat(
        "single.mat",
        {
            "features": np.array([[1.5, -2.0], [0.25, 4.0], [3.0, 0.0], [-1.0, 8.5]], dtype=np.float32),
            "labels": np.array([[5], [3], [9], [5]], dtype=np.int32),
        },
    )

    # Every integer class and logical.
    integers = {}
    for name in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]:
        integers[name] = np.array([[1, 2, 3], [4, 5, 6]], dtype=name)
    integers["mask"] = np.array([[True, False, True], [False, True, False]])
    scipy.io.savemat("integers.mat", integers)

    # Two matrices: no default variable.
    scipy.io.savemat("two_matrices.mat", {"first": data, "second": np.ones((3, 2))})

    # A non-square matrix with known entries: [[1, 2, 3], [4, 5, 6]].
    scipy.io.savemat("known.mat", {"known": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])})

    # Real-valued targets in the last column: regression.
    regression = samples(rows=4, features=2)
    regression[:, 2] = [0.5, 1.25, -3.0, 2.75]
    scipy.io.savemat("regression.mat", {"samples": regression})

    oversized()


def compressed_with_dimensions(matrix, name, rows, columns):
    """A version 7 file holding `matrix` as `name`, its header rewritten to claim `rows` × `columns` elements.

    The variable is one zlib stream after the 128-byte file header and its 8-byte tag (type 15, length). Inflated,
    it is the matrix tag (8 bytes), the array flags (16), the dimensions tag (8) and the dimensions (2 × 4 bytes).
    """
    buffer = io.BytesIO()
    scipy.io.savemat(buffer, {name: matrix}, format="5", do_compression=True)
    data = buffer.getvalue()
    body = bytearray(zlib.decompress(data[136:]))
    struct.pack_into("<II", body, 32, rows, columns)
    packed = zlib.compress(bytes(body))
    return data[:128] + struct.pack("<II", 15, len(packed)) + packed


def oversized():
    """Headers that claim more than their files hold, for the size checks (each file is a few hundred bytes)."""
    # 3563120328 × 3993501732 doubles: the product overflows a signed 64-bit integer.
    with open("overflow_v7.mat", "wb") as file:
        file.write(compressed_with_dimensions(np.arange(12.0).reshape(3, 4), "X", 3563120328, 3993501732))

    # A 100000 × 100000 HDF5 data set never written: HDF5 reads its chunks as zeros, so the file does not bound it.
    with h5py.File("unwritten_v73.mat", "w", userblock_size=512) as file:
        dataset = file.create_dataset("X", shape=(100000, 100000), dtype="f8")
        set_matlab_class(dataset, "double")
    write_v73_header("unwritten_v73.mat")


if __name__ == "__main__":
    main()
