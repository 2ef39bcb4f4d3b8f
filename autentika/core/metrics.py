"""The product's own Prometheus metrics, declared once here so that the part that measures
(letters, verification) and the part that counts on events (operations) share them without an
import against the arrows. `/metrics` (operations/views.py) serves them with django-prometheus'
request, database and migration metrics; the task queue's depth is computed at scrape time
(operations/metrics.py)."""

from prometheus_client import Counter, Histogram

LETTERS_SIGNED = Counter(
    "autentika_letters_signed",
    "Letters signed (committed), by signing backend kind (local, bsre, bsre-v2, csc).",
    ["backend"],
)
VERIFICATION_ANSWERS = Counter(
    "autentika_verification_answers",
    "Answers of the public verification pages, by verdict (letters/verdict.py's words, or the "
    "file check's: not_found, mismatch, invalid, ...) and by what was checked (page: the QR "
    "page of a token; file: an uploaded PDF; archive: the recorded letter's own PDF).",
    ["verdict", "check"],
)
LETTER_SIGNING_SECONDS = Histogram(
    "autentika_letter_signing_seconds",
    "Time of one successful letter_sign: checks, render, read-back, signature with its "
    "timestamp and revocation data, storing.",
    buckets=(0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120),
)
