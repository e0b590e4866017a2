# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST := 127.0.0.1:8000
# The second test run uses this machine's PostgreSQL; override to point elsewhere. It runs with
# production-like settings (DEBUG off) but without the HTTPS redirect, which the TLS proxy answers.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/tracker

.PHONY: run test test-sqlite test-postgres install bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ingest fixtures/seeds/*.txt
	$(PY) manage.py load_reviewed
	$(PY) manage.py flag_overdue
	$(PY) manage.py dev_superuser
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "  Dashboard: http://$(HOST)/"
	@echo "  Admin:     http://$(HOST)/admin/   (log in as admin / admin)"
	@echo "  API:       http://$(HOST)/api/v1/  (docs: http://$(HOST)/api/docs/)"
	@echo
	$(PY) manage.py runserver $(HOST)

test: $(VENV)/.installed
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(VENV)/.installed
	@echo "== test suite on SQLite"
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) -m pytest -q

test-postgres: $(VENV)/.installed
	@echo "== test suite on PostgreSQL ($(TEST_POSTGRES_URL))"
	@if $(PY) -c "import sys, psycopg; psycopg.connect('$(TEST_POSTGRES_URL)'.replace('/tracker', '/postgres'), connect_timeout=3).close()" 2>/dev/null; then \
		env -u CELERY_BROKER_URL DATABASE_URL=$(TEST_POSTGRES_URL) SECURE_SSL_REDIRECT=false $(PY) -m pytest -q; \
	else \
		echo "!!!! SKIPPED: the PostgreSQL test run: no server answers at $(TEST_POSTGRES_URL)."; \
		echo "!!!! Start it with: pg_ctlcluster --skip-systemctl-redirect \$$(ls /etc/postgresql) main start"; \
	fi

bench: $(VENV)/.installed
	$(PY) bench/bench_parse.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
