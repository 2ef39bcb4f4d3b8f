"""`make bench`: run every suite on a fresh PostgreSQL database, print one table and write
bench/results/latest.json, and from it, after a full run of every suite, docs/BENCHMARKS.md's
latest-run section. BENCH_ONLY=issuing,serving runs some suites; BENCH_QUICK=1 tries them with
few repetitions. Not part of `make test`."""

import importlib
import logging
import os
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def database_fresh(server_url: str, name: str) -> str:
    """Drop and create `name` on the server of `server_url`; return its URL."""
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> int:
    server_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER)
    if not server_url.startswith("postgres"):
        print("make bench runs on PostgreSQL (BENCH_DATABASE_URL=postgres://...)", file=sys.stderr)
        return 2
    database_url = database_fresh(server_url, os.environ.get("BENCH_DATABASE", "autentika_bench"))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

    import django
    from django.core.management import call_command

    django.setup()
    # The table is the output: not every CRL fetch, OCSP request and PKI service hit.
    for noisy in ("fontTools", "pyhanko", "pyhanko_certvalidator", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    call_command("migrate", verbosity=0)

    from bench.context import BenchContext
    from bench.report import Figure, table, write
    from bench.suites import SUITES

    context = BenchContext(database_url=database_url, quick=os.environ.get("BENCH_QUICK") == "1")
    chosen = [s for s in os.environ.get("BENCH_ONLY", "").split(",") if s] or SUITES
    figures: list[Figure] = []
    timings: dict[str, float] = {}
    for name in chosen:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        module = importlib.import_module(f"bench.suites.{name}")
        suite_figures = module.run(context)
        figures.extend(suite_figures)
        timings[name] = round(time.perf_counter() - started, 1)
        print(table(suite_figures), flush=True)
    print()
    print(table(figures))
    from bench.doc import DOC, doc_updated, run_identity, section

    document = write(
        figures,
        context={"suites_seconds": timings, "quick": context.quick},
        run=run_identity(),
    )
    if context.quick or chosen != SUITES:
        print("\ndocs/BENCHMARKS.md left as it is: it shows full runs of every suite only")
    else:
        DOC.write_text(doc_updated(DOC.read_text(), section(document)))
        print("\ndocs/BENCHMARKS.md: its latest-run section written from latest.json")
    missed = [f"{f.suite}: {f.name}" for f in figures if f.met is False]
    if missed:
        print("\nTargets missed (see docs/BENCHMARKS.md):\n  " + "\n  ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
