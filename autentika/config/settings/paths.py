"""Where the checkout and its local state (`var/`) are: read by every settings file."""

from pathlib import Path

from .environment import env

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(env.str("AUTENTIKA_VAR_DIR", default=str(BASE_DIR / "var")))
