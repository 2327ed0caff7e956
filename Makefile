# Two commands do all the set-up: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
WORKERS ?= 3

.PHONY: run test bench load serve venv system-deps weights

# (Re)install only when requirements.txt changed since the last install.
$(STAMP): requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

system-deps:
	@bash scripts/system_deps.sh

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: $(STAMP) system-deps
	$(PY) -m pytest

weights: $(STAMP)
	$(PY) -m googlenet.weights download
