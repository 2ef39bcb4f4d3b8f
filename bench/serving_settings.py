"""The serving suite's server: the production settings as deployed (environment included), with
one addition, a minimal view in the same URL configuration (bench/serving_urls.py) as the
floor the verification pages are compared with. Never used outside `make bench`."""

from autentika.config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.serving_urls"
