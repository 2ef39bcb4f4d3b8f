"""Settings of `make bench`: the test settings with the production password hasher (the
signer's password check is part of issuing a letter, so it is measured as deployed)."""

from django.conf import global_settings

from autentika.config.settings.test import *  # noqa: F403

PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
# The scale suite fetches pages with Django's test client (host "testserver").
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
