# The newcomer's commands: `make html`, `make serve`, `make test`.
# Each target creates .venv and installs the project into it on first use,
# so nothing has to be installed by hand beforehand.

PY ?= python3
VENV ?= .venv
PRODUCTS ?= products
OUTPUT ?= output
# Empty: a local build with relative links. Set it to the public address
# (e.g. https://ocop.example.vn) for the URLs printed in QR codes and feeds.
SITEURL ?=
# Empty: today. Set YYYY-MM-DD to build or validate as of another day.
OCOP_TODAY ?=
PORT ?= 8000
# Extra pelican options, e.g. PELICANOPTS='--fatal warnings' in a strict check.
PELICANOPTS ?=

BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# pelicanconf.py reads these from the environment rather than through
# `pelican -e`: -e takes JSON values, and a second -e drops the first.
PELICAN_ENV = OCOP_PRODUCTS='$(PRODUCTS)' OCOP_SITEURL='$(SITEURL)' OCOP_TODAY='$(OCOP_TODAY)'

.PHONY: html serve publish test validate bench clean distclean

# The stamp depends on pyproject.toml: a change of dependencies reinstalls.
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

html: $(STAMP)
	$(PELICAN_ENV) $(BIN)/pelican content -o '$(OUTPUT)' -s pelicanconf.py $(PELICANOPTS)

serve: html
	$(BIN)/pelican --listen -p $(PORT) -o '$(OUTPUT)' -s pelicanconf.py

# publishconf.py needs the public address: links, feeds and QR codes are absolute.
publish: $(STAMP)
	$(if $(SITEURL),,$(error Cần SITEURL, ví dụ: make publish SITEURL=https://ocop.example.vn / SITEURL is required))
	$(PELICAN_ENV) $(BIN)/pelican content -o '$(OUTPUT)' -s publishconf.py $(PELICANOPTS)

test: $(STAMP)
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/ocop validate --products '$(PRODUCTS)'$(if $(OCOP_TODAY), --today '$(OCOP_TODAY)')

bench: $(STAMP)
	$(BIN)/python scripts/bench_validate.py

# Build products and caches only; the venv stays (see distclean).
clean:
	rm -rf '$(OUTPUT)' .pytest_cache .hypothesis .cache cache
	find . -path './$(VENV)' -prune -o -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf '$(VENV)' *.egg-info
