"""The text rule of every form holds for what the API is sent (issue #27): a right-to-left
override (U+202E) in any text field is refused with 422 and an Indonesian message that names
the field and the character, before the request does anything; and no text input of any
operation, present or added later, escapes the rule."""

import typing

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from autentika.api.text import InputSchema, text_checked, validation_error_text
from autentika.api.views import api

RLO = "\u202e"


def _names_the_field(body: dict, *, source: str, field: str) -> None:
    assert body["detail"].startswith("Permintaan tidak sah: Kolom " + field + " memuat karakter")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in body["detail"]
    (error,) = body["errors"]
    assert error["loc"] == [source, field]
    assert "U+202E" in error["msg"] and "tidak diizinkan" in error["msg"]


@pytest.mark.django_db
def test_a_letter_code_with_an_override_is_refused_naming_the_field(client):
    response = client.get(f"/api/v1/letters/abc{RLO}fdp")
    assert response.status_code == 422
    _names_the_field(response.json(), source="path", field="token")


@pytest.mark.django_db
def test_a_file_check_with_an_override_in_its_code_is_refused_naming_the_field(client):
    upload = SimpleUploadedFile("surat.pdf", b"%PDF-1.7 bukan surat", "application/pdf")
    response = client.post("/api/v1/verify", {"file": upload, "token": f"kode{RLO}"})
    assert response.status_code == 422
    _names_the_field(response.json(), source="form", field="token")


def test_a_json_body_schema_refuses_an_override_in_any_string_naming_the_field():
    class Sender(InputSchema):
        name: str

    class Body(InputSchema):
        subject: str
        notes: list[str] = []
        sender: Sender | None = None

    assert Body(subject="Permohonan data", notes=["baris\tsatu\nbaris dua"]).subject
    for data, field in (
        ({"subject": f"surat{RLO}"}, "subject"),
        ({"subject": "a", "notes": ["ok", f"x{RLO}"]}, "notes"),
        ({"subject": "a", "sender": {"name": f"Partai{RLO}"}}, "name"),
    ):
        with pytest.raises(PydanticValidationError) as refused:
            Body.model_validate(data)
        (error,) = refused.value.errors()
        message = validation_error_text(dict(error))
        assert message is not None and message.startswith(f"Kolom {field} memuat karakter")
        assert "U+202E RIGHT-TO-LEFT OVERRIDE" in message


def _rule_of(annotation: typing.Any, metadata: list[typing.Any]) -> bool:
    """A field is under the rule when a validator of it is `text_checked`, or it is a schema
    derived from InputSchema."""
    if any(getattr(item, "func", None) is text_checked for item in metadata):
        return True
    return isinstance(annotation, type) and issubclass(annotation, InputSchema)


def _text_inputs():
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for model in operation.models:
                    for name, field in model.model_fields.items():
                        yield f"{path} {model.__ninja_param_source__}.{name}", field


def test_every_text_input_of_every_operation_is_under_the_rule():
    inputs = list(_text_inputs())
    checked = 0
    for label, field in inputs:
        annotation = field.annotation
        if annotation is str or (
            isinstance(annotation, type) and issubclass(annotation, BaseModel)
        ):
            assert _rule_of(annotation, field.metadata), f"{label} is not under the text rule"
            checked += 1
    assert checked >= 2  # the letter code in the path, the code sent with a file
