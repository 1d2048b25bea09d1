# CaseKG developer commands. `make demo` and `make test` are the two that matter.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= casekg-store
CORPORA ?= ../shared/corpora

.PHONY: install demo test bench eval clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(BIN)/kg

install: $(BIN)/kg  ## create .venv and install CaseKG with the test tools

demo: install  ## ingest the bundled examples into a fresh store and print two canned queries
	rm -rf $(STORE)
	$(BIN)/kg --store $(STORE) ingest examples/
	$(BIN)/kg --store $(STORE) query cases-overview
	$(BIN)/kg --store $(STORE) query case-timeline

test: install  ## run the test suite (corpora from $(CORPORA) when present)
	CASEKG_CORPORA=$${CASEKG_CORPORA:-$(CORPORA)} $(BIN)/python -m pytest -q

bench: install  ## print speed and memory figures (every bench/bench_*.py)
	@for script in bench/bench_*.py; do echo "== $$script"; CASEKG_CORPORA=$${CASEKG_CORPORA:-$(CORPORA)} $(BIN)/python $$script || exit 1; done

eval: install  ## print accuracy figures on the shared corpora (every bench/eval_*.py)
	@for script in bench/eval_*.py; do echo "== $$script"; CASEKG_CORPORA=$${CASEKG_CORPORA:-$(CORPORA)} $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(STORE) .pytest_cache build dist *.egg-info
