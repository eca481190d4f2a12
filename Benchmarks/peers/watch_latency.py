#!/usr/bin/env python3
"""Latency of `skein analyse --watch` (issue #24): from a row appended to an event's file to the
rewritten report, for an event of N responses, beside the batch alternative (analysing the whole file
again). Real text: the first N titles of STC2's StackOverflow set (../shared/data/text/stc2).

  python3 Benchmarks/peers/watch_latency.py SKEIN [--rows 2000] [--appends 20] [--embed tfidf|minilm] [--out FILE.json]

Each append is one CSV row, written in one write(2); the clock stops when report.html names the new
row count (themes.json is written before it, so the whole folder is then current). A refit is timed
the same way after SIGUSR1. Prints the figures and writes them as JSON with --out.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "shared", "data", "text", "stc2", "StackOverflow.txt")


def csv_row(i, text):
    return 'r%d,T%d,"%s"\n' % (i, i % 8, text.replace('"', '""'))


def count_in_report(path):
    try:
        with open(path, encoding="utf-8") as f:
            html = f.read()
    except OSError:
        return None
    if not html.rstrip().endswith("</html>"):
        raise SystemExit("report.html was read half-written")
    return html


def responses(out):
    try:
        with open(os.path.join(out, "themes.json"), encoding="utf-8") as f:
            return json.load(f)["responses"]
    except (OSError, ValueError, KeyError):
        return None


def wait_for(out, rows, timeout=120):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if responses(out) == rows and count_in_report(os.path.join(out, "report.html")) is not None:
            return time.perf_counter()
        time.sleep(0.002)
    raise SystemExit("timed out waiting for %d rows" % rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("skein")
    p.add_argument("--rows", type=int, default=2000)
    p.add_argument("--appends", type=int, default=20)
    p.add_argument("--embed", default="tfidf")
    p.add_argument("--out")
    a = p.parse_args()
    if not os.path.exists(DATA):
        print("watch latency: SKIPPED — %s is absent (the shared data folder)" % DATA)
        return 0
    with open(DATA, encoding="utf-8") as f:
        texts = [line.strip() for line in f if line.strip()][: a.rows + a.appends + 10]
    work = tempfile.mkdtemp(prefix="skein-watch-bench-")
    try:
        event = os.path.join(work, "event.csv")
        out = os.path.join(work, "live")
        with open(event, "w", encoding="utf-8") as f:
            f.write("id,table,comment\n" + "".join(csv_row(i, t) for i, t in enumerate(texts[: a.rows])))
        batch_start = time.perf_counter()
        subprocess.run([a.skein, "analyse", event, "--out", os.path.join(work, "batch"), "--embed", a.embed, "--by", "table", "--report"],
                       check=True, stdout=subprocess.DEVNULL)
        batch = time.perf_counter() - batch_start
        started = time.perf_counter()
        watch = subprocess.Popen([a.skein, "analyse", event, "--out", out, "--watch", "--refit-after", "0", "--interval", "0.05",
                                  "--embed", a.embed, "--by", "table"], stdout=subprocess.DEVNULL)
        try:
            first = wait_for(out, a.rows) - started
            latencies = []
            rows = a.rows
            for k in range(a.appends):
                line = csv_row(rows, texts[rows])
                fd = os.open(event, os.O_WRONLY | os.O_APPEND)
                t0 = time.perf_counter()
                os.write(fd, line.encode("utf-8"))
                os.close(fd)
                rows += 1
                latencies.append(wait_for(out, rows) - t0)
                time.sleep(0.1)
            refits = []
            for k in range(3):
                t0 = time.perf_counter()
                watch.send_signal(signal.SIGUSR1)
                while True:
                    try:
                        with open(os.path.join(out, "refits.json"), encoding="utf-8") as f:
                            if len(json.load(f)) == k + 1:
                                break
                    except (OSError, ValueError):
                        pass
                    time.sleep(0.002)
                report, record = os.path.join(out, "report.html"), os.path.join(out, "refits.json")
                while os.stat(report).st_mtime_ns < os.stat(record).st_mtime_ns:
                    time.sleep(0.002)
                count_in_report(report)
                refits.append(time.perf_counter() - t0)
        finally:
            watch.send_signal(signal.SIGTERM)
            watch.wait(timeout=60)
        latencies.sort()
        result = {
            "rows": a.rows, "appends": a.appends, "embed": a.embed, "first_fit_seconds": round(first, 3),
            "append_to_report_seconds": {"median": round(statistics.median(latencies), 4),
                                         "p95": round(latencies[max(0, int(0.95 * len(latencies)) - 1)], 4),
                                         "max": round(latencies[-1], 4)},
            "refit_to_report_seconds": {"median": round(statistics.median(refits), 3), "max": round(max(refits), 3)},
            "batch_reanalysis_seconds": round(batch, 3),
            "machine": {"cpus": os.cpu_count()},
        }
        print(json.dumps(result, indent=2))
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                json.dump(result, f, indent=2)
                f.write("\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
