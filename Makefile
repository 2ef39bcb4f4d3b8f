# Two commands do all set-up: `make run` and `make test`. See README.md.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# The environment is made with Debian's own Python 3.11 when there is one: what production runs
# (docs/DEPLOY.md), and built with optimizations (a self-compiled pyenv 3.11 ran the suite about
# a fifth slower). UV_PYTHON set in the environment chooses another.
ifneq ($(wildcard /usr/bin/python3.11),)
export UV_PYTHON ?= /usr/bin/python3.11
endif
PYTHON := .venv/bin/python
# uv: the one on PATH, else one installed from PyPI into a venv of its own (never into the
# system Python, which refuses pip: PEP 668).
UV_VERSION := 0.13.9
BOOTSTRAP := .venv-bootstrap
UV := $(or $(shell command -v uv 2>/dev/null),$(BOOTSTRAP)/bin/uv)
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= auto
SIGNING ?=

.PHONY: run run-prod-local test e2e lint bench setup venv db demo clean system-run system-test replica-up replica-down

# The Debian packages of system-packages.txt (quiet and quick when they are there).
system-run:
	@scripts/system-deps run

system-test:
	@scripts/system-deps test

# --compile-bytecode: the dependencies' .pyc are written once here, not at the first start.
venv: .venv/.synced
.venv/.synced: pyproject.toml uv.lock
	@[ -x "$(UV)" ] || { echo "Installing uv $(UV_VERSION) into $(BOOTSTRAP)/"; \
	  python3 -m venv $(BOOTSTRAP) && \
	  $(BOOTSTRAP)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

setup: system-run venv
	$(PYTHON) manage.py migrate --noinput

# The QR codes of letters made here point at this server.
# SIGNING=bsre or bsre-v2: the demo offices sign through the BSrE simulator
# (docs/SIGNING_BACKENDS.md); empty: their local PKCS#12 keys. Given to the web server only:
# seed_demo writes the simulator's trust anchor the signing-backends check looks for.
run: export AUTENTIKA_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
run: setup
	$(PYTHON) manage.py seed_demo
	@echo "Autentika berjalan di http://127.0.0.1:$(PORT) (login dengan pengguna demo di atas)"
	@# The task worker (e-mail; signing, so with the server's signing backend), the demo CA's
	@# TSA/OCSP/CRL services and the BSrE simulator run beside the server and stop with it.
	DEBUG=1 AUTENTIKA_DEMO_SIGNING=$${AUTENTIKA_DEMO_SIGNING:-$(SIGNING)} \
	  $(PYTHON) manage.py db_worker --queue-name default,signing & worker=$$!; \
	DEBUG=1 $(PYTHON) manage.py pki_serve & pki=$$!; \
	DEBUG=1 $(PYTHON) manage.py bsre_simulator_serve & bsre=$$!; \
	trap "kill $$worker $$pki $$bsre" EXIT; \
	DEBUG=1 AUTENTIKA_DEMO_SIGNING=$${AUTENTIKA_DEMO_SIGNING:-$(SIGNING)} \
	  $(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

# The production shape on this machine (scripts/run-prod-local): PostgreSQL primary and replica,
# gunicorn with production settings, the worker and the demo CA's services. Needs root.
run-prod-local: system-run venv
	PORT=$(PORT) scripts/run-prod-local

# Bytecode caches are written even where the environment turns them off
# (PYTHONDONTWRITEBYTECODE): each worker and each process a test starts would otherwise compile
# and assertion-rewrite every module again (half of the collection's time). The bench too: a
# deployed installation has its bytecode, and a command measured as a process (the commands
# suite) would otherwise pay for compiling the project's modules, which its floor never does.
test e2e bench: export PYTHONDONTWRITEBYTECODE :=
test: system-test venv
	$(PYTHON) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

e2e: system-test venv
	$(PYTHON) -m pytest -n $(TEST_WORKERS) -m e2e $(PYTEST_ARGS)

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy autentika tests bench

# Every suite on a fresh PostgreSQL database (BENCH_DATABASE_URL names the server;
# docs/BENCHMARKS.md). BENCH_ONLY=issuing,serving picks suites, BENCH_QUICK=1 tries them.
bench: system-test venv
	@scripts/postgres-up
	$(PYTHON) -m bench

# A local PostgreSQL primary with its streaming replica (as root; README "Read replica").
replica-up:
	@scripts/replica-up

replica-down:
	@scripts/replica-up --down "$(REPLICA_DIR)"

clean:
	rm -rf .venv $(BOOTSTRAP) var
