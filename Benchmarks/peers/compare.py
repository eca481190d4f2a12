#!/usr/bin/env python3
"""Writes Benchmarks/RESULTS.md: `skein bench Benchmarks/suites/peers.yaml --out SKEIN.json` beside
the peers' JSON lines (Benchmarks/peers/*.py --json PEERS.jsonl), one row per (workload, peer):
times, the ratio, the outcome figures of both, and whether they agree within the stated tolerance.

Several rounds (`--round SKEIN.json PEERS.jsonl`, repeated: Skein and the peers alternating, as
`make bench-peers` runs them) give each time as the median over rounds with its range, and the
ratio as the median of the rounds' own ratios (each round's peer beside the same round's Skein)
with its range, so a burst of load in one round moves neither. `--instructions` adds the
instructions Skein's timed run executes (scripts/bench-instructions.sh, callgrind).

  python3 compare.py SKEIN.json PEERS.jsonl [--out Benchmarks/RESULTS.md] [--skein-2t SKEIN-2T.json]
  python3 compare.py --round S1.json P1.jsonl --round S2.json P2.jsonl ... [--instructions I.jsonl] [--out ...]
"""
import statistics
import argparse
import json
import math
from collections import defaultdict

# Workloads a peer was not run on, and why (shown instead of a time).
NOT_RUN = {
    ("betweenness-ba100k", "networkx"): "not run here: 582 s on 2026-11-22 (Benchmarks/README.md)",
    ("louvain-ba100k", "networkx"): "not run here: 428 s on 2026-11-22 (Benchmarks/README.md)",
}


# Why a row stands as it does, where the table alone would mislead.
CONTEXT = {
    "themes-stackoverflow-20k": "Skein's default method caps every theme at twice the fair share (largest ≤ 2 000 of"
    " 20 000) where k-means makes a catch-all of 5 000–6 000, hence its higher ARI. The catch-all also lowers the"
    " clusters' entropy, the NMI's denominator: over seeds 0–17 NMI is 0.703 for Skein (0.671–0.720) and 0.712 for"
    " scikit-learn (0.690–0.738), while homogeneity — the share of the topics' information the themes recover — is"
    " 0.701 (0.666–0.722) against 0.676 (0.652–0.707). Issue #6 asks for 3× scikit-learn's speed at 20k, 200k and 2M.",
    "themes-stackoverflow-200k": "Above 100 000 responses Skein fits the SVD and the clustering on a 100 000-response"
    " sample, projects and assigns everyone, and polishes the themes of all in term space (`--fit-sample`); peak"
    " memory is in the outcome column. Over seeds 0–2: NMI 0.611 (Skein) vs 0.643 (scikit-learn, 0.617–0.667, a"
    " catch-all of a third of the responses), homogeneity 0.609 vs 0.596. This VM's timings move by ±15% from run to"
    " run.",
    "themes-stackoverflow-2m": "Skein's peak memory stays under issue #6's 2 GB (single-precision embedding); scikit-learn"
    " holds the float64 TF-IDF, SVD and k-means arrays of all 2M responses. Over seeds (Skein 0–2, scikit-learn 42, 0,"
    " 1): NMI 0.590 vs 0.628 (0.608–0.659), homogeneity 0.589 vs 0.576 (0.556–0.609); scikit-learn's largest cluster"
    " holds 36–38% of the responses. Tried without moving Skein's NMI beyond ±0.01: fit samples of 200 000 and"
    " 400 000, min-df 10–40, unigrams only, 8 restarts, 30 polish passes, Lloyd passes over all rows.",
    "ic-p0.01-ba100k": "Skein's time moves between two levels from minute to minute on this VM (≈0.53 ms and"
    " ≈0.85–1.0 ms, the same binary and process; address layout and huge pages ruled out), cynetdiff's stays at"
    " 1.2–1.4 ms; timed 201 times so the best is not one burst's.",
    "ic-p0.05-ba100k": "The cascade is bound by memory latency on successful trials; a row's first uniform is tested"
    " against (1 − p)^d before any logarithm is taken (most rows convert no one), which took it from 2.4× to 3.1×.",
    "pagerank-ba100k": "Skein and networkx stop when the L1 change falls below n·10⁻⁶ (networkx's rule); igraph's PRPACK"
    " solves the linear system exactly, hence the 0.8% difference at the maximum.",
    "betweenness-ba100k": "Both sides sample 500 source nodes, at random and differently, so their estimates are not"
    " comparable node by node; the time is the comparison.",
    "opim-p0.01-ba100k": "Both run OPIM-C (Tang et al. 2018) over subset-sampled RR sets, ε = 0.1, δ = 1/n, 50 seeds, and"
    " stop at the same round with the same number of RR sets; the time is the selection alone (SUBSIM's own timer,"
    " graph loading excluded on both sides). The 50 highest-degree agents spread as far on this graph: reported, not"
    " hidden.",
    "opim-wc-ba100k": "Weighted cascade: each arc's probability is 1 / the in-degree of its target.",
    "louvain-ba100k": "python-igraph 1.0's community_multilevel is unexpectedly slow on BA graphs; Leiden is the fairer"
    " community comparison.",
}


def fmt_time(s):
    if s is None:
        return "–"
    if s < 0.01:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"


def with_best(run):
    """Skein's median, and its best run in brackets when there were several."""
    median, best = run.get("median_seconds"), run.get("min_seconds")
    if median is None:
        return "–"
    return fmt_time(median) + (f" ({fmt_time(best)})" if best is not None and len(run.get("seconds", [])) > 1 else "")


def fmt(x, digits=4):
    if x is None:
        return "–"
    if isinstance(x, float) and not x.is_integer():
        return f"{x:.{digits}g}"
    return f"{int(x)}"


def agreement(skein, peer):
    """(Skein's outcome, the peer's, verdict) for the figures both report."""
    if "mean_final_reach" in peer and "mean_final_reach" in skein:
        a, b = skein["mean_final_reach"], peer["mean_final_reach"]
        se = math.sqrt(skein.get("sd_final_reach", 0) ** 2 / max(1, skein.get("replicates", 1))
                       + peer.get("sd_final_reach", 0) ** 2 / max(1, peer.get("replicates", 1)))
        z = abs(a - b) / se if se > 0 else (0 if a == b else math.inf)
        verdict = f"agree: difference {z:.1f} SE (≤ 3)" if z <= 3 else f"**differ: {z:.1f} SE** (> 3)"
        return (f"mean final size {a:.1f} (SD {skein.get('sd_final_reach', 0):.0f})",
                f"{b:.1f} (SD {peer.get('sd_final_reach', 0):.0f})", verdict)
    for key, label in (("components", "components"), ("max_core", "max core"), ("nodes", "nodes")):
        if key in peer and key in skein:
            extra = ""
            if key == "nodes":
                same = skein["nodes"] == peer["nodes"] and skein.get("edges") == peer.get("edges")
                return (f"{fmt(skein['nodes'])} nodes, {fmt(skein.get('edges'))} edges",
                        f"{fmt(peer['nodes'])}, {fmt(peer.get('edges'))}", "agree: equal" if same else "**differ**")
            same = skein[key] == peer[key]
            return (f"{label} {fmt(skein[key])}{extra}", fmt(peer[key]), "agree: equal" if same else "**differ**")
    if "average_clustering" in peer and "average_clustering" in skein:
        a, b = skein["average_clustering"], peer["average_clustering"]
        ok = abs(a - b) <= 1e-9 * max(1, abs(b))
        return (f"average clustering {a:.12g}", f"{b:.12g}", "agree: within 10⁻⁹" if ok else "**differ**")
    if "max_pagerank" in peer and "max_pagerank" in skein:
        a, b = skein["max_pagerank"], peer["max_pagerank"]
        rel = abs(a - b) / abs(b)
        # Skein stops as networkx does (L1 change below n·10⁻⁶), igraph's PRPACK solves the system exactly.
        limit = 1e-2 if "igraph" in peer.get("_peer", "") else 1e-6
        why = "; stopping rules differ: networkx's n·10⁻⁶ vs PRPACK's exact solve" if limit > 1e-6 else ""
        return (f"max PageRank {a:.6g}", f"{b:.6g}",
                f"agree: relative {rel:.1e} (≤ {limit:.0e}{why})" if rel <= limit else f"**differ: relative {rel:.1e}**")
    if "modularity" in peer and "modularity" in skein:
        a, b = skein["modularity"], peer["modularity"]
        verdict = "agree: Skein's modularity ≥ the peer's − 0.01" if a >= b - 0.01 else f"**Skein lower by {b - a:.3f}**"
        return (f"modularity {a:.3f} ({fmt(skein.get('communities'))} communities)", f"{b:.3f} ({fmt(peer.get('communities'))})", verdict)
    if "nmi" in peer and "nmi" in skein:
        a, b = skein["nmi"], peer["nmi"]
        ha, hb = skein.get("homogeneity"), peer.get("homogeneity")
        if a >= b - 0.02:
            verdict = "agree: Skein's NMI ≥ the peer's − 0.02"
        elif ha is not None and hb is not None and ha >= hb and skein.get("ari", 0) >= peer.get("ari", 0):
            # The arithmetic NMI's denominator shrinks with a lopsided clustering; homogeneity does not.
            verdict = (f"NMI lower by {b - a:.3f}, but Skein's themes recover more of the topics (homogeneity"
                       f" {ha:.3f} vs {hb:.3f}, ARI higher): the peer's catch-all lowers its cluster entropy,"
                       " which the NMI's denominator rewards")
        else:
            verdict = f"**Skein's NMI lower by {b - a:.3f}** (issue #6)"
        memory = lambda mb: f", peak {mb:.0f} MB" if mb else ""
        homogeneity = lambda h: f", homogeneity {h:.3f}" if h is not None else ""
        return (f"NMI {a:.3f}, ARI {skein.get('ari', 0):.3f}{homogeneity(ha)}, largest {fmt(skein.get('largest_theme'))}{memory(skein.get('_peak_mb'))}",
                f"NMI {b:.3f}, ARI {peer.get('ari', 0):.3f}{homogeneity(hb)}, largest {fmt(peer.get('largest_theme'))}{memory(peer.get('peak_rss_mb'))}", verdict)
    if "estimated_spread" in peer and "estimated_spread" in skein:
        a, b = skein["estimated_spread"], peer["estimated_spread"]
        # Both estimates come from the checking collection; each is within ε-scale error of its seeds' spread.
        ok = a >= (1 - 0.1) * b
        degree = skein.get("degree_spread")
        baseline = f"; simulated {skein.get('simulated_spread', 0):.0f}, 50 highest-degree seeds {degree:.0f}" if degree else ""
        return (f"spread {a:.0f} (RR estimate){baseline}; ratio proven {skein.get('approximation', 0):.3f}; "
                f"{fmt(skein.get('rr_sets'))} RR sets",
                f"spread {b:.0f} (RR estimate); ratio proven {peer.get('approximation', 0):.3f}; {fmt(peer.get('rr_sets'))} RR sets",
                "agree: Skein's spread ≥ 0.9 × the peer's" if ok else "**Skein's seeds spread less**")
    return ("–", "–", "not compared: sampled from different random sources")


def spread(values, show=fmt_time):
    """The median, and the range over rounds in brackets when there were several."""
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    mid = statistics.median(values)
    return show(mid) + (f" [{show(min(values))}–{show(max(values))}]" if len(values) > 1 else "")


def read_peers(path):
    peers = defaultdict(list)
    for line in open(path):
        if line.strip():
            r = json.loads(line)
            if "process" not in r:
                peers[r["workload"]].append(r)
    return peers


def read_processes(path):
    """Whole-process timings of `skein analyse` (analyse_process.py) by workload."""
    out = {}
    for line in open(path):
        if line.strip():
            r = json.loads(line)
            if "process" in r:
                out[r["workload"]] = r
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("skein", nargs="?")
    ap.add_argument("peers", nargs="?")
    ap.add_argument("--round", nargs=2, action="append", metavar=("SKEIN.json", "PEERS.jsonl"), default=[])
    ap.add_argument("--skein-2t")
    ap.add_argument("--instructions", help="JSON lines from scripts/bench-instructions.sh")
    ap.add_argument("--out", default="Benchmarks/RESULTS.md")
    a = ap.parse_args()
    rounds = list(a.round) + ([(a.skein, a.peers)] if a.skein and a.peers else [])
    if not rounds:
        ap.error("give SKEIN.json PEERS.jsonl, or --round SKEIN.json PEERS.jsonl (repeatable)")
    skeins = [json.load(open(s)) for s, _ in rounds]
    peer_rounds = [read_peers(p) for _, p in rounds]
    skein = skeins[0]
    two = {w["name"]: w for w in json.load(open(a.skein_2t))["workloads"]} if a.skein_2t else {}
    runs_by_round = [{w["name"]: w for w in s["workloads"]} for s in skeins]
    runs = runs_by_round[0]
    instructions = {}
    if a.instructions:
        for line in open(a.instructions):
            if line.strip():
                r = json.loads(line)
                instructions[r["workload"]] = r["instructions"]
    p = skein["provenance"]
    m = p["machine"]
    several = len(rounds) > 1
    lines = [
        "# Skein beside its peers",
        "",
        f"Same inputs, same run: {skein['date']} on {m['cpu_model']}, {m['logical_cores']} cores, "
        f"{m['memory_bytes'] / 2**30:.0f} GiB, {m['operating_system']}; Skein {p['skein']['version']} "
        f"({p['skein']['commit'][:12]}{', modified' if p['skein']['dirty'] else ''}), {p['compiler'].split('(')[0].strip()}, "
        f"OpenBLAS {p['blas']['version']}. Regenerate with `make bench-peers` (see the README's Benchmarks section).",
        "",
        "Skein's time is `skein bench Benchmarks/suites/peers.yaml --threads 1`: the median of its timed runs after a"
        " warm-up, and in brackets the best of them (inputs prepared once, as the peers' graph conversion is excluded)."
        " The peers' time is their best of N timed runs, or a single run (Benchmarks/peers/*.py; scikit-learn, EoN and"
        " NDlib run once). The ratio is like for like: a peer's best of N beside Skein's best, a peer's single run"
        " beside Skein's median. Simulation outcomes are compared as means within sampling error (each side draws its"
        " own 50 random seeds per replicate): they agree when the difference is within 3 standard errors.",
        "",
    ]
    if several:
        lines += [f"{len(rounds)} rounds, Skein and every peer alternating within each: every time is the median over the"
                  " rounds with their range in square brackets, and the ratio is the median of the rounds' own ratios"
                  " (each round's peer beside the same round's Skein) with their range.", ""]
    if instructions:
        lines += ["Instructions: Skein's timed run of the workload alone, counted by callgrind"
                  " (`scripts/bench-instructions.sh`, a portable build): the same from run to run whatever the machine's"
                  " load, so a change in them is a change in the work.", ""]
    lines += [
        "| workload | Skein 1T median (best) | Skein 2T median (best) | Skein instructions | peer | peer time | peer ÷ Skein 1T | Skein outcome | peer outcome | agreement |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, run in runs.items():
        rows = peer_rounds[0].get(name, [])
        peer_names = [r["peer"] for r in rows]
        for (workload, peer), why in NOT_RUN.items():
            if workload == name and not any(n.startswith(peer) for n in peer_names):
                rows.append({"peer": peer, "seconds": None, "figures": {}, "note": why})
        count = instructions.get(name)
        shown_count = f"{count / 1e6:,.1f} M" if count else "–"
        if run["status"] != "ok":
            lines.append(f"| {name} | {run['status']}: {run.get('message', '')} | | | | | | | | |")
            continue
        t1 = run.get("median_seconds")
        rounds_ok = [r[name] for r in runs_by_round if r.get(name, {}).get("status") == "ok"]
        if several:
            shown1 = spread([r.get("median_seconds") for r in rounds_ok])
        else:
            shown1 = with_best(run)
        shown2 = with_best(two.get(name, {}))
        for r in rows:
            if r.get("note"):
                lines.append(f"| {name} | {shown1} | {shown2} | {shown_count} | {r['peer']} | {r['note']} | | | | |")
                continue
            ours, theirs, verdict = agreement(dict(run.get("figures", {}), _peak_mb=run.get("peak_memory_bytes", 0) / 2**20), dict(r["figures"], _peer=r["peer"]))
            # Like for like: the peer's best of N beside Skein's best; a single run beside Skein's median.
            timed_runs = r.get("runs", 1)
            ratios, peer_times = [], []
            for own, peers in zip(runs_by_round, peer_rounds):
                mine = own.get(name, {})
                theirs_now = next((x for x in peers.get(name, []) if x["peer"] == r["peer"]), None)
                if mine.get("status") != "ok" or not theirs_now or not theirs_now.get("seconds"):
                    continue
                ours_t = mine.get("min_seconds") if timed_runs > 1 else mine.get("median_seconds")
                peer_times.append(theirs_now["seconds"])
                if ours_t:
                    ratios.append(theirs_now["seconds"] / ours_t)
            ratio = spread(ratios, show=lambda x: f"{x:.1f}×")
            peer_t = spread(peer_times) + (f" (best of {timed_runs})" if timed_runs > 1 else "")
            lines.append(f"| {name} | {shown1} | {shown2} | {shown_count} | {r['peer']} | {peer_t} | {ratio} | {ours} | {theirs} | {verdict} |")
        if not rows:
            lines.append(f"| {name} | {shown1} | {shown2} | {shown_count} | (no peer row) | | | | | |")
    lines += ["", "Reading it: a ratio above 1× means Skein is faster; Skein 2T is the same workload on two threads"
              " (the peers are single-threaded). Rows marked **differ** or **lower** are open questions.", ""]
    processes = [read_processes(p) for _, p in rounds]
    names = [n for n in runs if any(n in pr for pr in processes)]
    if names:
        lines += ["## The analyser as a whole process", "",
                  "`skein analyse FILE --out DIR --k K` timed from process start to exit, every output written"
                  " (Benchmarks/peers/analyse_process.py; the median of 3 runs a round), beside scikit-learn from reading"
                  " the file to writing its assignments (analyse_peers.py, in process, one BLAS thread). Medians over"
                  " rounds with their range; the ratio is the median of the rounds' own.", "",
                  "| workload | Skein, 1 thread | Skein, default threads | scikit-learn | ratio (1 thread) | ratio (default) |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for name in names:
            one, default, peer, r1, r2 = [], [], [], [], []
            for pr, peers in zip(processes, peer_rounds):
                mine = pr.get(name)
                theirs = next((x for x in peers.get(name, []) if x["peer"].startswith("scikit-learn")), None)
                if not mine:
                    continue
                one.append(mine["one_thread"])
                default.append(mine["default_threads"])
                e2e = theirs and theirs["figures"].get("end_to_end_seconds")
                if e2e:
                    peer.append(e2e)
                    r1.append(e2e / mine["one_thread"])
                    r2.append(e2e / mine["default_threads"])
            x = lambda v: f"{v:.1f}×"
            lines.append(f"| {name} | {spread(one)} | {spread(default)} | {spread(peer)} | {spread(r1, show=x)} | {spread(r2, show=x)} |")
        lines.append("")
    notes = [(name, text) for name, text in CONTEXT.items() if name in runs]
    if notes:
        lines += ["## Notes on rows", ""] + [f"- **{name}**: {text}" for name, text in notes] + [""]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print(f"written: {a.out}")


if __name__ == "__main__":
    main()
