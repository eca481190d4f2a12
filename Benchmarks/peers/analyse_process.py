#!/usr/bin/env python3
"""`skein analyse FILE --out DIR --k K` timed as a user runs it: process start to exit, every
output written (assignments.csv, themes.xlsx, summary.md, fitted.json…), for issue #25's whole-process
comparison with scikit-learn from reading the file to writing its assignments (analyse_peers.py's
end_to_end_seconds). One thread (as the peer) and the default; the median of --repeat runs.

  python3 analyse_process.py --skein .build/release/skein FILE --k 20 --workload NAME [--repeat 3] [--json OUT]
"""
import argparse
import json
import statistics
import subprocess
import tempfile
import time


def main():
    a = argparse.ArgumentParser()
    a.add_argument("file")
    a.add_argument("--skein", required=True)
    a.add_argument("--k", type=int, required=True)
    a.add_argument("--workload", required=True)
    a.add_argument("--repeat", type=int, default=3)
    a.add_argument("--json")
    args = a.parse_args()
    record = {"workload": args.workload, "process": "skein analyse"}
    with tempfile.TemporaryDirectory() as tmp:
        for label, extra in (("one_thread", ["--threads", "1"]), ("default_threads", [])):
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                subprocess.run([args.skein, "analyse", args.file, "--out", f"{tmp}/out", "--force", "--k", str(args.k),
                                "--embed", "tfidf", *extra], check=True, capture_output=True)
                times.append(time.perf_counter() - t)
            record[label] = statistics.median(times)
            print(f"{args.workload}: skein analyse ({label.replace('_', ' ')}) {statistics.median(times):.2f} s "
                  f"(median of {len(times)}: {', '.join(f'{x:.2f}' for x in times)})")
    if args.json:
        with open(args.json, "a") as f:
            f.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
