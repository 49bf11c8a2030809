# The newcomer's commands: `make html`, `make serve`, `make test`.
# Each target creates .venv and installs the project into it on first use,
# so nothing has to be installed by hand beforehand.

PY ?= python3
VENV ?= .venv
PRODUCTS ?= products
# The dataset's own pages and news; empty: $(PRODUCTS)/content when it exists (see pelicanconf.py).
CONTENT ?=
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
PELICAN_ENV = OCOP_PRODUCTS='$(PRODUCTS)' OCOP_CONTENT='$(CONTENT)' OCOP_SITEURL='$(SITEURL)' OCOP_TODAY='$(OCOP_TODAY)'

.PHONY: html serve admin publish publish-rsync publish-s3 test fuzz validate bench clean distclean

# The stamp depends on pyproject.toml, package.json and package-lock.json: a change of dependencies reinstalls.
# npm brings the test and local tools (axe-core for tests/test_accessibility.py, decap-server for the
# admin form's local backend; no public page loads them) and, through scripts/vendor_npm.py, the admin
# page's CMS at its pinned version and hash (package.json, "vendor"). A machine without npm still
# builds the public site, without admin/ (the build says so; the tests that need npm say why they skip,
# and CI fails them).
$(STAMP): pyproject.toml package.json package-lock.json
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund && $(BIN)/python scripts/vendor_npm.py; \
	else echo "Không có npm: chưa cài công cụ kiểm thử và trang quản trị / npm not found: test tools and the admin page not installed"; fi
	touch $@

# ocop.site.build runs Pelican with these same arguments on a fresh folder beside $(OUTPUT) and swaps
# it in only when the build has completed: a failed, stopped or disk-full build leaves the old site.
BUILD := $(BIN)/python -m ocop.site.build

html: $(STAMP)
	$(PELICAN_ENV) $(BUILD) content -o '$(OUTPUT)' -s pelicanconf.py $(PELICANOPTS)

# The server reads $(OUTPUT) by name at each request: a `make html` in another terminal swaps the
# new site in under it. It answers as a static host does (404.html, no folder listings; ocop.site.serve).
serve: html
	$(BIN)/python -m ocop.site.serve --port $(PORT) --output '$(OUTPUT)'

# The admin form on this computer: decap-server (the local backend, from node_modules) writes the
# records straight into $(PRODUCTS) of this work tree, without committing; open
# http://localhost:$(PORT)/admin/ and press "Đăng nhập". Then `ocop format`, `ocop validate`, commit.
# It answers on localhost:8081 only (the address admin/config.yml names); Ctrl+C stops both servers.
admin: html
	@test -x node_modules/.bin/decap-server || { echo "Cần npm: chạy 'npm ci' / decap-server is missing: run 'npm ci'"; exit 2; }
	MODE=fs GIT_REPO_DIRECTORY="$$(git rev-parse --show-toplevel 2>/dev/null || pwd)" PORT=8081 BIND_HOST=127.0.0.1 \
		node_modules/.bin/decap-server & trap 'kill $$!' EXIT INT TERM; \
		$(BIN)/python -m ocop.site.serve --port $(PORT) --output '$(OUTPUT)'

# publishconf.py needs the public address: links, feeds and QR codes are absolute.
publish: $(STAMP)
	$(if $(SITEURL),,$(error Cần SITEURL, ví dụ: make publish SITEURL=https://ocop.example.vn / SITEURL is required))
	$(PELICAN_ENV) $(BUILD) content -o '$(OUTPUT)' -s publishconf.py $(PELICANOPTS)

# Copy a fresh public build to a server (nginx, Apache) over SSH; see docs/publishing.md.
# --delete: a page removed from the sources is removed from the server too.
# The variable is checked before anything runs, so a mistake costs no build.
# Example: make publish-rsync SITEURL=https://ocop.example.vn RSYNC_TARGET=deploy@may-chu:/srv/ocop
RSYNC_TARGET ?=
publish-rsync:
	$(if $(RSYNC_TARGET),,$(error Cần RSYNC_TARGET, ví dụ: make publish-rsync SITEURL=https://ocop.example.vn RSYNC_TARGET=user@host:/srv/ocop / RSYNC_TARGET is required))
	$(MAKE) publish
	rsync -az --delete '$(OUTPUT)/' '$(RSYNC_TARGET)'

# Copy a fresh public build to an S3 bucket (AWS, or an S3-compatible store with
# S3_ENDPOINT, e.g. https://s3.example.vn); needs the aws command and its credentials.
# Two passes, for two cache lifetimes. File names carry no content hash, so nothing may be
# cached for ever: pages and data (statuses change every day) 5 minutes, the rest
# (photos, QR codes, CSS, JS) one day. Files in use are uploaded before pages that need
# them; each pass deletes, with --delete, only the files of its own kind that went away.
# Example: make publish-s3 SITEURL=https://ocop.example.vn S3_BUCKET=s3://ocop-site
S3_BUCKET ?=
S3_ENDPOINT ?=
S3_CACHE_PAGES ?= public, max-age=300
S3_CACHE_ASSETS ?= public, max-age=86400
S3_PAGE_TYPES := '*.html' '*.json' '*.xml' '*.csv' '*.txt'
S3_SYNC = aws s3 sync '$(OUTPUT)/' '$(S3_BUCKET)' --delete$(if $(S3_ENDPOINT), --endpoint-url '$(S3_ENDPOINT)')
publish-s3:
	$(if $(S3_BUCKET),,$(error Cần S3_BUCKET, ví dụ: make publish-s3 SITEURL=https://ocop.example.vn S3_BUCKET=s3://bucket/prefix / S3_BUCKET is required))
	$(MAKE) publish
	$(S3_SYNC) $(addprefix --exclude ,$(S3_PAGE_TYPES)) --cache-control '$(S3_CACHE_ASSETS)'
	$(S3_SYNC) --exclude '*' $(addprefix --include ,$(S3_PAGE_TYPES)) --cache-control '$(S3_CACHE_PAGES)'

test: $(STAMP)
	$(BIN)/python -m pytest

# Mutation fuzzing of the reader (tests/test_fuzz.py) for FUZZ_MINUTES, fresh seeds each run;
# `make test` runs the same check on a small fixed budget. Failing inputs go to .cache/fuzz/.
# Example: make fuzz FUZZ_MINUTES=1 (FUZZ_SEED=<n> repeats a run).
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	FUZZ_MINUTES='$(FUZZ_MINUTES)' $(BIN)/python -m pytest -p no:cacheprovider -q -s tests/test_fuzz.py \
		-k test_fuzz_for_the_budget

validate: $(STAMP)
	$(BIN)/ocop validate --products '$(PRODUCTS)'$(if $(OCOP_TODAY), --today '$(OCOP_TODAY)')

# The sizes of the build table (validation speed is one of its lines); 20,000 products take many
# minutes. Example: make bench N=1000,5000
N ?= 1000,5000,20000
bench: $(STAMP)
	$(BIN)/python scripts/bench_site.py --sizes '$(N)'
	$(BIN)/python scripts/bench_site.py --catalogue
	$(BIN)/python scripts/bench_import.py

# Build products and caches only; the venv stays (see distclean).
clean:
	rm -rf '$(OUTPUT)' '$(OUTPUT)'.new-* '$(OUTPUT)'.old-* '$(OUTPUT)'.spare .pytest_cache .hypothesis .cache cache
	find . -path './$(VENV)' -prune -o -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf '$(VENV)' *.egg-info node_modules vendor
