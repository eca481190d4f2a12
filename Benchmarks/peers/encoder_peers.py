#!/usr/bin/env python3
"""The encoder peer of issue #26: sentence-transformers' all-MiniLM-L6-v2 on one CPU thread,
embedding the first N texts of a corpus (one per line) as it does by default (batch 32, sorted by
character length, padded per batch). Prints texts, real tokens (with [CLS]/[SEP]), padded tokens,
seconds and rates as one JSON line; --npy writes the embeddings for a quality comparison.

  python3 -m venv /tmp/stvenv && /tmp/stvenv/bin/pip install torch sentence-transformers
  /tmp/stvenv/bin/python Benchmarks/peers/encoder_peers.py MODEL_DIR TEXTS N [--npy OUT]
"""
import argparse
import json
import os
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("texts")
    parser.add_argument("n", type=int)
    parser.add_argument("--npy")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with open(args.texts, encoding="utf-8-sig") as f:
        texts = [line.rstrip("\n") for line in f][: args.n]
    model = SentenceTransformer(args.model, device="cpu")
    lengths = [len(model.tokenizer(t, truncation=True, max_length=model.max_seq_length)["input_ids"]) for t in texts]
    order = np.argsort([-len(t) for t in texts], kind="stable")
    padded = sum(max(lengths[i] for i in order[b:b + 32]) * len(order[b:b + 32]) for b in range(0, len(texts), 32))
    model.encode(texts[:64], batch_size=32)  # warm up
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    seconds = time.perf_counter() - start
    if args.npy:
        np.save(args.npy, vectors.astype(np.float32))
    print(json.dumps({"peer": "sentence-transformers", "texts": len(texts), "tokens": sum(lengths), "padded_tokens": padded,
                      "seconds": seconds, "texts_per_second": len(texts) / seconds, "tokens_per_second": sum(lengths) / seconds,
                      "threads": args.threads, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
