# The plan's commands. See README.md.
#
#   make site     validate data, build site + PDF into site/
#   make test     run the whole test suite
#   make test-hurtig  the quick part for the edit loop: no site build, no PDF, no browser
#   make serve    live preview on http://127.0.0.1:8000 (no PDF, fast)
#   make pdf      same as make site (the PDF is part of the site)
#   make moedepakke MOEDE=<id>  site + PDF + the meeting pack site/pdf/moeder/<id>.pdf
#   make aarsstatus AAR=<år>    site + PDF + the yearly status report site/pdf/aarsstatus-<år>.pdf
#                 (make site builds one per plan year; PLAN_TODAY fixes the day it stands on)
#   make validate check data/ only: publishable values, data, privacy lint
#                 (AENDRET_SIDEN=<commit>: files changed since then are the pull request's)
#   make beboerdata-import FIL=<rå fil> [TABEL=<nr>]  raw LBF table (xlsx/csv) -> publishable CSV
#   make lock     recompile requirements.txt from requirements.in
#   make diff     what changed in the plan since BASE (default main), in Danish
#   make audit    check the pinned dependencies for known vulnerabilities (needs network)
#   make benchmark print build and PDF timings

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP_TOOLS_VERSION := 7.6.2

export NO_MKDOCS_2_WARNING := 1
# Python keeps compiled modules in __pycache__/ (ignored by git), even where the
# environment says not to: the test suite's builds of a copy of the project then
# compile macros/ once per copy instead of once per build.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: site pdf test test-hurtig serve validate lock clean setup diff moedepakke aarsstatus test-tools audit benchmark beboerdata-import

setup: $(STAMP)

# Re-runs only when requirements.txt changes (or .venv is missing).
$(STAMP): requirements.txt scripts/check_system.py
	@$(PYTHON) scripts/check_system.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installerer de fastlåste afhængigheder i $(VENV) …"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $(STAMP)

validate: $(STAMP)
	@$(BIN)/python scripts/validate.py $(if $(AENDRET_SIDEN),--aendret-siden "$(AENDRET_SIDEN)")

# Raw tables stay in raa-data/ (ignored by git); only the publishable CSV is written to data/beboerdata/.
beboerdata-import: $(STAMP)
	@$(BIN)/python scripts/beboerdata_import.py "$(FIL)" $(if $(TABEL),--tabel "$(TABEL)")

# The PDF needs Pango: installed with apt-get when it is missing and this may (root).
site: validate
	@$(PYTHON) scripts/check_system.py
	@$(BIN)/python scripts/build.py

pdf: site

moedepakke: validate
	@$(PYTHON) scripts/check_system.py
	@$(BIN)/python scripts/moedepakke.py "$(MOEDE)"

aarsstatus: validate
	@$(BIN)/python scripts/aarsstatus.py "$(AAR)"

test: $(STAMP) test-tools
	@$(BIN)/python -m pytest -n auto --dist worksteal

test-hurtig: $(STAMP)
	@$(BIN)/python -m pytest -n auto --dist worksteal -m "not bygger and not browser"

# Chromium (apt-get, when root) and axe-core (npm ci) for the browser tests;
# without them those tests are skipped with a message saying why.
test-tools:
	@$(PYTHON) scripts/setup_test_tools.py

# Known vulnerabilities in the exact pins of requirements.txt (PyPI's advisory
# data; needs network, so it is not part of make test).
PIP_AUDIT_VERSION := 2.10.1
audit: $(STAMP)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip-audit==$(PIP_AUDIT_VERSION)"
	@$(BIN)/pip-audit --strict --disable-pip --require-hashes --progress-spinner off -r requirements.txt

benchmark: $(STAMP)
	@$(BIN)/python scripts/benchmark.py

# The preview follows docs/, data/, macros/ and the theme, rebuilds only what a save
# changed (--dirty) and never stops on an error: see macros/preview.py.
serve: validate
	@PLAN_PDF=0 PLAN_FORHAANDSVISNING=1 PYTHONWARNINGS=ignore::DeprecationWarning \
		$(BIN)/python -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

# make diff BASE=v1.0 [OUT=build/plan-diff.md]: the plan's changes in Danish.
BASE ?= main
diff: $(STAMP)
	@$(BIN)/python scripts/plan_diff.py --base "$(BASE)" $(if $(OUT),--output "$(OUT)")

lock: $(STAMP)
	@$(BIN)/python -m pip install --quiet "pip-tools==$(PIP_TOOLS_VERSION)"
	@$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

clean:
	rm -rf site site.new site.old build
