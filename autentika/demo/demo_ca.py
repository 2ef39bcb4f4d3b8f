"""The demo/test certificate authority, declared for Certomancer: a root, an intermediate that
issues the signers' certificates, a time-stamping authority, an OCSP responder and CRLs.

The architecture is the YAML `demo_pki/pki.yml`; this module fills in what is decided once, when
the demo CA is created under `base_dir` (its keys, the address of its services, validity dates),
and adds one certificate per demo signer. Certomancer derives the same certificates from the
same config every time, so the signer's PKCS#12, the service process (`manage.py pki_serve`)
and the tests all see one CA.

On disk under `base_dir` (never beside the signers' keys, see trust.signer_key_path):
`keys/*.key.pem` (the CA's keys, encrypted with the demo CA passphrase), `keys/signers/*.pub.pem`
(only the public keys of the signers), `state.json` (dates, service address, signers),
`certomancer.yml` (the effective config) and `root.pem` (the root, for trust_roots_load).
"""

import datetime as dt
import json
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from asn1crypto import x509 as asn1_x509
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, PKIArchitecture
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from autentika.signing.trust import locked_dir, private_file_write

from . import pki
from .demo_keys import demo_ca_backend_install

ARCH = "demo"
TEMPLATE = Path(__file__).with_name("demo_pki") / "pki.yml"
CA_KEYS = ("root", "interm", "tsa", "ocsp", "bsre")
FIRST_SIGNER_SERIAL = 0x2000
ROOT_YEARS, INTERM_YEARS, TSA_YEARS = 30, 20, 15
# A demo signer certificate is reissued when it would expire within this margin.
RENEW_MARGIN = dt.timedelta(days=1)
DEMO_ORGANIZATIONAL_UNIT = "DEMO - BUKAN UNTUK PENGGUNAAN RESMI"
_CONFIGS: dict[tuple[str, int], CertomancerConfig] = {}


def iso_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _years(moment: dt.datetime, years: int) -> dt.datetime:
    return moment + dt.timedelta(days=365 * years)


@dataclass(frozen=True)
class DemoCa:
    base_dir: Path
    passphrase: str

    @property
    def key_dir(self) -> Path:
        return self.base_dir / "keys"

    @property
    def state_path(self) -> Path:
        return self.base_dir / "state.json"

    @property
    def config_path(self) -> Path:
        return self.base_dir / "certomancer.yml"

    @property
    def root_path(self) -> Path:
        return self.base_dir / "root.pem"

    @property
    def tsa_path(self) -> Path:
        """The demo TSA's certificate: a TSA trust anchor (validation_policy.py)."""
        return self.base_dir / "tsa.pem"

    def state(self) -> dict[str, Any]:
        return dict(json.loads(self.state_path.read_text()))

    def config(self) -> CertomancerConfig:
        """Certomancer's view of the CA, cached per version of the config file. Keys are
        decrypted when first used (each takes a few hundred milliseconds)."""
        version = (str(self.config_path), self.config_path.stat().st_mtime_ns)
        if version not in _CONFIGS:
            demo_ca_backend_install()
            _CONFIGS.clear()
            _CONFIGS[version] = CertomancerConfig(
                yaml.safe_load(self.config_path.read_text()),
                key_search_dir=str(self.base_dir),
                lazy_load_keys=True,
            )
        return _CONFIGS[version]

    def arch(self) -> PKIArchitecture:
        return self.config().get_pki_arch(ArchLabel(ARCH))

    @property
    def url_prefix(self) -> str:
        return str(self.state()["url_prefix"])

    @property
    def tsa_url(self) -> str:
        return f"{self.url_prefix}/{ARCH}/tsa/tsa"

    def certificate(self, label: str) -> x509.Certificate:
        return _to_cryptography(self.arch().get_cert(CertLabel(label)))

    def root_cert(self) -> x509.Certificate:
        return pki.certificate_from_pem(self.root_path.read_bytes())


def _to_cryptography(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def _config_render(ca: DemoCa, state: dict[str, Any]) -> str:
    """The effective Certomancer config: the template with this CA's values and its signers."""
    text = string.Template(TEMPLATE.read_text()).substitute(
        url_prefix=state["url_prefix"],
        key_dir=str(ca.key_dir),
        key_password=ca.passphrase,
        ca_from=state["ca_from"],
        root_to=state["root_to"],
        interm_to=state["interm_to"],
        tsa_to=state["tsa_to"],
    )
    config = yaml.safe_load(text)
    keys = config["keysets"]["demo"]["keys"]
    arch = config["pki-architectures"][ARCH]
    for username, signer in state["signers"].items():
        label = f"signer-{username}"
        keys[label] = {"path": f"signers/{username}.pub.pem", "public-only": True}
        arch["entities"][label] = _entity(signer)
        arch["certs"][label] = _signer_cert(label, signer, issuer="interm")
    # The TSA rekeyed (demo_tsa.py): same name, new key and dates; the service signs with the
    # newest, the older certificates stay for the letters they stamped.
    for renewal in state.get("tsa_renewals", []):
        label = renewal["label"]
        keys[label] = {"path": f"{label}.key.pem"}
        validity = {"valid-from": renewal["valid_from"], "valid-to": renewal["valid_to"]}
        arch["certs"][label] = {
            **arch["certs"]["tsa"],
            "subject": "tsa",
            "subject-key": label,
            "validity": validity,
        }
        arch["services"]["time-stamping"]["tsa"] = {"signing-key": label, "signing-cert": label}
    # Signers whose key the BSrE simulator and the CSC service hold (bsre_test_ca.py).
    for label, signer in state.get("remote_signers", {}).items():
        keys[label] = {"path": f"remote/{label}.key.pem"}
        entity = _entity(signer)
        entity["serial-number"] = signer["nik"]
        if signer["email"]:
            entity["email-address"] = signer["email"]
        arch["entities"][label] = entity
        arch["certs"][label] = _signer_cert(label, signer, issuer="bsre")
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _entity(signer: dict[str, Any]) -> dict[str, str]:
    entity = {"common-name": signer["common_name"], "organizational-unit-name": signer["unit"]}
    if signer["organization"]:
        entity["organization-name"] = signer["organization"]
    if signer["title"]:
        entity["title"] = signer["title"]
    return entity


def _signer_cert(label: str, signer: dict[str, Any], *, issuer: str) -> dict[str, Any]:
    """A signer's certificate from `issuer`, with that CA's CRL and OCSP addresses."""
    cert: dict[str, Any] = {
        "subject": label,
        "subject-key": label,
        "issuer": issuer,
        "serial": signer["serial"],
        "validity": {"valid-from": signer["valid_from"], "valid-to": signer["valid_to"]},
        "extensions": [
            {
                "id": "key_usage",
                "critical": True,
                "smart-value": {
                    "schema": "key-usage",
                    "params": ["digital_signature", "non_repudiation"],
                },
            },
            {
                "id": "crl_distribution_points",
                "smart-value": {
                    "schema": "crl-dist-url",
                    "params": {"crl-repo-names": [issuer]},
                },
            },
            {
                "id": "authority_information_access",
                "smart-value": {
                    "schema": "aia-urls",
                    "params": {"ocsp-responder-names": [issuer]},
                },
            },
        ],
    }
    if signer.get("revoked_since"):
        cert["revocation"] = {
            "revoked-since": signer["revoked_since"],
            "reason": signer.get("revocation_reason") or "key_compromise",
        }
    return cert


def state_write(ca: DemoCa, state: dict[str, Any]) -> None:
    private_file_write(ca.state_path, json.dumps(state, indent=2, ensure_ascii=False).encode())
    private_file_write(ca.config_path, _config_render(ca, state).encode())


def demo_ca_ensure(
    *, base_dir: Path, url_prefix: str, passphrase: str, now: dt.datetime | None = None
) -> DemoCa:
    """The demo CA under `base_dir`, created once: encrypted keys, state, config, root.pem.
    An existing CA keeps its keys and dates; only the address of its services is updated."""
    if not passphrase:
        raise ValueError("Frasa sandi CA demo tidak boleh kosong.")
    ca = DemoCa(base_dir=base_dir, passphrase=passphrase)
    url_prefix = url_prefix.rstrip("/")
    with locked_dir(base_dir):
        if ca.state_path.exists() and ca.root_path.exists():
            state = ca.state()
            missing = [k for k in CA_KEYS if not (ca.key_dir / f"{k}.key.pem").exists()]
            for label in missing:  # a CA made before the BSrE test intermediate existed
                _ca_key_write(ca, label)
            if state["url_prefix"] != url_prefix or missing:
                state["url_prefix"] = url_prefix
                state_write(ca, state)
            if not ca.tsa_path.exists():  # a CA made before TSA anchors existed
                tsa_pem_write(ca)
            return ca
        start = (now or dt.datetime.now(dt.UTC)) - pki.CLOCK_SKEW
        for directory in (ca.key_dir, ca.key_dir / "signers"):
            directory.mkdir(exist_ok=True, mode=0o700)
        for label in CA_KEYS:
            _ca_key_write(ca, label)
        state = {
            "url_prefix": url_prefix,
            "ca_from": iso_time(start),
            "root_to": iso_time(_years(start, ROOT_YEARS)),
            "interm_to": iso_time(_years(start, INTERM_YEARS)),
            "tsa_to": iso_time(_years(start, TSA_YEARS)),
            "next_serial": FIRST_SIGNER_SERIAL,
            "signers": {},
        }
        state_write(ca, state)
        root = ca.certificate("root")
        private_file_write(ca.root_path, pki.certificate_to_pem(root), mode=0o644)
        tsa_pem_write(ca)
    return ca


def tsa_pem_write(ca: DemoCa) -> None:
    """tsa.pem: every certificate the demo TSA has had, the TSA anchors of validation."""
    labels = ["tsa", *(r["label"] for r in ca.state().get("tsa_renewals", []))]
    pem = b"".join(pki.certificate_to_pem(ca.certificate(label)) for label in labels)
    private_file_write(ca.tsa_path, pem, mode=0o644)


def _ca_key_write(ca: DemoCa, label: str) -> None:
    key = pki.private_key_generate()
    private_file_write(
        ca.key_dir / f"{label}.key.pem", pki.private_key_to_pem(key, passphrase=ca.passphrase)
    )


def signer_record(ca: DemoCa, *, common_name: str, title: str, organization: str) -> dict[str, str]:
    """What a demo signer's certificate says, as recorded in the state: a change reissues it."""
    return {
        "common_name": common_name,
        "title": title,
        "organization": organization,
        "unit": DEMO_ORGANIZATIONAL_UNIT,
        # The certificate carries the services' address: a moved service means a new one.
        "url_prefix": ca.url_prefix,
    }


def demo_signer_ensure(
    *,
    ca: DemoCa,
    username: str,
    key_path: Path,
    common_name: str,
    title: str,
    organization: str,
    passphrase: str,
    valid_days: int = 730,
    now: dt.datetime | None = None,
) -> Path:
    """`key_path`, a PKCS#12 with the signer's key, its certificate from the demo intermediate
    and the chain. Kept when it opens with `passphrase`, is the demo CA's current certificate
    for this signer with the same name, and is valid for at least another day; (re)issued
    otherwise (a new key and serial)."""
    moment = now or dt.datetime.now(dt.UTC)
    wanted = signer_record(ca, common_name=common_name, title=title, organization=organization)
    with locked_dir(ca.base_dir):
        state = ca.state()
        current = state["signers"].get(username)
        if current and _signer_usable(key_path, passphrase, current, wanted, moment):
            return key_path
        key = pki.private_key_generate()
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        private_file_write(ca.key_dir / "signers" / f"{username}.pub.pem", public_pem)
        start = moment - pki.CLOCK_SKEW
        state["signers"][username] = {
            **wanted,
            "serial": state["next_serial"],
            "valid_from": iso_time(start),
            "valid_to": iso_time(start + dt.timedelta(days=valid_days)),
        }
        state["next_serial"] += 1
        state_write(ca, state)
        cert = ca.certificate(f"signer-{username}")
        chain = [ca.certificate("interm"), ca.certificate("root")]
        key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        private_file_write(
            key_path,
            pkcs12.serialize_key_and_certificates(
                name=common_name.encode(),
                key=key,
                cert=cert,
                cas=chain,
                encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
            ),
        )
    return key_path


def demo_signer_revoke(
    *, ca: DemoCa, username: str, at: dt.datetime | None, reason: str = "key_compromise"
) -> None:
    """Record the signer's certificate as revoked since `at` for `reason` (an RFC 5280
    CRLReason name; `at` None: not revoked, e.g. a hold lifted). The CRL and OCSP services
    answer accordingly after they reload the config."""
    with locked_dir(ca.base_dir):
        state = ca.state()
        state["signers"][username]["revoked_since"] = iso_time(at) if at else None
        state["signers"][username]["revocation_reason"] = reason if at else None
        state_write(ca, state)


def _signer_usable(
    path: Path,
    passphrase: str,
    recorded: dict[str, Any],
    wanted: dict[str, str],
    moment: dt.datetime,
) -> bool:
    if not path.exists() or any(recorded.get(k) != v for k, v in wanted.items()):
        return False
    held = _p12_certificate(path, passphrase)
    if held is None or held[0] != recorded["serial"]:
        return False
    return held[1] - RENEW_MARGIN > moment


# (path, mtime, size, passphrase) -> (serial, not_after) of the PKCS#12's certificate: opening
# one decrypts it (a few dozen milliseconds), and every demo seeding asks about every signer.
_P12_SEEN: dict[tuple[str, int, int, str], tuple[int, dt.datetime] | None] = {}


def _p12_certificate(path: Path, passphrase: str) -> tuple[int, dt.datetime] | None:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, passphrase)
    if key not in _P12_SEEN:
        try:
            _, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), passphrase.encode())
        except ValueError:
            cert = None
        _P12_SEEN[key] = (cert.serial_number, cert.not_valid_after_utc) if cert else None
    return _P12_SEEN[key]


def demo_ca_current() -> DemoCa:
    """The office's demo CA as the settings place it (created when missing)."""
    from django.conf import settings

    from autentika.signing.trust import pki_dir

    return demo_ca_ensure(
        base_dir=pki_dir(),
        url_prefix=settings.AUTENTIKA_DEMO_PKI_URL,
        passphrase=settings.AUTENTIKA_DEMO_CA_PASSPHRASE,
    )
