#!/usr/bin/env python3
"""Peer figures for the numeric-core kernels: NumPy (its bundled OpenBLAS) and SciPy sparse.

Same shapes and sparsity patterns as `skein-kernels` (random values; the patterns are drawn with
NumPy's generator, so the matrices are statistically identical, not bit-identical). Thread count
comes from the command line and is applied through OPENBLAS_NUM_THREADS before NumPy loads; SciPy's
sparse products are single-threaded whatever it says.

    python3 Benchmarks/peers/kernels_numpy_scipy.py --threads 1 [--quick]
"""
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--quick", action="store_true")
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
os.environ["OMP_NUM_THREADS"] = str(args.threads)

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse as sp  # noqa: E402

rows, per_row, gemm_n, copy_n = (100_000, 10, 500, 4_000_000) if args.quick else (1_000_000, 10, 2000, 64_000_000)
rng = np.random.default_rng(2)


def best(fn):
    fn()
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def line(name, value, unit, seconds):
    print(f"{name:<46} {args.threads}T  best {value:8.2f} {unit}  ({seconds:.4f} s)")


print(f"peers: numpy {np.__version__}, scipy {scipy.__version__}, python {sys.version.split()[0]}")
a = np.zeros(copy_n)
b = np.arange(copy_n, dtype=np.float64) % 1024
s = best(lambda: np.copyto(a, b))
line(f"numpy copyto ({copy_n // 1_000_000}M doubles)", 2 * copy_n * 8 / s / 1e9, "GB/s", s)

for dtype, name in ((np.float64, "dgemm"), (np.float32, "sgemm")):
    x = rng.standard_normal((gemm_n, gemm_n)).astype(dtype)
    y = rng.standard_normal((gemm_n, gemm_n)).astype(dtype)
    s = best(lambda: x @ y)
    line(f"numpy matmul {name} {gemm_n}×{gemm_n}", 2 * gemm_n**3 / s / 1e9, "GFLOP/s", s)


def csr(band, dtype=np.float64, zipf=None, columns=None):
    columns = columns or rows
    indptr = np.arange(rows + 1, dtype=np.int64) * per_row
    if zipf:
        p = 1.0 / np.arange(1, columns + 1) ** zipf
        cols = rng.choice(columns, size=rows * per_row, p=p / p.sum())
    elif band:
        base = np.repeat(np.arange(rows), per_row)
        cols = np.clip(base + rng.integers(-band, band + 1, rows * per_row), 0, rows - 1)
    else:
        cols = rng.integers(0, rows, rows * per_row)
    vals = (rng.random(rows * per_row) - 0.5).astype(dtype)
    m = sp.csr_matrix((vals, cols.astype(np.int32), indptr), shape=(rows, columns))
    m.sum_duplicates()
    m.sort_indices()
    return m


label = f"{rows // 1000}k×{rows // 1000}k nnz {rows * per_row // 1000}k"
for band, kind in ((0, "uniform"), (5000, "banded")):
    m = csr(band)
    matrix_bytes = m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
    v = rng.random(rows)
    s = best(lambda: m @ v)
    line(f"scipy SpMV {label} {kind} Double", (matrix_bytes + 2 * rows * 8) / s / 1e9, "GB/s", s)
    x = rng.random((rows, 64))
    s = best(lambda: m @ x)
    line(f"scipy SpMM {label} {kind} ×64 Double", (matrix_bytes + 2 * rows * 64 * 8) / s / 1e9, "GB/s", s)

vocabulary = rows // 20
for dtype, name in ((np.float64, "Double"), (np.float32, "Float")):
    m = csr(0, dtype=dtype, zipf=1.07, columns=vocabulary)
    matrix_bytes = m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
    x = rng.random((vocabulary, 64)).astype(dtype)
    s = best(lambda: m @ x)
    size = np.dtype(dtype).itemsize
    line(f"scipy SpMM {rows // 1000}k×{vocabulary // 1000}k zipf ×64 {name}",
         (matrix_bytes + vocabulary * 64 * size + rows * 64 * size) / s / 1e9, "GB/s", s)
