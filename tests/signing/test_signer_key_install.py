"""A signer's key is installed only when it belongs to the person and office on record and
chains to a trust root."""

import io

import pytest
from django.core.management import CommandError, call_command

from autentika.demo import demo_ca, pki
from autentika.signing import trust
from autentika.signing.pades import SigningError
from autentika.signing.signer_keys import signer_key_check

PASSPHRASE = "frasa-uji"


def _demo_p12(ca: demo_ca.DemoCa, tmp_path, common_name: str, organization: str) -> bytes:
    path = demo_ca.demo_signer_ensure(
        ca=ca,
        username="calon",
        key_path=tmp_path / "calon.p12",
        common_name=common_name,
        title="Ketua",
        organization=organization,
        passphrase=PASSPHRASE,
    )
    return path.read_bytes()


@pytest.mark.django_db
def test_key_naming_the_person_and_office_is_installed(demo_pki, sumut, demo_user, tmp_path):
    ketua = demo_user("ketua")
    data = _demo_p12(demo_pki, tmp_path, ketua.get_full_name(), sumut.name)
    (tmp_path / "kunci.p12").write_bytes(data)
    out = io.StringIO()
    call_command(
        "signer_key_install",
        "ketua",
        str(tmp_path / "kunci.p12"),
        office=sumut.code,
        passphrase=PASSPHRASE,
        stdout=out,
    )
    assert "Kunci dipasang" in out.getvalue()
    assert trust.signer_key_path("ketua").read_bytes() == data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("holder", "organization", "refusal"),
    [("Orang Lain", None, "bukan"), (None, "KPU Kota Lain", "tidak menyebut kantor")],
)
def test_key_of_someone_else_or_another_office_is_refused(
    demo_pki, sumut, demo_user, tmp_path, holder, organization, refusal
):
    name = demo_user("ketua").get_full_name()
    data = _demo_p12(demo_pki, tmp_path, holder or name, organization or sumut.name)
    with pytest.raises(SigningError, match=refusal):
        signer_key_check(
            pkcs12_bytes=data, passphrase=PASSPHRASE, person_name=name, office_name=sumut.name
        )


@pytest.mark.django_db
def test_key_from_an_untrusted_ca_is_refused(demo_pki, sumut, demo_user, tmp_path):
    name = demo_user("ketua").get_full_name()
    ca_key, ca_cert = pki.test_ca_create(common_name="CA Tak Dikenal")
    key, cert = pki.signer_certificate_issue(
        ca_key=ca_key, ca_cert=ca_cert, common_name=name, organization=sumut.name
    )
    data = pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase=PASSPHRASE)
    (tmp_path / "asing.p12").write_bytes(data)
    with pytest.raises(CommandError, match="tidak berantai"):
        call_command(
            "signer_key_install",
            "ketua",
            str(tmp_path / "asing.p12"),
            office=sumut.code,
            passphrase=PASSPHRASE,
            stdout=io.StringIO(),
        )
