# Two commands do all set-up: `make run` and `make test`. See README.md.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1
PYTHON := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PYTEST_ARGS ?=

.PHONY: run test e2e lint bench setup venv db demo clean

venv: .venv/.synced
.venv/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --quiet
	@touch $@

setup: venv
	$(PYTHON) manage.py migrate --noinput

run: setup
	$(PYTHON) manage.py seed_demo
	@echo "Autentika berjalan di http://127.0.0.1:8000 (login dengan pengguna demo di atas)"
	@# The notification worker and the demo CA's TSA/OCSP/CRL services run beside the server
	@# and stop with it.
	DEBUG=1 $(PYTHON) manage.py db_worker & worker=$$!; \
	DEBUG=1 $(PYTHON) manage.py pki_serve & pki=$$!; trap "kill $$worker $$pki" EXIT; \
	DEBUG=1 $(PYTHON) manage.py runserver 127.0.0.1:8000

test: venv
	$(PYTHON) -m pytest $(PYTEST_ARGS)

e2e: venv
	$(PYTHON) -m pytest -m e2e $(PYTEST_ARGS)

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy autentika tests benchmarks

bench: venv
	$(PYTHON) -m pytest benchmarks --benchmark-only -p no:randomly $(PYTEST_ARGS)

clean:
	rm -rf .venv var
