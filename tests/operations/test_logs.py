"""Log lines as JSON with the request id that the answer's X-Request-ID header carries."""

import io
import json
import logging
import logging.config

import pytest

from autentika.config.settings.log_config import logging_config


@pytest.fixture
def json_log(settings):
    """The production log configuration (JSON), its console writing into a buffer; the test
    settings' own configuration is put back afterwards."""
    logging.config.dictConfig(logging_config(log_format="json", level="INFO"))
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
