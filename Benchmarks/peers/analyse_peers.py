#!/usr/bin/env python3
"""The analyser peer of issue #6: scikit-learn's short-text clustering pipeline on the STC2
corpora, end to end (reading the file to writing assignments), one BLAS thread:
TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words='english') → TruncatedSVD(100, randomized)
→ Normalizer → KMeans(k = number of labels, n_init=3), seed 42 (--seed for others: the scores
move with it, so compare means over seeds). Prints time, peak RSS, NMI, ARI and
the largest cluster, and, when given Skein's assignments.csv, the same scores for Skein.

  Benchmarks/.venv/bin/pip install scikit-learn
  Benchmarks/.venv/bin/python Benchmarks/peers/analyse_peers.py TEXTS LABELS [--skein DIR/assignments.csv]
"""
import argparse
import csv
import os
import resource
import sys
import time

from peerlib import Recorder

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import TruncatedSVD  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, homogeneity_score, normalized_mutual_info_score  # noqa: E402
from sklearn.preprocessing import Normalizer  # noqa: E402


def scores(name, pred, labels, seconds=None):
    largest = max(np.bincount(np.asarray(pred) - min(pred)))
    fair = len(labels) // len(set(labels))
    timing = f"{seconds:8.2f} s  " if seconds is not None else " " * 12
    print(f"{name:<12} {timing}NMI {normalized_mutual_info_score(labels, pred):.3f}  ARI {adjusted_rand_score(labels, pred):.3f}  "
          f"homogeneity {homogeneity_score(labels, pred):.3f}  largest {largest} (fair share {fair})", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("texts")
    ap.add_argument("labels")
    ap.add_argument("--skein", help="Skein's assignments.csv for the same file")
    ap.add_argument("--out", default="/tmp/sklearn-assignments.csv")
    ap.add_argument("--seed", type=int, default=42, help="random_state of TruncatedSVD and KMeans")
    ap.add_argument("--workload", help="the workload name in Benchmarks/suites/peers.yaml, for --json")
    ap.add_argument("--json", help="append one JSON line (the pipeline's time, NMI, ARI) here (for compare.py)")
    a = ap.parse_args()
    labels = [int(x) for x in open(a.labels)]
    k = len(set(labels))
    t = time.perf_counter()
    with open(a.texts, encoding="utf-8-sig") as f:
        texts = [line.rstrip("\n") for line in f]
    fit_start = time.perf_counter()
    x = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english").fit_transform(texts)
    z = Normalizer(copy=False).fit_transform(TruncatedSVD(100, random_state=a.seed).fit_transform(x))
    pred = KMeans(k, n_init=3, random_state=a.seed).fit_predict(z)
    fit_seconds = time.perf_counter() - fit_start
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["row", "theme"])
        w.writerows(enumerate(pred))
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scikit-learn on {a.texts}: {len(texts)} texts, k = {k}, peak RSS {peak:.0f} MB (python {sys.version.split()[0]})")
    scores("scikit-learn", list(pred), labels, seconds)
    if a.json and a.workload:
        Recorder(a.json).emit(a.workload, f"scikit-learn {sklearn.__version__}", fit_seconds,
                              nmi=normalized_mutual_info_score(labels, pred), ari=adjusted_rand_score(labels, pred),
                              homogeneity=homogeneity_score(labels, pred),
                              largest_theme=int(max(np.bincount(pred))), themes=k, peak_rss_mb=peak,
                              end_to_end_seconds=seconds)
    if a.skein:
        with open(a.skein) as f:
            skein = [int(r["theme"]) for r in csv.DictReader(f)]
        scores("skein", skein, labels)


if __name__ == "__main__":
    main()
