"""Outside-in tests: a real Odoo server, spoken to over XML-RPC as an integrator would.

The server runs on a database of its own, copied from the cached sale_management template
(the one `make test` builds), on a free local port; it is stopped and dropped afterwards.
`make test` exports CS_ODOO_BIN, CS_ODOO_CONF and CS_PYTHON.
"""

import configparser
import contextlib
import os
import socket
import subprocess
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The application and its feature modules (bridges install themselves with them).
ADDONS = tuple(sorted(path.parent.name for path in ROOT.glob("client_specialist*/__manifest__.py")))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    def __init__(self, url, db, process=None):
        self.url, self.db = url, db
        self.process = process  # the server's Popen, for tests that kill it

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


def xmlid(rpc_user, name):
    """The id of the record ``name`` of whichever module of the repository declares it."""
    found = rpc_user.call(
        "ir.model.data", "search_read", [("module", "=like", "client_specialist%"), ("name", "=", name)], ["res_id"]
    )
    assert len({row["res_id"] for row in found}) == 1, f"{name}: {found}"
    return found[0]["res_id"]


def appoint(rpc_user, specialist_ids, category_id, date, order_number):
    """Appoint specialists to a category the way the head of sales does: Appoint to a Category."""
    wizards = rpc_user.call(
        "client_specialist.appointment.wizard",
        "create",
        [
            {
                "specialist_id": specialist_id,
                "category_id": category_id,
                "date": date,
                "order_number": order_number,
                "order_date": date,
            }
            for specialist_id in specialist_ids
        ],
    )
    for wizard in wizards:
        rpc_user.call("client_specialist.appointment.wizard", "action_appoint", [wizard])


def _settings():
    odoo_bin, conf, python = (os.environ.get(k) for k in ("CS_ODOO_BIN", "CS_ODOO_CONF", "CS_PYTHON"))
    if not (odoo_bin and conf and python):
        pytest.fail("run the outside-in tests through `make test`, which prepares the server settings")
    return odoo_bin, conf, python, Path(python).parent


def _new_database(db, install=()):
    """A database copied from the cached sale_management template, with ``install`` added.

    With every addon, `make test` has one ready (CS_ADDONS_DB): a copy of it takes seconds.
    """
    odoo_bin, conf, python, venv_bin = _settings()
    subprocess.run([venv_bin / "click-odoo-dropdb", "-c", conf, "--if-exists", db], check=True)
    if set(install) == set(ADDONS) and os.environ.get("CS_ADDONS_DB"):
        subprocess.run([venv_bin / "click-odoo-copydb", "-c", conf, os.environ["CS_ADDONS_DB"], db], check=True)
        return
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
    if install:
        subprocess.run(
            [python, odoo_bin, "-c", conf, "-d", db, "-i", ",".join(install), "--stop-after-init", "--log-level=warn"],
            check=True,
        )


@contextlib.contextmanager
def serve(db, cron_threads=0, drop=True):
    """A real Odoo server on ``db``, on a free local port; stopped (and the database dropped) at the end."""
    odoo_bin, conf, python, venv_bin = _settings()
    port = _free_port()
    log = open(ROOT / ".local" / f"odoo-{db}-{port}.log", "w", encoding="utf-8")
    command = [python, odoo_bin, "-c", conf, "-d", db, "--db-filter", f"^{db}$", "--http-port", str(port)]
    command += ["--max-cron-threads", str(cron_threads), "--log-level", "warn"]
    # Cron workers wake up as soon as a job is made due, instead of within a minute.
    env = {**os.environ, "ODOO_NOTIFY_CRON_CHANGES": "1"}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
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
        yield OdooServer(url, db, process)
    finally:
        process.terminate()  # nothing happens when a test has killed it already
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        if drop:
            subprocess.run([venv_bin / "click-odoo-dropdb", "-c", conf, "--if-exists", db], check=False)


def pg_connect(db, autocommit=False):
    """A connection of the test's own to a server's database, for tests that hold locks or watch."""
    conf = configparser.ConfigParser()
    conf.read(_settings()[1])
    options = {k: v for k, v in conf["options"].items() if v not in ("False", "")}
    connection = psycopg2.connect(
        dbname=db,
        host=options.get("db_host"),
        port=options.get("db_port"),
        user=options.get("db_user"),
        password=options.get("db_password"),
    )
    # pg_stat_activity is read once per transaction: a watcher sees changes only in autocommit.
    connection.autocommit = autocommit
    return connection


def server_backends(watcher, db, server):
    """(pid, wait_event_type, query) of a server's connections to ``db``, by the name Odoo gives them."""
    with watcher.cursor() as cr:
        cr.execute(
            "SELECT pid, wait_event_type, query FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            (db, f"odoo-{server.process.pid}"),
        )
        return cr.fetchall()


def wait_until(what, condition, timeout=60, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")


def run_cron_now(admin, watcher, server, cron):
    """Make a cron due once the server's cron worker listens: it wakes on the change, not a minute later.

    The worker's connection to the "postgres" database is its listener; it commits its LISTEN.
    """
    wait_until(
        "the cron worker to listen",
        lambda: any(q == "COMMIT" for _pid, _wait, q in server_backends(watcher, "postgres", server)),
    )
    admin.call("ir.cron", "write", [cron], {"nextcall": "2000-01-01 00:00:00"})


@pytest.fixture(scope="session")
def odoo_server():
    """A server on sale_management alone: the addon is installed by the test, as from Apps."""
    db = os.environ.get("TEST_DB", "client_specialist_test") + "_rpc"
    _new_database(db)
    with serve(db) as server:
        yield server


@pytest.fixture(scope="session")
def odoo_server_with_addon():
    """A server with the application and every feature module installed (demo data included)."""
    db = os.environ.get("TEST_DB", "client_specialist_test") + "_web"
    _new_database(db, install=ADDONS)
    with serve(db) as server:
        yield server
