import Foundation
import Outputs
import Tables

/// `skein export notebook`: a notebook that explains a run or analysis folder and redraws its key
/// plots from the tidy CSVs with pandas and matplotlib. Its first code cell reruns Skein when the
/// folder is missing (the command comes from the folder's manifest or JSON), so a notebook moved to
/// another machine, or run in CI on a clean clone, regenerates its data. Paths are written relative
/// to the notebook.
public enum NotebookExport {
    public static func notebook(directory dir: URL, notebookPath: URL) throws -> Notebook {
        let fm = FileManager.default
        if RunFolder.isRunFolder(dir) { return try run(dir, notebookPath) }
        if CalibrationFolder.isCalibrationFolder(dir) { return try RunReport.ReportError.reading { try calibration(dir, notebookPath) } }
        switch AnalysisFolder.kind(of: dir) {
        case .themes: return try RunReport.ReportError.reading { try themes(dir, notebookPath) }
        case .votes: return try RunReport.ReportError.reading { try votes(dir, notebookPath) }
        case nil: break
        }
        throw RunReport.ReportError(message: "\(dir.path): no timeseries.csv, themes.json or groups.csv — is this a folder written by skein run, analyse or analyse-votes?")
    }

    /// `target` relative to the notebook's folder (absolute when they share nothing but the root).
    static func relative(_ target: URL, from notebook: URL) -> String {
        let a = target.standardizedFileURL.pathComponents, b = notebook.deletingLastPathComponent().standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count), a[common] == b[common] { common += 1 }
        guard common > 1 else { return target.standardizedFileURL.path }
        let parts = Array(repeating: "..", count: b.count - common) + a[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The setup cell: imports, the folder, and rerunning `skein` (SKEIN, then PATH, then this
    /// checkout's builds) when the folder's key file is missing.
    static func setup(folder: String, key: String, command: [String]) -> String {
        """
        from pathlib import Path
        import json, os, shutil, subprocess
        import pandas as pd
        import matplotlib.pyplot as plt

        RUN = Path(\(Notebook.pythonString(folder)))

        def skein():
            \"\"\"The skein binary: $SKEIN, else on PATH, else a build in a checkout above this notebook.\"\"\"
            if os.environ.get("SKEIN"):
                return os.environ["SKEIN"]
            if shutil.which("skein"):
                return shutil.which("skein")
            for parent in [Path.cwd(), *Path.cwd().parents]:
                for build in ("release", "debug"):
                    candidate = parent / ".build" / build / "skein"
                    if candidate.exists():
                        return str(candidate)
            raise RuntimeError("skein not found: set SKEIN or put skein on PATH")

        if not (RUN / \(Notebook.pythonString(key))).exists():
            subprocess.run([skein(), *\(Notebook.pythonList(command)), "--out", str(RUN), "--force"], check=True)
        """
    }

    // MARK: Simulation runs

    static func run(_ dir: URL, _ notebook: URL) throws -> Notebook {
        let folder = try RunReport.ReportError.reading { try RunFolder.read(dir) }
        let manifest = folder.manifest, summary = folder.summary
        let name = summary?.scenario ?? dir.lastPathComponent
        var command: [String] = []
        var question = ""
        if let manifest {
            let url = URL(fileURLWithPath: manifest.scenarioFile)
            command = manifest.rerunArguments(file: relative(url, from: notebook))
            if let summary, summary.question != nil || !summary.assumptions.isEmpty {
                // The scenario's question: and assumptions: keys, as the report opens with them.
                question = summary.question.map { "**Question:** " + MarkdownText.escape($0) } ?? ""
                if let answer = summary.answer { question += "\n\n**Answer:** " + MarkdownText.escape(answer) }
                if !summary.assumptions.isEmpty {
                    question += "\n\nAssumptions:\n\n" + summary.assumptions.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n")
                }
            } else if let text = try? String(contentsOf: url, encoding: .utf8) {
                // Older files state their question and assumptions in their opening comments.
                // Each comment line as text (list markers kept): the file's author wrote prose, not markup.
                question = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("#") }
                    .map { line -> String in
                        let body = String(line.dropFirst().drop(while: { $0 == " " }))
                        let marker = ["- ", "* "].first { body.hasPrefix($0) }
                        return marker == nil ? MarkdownText.escape(body) : "- " + MarkdownText.escape(String(body.dropFirst(2)))
                    }.joined(separator: "\n")
            }
        }
        var nb = Notebook()
        var intro = "# \(MarkdownText.escape(name))\n\n"
        if let d = manifest?.scenarioDescription { intro += "*\(MarkdownText.escape(d))*\n\n" }
        if !question.isEmpty { intro += question + "\n\n" }
        func known<T>(_ x: T?) -> String { x.map { "\($0)" } ?? "?" }
        intro += "Model **\(MarkdownText.escape(summary?.model ?? ""))** on \(known(summary?.nodes)) people and \(known(summary?.edges)) ties; "
            + "\(known(summary?.replicates)) replicates of \(known(summary?.horizon)) steps, seed \(known(summary?.seed)).\n\n"
        intro += "This notebook was exported by `skein export notebook` from the run folder `\(relative(dir, from: notebook))`. "
            + "It reads the run's tidy CSV files (`timeseries.csv`: one row per step, group and measure with the mean, SD and 95% band "
            + "over replicates; `replicates.csv`: one row per replicate) and redraws the report's plots. "
            + (command.isEmpty ? "" : "If the folder is missing, the first cell recreates it with `skein \(command.joined(separator: " "))`.")
        nb.markdown(intro)
        nb.code(setup(folder: relative(dir, from: notebook), key: RunFolder.File.timeseries, command: command))
        nb.code("""
            ts = pd.read_csv(RUN / \(Notebook.pythonString(RunFolder.File.timeseries)))
            replicates = pd.read_csv(RUN / \(Notebook.pythonString(RunFolder.File.replicates)))
            summary = json.loads((RUN / \(Notebook.pythonString(RunFolder.File.summary))).read_text())
            pd.read_csv(RUN / \(Notebook.pythonString(RunFolder.File.summaryTable)))
            """)
        nb.markdown("## Adoption over time\n\nThe mean over replicates with its 95% band; dashed lines mark interventions.")
        nb.code("""
            overall = ts[(ts.attribute == "all") & (ts.level == "all")]
            fig, ax = plt.subplots(figsize=(8, 4.5))
            for measure, label in [("reach", "ever adopted (reach)"), ("adopted", "practising now"), ("lapsed", "lapsed")]:
                d = overall[overall.measure == measure]
                if d.empty or d["mean"].max() == 0:
                    continue
                ax.plot(d.step, d["mean"], label=label)
                ax.fill_between(d.step, d.low, d.high, alpha=0.2)
            for event in summary.get("interventions", []):
                ax.axvline(event["time"], color="grey", linestyle="--", linewidth=0.8)
                ax.annotate(event["label"], (event["time"], ax.get_ylim()[1]), fontsize=8, rotation=90, va="top", ha="right")
            ax.set_xlabel(summary.get("step_unit", "step"))
            ax.set_ylabel("people")
            ax.legend()
            plt.show()
            """)
        let hasGroups = folder.timeseries.attributes.contains { $0 != Timeseries.all }
        if hasGroups {
            nb.markdown("## By group\n\nPeople practising at each step, by each breakdown attribute (the scenario's `outputs.breakdown`).")
            nb.code("""
                groups = ts[(ts.attribute != "all") & (ts.measure == "adopted")]
                attributes = list(dict.fromkeys(groups.attribute))
                fig, axes = plt.subplots(1, len(attributes), figsize=(6 * len(attributes), 4), squeeze=False)
                for ax, attribute in zip(axes[0], attributes):
                    for level, d in groups[groups.attribute == attribute].groupby("level", sort=False):
                        ax.plot(d.step, d["mean"], label=str(level))
                    ax.set_title(attribute)
                    ax.set_xlabel("step")
                    ax.set_ylabel("practising")
                    ax.legend(fontsize=8)
                plt.show()
                """)
        }
        if summary?.commitmentTracked == true {
            nb.markdown("## Commitment\n\nMean commitment to the network over time, with its 95% band.")
            nb.code("""
                d = overall[overall.measure == "commitment"]
                fig, ax = plt.subplots(figsize=(8, 4))
                ax.plot(d.step, d["mean"])
                ax.fill_between(d.step, d.low, d.high, alpha=0.2)
                ax.set_xlabel("step")
                ax.set_ylabel("mean commitment")
                plt.show()
                """)
        }
        nb.markdown("## Outcomes across replicates\n\nHow final reach varies from run to run: the spread a programme should plan for, not only the mean.")
        nb.code("""
            fig, ax = plt.subplots(figsize=(7, 4))
            ax.hist(replicates.reach_share * 100, bins=30)
            ax.set_xlabel("final reach (% of people)")
            ax.set_ylabel("replicates")
            plt.show()
            replicates.describe().T
            """)
        if let summary, !summary.arms.isEmpty {
            nb.markdown("## The arms\n\nEvery arm ran on the same random numbers as the scenario as written, so differences are paired replicate by replicate (`comparison.csv`: means with 95% intervals; `difference_low`/`high` the paired interval, `unpaired_low`/`high` what independent runs would give).")
            nb.code("""
                comparison = pd.read_csv(RUN / \(Notebook.pythonString(RunFolder.File.comparison)))
                headline = comparison[comparison.measure.isin(summary["measures"])]
                # Headline measures in the summary's order (a measure no replicate defines, like time to half, has no row).
                table = headline.pivot(index="measure", columns="arm", values="mean")
                table.loc[[m for m in summary["measures"] if m in table.index]]
                """)
        }
        if let manifest, manifest.scenario["sweep"] != nil {
            // The sweep beside the run: rerun (same overrides and seed) when its table is missing, then plotted by parameter.
            var sweepCommand = ["sweep", relative(URL(fileURLWithPath: manifest.scenarioFile), from: notebook)]
            for o in manifest.overrides ?? [] { sweepCommand += ["--set", o] }
            sweepCommand += ["--set", "seed=\(manifest.seed)"]
            let metrics = RunMetric.allCases.map(\.rawValue)
            let headline = summary?.measures.first ?? RunMetric.reachShare.rawValue
            nb.markdown("## The sweep\n\nThe scenario's `sweep:` section, run with `skein sweep` into a database beside the run folder and exported with `skein export sweep --means` (one row per point, one column per swept parameter). Each point runs on the same seed, so differences between points are the parameters', not the dice's.")
            nb.code("""
                SWEEP_DB = RUN.parent / (RUN.name + "-sweep.sqlite")
                SWEEP = RUN.parent / (RUN.name + "-sweep.csv")
                if not SWEEP.exists():
                    if not SWEEP_DB.exists():
                        subprocess.run([skein(), *\(Notebook.pythonList(sweepCommand)), "--db", str(SWEEP_DB)], check=True)
                    subprocess.run([skein(), "export", "sweep", str(SWEEP_DB), "-o", str(SWEEP), "--means"], check=True)
                sweep = pd.read_csv(SWEEP)
                METRICS = \(Notebook.pythonList(metrics))
                parameters = [c for c in sweep.columns if c not in METRICS + ["point", "replicates"]]
                headline = \(Notebook.pythonString(headline))
                fig, axes = plt.subplots(1, len(parameters), figsize=(6 * len(parameters), 4), squeeze=False)
                for ax, parameter in zip(axes[0], parameters):
                    d = sweep.groupby(parameter, sort=True)[headline].mean()
                    ax.plot(d.index.astype(str), d.values, marker="o")
                    ax.set_xlabel(parameter)
                    ax.set_ylabel(headline.replace("_", " ") + " (mean over points)")
                plt.show()
                sweep
                """)
        }
        return nb
    }

    // MARK: Analyses

    static func themes(_ dir: URL, _ notebook: URL) throws -> Notebook {
        let info = try AnalysisFolder.themes(dir)
        var command = info.command
        if command.count > 1 { command[1] = relative(URL(fileURLWithPath: command[1]), from: notebook) }
        let file = URL(fileURLWithPath: info.file).lastPathComponent
        var nb = Notebook()
        nb.markdown("""
            # Themes in \(MarkdownText.escape(file))

            \(info.responses) responses clustered into \(info.themesFound) themes by `skein analyse` \
            (TF-IDF of words and word pairs, truncated SVD, k-means with oversized themes split and near-identical ones merged). \
            Exported by `skein export notebook` from `\(relative(dir, from: notebook))`: `themes.csv` has one row per theme (size, share, \
            label, top terms, representative quotes), `assignments.csv` one row per response (its theme, similarity to the theme's \
            centre, status, and its place on the map).\(command.isEmpty ? "" : " The first cell reruns the analysis if the folder is missing.")
            """)
        nb.code(setup(folder: relative(dir, from: notebook), key: AnalysisFolder.File.themes, command: command))
        nb.code("""
            themes = pd.read_csv(RUN / \(Notebook.pythonString(AnalysisFolder.File.themesTable)))
            assignments = pd.read_csv(RUN / \(Notebook.pythonString(AnalysisFolder.File.assignments)))
            themes[["theme", "size", "share", "label", "cohesion"]]
            """)
        nb.markdown("## Theme sizes\n\nThe share of responses in each theme.")
        nb.code("""
            d = themes.sort_values("share")
            fig, ax = plt.subplots(figsize=(8, 0.4 * len(d) + 1))
            ax.barh(d.label, d.share * 100)
            ax.set_xlabel("% of responses")
            plt.show()
            """)
        nb.markdown("## Map of responses\n\nEach response on the first two principal directions of its vector, coloured by theme (grey: other).")
        nb.code("""
            placed = assignments.dropna(subset=["x", "y"])
            fig, ax = plt.subplots(figsize=(7, 6))
            other = placed[placed.theme < 0]
            ax.scatter(other.x, other.y, s=6, c="lightgrey", label="other")
            for theme, d in placed[placed.theme >= 0].groupby("theme"):
                ax.scatter(d.x, d.y, s=6, label=themes.set_index("theme").label.get(theme, theme))
            ax.legend(fontsize=7, markerscale=2, loc="best")
            plt.show()
            """)
        nb.markdown("## Quotes\n\nThe responses nearest each theme's centre.")
        nb.code("""
            for _, t in themes.iterrows():
                print(f"{t.theme}: {t.label} ({t['size']} responses)")
                for k in (1, 2, 3):
                    quote = t.get(f"representative_{k}")
                    if isinstance(quote, str) and quote:
                        print("   -", quote)
            """)
        let groupColumns = ((try? AnalysisReport.rows(dir.appendingPathComponent(AnalysisFolder.File.assignments), limit: 1))?.first.map { Array($0.keys) } ?? [])
            .filter { !AnalysisFolder.assignmentColumns.contains($0) }.sorted()
        if !groupColumns.isEmpty {
            nb.markdown("## Breakdown by group\n\nThe share of each group's responses in each theme.")
            nb.code("""
                for column in \(Notebook.pythonList(groupColumns)):
                    table = pd.crosstab(assignments[column], assignments.theme, normalize="index").round(3)
                    display(table)
                """)
        }
        return nb
    }

    static func votes(_ dir: URL, _ notebook: URL) throws -> Notebook {
        let info = try AnalysisFolder.votes(dir)
        var command = info?.command ?? []
        if command.count > 1 { command[1] = relative(URL(fileURLWithPath: command[1]), from: notebook) }
        var nb = Notebook()
        nb.markdown("""
            # Opinion groups

            \(info.map { "\($0.participants)" } ?? "?") participants' agree/disagree votes on \(info.map { "\($0.statementsUsed)" } ?? "?") statements, grouped by \
            `skein analyse-votes` (pol.is's method: PCA of the vote matrix, k-means, silhouette choice of the number of groups) into \
            \(info.map { "\($0.groups)" } ?? "?") groups. Exported by `skein export notebook` from `\(relative(dir, from: notebook))`: `groups.csv` has \
            one row per participant (group, map position, votes), `statements.csv` the statements that set each group apart and those \
            all groups agree on.\(command.isEmpty ? "" : " The first cell reruns the analysis if the folder is missing.")
            """)
        nb.code(setup(folder: relative(dir, from: notebook), key: AnalysisFolder.File.groups, command: command))
        nb.code("""
            groups = pd.read_csv(RUN / \(Notebook.pythonString(AnalysisFolder.File.groups)))
            statements = pd.read_csv(RUN / \(Notebook.pythonString(AnalysisFolder.File.statements)))
            groups.group.value_counts().sort_index()
            """)
        nb.markdown("## Map of participants\n\nEach participant on the first two principal components of the votes, coloured by group.")
        nb.code("""
            placed = groups[groups.group >= 0]
            fig, ax = plt.subplots(figsize=(7, 6))
            for g, d in placed.groupby("group"):
                ax.scatter(d.x, d.y, s=8, label=f"group {g} ({len(d)})")
            ax.set_xlabel("PC 1")
            ax.set_ylabel("PC 2")
            ax.legend()
            plt.show()
            """)
        nb.markdown("## What sets each group apart, and what they share")
        nb.code("""
            pd.set_option("display.max_colwidth", 120)
            statements[["kind", "group", "rank", "direction", "probability", "text"]]
            """)
        return nb
    }

    // MARK: Calibrations

    static func calibration(_ dir: URL, _ notebook: URL) throws -> Notebook {
        let json = try CalibrationFolder.read(dir)
        let abc = json["posterior"] != nil
        // The command that remakes the folder, its paths as seen from the notebook.
        var command = ["calibrate"]
        if let c = json["command"] {
            if let data = c["data"]?.string { command.append(relative(URL(fileURLWithPath: data), from: notebook)) }
            for (key, flag) in [("network", "--network"), ("scenario", "--scenario")] {
                if let path = c[key]?.string { command += [flag, relative(URL(fileURLWithPath: path), from: notebook)] }
            }
            command += c["arguments"]?.array.compactMap(\.string) ?? []
        }
        var nb = Notebook()
        let words = abc ? (json["warnings"]?.array.compactMap(\.string) ?? []) : (json["verdict"]?.string.map { [$0] } ?? [])
        nb.markdown("""
            # Calibration\(abc ? " of the \(MarkdownText.escape(json["model"]?.string ?? "")) model by ABC" : ": the network hazard model")

            \(words.map { MarkdownText.escape($0) }.joined(separator: "\n\n"))

            Exported by `skein export notebook` from `\(relative(dir, from: notebook))`: `calibration.json` holds everything \
            `skein calibrate` found, `calibration.csv` one row per parameter (estimate, standard error, interval, method). \
            \(command.count > 1 ? "The first cell reruns the calibration if the folder is missing." : "")
            """)
        nb.code(setup(folder: relative(dir, from: notebook), key: CalibrationFolder.File.calibration, command: command.count > 1 ? command : []))
        nb.code("""
            calibration = json.loads((RUN / \(Notebook.pythonString(CalibrationFolder.File.calibration))).read_text())
            table = pd.read_csv(RUN / \(Notebook.pythonString(CalibrationFolder.File.table)))
            table
            """)
        if abc {
            nb.markdown("## The data against the posterior predictive band\n\nThe observed cumulative share adopted, and the 5%–95% range of the accepted draws' own runs.")
            nb.code("""
                band = pd.DataFrame(calibration["band"])
                fig, ax = plt.subplots(figsize=(8, 4))
                ax.fill_between(band.period, band.low, band.high, alpha=0.3, label="posterior predictive 90%")
                ax.plot(band.period, band["median"], label="posterior predictive median")
                ax.plot(band.period, band.observed, "o-", label="observed")
                ax.set_xlabel("period")
                ax.set_ylabel("share adopted")
                ax.legend()
                plt.show()
                """)
            nb.markdown("## The posterior pairs\n\nEach accepted draw; a long diagonal cloud means the data trade one parameter against the other.")
            nb.code("""
                names = [p["parameter"] for p in calibration["posterior"]]
                draws = pd.DataFrame(calibration["draws"], columns=names)
                if len(names) >= 2:
                    draws.plot.scatter(x=names[0], y=names[1], s=8, figsize=(5, 5))
                    plt.show()
                pd.DataFrame(calibration["correlations"])
                """)
        } else {
            nb.markdown("## Estimates\n\nEvery fit: the baseline, the estimates with standard errors and 95% intervals, and the likelihood-ratio test of q = 0.")
            nb.code("""
                for fit in calibration["fits"]:
                    print(fit["baseline"], "baseline: LR", round(fit["likelihood_ratio"], 3), "p =", round(fit["p_value"], 4))
                pd.DataFrame([dict(baseline=f["baseline"], **e) for f in calibration["fits"] for e in f["estimates"]])
                """)
            if json["holdout"] != nil, json["holdout"] != .null {
                nb.markdown("## Held out\n\nThe periods the fit did not see: observed, the network model's prediction, and a Bass curve fitted to the same periods.")
                nb.code("""
                    held = pd.DataFrame(calibration["holdout"]["predictions"])
                    ax = held.plot(x="period", y=["observed", "model", "bass"], figsize=(8, 4), marker="o")
                    ax.set_ylabel("share adopted")
                    plt.show()
                    """)
            }
        }
        return nb
    }
}
