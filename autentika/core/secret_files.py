"""A secret kept in a file of its own, made once (mode 0600) the first time it is read: the
integrity key (core/integrity.py), the task worker's key (bulk/sealed.py)."""

import os
from collections.abc import Callable
from pathlib import Path


def secret_file_text(path: Path, *, make: Callable[[], str]) -> str:
    """The file's text, stripped; `make()` written to it first when it does not exist (a race
    with another process making it is harmless: the first one's stays)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(make())
    return path.read_text().strip()
