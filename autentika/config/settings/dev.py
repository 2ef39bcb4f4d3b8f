"""Local development and `make run`: the embedded SQLite default, e-mail to the console."""

from .base import *  # noqa: F403
