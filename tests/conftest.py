"""Outside-in tests: a real Odoo server, spoken to over XML-RPC as an integrator would.

The server runs on a database of its own, copied from the cached sale_management template
(the one `make test` builds), on a free local port; it is stopped and dropped afterwards.
`make test` exports CS_ODOO_BIN, CS_ODOO_CONF and CS_PYTHON.
"""

import os
import socket
import subprocess
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    def __init__(self, url, db):
        self.url, self.db = url, db

    def login(self, login, password):
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common", allow_none=True)
        uid = common.authenticate(self.db, login, password, {})
        assert uid, f"{login} could not log in"
        return RpcUser(self, uid, password)


class RpcUser:
    def __init__(self, server, uid, password):
        self.server, self.uid, self.password = server, uid, password
        self.proxy = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(self.server.db, self.uid, self.password, model, method, list(args), kwargs)


@pytest.fixture(scope="session")
def odoo_server():
    odoo_bin, conf, python = (os.environ.get(k) for k in ("CS_ODOO_BIN", "CS_ODOO_CONF", "CS_PYTHON"))
    if not (odoo_bin and conf and python):
        pytest.fail("run the outside-in tests through `make test`, which prepares the server settings")
    venv_bin = Path(python).parent
    db = os.environ.get("TEST_DB", "client_specialist_test") + "_rpc"
    subprocess.run([venv_bin / "click-odoo-dropdb", "-c", conf, "--if-exists", db], check=True)
    subprocess.run(
        [
            venv_bin / "click-odoo-initdb",
            "-c",
            conf,
            "-n",
            db,
            "-m",
            "sale_management",
            "--demo",
            "--cache-prefix",
            "cstpl",
            "--cache-max-age",
            "30",
            "--cache-max-size",
            "3",
            "--log-level",
            "warn",
        ],
        check=True,
    )
    port = _free_port()
    log = open(ROOT / ".local" / "odoo-rpc-test.log", "w", encoding="utf-8")
    process = subprocess.Popen(
        [
            python,
            odoo_bin,
            "-c",
            conf,
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--http-port",
            str(port),
            "--max-cron-threads",
            "0",
            "--log-level",
            "warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            if process.poll() is not None:
                pytest.fail(f"Odoo stopped at start; see {log.name}")
            try:
                urllib.request.urlopen(f"{url}/web/login", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("Odoo did not answer within 60 s")
        yield OdooServer(url, db)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        subprocess.run([venv_bin / "click-odoo-dropdb", "-c", conf, "--if-exists", db], check=False)
