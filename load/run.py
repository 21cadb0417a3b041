"""`make load`: Odoo as a company runs it, many people at once, then what the database holds.

    python load/run.py -c ODOO_CONF --database DB --odoo-bin ODOO_BIN --locust LOCUST --port PORT
                       [--users 10,30,60] [--seconds 180] [--workers 5] [--ci]

For each number of users:

1. A fresh copy of the prepared database (load/prepare.py: demo data and generated portfolios),
   so that every level starts from the same day.
2. Odoo multi-process: ``--workers`` HTTP workers and two cron workers, on the project's
   PostgreSQL, the log at INFO for the cron runner and Odoo's retries of conflicting requests.
3. Locust (load/locustfile.py) for a fixed time; meanwhile the addon's scheduled actions are made
   due every minute so that both cron workers run them under the load.
4. Odoo stopped; the log read for serialization conflicts (retried requests, cron batches run
   again, bad queries by table), and the journal of the load reconciled with the database
   (load/reconcile.py).

A table on stdout (Markdown, as README shows it) and CSV in bench/results/load-<date>.csv.
``--ci`` is the small version (10 users, 60 s): it fails on any HTTP 5xx and on any write lost,
duplicated or half there.
"""

import argparse
import configparser
import contextlib
import csv
import http.cookiejar
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import psycopg2

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = ROOT / "bench" / "results"
CRON_MODULES = "client_specialist%"
FORCE_EVERY_S = 60
RAMP_S = 30
CRON_NICE = 10  # Odoo's cron workers lower their priority by 10: how their CPU is told apart
# The actions whose p95 the issue sets a target for (at 30 users, 2 cores).
TARGETS_MS = {
    "open the portfolio list": 1000,
    "open a client": 1000,
    "open the claims list": 1000,
    "open a claim": 1000,
    "open the orders to approve": 1000,
    "open an order": 1000,
    "open the obligations list": 1000,
    "confirm a quotation": 2000,
    "approve an order": 2000,
}
ACTION_XMLIDS = (
    "res_partner_portfolio_action",
    "action_quotations_with_onboarding",
    "client_specialist_feedback_action",
    "client_specialist_feedback_action_analysis",
    "sale_order_approval_action",
    "client_specialist_obligation_action",
    "client_specialist_obligation_action_pivot",
    "client_specialist_result_action",
)


def say(text):
    print(f"[load] {text}", flush=True)


class Database:
    """Connections to the project's PostgreSQL, from the Odoo configuration file."""

    def __init__(self, conf):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(conf)
        options = parser["options"]
        self.kwargs = {"user": options.get("db_user"), "port": options.get("db_port") or 5432}
        if options.get("db_host", "False") not in ("", "False"):
            self.kwargs["host"] = options["db_host"]
        if options.get("db_password", "False") not in ("", "False"):
            self.kwargs["password"] = options["db_password"]
        self.data_dir = Path(options["data_dir"])

    def connect(self, name):
        """A connection in autocommit, closed at the end of the with block (psycopg2's own
        connection context manager opens a transaction instead, and closes nothing)."""
        connection = psycopg2.connect(dbname=name, **self.kwargs)
        connection.autocommit = True
        return contextlib.closing(connection)

    def copy(self, source, target):
        with self.connect("postgres") as cn, cn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
        store = self.data_dir / "filestore"
        shutil.rmtree(store / target, ignore_errors=True)
        if (store / source).exists():
            shutil.copytree(store / source, store / target)


def tune(db, run_db, args):
    """What-if settings for one run, in its copy only: system parameters, followers made ahead."""
    with db.connect(run_db) as cn, cn.cursor() as cr:
        for item in args.param:
            key, _sep, value = item.partition("=")
            cr.execute(
                "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)"
                " VALUES (%s, %s, 1, 1, now(), now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (key, value),
            )
        if args.subscribe_salespeople:
            # What subscribing the salesperson to their client when assigned would leave: the
            # follower rows are there before the day starts (default subtypes: discussions).
            cr.execute(
                "INSERT INTO mail_followers (res_model, res_id, partner_id)"
                " SELECT 'res.partner', p.id, u.partner_id FROM res_partner p JOIN res_users u ON u.id = p.user_id"
                " WHERE p.parent_id IS NULL AND p.cs_stage IS NOT NULL ON CONFLICT DO NOTHING"
            )
            say(f"what-if: {cr.rowcount} salespeople made followers of their clients")
        if args.crons_at:
            # Not due when the server starts: the day's work (the generated portfolios' late
            # deliveries, follow-ups) waits for the forcer, while everybody is clicking.
            cr.execute(
                "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') + interval '1 day'"
                " WHERE active AND id IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND module LIKE %s)",
                (CRON_MODULES,),
            )


def plan(db, run_db, users, run, out, think):
    """What the locustfile needs: logins per role, action ids, products, the activity type."""
    with db.connect(run_db) as cn, cn.cursor() as cr:

        def logins(pattern):
            cr.execute("SELECT login FROM res_users WHERE login LIKE %s AND active ORDER BY login", (pattern,))
            return [row[0] for row in cr.fetchall()]

        cr.execute(
            "SELECT name, res_id FROM ir_model_data WHERE model = 'ir.actions.act_window' AND name IN %s"
            " AND (module LIKE 'client_specialist%%' OR module = 'sale')",
            (ACTION_XMLIDS,),
        )
        actions = dict(cr.fetchall())
        missing = set(ACTION_XMLIDS) - set(actions)
        if missing:
            sys.exit(f"[load] error: no action {', '.join(sorted(missing))} in {run_db}")
        cr.execute(
            "SELECT id FROM product_product WHERE default_code IS NULL AND id IN"
            " (SELECT p.id FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id"
            " WHERE t.name->>'en_US' LIKE 'Load product %%')"
        )
        products = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id, model FROM ir_model WHERE model IN ('res.partner', 'sale.order')")
        models = {model: model_id for model_id, model in cr.fetchall()}
        cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'mail' AND name = 'mail_activity_data_call'")
        (activity_type,) = cr.fetchone()
        return {
            "database": run_db,
            "run": run,
            "users": users,
            "think": think,
            "logins": {
                "specialists": logins("cs_load_spec_%"),
                "heads": logins("cs_load_head_%"),
                "portal": logins("cs_load_portal_%"),
            },
            "actions": actions,
            "products": products,
            "models": models,
            "activity_type": activity_type,
            "journal": str(out / "journal.jsonl"),
            "summary": str(out / "summary.json"),
        }


class Odoo:
    """The server as a company runs it: a prefork master, HTTP workers and two cron workers."""

    def __init__(self, args, run_db, log):
        self.args, self.run_db, self.log = args, run_db, log
        self.process = None

    def start(self):
        a = self.args
        command = [
            sys.executable,
            a.odoo_bin,
            "-c",
            a.config,
            "-d",
            self.run_db,
            f"--db-filter=^{self.run_db}$",
            f"--workers={a.workers}",
            "--max-cron-threads=2",
            f"--http-port={a.port}",
            f"--gevent-port={a.port + 1}",
            f"--logfile={self.log}",
            "--log-level=warn",
            # Cron runs, Odoo's retries of conflicting requests, the addon's batches run again.
            "--log-handler=odoo.addons.base.models.ir_cron:INFO",
            "--log-handler=odoo.service.model:INFO",
            "--log-handler=odoo.http:INFO",
            "--log-handler=odoo.addons.client_specialist:INFO",
            "--log-handler=werkzeug:WARNING",
            "--limit-time-real=600",
            "--limit-time-cpu=300",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"[load] error: Odoo stopped at start; see {self.log}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{a.port}/web/login", timeout=5).read()
                break
            except OSError:
                time.sleep(1)
        else:
            self.stop()
            sys.exit(f"[load] error: Odoo did not answer on port {a.port} in 120 s; see {self.log}")
        # Each worker loads the registry and the web client's page on its first requests: done
        # here, not in the measurement.
        with ThreadPoolExecutor(a.workers * 2) as pool:
            list(pool.map(lambda _i: self.warm(), range(a.workers * 4)))

    def warm(self):
        url = f"http://127.0.0.1:{self.args.port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        params = {"db": self.run_db, "login": "cs_load_head_1", "password": "cs_load_head_1"}
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        request = urllib.request.Request(
            f"{url}/web/session/authenticate", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            opener.open(request, timeout=300).read()
            opener.open(f"{url}/odoo", timeout=300).read()
        except OSError:
            pass

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGTERM)  # a second one stops at once
                self.process.wait(30)


def cpu_seconds(pids, with_descendants=True, nice=None):
    """CPU seconds (user + system) used so far by these processes and, if asked, their descendants;
    only those running at priority ``nice`` when given (Odoo's cron workers run at nice 10)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used, parents, niceness = {}, {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
        niceness[pid] = int(fields[16])
    wanted, todo = set(), [pid for pid in pids if pid in used]
    while todo:
        pid = todo.pop()
        wanted.add(pid)
        if with_descendants:
            todo += [child for child, parent in parents.items() if parent == pid and child not in wanted]
    return sum(used[pid] for pid in wanted if nice is None or niceness[pid] == nice)


def backends(db, name):
    """The PostgreSQL server processes of the connections to database ``name``."""
    with db.connect("postgres") as cn, cn.cursor() as cr:
        cr.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
        return [row[0] for row in cr.fetchall()]


class CronForcer(threading.Thread):
    """Makes the addon's scheduled actions due every few seconds, and wakes the cron workers."""

    def __init__(self, db, run_db, first_s=3):
        super().__init__(daemon=True)
        self.db, self.run_db, self.first_s = db, run_db, first_s
        self.done = threading.Event()
        self.forced = 0

    def run(self):
        with self.db.connect(self.run_db) as cn, self.db.connect("postgres") as wake:
            while not self.done.wait(FORCE_EVERY_S if self.forced else self.first_s):
                with cn.cursor() as cr:
                    cr.execute(
                        "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') - interval '1 minute'"
                        " WHERE active AND id IN (SELECT res_id FROM ir_model_data"
                        " WHERE model = 'ir.cron' AND module LIKE %s)",
                        (CRON_MODULES,),
                    )
                with wake.cursor() as cr:  # the cron workers LISTEN on the postgres database
                    cr.execute("SELECT pg_notify('cron_trigger', %s)", (self.run_db,))
                self.forced += 1

    def stop(self):
        self.done.set()
        if self.is_alive():
            self.join()


def read_log(path):
    """Conflicts and cron runs in Odoo's log."""
    text = Path(path).read_text(encoding="utf-8", errors="replace") if Path(path).exists() else ""
    found = Counter()
    tables = Counter()
    cron_pids = {}
    crons = Counter()
    errors = Counter()
    failed_jobs = Counter()
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.search(r"(SERIALIZATION_FAILURE|DEADLOCK_DETECTED|LOCK_NOT_AVAILABLE), \d+ tries left", line):
            found["request retried"] += 1
        elif "maximum number of tries reached" in line:
            found["request gave up after 5 tries"] += 1
        elif "met a concurrent update; running it again" in line:
            found["cron batch run again"] += 1
        elif "retrying with a read/write cursor" in line:  # a read-only route wrote: no replica for it
            found["read-only request that wrote"] += 1
        match = re.match(r"\S+ \S+ (\d+) (\w+) \S+ ([\w.]+): (.*)", line)
        if not match:
            continue
        pid, level, logger, message = match.groups()
        if logger.endswith("ir_cron") and re.match(r"Job '.+?' \(\d+\) server action #\d+ failed", message):
            failed_jobs[re.match(r"Job '(.+?)'", message).group(1)] += 1
        if logger.endswith("ir_cron"):
            job = re.match(r"Job '(.+?)' \((\d+)\) starting", message) or re.match(r"Job '(.+?)' starting", message)
            if job:
                crons[job.group(1)] += 1
                cron_pids.setdefault(job.group(1), set()).add(pid)
        if level in ("ERROR", "CRITICAL"):
            if message.startswith("bad query"):
                table = re.search(r'(?:UPDATE|INSERT INTO|DELETE FROM|FROM)\s+"?(\w+)"?', message)
                # PostgreSQL's error is on the next line of the log: "ERROR: could not serialize ..."
                error = next((x for x in lines[index + 1 : index + 4] if x.startswith("ERROR:")), "ERROR: ?")
                kind = error[len("ERROR: ") :].split(" due to")[0].split(" violates")[0][:40]
                tables[(table.group(1) if table else "?", kind)] += 1
            else:
                errors[message.splitlines()[0][:160]] += 1
    return {
        "conflicts": dict(found),
        "bad_queries": {f"{t} ({k})": n for (t, k), n in tables.most_common()},
        "crons": dict(crons),
        "cron_jobs_failed": dict(failed_jobs),
        "cron_workers": sorted({pid for pids in cron_pids.values() for pid in pids}),
        "errors": dict(errors.most_common(15)),
    }


def locust_stats(prefix):
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[(row["Type"], row["Name"])] = row
    return rows


def run_level(args, db, users, seconds, stamp):
    run = f"L{uuid.uuid4().hex[:6]}"
    load_before = os.getloadavg()[0]  # the machine's other work, before this level starts
    run_db = f"{args.database}_run{users}"  # kept after the run, to look into
    out = ROOT / ".local" / "load" / f"{stamp}-{users}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    say(f"{users} users for {seconds} s: copying {args.database} to {run_db}")
    db.copy(args.database, run_db)
    tune(db, run_db, args)
    log = out / "odoo.log"
    odoo = Odoo(args, run_db, log)
    say(f"starting Odoo: {args.workers} HTTP workers, 2 cron workers, port {args.port}")
    forcer = CronForcer(db, run_db, args.crons_at or 3)
    try:
        odoo.start()
        load_plan = plan(db, run_db, users, run, out, args.think)
        (out / "plan.json").write_text(json.dumps(load_plan, indent=1), encoding="utf-8")
        forcer.start()
        rate = users / RAMP_S  # people arrive over half a minute, not all in the same second
        command = [
            args.locust,
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            f"{rate:.3f}",
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "30",
            "--host",
            f"http://127.0.0.1:{args.port}",
            "--csv",
            str(out / "locust"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        env = dict(os.environ, CS_LOAD_PLAN=str(out / "plan.json"))
        think = f"{args.think[0]:g}-{args.think[1]:g} s"
        say(f"Locust: {users} users (arriving over {RAMP_S} s), {seconds} s, think time {think}")
        started = time.monotonic()
        # CPU used by each side during the load: Odoo's process tree and PostgreSQL's backends
        # of the run database (read in /proc), Locust as our child.
        pg_pids = set(backends(db, run_db))
        odoo_cpu, pg_cpu = cpu_seconds([odoo.process.pid]), cpu_seconds(pg_pids, False)
        cron_cpu = cpu_seconds([odoo.process.pid], nice=CRON_NICE)
        locust_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(out / "locust.log", "w", encoding="utf-8") as locust_log:
            subprocess.run(command, env=env, stdout=locust_log, stderr=subprocess.STDOUT, check=False)
        elapsed = time.monotonic() - started
        load_during = os.getloadavg()[0]
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        pg_pids |= set(backends(db, run_db))
        cron_used = cpu_seconds([odoo.process.pid], nice=CRON_NICE) - cron_cpu
        cpu = {
            "odoo": cpu_seconds([odoo.process.pid]) - odoo_cpu - cron_used,
            "cron": cron_used,
            # Backends opened during the run count from zero; those closed before its end are missed.
            "postgresql": cpu_seconds(pg_pids, False) - pg_cpu,
            "locust": after.ru_utime + after.ru_stime - locust_cpu.ru_utime - locust_cpu.ru_stime,
        }
    finally:  # never leave a server behind, whatever failed
        forcer.stop()
        time.sleep(3)
        odoo.stop()
    level = {
        "users": users,
        "seconds": seconds,
        "elapsed": elapsed,
        "forced": forcer.forced,
        "load_before": load_before,
        "load_during": load_during,
        "cpu": cpu,
    }
    (out / "level.json").write_text(json.dumps(level), encoding="utf-8")
    return collect(db, out)


def collect(db, out, seconds=None):
    """One level's result from its folder (and its database): what the tables are made of."""
    from reconcile import reconcile

    load_plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    level = {"users": load_plan["users"], "seconds": seconds, "load_before": math.nan, "load_during": math.nan}
    if (out / "level.json").exists():
        level = json.loads((out / "level.json").read_text(encoding="utf-8"))
    with db.connect(load_plan["database"]) as cn, cn.cursor() as cr:
        problems, writes = reconcile(cr, load_plan["journal"], load_plan["run"])
    (out / "problems.txt").write_text("".join(f"{problem}\n" for problem in problems), encoding="utf-8")
    for problem in problems[:10]:
        say(f"RECONCILIATION: {problem}")
    with open(out / "locust_exceptions.csv", encoding="utf-8") as handle:
        harness_errors = sum(int(row["Count"]) for row in csv.DictReader(handle))
    summary_path = Path(load_plan["summary"])
    return {
        **level,
        "stats": locust_stats(out / "locust"),
        "summary": json.loads(summary_path.read_text()) if summary_path.exists() else {},
        "log": read_log(out / "odoo.log"),
        "problems": problems,
        "writes": writes,
        "harness_errors": harness_errors,
        "out": out,
    }


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def steady(result):
    """{action: (count, p50, p95)} of the clicks started once everybody had arrived and logged in
    (a minute after the start): the day's steady state, without the morning's logins."""
    timings = result["summary"].get("timings") or []
    if not timings:
        return {}
    start = min(t - ms / 1000 for t, _name, ms, _failed in timings)
    by_action = {}
    for t, name, ms, _failed in timings:
        if t - ms / 1000 >= start + RAMP_S + 30:
            by_action.setdefault(name, []).append(ms)
    return {name: (len(values), quantile(values, 0.5), quantile(values, 0.95)) for name, values in by_action.items()}


def quantile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def table(results):
    """Markdown: per level, the whole and each action."""
    lines = [
        "| Users | Action | Count | Failed | Req/s | p50 ms | p95 ms | p99 ms | After 1 min: count | p50 ms |"
        " p95 ms | Target p95 (after 1 min) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    csv_rows = []
    for result in results:
        stats = result["stats"]
        total = stats.get(("", "Aggregated"), {})
        http = [row for (kind, _name), row in stats.items() if kind not in ("ACTION", "")]
        requests = sum(int(row["Request Count"]) for row in http)
        failures = sum(int(row["Failure Count"]) for row in http)
        rps = requests / result["seconds"]
        lines.append(
            f"| {result['users']} | **all HTTP requests** | {requests:,} | {failures} | {rps:.1f} |"
            f" {total_percentile(http, '50%')} | {total_percentile(http, '95%')} | {total_percentile(http, '99%')} |"
            " | | | |"
        )
        csv_rows.append(
            [
                result["users"],
                "all HTTP requests",
                requests,
                failures,
                f"{rps:.2f}",
                total_percentile(http, "50%"),
                total_percentile(http, "95%"),
                total_percentile(http, "99%"),
                "",
                "",
                "",
                "",
            ]
        )
        later = steady(result)
        for (kind, name), row in sorted(stats.items(), key=lambda item: item[0][1]):
            if kind != "ACTION":
                continue
            target = TARGETS_MS.get(name)
            count, p50, p95 = later.get(name, (0, "", ""))
            verdict = "" if target is None or not count else ("met" if p95 <= target else f"over {target / 1000:g} s")
            lines.append(
                f"| {result['users']} | {name} | {int(row['Request Count']):,} | {row['Failure Count']} |"
                f" {number(row['Requests/s']):.2f} | {row['50%']} | {row['95%']} | {row['99%']} |"
                f" {count} | {p50} | {p95} | {verdict} |"
            )
            csv_rows.append(
                [
                    result["users"],
                    name,
                    row["Request Count"],
                    row["Failure Count"],
                    f"{number(row['Requests/s']):.2f}",
                    row["50%"],
                    row["95%"],
                    row["99%"],
                    count,
                    p50,
                    p95,
                    verdict,
                ]
            )
        del total
    return lines, csv_rows


def total_percentile(rows, column):
    """A request-weighted percentile over the request names (Locust's own 'Aggregated' mixes in actions)."""
    weighted = sorted((number(row[column]), int(row["Request Count"])) for row in rows)
    total = sum(count for _value, count in weighted)
    if not total:
        return 0
    share = {"50%": 0.5, "95%": 0.95, "99%": 0.99}[column]
    seen = 0
    for value, count in weighted:
        seen += count
        if seen >= share * total:
            return int(value)
    return int(weighted[-1][0])


def http_requests(result):
    return sum(int(row["Request Count"]) for (kind, _n), row in result["stats"].items() if kind not in ("ACTION", ""))


def cpu_per_request(result):
    cpu, requests = result.get("cpu"), http_requests(result)
    if not cpu or not requests:
        return ""
    return " / ".join(f"{1000 * cpu[side] / requests:.0f}" for side in ("odoo", "postgresql", "locust"))


def errors_table(results):
    lines = [
        "| Users | HTTP 5xx | Conflicts shown to a user | Other errors shown to a user | Requests retried (log) |"
        " Cron batches run again | Cron runs (workers) | Cron runs failed | Writes reconciled | Problems |"
        " Load avg before / during | CPU ms per request: Odoo / PostgreSQL / Locust | Cron workers' CPU s |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|---:|",
    ]
    for result in results:
        by_kind = Counter()
        for error in result["summary"].get("errors", []):
            by_kind[error["kind"]] += error["count"]
        log = result["log"]
        retried = log["conflicts"].get("request retried", 0)
        again = log["conflicts"].get("cron batch run again", 0)
        cron_runs = sum(log["crons"].values())
        writes = sum(sum(states.values()) for states in result["writes"].values())
        others = sum(n for kind, n in by_kind.items() if kind not in ("http_5xx", "conflict"))
        lines.append(
            f"| {result['users']} | {by_kind.get('http_5xx', 0)} | {by_kind.get('conflict', 0)} | {others} |"
            f" {retried} | {again} | {cron_runs} ({len(log['cron_workers'])}) |"
            f" {sum(log.get('cron_jobs_failed', {}).values())} | {writes:,} |"
            f" {len(result['problems'])} |"
            f" {result['load_before']:.1f} / {result['load_during']:.1f} | {cpu_per_request(result)} |"
            f" {result.get('cpu', {}).get('cron', math.nan):.0f} |"
        )
    return lines


def details(results):
    """What the table sums up: refused queries, errors in the log and shown to users, reconciliation."""
    for result in results:
        log = result["log"]
        if log["conflicts"]:
            print(f"{result['users']} users, in Odoo's log: {log['conflicts']}")
        if log["bad_queries"]:
            print(f"{result['users']} users, queries refused by PostgreSQL: {log['bad_queries']}")
        if log["errors"]:
            print(f"{result['users']} users, errors in Odoo's log: {json.dumps(log['errors'], ensure_ascii=False)}")
        for kind in result["summary"].get("errors", []):
            print(f"{result['users']} users, shown to a user: {kind['kind']} in '{kind['action']}' x{kind['count']}")
        for problem in result["problems"][:40]:
            print(f"{result['users']} users, RECONCILIATION: {problem}")
        print(f"{result['users']} users, writes by outcome: {json.dumps(result['writes'])}")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--odoo-bin", required=True)
    parser.add_argument("--locust", required=True)
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--users", default="10,30,60", help="comma-separated numbers of concurrent users")
    parser.add_argument("--seconds", type=int, default=180, help="how long each level runs")
    # 2 cores: Odoo's rule is 2 x cores + 1 HTTP workers; see README, Load test.
    parser.add_argument("--workers", type=int, default=int(os.environ.get("LOAD_WORKERS", 5)))
    parser.add_argument("--think", default="2,8", help="think time between two clicks, min,max seconds")
    parser.add_argument("--ci", action="store_true", help="10 users, 60 s; fail on any HTTP 5xx or lost write")
    parser.add_argument("--no-save", action="store_true", help="print only; nothing written to bench/results")
    parser.add_argument("--param", action="append", default=[], help="what-if: KEY=VALUE system parameter")
    parser.add_argument(
        "--subscribe-salespeople", action="store_true", help="what-if: each client followed by its salesperson"
    )
    parser.add_argument("--again", nargs="+", metavar="FOLDER", help="tables of earlier levels (.local/load/...)")
    parser.add_argument(
        "--crons-at", type=int, default=0, metavar="S", help="what-if: scheduled actions first run S s into a level"
    )
    parser.add_argument("--tag", default="", help="a word added to the CSV file's name (what-if runs)")
    return parser.parse_args()


def main():
    args = arguments()
    if args.ci:
        args.users, args.seconds = "10", 60
    args.think = tuple(float(x) for x in args.think.split(","))
    db = Database(args.config)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
    results = []
    if args.again:  # the tables of earlier runs, reconciled again with their kept databases
        levels = [collect(db, Path(folder).resolve(), args.seconds) for folder in args.again]
        args.seconds = levels[0]["seconds"]
    else:
        levels = (run_level(args, db, int(x), args.seconds, stamp) for x in args.users.split(","))
    for result in levels:
        users = result["users"]
        results.append(result)
        runs, workers = sum(result["log"]["crons"].values()), ", ".join(result["log"]["cron_workers"])
        say(
            f"{users} users: {len(result['problems'])} reconciliation problems; cron runs {runs}"
            f" by workers {workers or 'none'}; files in {result['out']}"
        )
    lines, csv_rows = table(results)
    error_lines = errors_table(results)
    header = (
        f"Measured {datetime.now():%Y-%m-%d} on {os.cpu_count()} cores, Python {platform.python_version()},"
        f" {args.workers} HTTP workers and 2 cron workers, Locust on the same machine; {args.seconds} s per level,"
        f" think time {args.think[0]:g}-{args.think[1]:g} s between clicks."
    )
    print("\n" + header + "\n\n" + "\n".join(lines) + "\n\n" + "\n".join(error_lines) + "\n")
    details(results)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        suffix = "-ci" if args.ci else f"-{args.tag}" if args.tag else ""
        path = RESULTS / f"load-{stamp}{suffix}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "users",
                    "action",
                    "count",
                    "failed",
                    "per_second",
                    "p50_ms",
                    "p95_ms",
                    "p99_ms",
                    "steady_count",
                    "steady_p50_ms",
                    "steady_p95_ms",
                    "target",
                ]
            )
            writer.writerows(csv_rows)
        say(f"saved {path.relative_to(ROOT)}")
    # Per level, four checks; the last line counts them as a test runner would.
    passed = failed = 0
    for result in results:
        fives = sum(e["count"] for e in result["summary"].get("errors", []) if e["kind"] == "http_5xx")
        checks = [
            (not fives, f"{fives} HTTP 5xx"),
            (not result["problems"], f"{len(result['problems'])} writes lost, duplicated or half there"),
            (bool(result["summary"] and result["writes"]), f"no write made; see {result['out']}/locust.log"),
            (not result["harness_errors"], f"the locustfile raised {result['harness_errors']} exceptions"),
        ]
        for ok, text in checks:
            passed += ok
            failed += not ok
            if not ok:
                say(f"FAILED at {result['users']} users: {text}")
    print(f"load: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
