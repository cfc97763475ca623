# farmwatch: `make run` (the offline main job) and `make test` set everything up themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

.PHONY: install run test train evaluate bench report clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## the main job: bundled sample web on 127.0.0.1 → scrapy crawl → shipped model → SQLite → summary
run: $(STAMP)
	$(BIN)/farmwatch run --db data/farmwatch.sqlite

test: $(STAMP)
	FARMWATCH_SHARED=$(SHARED) $(BIN)/python -m pytest -q

## train a candidate model from ../shared/corpus (models/candidates/VERSION/; `farmwatch model promote VERSION` ships it)
train: $(STAMP)
	$(BIN)/farmwatch train --corpus $(SHARED)/corpus

evaluate: $(STAMP)
	$(BIN)/farmwatch evaluate --corpus $(SHARED)/corpus

report: $(STAMP)
	$(BIN)/farmwatch report --db data/farmwatch.sqlite --format html --out data/report.html

bench: $(STAMP)
	$(BIN)/python -m benchmarks --shared $(SHARED)

clean:
	rm -rf data/ .pytest_cache
