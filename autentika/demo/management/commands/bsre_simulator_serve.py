from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from werkzeug.serving import make_server

from autentika.demo.bsre_simulator import FAILURES, STATUSES, BsreSimulator
from autentika.demo.bsre_test_ca import bsre_ca_pem_path
from autentika.demo.demo_ca import demo_ca_current
from autentika.demo.demo_signing import DEMO_BSRE_PORT, demo_client
from autentika.demo.pki_service import serve_until_interrupted
from autentika.demo.signers import demo_signing_passphrase


class Command(BaseCommand):
    help = (
        "Menjalankan simulator BSrE (Esign Client Service API v1 dan v2) untuk demo: "
        "menandatangani atas nama penanda tangan demo dengan CA uji BSrE milik CA demo dan "
        "stempel waktu dari TSA demo (hanya untuk pengembangan dan demo; `make run` "
        "menjalankannya di samping server web)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="alamat yang didengarkan (bawaan 127.0.0.1)"
        )
        port = urlsplit(settings.AUTENTIKA_DEMO_BSRE_URL).port or DEMO_BSRE_PORT
        parser.add_argument(
            "--port",
            type=int,
            default=port,
            help=f"porta yang didengarkan (bawaan {port}, dari AUTENTIKA_DEMO_BSRE_URL)",
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            metavar="NIK=STATUS",
            help="status pengguna selain ISSUE untuk NIK itu (" + ", ".join(STATUSES) + ")",
        )
        parser.add_argument(
            "--failure",
            default="",
            choices=[f for f in FAILURES if f],
            help="kegagalan yang disimulasikan pada setiap penandatanganan",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        statuses: dict[str, str] = {}
        for item in options["status"]:
            nik, _, status = item.partition("=")
            if status not in STATUSES:
                raise CommandError(f"Status {status!r} tidak dikenal: {', '.join(STATUSES)}.")
            statuses[nik] = status
        ca = demo_ca_current()
        bsre_ca_pem_path(ca)
        username, password = demo_client()
        simulator = BsreSimulator(
            ca=ca,
            username=username,
            password=password,
            passphrase=demo_signing_passphrase(),
            tsa_url=settings.AUTENTIKA_TSA_URL,
            statuses=statuses,
            failure=options["failure"],
        )
        server = make_server(options["host"], options["port"], simulator, threaded=True)
        self.stdout.write(
            f"Simulator BSrE di http://{options['host']}:{server.server_port} "
            f"(pengguna API {username!r}; passphrase penanda tangan demo: "
            f"{demo_signing_passphrase()!r})",
        )
        self.stdout.flush()
        serve_until_interrupted(server)
