import pytest


@pytest.fixture
def settings_url(sumut):
    from django.urls import reverse

    def url(name: str = "settings", *args: object) -> str:
        return reverse(f"organization:{name}", args=[sumut.code, *args])

    return url
