"""``jalons demo`` serves pages, including those computed with polars, from its
forked workers (a thread pool inherited through fork would hang them)."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from jalons.demo import DEMO_PASSWORD
from tests.cli.sqlite_only import demo_uses_sqlite_only


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process, seconds: float = 400) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("le serveur de démonstration n'a pas démarré")


@demo_uses_sqlite_only
def test_the_demo_server_signs_in_and_computes_indicators(tmp_path):
    port = free_port()
    env = {**os.environ, "JALONS_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "jalons", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(port, process)
        base = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = opener.open(f"{base}/connexion/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "email": "direction.etti@jalons.example",
                "password": DEMO_PASSWORD,
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/connexion/", data=data, headers={"Referer": f"{base}/connexion/"}
        )
        home = opener.open(request, timeout=30)
        structure_url = home.geturl()
        assert "/structures/" in structure_url
        indicators = opener.open(f"{structure_url}indicateurs/?periode=annee-2025", timeout=30)
        html = indicators.read().decode()
        assert indicators.status == 200
        assert "Taux de sortie dynamique" in html and "dgefp-2014" in html
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        process.stdout.close()
