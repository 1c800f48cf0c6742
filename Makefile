# IntegrHabitat: `make demo` serves the platform with demo data; `make test` runs every test.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# The first Python 3.12+ found: python3.13, python3.12, python3 on PATH, then pyenv's installs.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
DEMO_ENV := INTEGRHABITAT_DEBUG=1 INTEGRHABITAT_MFA_REQUIRED=0
# Tests run on every core (pytest-xdist); TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
# `make test` runs every test. `make test SCOPE=database` runs only what differs by database — search,
# constraints and concurrency, the audit log's triggers and chain, migrations, backups, the figures' SQL,
# imports, duplicates and the tenant kernel — as CI does on PostgreSQL (see README). bench/tests is left out of
# it for now: one of its tests fails on PostgreSQL after the audit tests have run, and passes alone (issue 17's
# note); `make bench` runs the bench on PostgreSQL.
SCOPE ?= all
DATABASE_TESTS := audit backups \
	people/tests/test_search.py people/tests/test_duplicates_scan.py people/tests/test_duplicates_registration.py \
	people/tests/test_duplicates_merge.py people/tests/test_duplicate_quality.py \
	people/tests/test_participant_register.py people/tests/test_household.py \
	imports/tests/test_import_people.py imports/tests/test_import_people_batches.py \
	imports/tests/test_import_deliveries_and_attendance.py imports/tests/test_real_files.py \
	services/tests/test_delivery_record.py services/tests/test_delivery_repeat_and_undo.py \
	services/tests/test_delivery_channel.py services/tests/test_delivery_bulk.py \
	lib/tests/test_db_router.py lib/tests/test_concurrency.py lib/tests/test_keyset.py lib/tests/test_crypto.py \
	api/tests/test_token_expiry_migration.py api/tests/test_participants.py \
	cases/tests/test_concurrency.py communities/tests/test_concurrency.py partners/tests/test_organization_edit.py \
	directory/tests/test_importer.py network/tests/test_tenancy.py network/tests/test_stored_files.py \
	improvement/tests/test_indicators.py improvement/tests/test_dashboard.py improvement/tests/test_snapshots.py \
	improvement/tests/test_network_overview.py improvement/tests/test_network_differencing.py \
	improvement/tests/test_one_figure.py improvement/tests/test_suppressed_figures.py \
	privacy/tests/test_anonymization.py privacy/tests/test_anonymization_figures.py
TEST_PATHS := $(if $(filter database,$(SCOPE)),$(addprefix src/integrhabitat/,$(DATABASE_TESTS)))

.PHONY: demo test bench install messages lint check-deploy clean

$(BIN)/.installed: requirements/dev.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 / python3.13 on PATH)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(BIN)/.installed messages

messages: $(BIN)/.installed
	$(BIN)/python -m integrhabitat.lib.messages

demo: install
	$(DEMO_ENV) $(BIN)/integrhabitat migrate --no-input -v 0
	$(DEMO_ENV) $(BIN)/integrhabitat load_demo
	@echo ""
	@echo "  IntegrHabitat is running at http://127.0.0.1:$(PORT)/"
	@echo "  Demo logins (password: integrhabitat-demo):"
	@echo "    coordinacion  network coordinator"
	@echo "    ana           coordinator, Centro IntegrHabitat Kennedy (Bogotá)"
	@echo "    beto          case worker, Kennedy"
	@echo "    dora          front desk, Kennedy"
	@echo "    pablo         partner organization staff (referrals from Kennedy)"
	@echo "  Participant portal: http://127.0.0.1:$(PORT)/p/bogota-kennedy/portal/ with the phone"
	@echo "    +57 300 555 0101 (José); the one-time code is printed below by the server."
	@echo "    carla         coordinator, second center (Lima)"
	@echo "  Two-step verification (MFA) is off in the demo; anyone can turn it on under My account."
	@echo "  Imports of large spreadsheets run in a background worker (db_worker), started here too."
	@echo ""
	@# The worker runs beside the server and stops with it (Ctrl+C, or the server exiting).
	$(DEMO_ENV) $(BIN)/integrhabitat db_worker --no-reload --no-startup-delay --interval 1 -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/integrhabitat runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/ruff check src
	$(BIN)/lint-imports
	$(BIN)/integrhabitat makemigrations --check --dry-run -v 1
	$(BIN)/pytest -n $(TEST_WORKERS) $(TEST_PATHS) $(PYTEST_ARGS)

# `make bench`: generate the bench network on DATABASE_URL (PostgreSQL; SQLite takes SCALE=tiny only),
# measure it into bench/results.json and bench/results.md, then run the scale tests (pytest -m bench).
# SCALE=tiny|small|medium|full (default) or a factor of full (0.05); BENCH_ARGS="--runs 3 --only search,…".
# `integrhabitat bench` exits 3 when a target is missed, after writing and printing the results: the scale
# tests still run, then `make bench` fails. Any other failure of the bench (status 1: it could not run) stops.
SCALE ?= full
bench: install
	$(BIN)/integrhabitat migrate --no-input -v 0
	@status=0; \
	echo "$(BIN)/integrhabitat bench --scale $(SCALE) $(BENCH_ARGS)"; \
	$(BIN)/integrhabitat bench --scale $(SCALE) $(BENCH_ARGS) || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi; \
	if [ "$(SCALE)" = tiny ]; then echo "SCALE=tiny: the scale tests (pytest -m bench) are skipped."; \
	else echo "$(BIN)/pytest -m bench -p no:randomly $(PYTEST_ARGS)"; \
	$(BIN)/pytest -m bench -p no:randomly $(PYTEST_ARGS) || status=1; fi; \
	if [ $$status -ne 0 ]; then echo "make bench: targets missed (see above)."; fi; \
	exit $$status

lint: install
	$(BIN)/ruff check src
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var
