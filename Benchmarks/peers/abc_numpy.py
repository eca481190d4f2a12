"""Rejection ABC of (p, q) on the aggregate adoption curve, vectorised in numpy: the reference
`skein calibrate --fit` is timed against (REFERENCE.md's "20 000 vectorised simulations took 3 s
(medInnovations) and 13 s (kfamily) in numpy on one core").

The model is the one Skein's bass model runs: each period a person not yet adopted adopts with
probability 1 - exp(-(p + q * a)), a the share of the people they nominated who had adopted by the
previous period; seeds are the first period's adopters. Priors p ~ U(0, 0.3), q ~ U(0, 1); the
nearest 1% by RMSE of the cumulative share are kept.

  OPENBLAS_NUM_THREADS=1 python3 abc_numpy.py FOLDER [--simulations 20000] [--chunk 2000]
"""
import argparse
import csv
import time

import numpy as np
import scipy.sparse as sp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--simulations", type=int, default=20000)
    ap.add_argument("--chunk", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rows = list(csv.DictReader(open(f"{a.folder}/nodes.csv")))
    ids = [r["node_id"] for r in rows]
    index = {v: i for i, v in enumerate(ids)}
    toa = np.array([int(r["toa"]) for r in rows])
    n, T = len(ids), toa.max() - 1
    pairs = {(index[r["source"]], index[r["target"]]) for r in csv.DictReader(open(f"{a.folder}/edges.csv"))}
    src, dst = zip(*pairs)
    A = sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    degree = np.asarray(A.sum(1)).ravel()
    W = sp.diags(np.where(degree > 0, 1 / np.maximum(degree, 1), 0)) @ A   # row i: share over i's nominees
    observed = np.array([(toa <= t).sum() for t in range(1, T + 1)]) / n
    seeds = toa == 1
    rng = np.random.default_rng(a.seed)
    start = time.perf_counter()
    p = rng.uniform(0, 0.3, a.simulations)
    q = rng.uniform(0, 1, a.simulations)
    distance = np.empty(a.simulations)
    for c in range(0, a.simulations, a.chunk):
        pc, qc = p[c:c + a.chunk, None], q[c:c + a.chunk, None]
        adopted = np.repeat(seeds[None, :], len(pc), 0).astype(np.float64)
        curve = [adopted.mean(1)]
        for _ in range(T - 1):
            share = (W @ adopted.T).T
            hazard = 1 - np.exp(-(pc + qc * share))
            new = (rng.random(adopted.shape) < hazard) & (adopted == 0)
            adopted = adopted + new
            curve.append(adopted.mean(1))
        distance[c:c + a.chunk] = np.sqrt(((np.array(curve).T - observed) ** 2).mean(1))
    keep = np.argsort(distance)[: a.simulations // 100]
    seconds = time.perf_counter() - start
    print(f"numpy {np.__version__}: {a.simulations} simulations in {seconds:.2f} s; corr(p, q) = {np.corrcoef(p[keep], q[keep])[0, 1]:.2f}; "
          f"q 90% [{np.quantile(q[keep], 0.05):.3f}, {np.quantile(q[keep], 0.95):.3f}]")


if __name__ == "__main__":
    main()
