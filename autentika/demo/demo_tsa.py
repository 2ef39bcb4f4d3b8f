"""The demo TSA rekeyed, as a real TSA is before its certificate expires: a new key and
certificate under the same name, from the demo root. Letters stamped earlier keep their
timestamps; `letters_maintain` then adds document timestamps of the new certificate, which carry
them past the old one's expiry. NOT FOR OFFICIAL USE, like the rest of the demo CA."""

import datetime as dt

from autentika.signing.trust import locked_dir, private_file_write

from . import demo_ca, pki


def demo_tsa_renew(*, ca: demo_ca.DemoCa, years: int, now: dt.datetime | None = None) -> str:
    """Issue the demo TSA a new certificate valid `years` from now; the TSA service signs with
    it from its next request on. Returns the new certificate's label."""
    start = (now or dt.datetime.now(dt.UTC)) - pki.CLOCK_SKEW
    with locked_dir(ca.base_dir):
        state = ca.state()
        renewals = state.setdefault("tsa_renewals", [])
        label = f"tsa-{len(renewals) + 2}"
        key = pki.private_key_generate()
        private_file_write(
            ca.key_dir / f"{label}.key.pem", pki.private_key_to_pem(key, passphrase=ca.passphrase)
        )
        renewals.append(
            {
                "label": label,
                "valid_from": demo_ca.iso_time(start),
                "valid_to": demo_ca.iso_time(start + dt.timedelta(days=365 * years)),
            }
        )
        demo_ca.state_write(ca, state)
        demo_ca.tsa_pem_write(ca)
    return label
