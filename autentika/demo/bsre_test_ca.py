"""The "BSrE test" intermediate of the demo PKI (demo_pki/pki.yml, label `bsre`) and the remote
signers it certifies: the people the BSrE simulator (bsre_simulator.py) and the CSC test
service (csc_service.py) sign for. Unlike the local demo signers, their private keys are in the
demo CA's keyset (encrypted with the demo CA passphrase): the services hold them, as BSrE does.

A remote signer's certificate names the person (common name) and carries the NIK as the
subject's serialNumber and the e-mail address, which the backends compare with the signer's
record (organization.Assignment). Its label is "bsre-<nik>": the CSC credential
"demo/bsre-<nik>".
"""

import datetime as dt
from typing import Any

from certomancer.registry import CertLabel, KeyLabel
from cryptography import x509
from pyhanko.sign.signers.pdf_cms import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from autentika.signing.trust import locked_dir, private_file_write

from . import pki
from .demo_ca import ARCH, DemoCa, iso_time, signer_record, state_write
from .demo_keys import demo_key_signer

BSRE_CA_LABEL = "bsre"
VALID_DAYS = 730


def remote_label(nik: str) -> str:
    return f"bsre-{nik}"


def csc_credential_id(nik: str) -> str:
    return f"{ARCH}/{remote_label(nik)}"


def remote_signer_ensure(
    *,
    ca: DemoCa,
    nik: str,
    common_name: str,
    email: str = "",
    title: str = "",
    organization: str = "",
    now: dt.datetime | None = None,
) -> str:
    """The remote signer with this NIK, issued once (reissued when the name, the e-mail or the
    service address changed, or it would expire within a day). Returns its label."""
    if not (len(nik) == 16 and nik.isdigit()):
        raise ValueError("NIK terdiri atas 16 angka.")
    moment = now or dt.datetime.now(dt.UTC)
    label = remote_label(nik)
    wanted = {
        **signer_record(ca, common_name=common_name, title=title, organization=organization),
        "nik": nik,
        "email": email,
    }
    with locked_dir(ca.base_dir):
        state = ca.state()
        remote = state.setdefault("remote_signers", {})
        current = remote.get(label)
        key_path = ca.key_dir / "remote" / f"{label}.key.pem"
        if (
            current
            and key_path.exists()
            and all(current.get(k) == v for k, v in wanted.items())
            and dt.datetime.fromisoformat(current["valid_to"]) - dt.timedelta(days=1) > moment
        ):
            return label
        key_path.parent.mkdir(exist_ok=True, mode=0o700)
        key = pki.private_key_generate()
        private_file_write(key_path, pki.private_key_to_pem(key, passphrase=ca.passphrase))
        start = moment - pki.CLOCK_SKEW
        remote[label] = {
            **wanted,
            "serial": state["next_serial"],
            "valid_from": iso_time(start),
            "valid_to": iso_time(start + dt.timedelta(days=VALID_DAYS)),
        }
        state["next_serial"] += 1
        state_write(ca, state)
    return label


def remote_signers(ca: DemoCa) -> dict[str, dict[str, Any]]:
    """label -> the recorded remote signer (nik, email, common_name, ...)."""
    return dict(ca.state().get("remote_signers", {}))


def remote_signer_load(ca: DemoCa, label: str) -> SimpleSigner:
    """A pyHanko signer with the remote signer's key, certificate and chain (for the services)."""
    arch = ca.arch()
    chain = [arch.get_cert(c) for c in arch.get_chain(CertLabel(label))]
    return demo_key_signer(
        signing_cert=arch.get_cert(CertLabel(label)),
        signing_key=arch.key_set.get_private_key(KeyLabel(label)),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def bsre_ca_certificate(ca: DemoCa) -> x509.Certificate:
    """The BSrE test intermediate: the trust anchor the BSrE and CSC backends are configured
    with in the demo and the tests."""
    return ca.certificate(BSRE_CA_LABEL)


def bsre_ca_pem_path(ca: DemoCa) -> str:
    """The BSrE test intermediate as a PEM file beside the demo root (written when missing)."""
    path = ca.base_dir / "bsre-test-ca.pem"
    if not path.exists():
        private_file_write(path, pki.certificate_to_pem(bsre_ca_certificate(ca)), mode=0o644)
    return str(path)
