#!/usr/bin/env python3
"""A pol.is-shaped votes.csv of VOTERS voters × COMMENTS comments with about VOTES votes (issue #27's
sparse benchmark: 200 000 × 200 000 with 10^6 votes must analyse within 2 GB). Two opinion camps;
how many comments a voter votes on is heavy-tailed (most a few, some hundreds, as in real
conversations), and which comments are seen is Zipf-like (early comments are seen by many).

  python3 Benchmarks/peers/make_sparse_votes.py OUT.csv [VOTERS COMMENTS VOTES SEED]
"""
import sys

import numpy as np


def main():
    out = sys.argv[1]
    voters, comments, votes, seed = (list(map(int, sys.argv[2:6])) + [200_000, 200_000, 1_000_000, 1][len(sys.argv[2:6]):])
    rng = np.random.default_rng(seed)
    counts = np.minimum(comments, np.maximum(1, rng.pareto(1.2, voters) * 2).astype(np.int64))
    counts = np.maximum(1, (counts * votes / counts.sum()).astype(np.int64))
    camp = rng.random(voters) < 0.55
    stance = np.where(rng.random(comments) < 0.5, 1, -1)
    weights = 1.0 / np.arange(1, comments + 1) ** 0.8
    weights /= weights.sum()
    drawn = rng.choice(comments, size=int(counts.sum()), p=weights)
    starts = np.concatenate([[0], np.cumsum(counts)])
    with open(out, "w") as f:
        f.write("timestamp,datetime,comment-id,voter-id,vote\n")
        t = 0
        for v in range(voters):
            seen = np.unique(drawn[starts[v]:starts[v + 1]])
            agree = np.where(camp[v], stance[seen], -stance[seen])
            noise = rng.random(len(seen))
            vote = np.where(noise < 0.15, 0, np.where(noise < 0.25, -agree, agree))
            f.write("".join(f"{t + k},x,{c},{v},{x}\n" for k, (c, x) in enumerate(zip(seen, vote))))
            t += len(seen)
    print(f"{out}: {voters} voters, {comments} comments, {t} votes")


if __name__ == "__main__":
    main()
