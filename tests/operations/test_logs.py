"""Log lines as JSON with the request id that the answer's X-Request-ID header carries, and
never a secret someone typed."""

import io
import json
import logging
import logging.config

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from autentika.config.settings.log_config import logging_config
from autentika.letters.services import letter_sign
from tests.support.letters import PASSWORD


@pytest.fixture
def json_log(settings):
    """The production log configuration (JSON), its console writing into a buffer; the test
    settings' own configuration is put back afterwards."""
    logging.config.dictConfig(logging_config(log_format="json", level="DEBUG"))
    buffer = io.StringIO()
    (console,) = logging.getLogger().handlers
    assert isinstance(console, logging.StreamHandler)
    console.setStream(buffer)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def _lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_line_logged_during_a_request_carries_its_request_id(client, json_log):
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (line,) = [line for line in _lines(json_log) if line["logger"] == "django.request"]
    assert line["request_id"] == request_id
    assert line["level"] == "WARNING"
    assert "/halaman-yang-tidak-ada/" in line["message"]
    assert line["time"]


@pytest.mark.django_db
def test_the_request_id_of_the_proxy_is_kept_and_anything_else_replaced(client, json_log):
    from_nginx = "0f4c2a9e8b7d4c1aa3e5f6b7c8d9e0f1"  # nginx's $request_id: 32 hex digits
    assert client.get("/sehat/", HTTP_X_REQUEST_ID=from_nginx)["X-Request-ID"] == from_nginx
    made_up = client.get("/sehat/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert made_up != "<script>" and len(made_up) == 32


@pytest.mark.django_db
def test_no_line_carries_a_password_or_passphrase_typed(
    client, json_log, official, at_signer, demo_user, signer_keys
):
    wrong_password, wrong_passphrase = "Sandi-Keliru-7319", "frasa-keliru-4482"
    client.post(reverse("login"), {"username": "ketua", "password": wrong_password})
    draft = at_signer()
    ketua = demo_user("ketua")
    with pytest.raises(ValidationError):
        letter_sign(draft=draft, actor=ketua, password=PASSWORD, passphrase=wrong_passphrase)
    with pytest.raises(ValidationError):
        letter_sign(draft=draft, actor=ketua, password=wrong_password, passphrase=signer_keys)
    logged = json_log.getvalue()
    assert "axes" in logged  # the failed login was logged, without what was typed
    assert wrong_password not in logged and wrong_passphrase not in logged
    assert signer_keys not in logged and PASSWORD not in logged
