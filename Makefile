# Two commands do all the set-up: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
WORKERS ?= 3

.PHONY: run dev test bench load serve venv system-deps app-deps weights

# (Re)install only when requirements.txt changed since the last install.
$(STAMP): requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

system-deps:
	@bash scripts/system_deps.sh

app-deps:
	@bash scripts/system_deps.sh app

run: $(STAMP) app-deps
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# For developers: reload the app when a source file changes (the classroom config turns the watcher off).
dev: $(STAMP) app-deps
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.fileWatcherType auto --server.runOnSave true

test: $(STAMP) system-deps
	$(PY) -m pytest -n 3 --dist worksteal --durations=15   # three workers on two cores (four measured slower: 1,079 s vs 1,028 s): the browser tests wait on servers half the time; an idle worker takes tests from a busy one; the slowest tests listed at the end

weights: $(STAMP)
	$(PY) -m googlenet.weights download

# Speed scripts (not part of `make test`): each prints its ratio last. Timings on a busy machine are noisy.
bench: $(STAMP) system-deps
	$(PY) benchmarks/forward.py
	$(PY) benchmarks/features.py
	$(PY) benchmarks/concurrency.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/pages.py
	$(PY) benchmarks/training_page.py

# Load test through the real server with Chromium sessions (N = 1, 5, 10).
# `make load` tests one `streamlit run`; `make load WORKERS=3` tests 3 workers behind nginx.
load: $(STAMP) system-deps
	$(PY) scripts/load_test.py $(if $(filter command line environment,$(origin WORKERS)),--workers $(WORKERS)) $(LOAD_ARGS)

# N workers on loopback ports behind nginx on PORT (installs Debian's nginx when missing and root).
serve: $(STAMP) app-deps
	$(PY) deploy/serve.py --workers $(WORKERS) --port $(PORT)
