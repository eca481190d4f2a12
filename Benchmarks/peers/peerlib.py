"""Shared by the peer scripts: timing, and one JSON line per peer workload for
Benchmarks/peers/compare.py, which sets them beside `skein bench` results in RESULTS.md.

A record: {"workload": NAME (as in Benchmarks/suites/peers.yaml), "peer": "cynetdiff 0.1.18",
"seconds": best time, "runs": how many timed runs it is the best of (1: a single run),
"figures": {outcome figures named as skein bench names them}}. compare.py sets a best of several
runs beside Skein's best, and a single run beside Skein's median: like for like.
"""
import json
import statistics
import time


class Recorder:
    def __init__(self, path):
        self.path = path

    def emit(self, workload, peer, seconds, runs=1, **figures):
        if not self.path:
            return
        with open(self.path, "a") as f:
            f.write(json.dumps({"workload": workload, "peer": peer, "seconds": seconds, "runs": runs, "figures": figures}) + "\n")


def size_figures(sizes, population=None):
    """Mean and SD of final sizes over replicates, named as Skein's scenario figures."""
    figures = {"replicates": len(sizes), "mean_final_reach": statistics.mean(sizes),
               "sd_final_reach": statistics.stdev(sizes) if len(sizes) > 1 else 0.0}
    return figures


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result
