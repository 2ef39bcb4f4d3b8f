"""Demo and test services, for development, training and the tests only: installed by the
development and test settings (`INSTALLED_APPS`), never by the production settings; their
packages (Certomancer, certomancer-csc-dummy, Werkzeug, PyYAML) are the dependency group `demo`
(`uv sync --no-group demo` leaves them out). No module of autentika/ outside this package
imports it (tests/demo/test_demo_isolation.py).

- `demo_ca.py` + `demo_pki/pki.yml`: the demo CA declared for Certomancer (root, signer
  intermediate, TSA, OCSP, CRLs; encrypted keys under `demo-ca/`); `pki.py`: low-level test
  certificates; `demo_tsa.py`: the demo TSA rekeyed before its certificate expires.
- `pki_service.py` + `manage.py pki_serve`: the demo CA's services over HTTP; `demo_keys.py`:
  the demo keys loaded once (Certomancer's signing backend, the remote signers).
- `bsre_simulator.py` + `manage.py bsre_simulator_serve`: a WSGI BSrE simulator with every
  contract error on demand; `bsre_test_ca.py`: its test intermediate and remote signers.
- `csc_service.py`: certomancer-csc-dummy in a thread.
- `demo_signing.py`: `demo_request --signing` and `make run SIGNING=bsre` configuration.
- `signers.py`: the demo office's signing keys, a demo seeder registered by `apps.py`.
- `manage.py demo_request`: the whole procedure on demo data, hand-over included.
"""
