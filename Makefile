# Counterpart: the two commands that matter are `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install setup demo serve lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Set up SQLite with the gazetteer and demo data, print the demo logins, serve.
# Development mode (DEBUG=1): production is the default everywhere else.
run: install
	mkdir -p var
	DEBUG=1 $(BIN)/counterpart migrate
	HOST=$(HOST) PORT=$(PORT) DEBUG=1 $(BIN)/counterpart load-demo
	DEBUG=1 $(BIN)/counterpart serve --host $(HOST) --port $(PORT)

# The whole suite (honours DATABASE_URL; SQLite when unset).
test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check counterpart tests bench

bench: install
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) var
