import pytest

from autentika.demo import bsre_test_ca
from tests.support.signing import BSRE_CLIENT, TIMEOUT


@pytest.fixture
def remote_signing(settings, monkeypatch, sumut, signer_keys, bsre_simulator, demo_pki):
    """The Ketua of KPU Provinsi Sumatera Utara signs through the BSrE simulator, with the API
    version given; the simulator answers normally unless a test asks otherwise."""
    monkeypatch.setenv("BSRE_UJI_USER", BSRE_CLIENT[0])
    monkeypatch.setenv("BSRE_UJI_PASSWORD", BSRE_CLIENT[1])
    simulator = bsre_simulator.server.app
    simulator.failure = simulator.answer = ""
    simulator.statuses.clear()
    simulator.released.clear()

    def use(kind: str = "bsre", **extra):
        settings.AUTENTIKA_SIGNING_BACKENDS = {
            "kpu-sumut/KETUA": {
                "kind": kind,
                "url": bsre_simulator.url,
                "username_env": "BSRE_UJI_USER",
                "password_env": "BSRE_UJI_PASSWORD",
                "trust_anchors": [bsre_test_ca.bsre_ca_pem_path(demo_pki)],
                "timeout": TIMEOUT,
                **extra,
            }
        }
        return simulator

    yield use
    simulator.released.set()
    simulator.failure = simulator.answer = ""
    simulator.statuses.clear()


@pytest.fixture
def csc_signing(settings, sumut, signer_keys, csc_service, demo_pki):
    csc_service.on_demand.released.clear()

    def use(credential="demo/bsre-{nik}", anchors=None):
        settings.AUTENTIKA_SIGNING_BACKENDS = {
            "kpu-sumut": {
                "kind": "csc",
                "url": csc_service.url,
                "credential": credential,
                "trust_anchors": anchors or [bsre_test_ca.bsre_ca_pem_path(demo_pki)],
                "timeout": TIMEOUT,
            }
        }

    yield use
    csc_service.on_demand.released.set()
    csc_service.on_demand.failures.clear()
