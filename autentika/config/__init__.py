"""Config: the Django project's settings, URLs and WSGI entry; the last in the import order.

- `settings/base.py`: everything configurable, read from the environment here only, through
  django-environ (every value literal: a "$" is escaped), each default declared once; the code
  reads `settings.X`. The README's configuration table is checked variable by variable by
  `tests/config/test_environment_table.py`.
- `settings/dev.py` (`make run`) and `settings/test.py` install the demo app (`autentika.demo`);
  `settings/prod.py` does not, and forces the production-only choices (second factor on, the
  demo CA untrusted, HTTPS redirect, WhiteNoise's manifest storage).
- `urls.py`: every part's URLs and the API; `wsgi.py`: for gunicorn, whose own configuration
  (threaded workers, sized by `GUNICORN_*`) is `deploy/gunicorn.conf.py`, beside the systemd
  units and the nginx site of docs/DEPLOY.md (tests in `tests/deploy/`).
"""
