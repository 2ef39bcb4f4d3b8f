"""API: django-ninja under `/api/v1/` (schema `/api/v1/openapi.json`).

- `views.py`: `GET letters/{token}` and `POST verify` (a file, optional token; 10 MB limit, 413
  above), both answering `valid` and `status`; `GET requests` and `requests/{id}` for a party's
  bearer token (`PartyToken`: a `portal.PartyApiToken` looked up by its SHA-256), with
  `kip_due_on` (the legal due date in force), `kip_extended`, `kip_extension_reason`. Errors are
  JSON in Indonesian.
- `text.py`: the text rule of every form for what the API is sent: parameters typed `Text`, JSON
  bodies derived from `InputSchema`, 422 naming the field and character
  (`tests/api/test_api_text.py` walks every operation).
"""
