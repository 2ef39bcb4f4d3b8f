"""The environment as the settings read it (django-environ's `env`, every value literal)."""

import os
from collections.abc import Iterator, Mapping

import environ


class _LiteralEnviron(Mapping[str, str]):
    """The environment as django-environ reads it, each "$" escaped: django-environ takes a value
    starting with "$" for the name of another variable (a password "$ecret" would silently
    become the variable "ecret"); escaped, and with `escape_proxy`, every value is literal."""

    def __getitem__(self, name: str) -> str:
        return os.environ[name].replace("$", "\\$")

    def __iter__(self) -> Iterator[str]:
        return iter(os.environ)

    def __len__(self) -> int:
        return len(os.environ)


env = environ.Env()
env.ENVIRON = _LiteralEnviron()
env.escape_proxy = True


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable, each item stripped, empty items dropped."""
    return [item.strip() for item in env.list(name, default=default) if item.strip()]
