"""`make bench`: client_specialist at 10,000 and 100,000 clients. Not a test: it prints and saves timings.

    python bench/bench.py -c ODOO_CONF [--sizes 10000,100000] [--block 500] [--rebuild]

1. A seed database (kept between runs while the addon and the bench are unchanged): Odoo with
   sale_management and the addon, no demo data, and a block of clients with a year of history made
   through the ORM (seed.py).
2. For each size, a copy of the seed where the block is cloned with SQL up to the size (clone.py),
   and a staff of one specialist per 500 clients, with categories, absences and a job description to
   acknowledge, made through the ORM.
3. Each scheduled action of the addon runs as Odoo's cron runner runs it (batch after batch, a
   commit after each), after its hand-written SQL equivalent has run in a rolled-back transaction
   (equivalents.py). Then the key actions a user waits for.
4. A table on stdout; CSV files in bench/results/; the Markdown table in bench/results/latest.md.
"""

import argparse
import contextlib
import csv
import hashlib
import logging
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import clone  # noqa: E402
import seed  # noqa: E402
from equivalents import EQUIVALENTS  # noqa: E402
from freezegun import freeze_time  # noqa: E402

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, Command, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402
from odoo.tools.safe_eval import safe_eval  # noqa: E402

_logger = logging.getLogger("bench")
# Databases: <prefix>_seed and <prefix>_<size>; --db-prefix keeps two benches on one server apart.
SEED_DB = "cs_bench_seed"
CACHE_PREFIX = "cstpl"  # click-odoo-initdb's template cache; it drops its own oldest ones
CRONS = [
    "ir_cron_absence_refresh_state",
    "ir_cron_specialist_eligibility",
    "ir_cron_job_description_acknowledgement",
    "ir_cron_obligation_overdue",
    "ir_cron_feedback_deadlines",
    "ir_cron_partner_reliability",
    "ir_cron_partner_contact_followup",
    "ir_cron_tier_review",
]
CRON_LIMIT_S = 20.0
SQL_RATIO_LIMIT = 3.0
RATIO_FROM_S = 1.0  # a cron under a second is judged on its queries, not on its ratio to SQL
CLIENTS_PER_SPECIALIST = 500


def say(text):
    print(f"[bench] {text}", flush=True)


# --- databases -------------------------------------------------------------------------------

# The application and every feature module of the repository (the bridges come with them).
ADDONS = tuple(
    os.environ.get("CS_MODULES", "").split(",")
    if os.environ.get("CS_MODULES")
    else sorted(path.parent.name for path in ROOT.glob("client_specialist*/__manifest__.py"))
)


def cs_ref(env, name):
    """The record ``name`` of whichever module of the repository declares it."""
    data = env["ir.model.data"].sudo().search([("module", "=like", "client_specialist%"), ("name", "=", name)])
    data.ensure_one()
    return env[data.model].browse(data.res_id)


def fingerprint(block_size):
    """Changes when the addon, the seed or its size changes: the seed database is rebuilt then."""
    digest = hashlib.sha256(str(block_size).encode())
    paths = [*sorted(p for addon in ADDONS for p in (ROOT / addon).rglob("*")), HERE / "seed.py", HERE / "clone.py"]
    for path in paths:
        if path.is_file() and path.suffix in (".py", ".xml", ".csv"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def admin_connection():
    """A connection to the maintenance database, outside any transaction (CREATE/DROP DATABASE)."""
    with database_connection("postgres") as connection:
        yield connection


@contextlib.contextmanager
def database_connection(name):
    """A connection to ``name`` outside any transaction (CREATE DATABASE, VACUUM)."""
    import psycopg2

    kwargs = {"dbname": name, "user": config["db_user"], "port": config["db_port"] or 5432}
    if config["db_host"]:
        kwargs["host"] = config["db_host"]
    if config["db_password"]:
        kwargs["password"] = config["db_password"]
    connection = psycopg2.connect(**kwargs)
    connection.autocommit = True
    try:
        yield connection
    finally:
        connection.close()


def database_exists(name):
    with admin_connection() as cn, cn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return bool(cr.fetchone())


def release(name):
    """Close this process's connections to ``name`` (a template must have none)."""
    Registry.delete(name)
    odoo.sql_db.close_db(name)


def drop(name):
    release(name)
    with admin_connection() as cn, cn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
    shutil.rmtree(Path(config["data_dir"]) / "filestore" / name, ignore_errors=True)


def copy_database(source, target):
    drop(target)
    release(source)
    with admin_connection() as cn, cn.cursor() as cr:
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    store = Path(config["data_dir"]) / "filestore"
    if (store / source).exists():
        shutil.copytree(store / source, store / target)


def seed_is_current(wanted):
    if not database_exists(SEED_DB):
        return False
    with Registry(SEED_DB).cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'bench.fingerprint'")
        row = cr.fetchone()
    return bool(row and row[0] == wanted)


def build_seed(conf, block_size, today, wanted):
    say(f"building the seed database {SEED_DB}: Odoo, sale_management, the {len(ADDONS)} addons, {block_size} clients")
    drop(SEED_DB)
    venv = Path(sys.executable).parent
    subprocess.run(
        [
            venv / "click-odoo-initdb",
            "-c",
            conf,
            "-n",
            SEED_DB,
            "-m",
            "sale_management",
            "--no-demo",
            "--cache-prefix",
            CACHE_PREFIX,
            "--cache-max-age",
            "30",
            "--cache-max-size",
            "3",
            "--log-level",
            "warn",
        ],
        check=True,
    )
    odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    subprocess.run(
        [
            sys.executable,
            odoo_bin,
            "-c",
            conf,
            "-d",
            SEED_DB,
            "-i",
            ",".join(ADDONS),
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    started = time.monotonic()
    with Registry(SEED_DB).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        head, users, products, tiers = seed.build_staff_and_catalogue(env)
        env.flush_all()
        before = clone.snapshot(cr)
        seed.build_block(env, block_size, head, users, products, tiers, today)
        env.flush_all()
        clone.record_block(cr, before)
        env["ir.config_parameter"].set_param("bench.fingerprint", wanted)
        env["ir.config_parameter"].set_param("bench.seed_users", ",".join(map(str, users.ids)))
        env["ir.config_parameter"].set_param("bench.head", str(head.id))
    say(f"seed block built in {time.monotonic() - started:.0f} s")
    release(SEED_DB)


def grow(db, size, block_size, today):
    """Clone the block up to ``size`` clients; give them a staff of specialists."""
    copies = max(1, round(size / block_size))
    started = time.monotonic()
    with Registry(db).cursor() as cr:
        added = clone.clone(cr, 1, copies - 1) if copies > 1 else {}
        say(
            f"{db}: {copies} copies of the block ({added.get('res_partner', 0)} partners added) "
            f"in {time.monotonic() - started:.0f} s"
        )
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        build_staff(env, max(5, size // CLIENTS_PER_SPECIALIST), today)
    # As autovacuum leaves a live database: statistics, visibility map and hint bits set, so
    # that the first cron to read the copied rows does not pay for writing them.
    with database_connection(db) as cn, cn.cursor() as cr:
        cr.execute("VACUUM ANALYZE")
    say(f"{db}: ready in {time.monotonic() - started:.0f} s")


def build_staff(env, count, today):
    """The specialists of this size, through the ORM; the cloned portfolios are shared out among them."""
    env = env(context=dict(env.context, **seed.QUIET))
    get = env["ir.config_parameter"].get_param
    head = env["res.users"].browse(int(get("bench.head")))
    seed_users = [int(x) for x in get("bench.seed_users").split(",")]
    users = seed.create_users(env, [(f"Specialist {i:04d}", f"bench_spec_{i:04d}") for i in range(count)])
    none = cs_ref(env, "category_none")
    specialists = env["client_specialist.specialist"].create(
        [
            {
                "user_id": user.id,
                "head_id": head.id,
                "education_level": "higher",
                "experience_ids": [
                    Command.create(
                        {
                            "post": "Client specialist",
                            "employer": "Previous employer",
                            "date_start": today - timedelta(days=365 * (1 + i % 4) + 30),
                            "is_client_specialist_post": True,
                            "category_id": none.id,
                        }
                    )
                ],
            }
            for i, user in enumerate(users)
        ]
    )
    for specialist in specialists:
        specialist.with_user(head)._cs_appoint(none, today - timedelta(days=400), "1-k", today - timedelta(days=400))
    # Planned two weeks ago: one in ten leaves on holiday today, one in twenty came back yesterday.
    absences = []
    for i, specialist in enumerate(specialists):
        deputy = users[(i + 1) % len(users)]
        if i % 10 == 0:
            absences.append(
                {
                    "specialist_id": specialist.id,
                    "deputy_id": deputy.id,
                    "date_from": today,
                    "date_to": today + timedelta(days=13),
                }
            )
        elif i % 20 == 5:
            absences.append(
                {
                    "specialist_id": specialist.id,
                    "deputy_id": deputy.id,
                    "date_from": today - timedelta(days=14),
                    "date_to": today - timedelta(days=1),
                }
            )
    with freeze_time(today - timedelta(days=15)):
        env["client_specialist.absence"].create(absences)
    description = cs_ref(env, "job_description_template_none")
    description.write({"approver_name": "Director", "approval_date": today})
    description.with_user(head).action_approve()
    env.flush_all()
    # Share the cloned portfolios out: the clients of the seed's specialists go round the staff.
    cr = env.cr
    cr.execute(
        """
        WITH staff AS (SELECT array_agg(id ORDER BY id) AS ids FROM res_users WHERE id = ANY(%s))
        UPDATE res_partner p SET user_id = staff.ids[1 + p.commercial_partner_id %% array_length(staff.ids, 1)]
          FROM staff WHERE p.user_id = ANY(%s)
        """,
        (users.ids, seed_users),
    )
    for table, user_column, partner_column in (
        ("sale_order", "user_id", "partner_id"),
        ("account_move", "invoice_user_id", "partner_id"),
        ("client_specialist_feedback", "user_id", "partner_id"),
        ("client_specialist_obligation", "user_id", "partner_id"),
        ("client_specialist_need", "user_id", "partner_id"),
        ("client_specialist_reliability_assessment", "user_id", "partner_id"),
    ):
        cr.execute(
            f"""
            UPDATE {table} t SET {user_column} = c.user_id
              FROM res_partner p JOIN res_partner c ON c.id = p.commercial_partner_id
             WHERE p.id = t.{partner_column} AND t.{user_column} = ANY(%s)
            """,
            (seed_users,),
        )
    env.invalidate_all()
    return specialists


# --- measuring -------------------------------------------------------------------------------


def run_cron(db, xmlid):
    """Run the scheduled action as Odoo's cron runner does: batches until nothing remains, a commit after each."""
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron = cs_ref(env, xmlid)
        job = {
            "id": cron.id,
            "user_id": cron.user_id.id,
            "cron_name": cron.cron_name,
            "action": cron.ir_actions_server_id.id,
            "lastcall": cron.lastcall,
        }
    batches = []
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, job["user_id"], {"lastcall": job["lastcall"], "cron_id": job["id"]})
        cron = env["ir.cron"].browse(job["id"])
        while True:
            batch_cron, progress = cron._add_progress()
            cr.commit()
            queries, begun = cr.sql_log_count, time.perf_counter()
            batch_cron._callback(job["cron_name"], job["action"])
            cr.commit()
            batches.append((time.perf_counter() - begun, cr.sql_log_count - queries, progress.done))
            if not progress.done or not progress.remaining:
                break
    wall = time.perf_counter() - started
    return wall, batches


def run_equivalent(db, xmlid, today):
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        model_id = env["ir.model"]._get_id
        company = env.company
        params = {
            "today": today,
            "year_ago": today - timedelta(days=365),
            "head": int(env["ir.config_parameter"].get_param("bench.head")),
            "company": company.id,
            "root_partner": env.ref("base.partner_root").id,
            "todo": env.ref("mail.mail_activity_data_todo").id,
            "followup": cs_ref(env, "mail_activity_type_followup").id,
            "acknowledge": cs_ref(env, "mail_activity_type_acknowledge").id,
            "overdue_type": cs_ref(env, "mail_activity_type_obligation_overdue").id,
            "model_partner": model_id("res.partner"),
            "model_specialist": model_id("client_specialist.specialist"),
            "model_job_description": model_id("client_specialist.job.description"),
            "model_obligation": model_id("client_specialist.obligation"),
            "model_feedback": model_id("client_specialist.feedback"),
            "model_digest": model_id("client_specialist.digest"),
        }
        started = time.perf_counter()
        cr.execute(EQUIVALENTS[xmlid], params)
        elapsed = time.perf_counter() - started
        rows = cr.rowcount
        cr.rollback()
    return elapsed, rows


def measure(env, action, repeat=3):
    """Median wall time and queries of ``action(env)``, caches emptied before each run, rolled back after."""
    times, queries = [], []
    for _i in range(repeat):
        env.invalidate_all()
        env.registry.clear_cache()
        env.cr.execute("SAVEPOINT bench_action")
        count, begun = env.cr.sql_log_count, time.perf_counter()
        action(env)
        env.flush_all()
        times.append(time.perf_counter() - begun)
        queries.append(env.cr.sql_log_count - count)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_action")
        env.invalidate_all()
    return statistics.median(times), int(statistics.median(queries))


def key_actions(db, today):
    rows = []
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        head = env["res.users"].browse(int(env["ir.config_parameter"].get_param("bench.head")))
        specialist = env["res.users"].search([("login", "=like", "bench_spec_%")], order="id", limit=1)
        products = env["product.product"].search([("name", "=like", "Bench product %")])
        client = env["res.partner"].search(
            [
                ("cs_stage", "=", "client"),
                ("parent_id", "=", False),
                ("cs_reliability_grade", "in", ("A", "B", "C")),
                ("user_id", "!=", False),
            ],
            limit=1,
            order="id desc",
        )

        def confirm_order():
            """Time the confirmation only: the order is created before the clock starts."""
            order = (
                env["sale.order"]
                .with_user(head)
                .create(
                    {
                        "partner_id": client.id,
                        "user_id": client.user_id.id,
                        "order_line": [
                            Command.create({"product_id": products[i % len(products)].id, "product_uom_qty": 1 + i})
                            for i in range(50)
                        ],
                    }
                )
            )
            env.flush_all()
            env.invalidate_all()
            count, begun = cr.sql_log_count, time.perf_counter()
            order.with_user(head).action_confirm()
            env.flush_all()
            elapsed = time.perf_counter() - begun
            assert order.state == "sale", order.state
            return elapsed, cr.sql_log_count - count

        times, queries = [], []
        for _i in range(3):
            cr.execute("SAVEPOINT bench_action")
            elapsed, count = confirm_order()
            times.append(elapsed)
            queries.append(count)
            cr.execute("ROLLBACK TO SAVEPOINT bench_action")
            env.invalidate_all()
        rows.append(("Confirm an order of 50 lines", 50, statistics.median(times), int(statistics.median(queries))))

        action = cs_ref(env, "res_partner_portfolio_action")
        view = cs_ref(env, "res_partner_view_list_portfolio")
        Partner = env["res.partner"].with_user(specialist)
        arch_fields = Partner.get_views([(view.id, "list")])["models"]["res.partner"]["fields"]
        spec = {
            name: ({"fields": {"display_name": {}}} if field["type"] == "many2one" else {})
            for name, field in arch_fields.items()
            if field["type"] not in ("one2many", "many2many")
        }
        domain = [*safe_eval(action.domain or "[]", {"uid": specialist.id}), ("cs_in_my_portfolio", "=", True)]
        portfolio = Partner.search_count(domain)

        def open_portfolio(env):
            result = env["res.partner"].with_user(specialist).web_search_read(domain, spec, limit=80, count_limit=10001)
            assert len(result["records"]) == min(80, portfolio)

        seconds, count = measure(env, open_portfolio)
        rows.append((f"Open the portfolio list (80 of {portfolio} clients)", 80, seconds, count))

        assessment = client.cs_reliability_id

        def compute_reliability(env):
            assessment.with_user(head).action_recompute()

        seconds, count = measure(env, compute_reliability)
        rows.append(("Compute one client's reliability", 1, seconds, count))
    return rows


# --- the run ---------------------------------------------------------------------------------


def reminders_after(db):
    """What the crons left to read: the head of sales' open activities, and the most any specialist has."""
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        head = int(env["ir.config_parameter"].get_param("bench.head"))
        cr.execute("SELECT count(*) FROM mail_activity WHERE user_id = %s AND active", (head,))
        head_count = cr.fetchone()[0]
        cr.execute(
            "SELECT COALESCE(max(n), 0) FROM (SELECT count(*) AS n FROM mail_activity WHERE user_id != %s AND active "
            "GROUP BY user_id) per_user",
            (head,),
        )
        most = cr.fetchone()[0]
    return [
        ("Head of sales: open activities after the crons", head_count),
        ("A specialist: most open activities", most),
    ]


def bench_size(db, size, today):
    results = []
    for xmlid in CRONS:
        sql_time, sql_rows = run_equivalent(db, xmlid, today)
        wall, batches = run_cron(db, xmlid)
        done = sum(b[2] for b in batches)
        size_of_batch = max(b[2] for b in batches)
        full = [b for b in batches if b[2] and b[2] == size_of_batch and len(batches) > 1]
        per_batch = max(b[1] for b in (full or batches))
        results.append(
            {
                "size": size,
                "what": xmlid,
                "records": done or sql_rows,
                "batches": len(batches),
                "seconds": round(wall, 3),
                "queries": sum(b[1] for b in batches),
                "queries_per_batch": per_batch,
                "full_batches": len(full),
                "sql_seconds": round(sql_time, 3),
                "sql_rows": sql_rows,
                "ratio": round(wall / sql_time, 1) if sql_time else None,
            }
        )
        say(
            f"{db} {xmlid}: {wall:.2f} s in {len(batches)} batches, {per_batch} queries/batch; "
            f"SQL {sql_time:.3f} s ({sql_rows} rows)"
        )
    for what, count in reminders_after(db):
        results.append(
            {
                "size": size,
                "what": what,
                "records": count,
                "batches": 0,
                "seconds": 0.0,
                "queries": 0,
                "queries_per_batch": 0,
                "full_batches": 0,
                "sql_seconds": None,
                "sql_rows": None,
                "ratio": None,
            }
        )
        say(f"{db} {what}: {count}")
    for what, records, seconds, queries in key_actions(db, today):
        results.append(
            {
                "size": size,
                "what": what,
                "records": records,
                "batches": 1,
                "seconds": round(seconds, 3),
                "queries": queries,
                "queries_per_batch": queries,
                "full_batches": 0,
                "sql_seconds": None,
                "sql_rows": None,
                "ratio": None,
            }
        )
        say(f"{db} {what}: {seconds:.3f} s, {queries} queries")
    return results


def verdicts(results):
    """Per row: what target it misses, if any."""
    by_key = {(r["what"], r["size"]): r for r in results}
    sizes = sorted({r["size"] for r in results})
    for row in results:
        notes = []
        if row["what"].startswith("ir_cron_"):
            if row["seconds"] > CRON_LIMIT_S:
                notes.append(f"over {CRON_LIMIT_S:.0f} s")
            if row["ratio"] and row["ratio"] > SQL_RATIO_LIMIT and row["seconds"] >= RATIO_FROM_S:
                notes.append(f"over {SQL_RATIO_LIMIT:.0f}x SQL")
            smaller = [s for s in sizes if s < row["size"]]
            before = by_key.get((row["what"], smaller[-1])) if smaller else None
            if before and _queries_grew(before, row):
                notes.append(f"queries/batch grew from {before['queries_per_batch']}")
        row["target"] = "; ".join(notes) or ("met" if row["batches"] else "")
    return results


def _queries_grew(small, large):
    """Full batches compare as they are; a single partial batch compares per record."""
    if small["full_batches"] and large["full_batches"]:
        return large["queries_per_batch"] > small["queries_per_batch"] * 1.1 + 2
    if small["records"] and large["records"]:
        return large["queries"] / large["records"] > small["queries"] / small["records"] * 1.1
    return False


def markdown(results, machine):
    lines = [
        f"Measured {date.today()} on {machine}. Crons: the whole data set, batch after batch as Odoo's cron "
        f"runner runs them. Targets: a cron under {CRON_LIMIT_S:.0f} s at 100,000 clients, within "
        f"{SQL_RATIO_LIMIT:.0f}x its hand-written SQL (from {RATIO_FROM_S:.0f} s: faster ones are judged on their "
        "queries), queries per batch flat between the sizes.",
        "",
        "| Clients | What | Records | Batches | Seconds | Queries | Queries/batch | SQL s | Ratio | Target |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        name = r["what"].removeprefix("ir_cron_").replace("_", " ") if r["what"].startswith("ir_cron_") else r["what"]
        sql = "" if r["sql_seconds"] is None else f"{r['sql_seconds']:.3f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']}x"
        lines.append(
            f"| {r['size']:,} | {name} | {r['records']:,} | {r['batches']} | {r['seconds']:.2f} | {r['queries']:,} "
            f"| {r['queries_per_batch']} | {sql} | {ratio} | {r.get('target', '')} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--block", type=int, default=500, help="clients in the seed block")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the seed database")
    parser.add_argument("--reuse-seed", action="store_true", help="keep the seed even if the addon changed")
    parser.add_argument("--keep", action="store_true", help="keep the databases of each size afterwards")
    parser.add_argument("--prepare-only", action="store_true", help="only build the databases (to profile by hand)")
    parser.add_argument("--db-prefix", default="cs_bench", help="databases: <prefix>_seed, <prefix>_<size>")
    args = parser.parse_args()
    global SEED_DB, CACHE_PREFIX  # noqa: PLW0603 - one name for the whole run, read by the helpers above
    SEED_DB = f"{args.db_prefix}_seed"
    if args.db_prefix != "cs_bench":
        CACHE_PREFIX = "".join(c for c in args.db_prefix if c.isalnum())[:5] + "tpl"  # 8 characters at most
    config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.netsvc.init_logger()
    today = date.today()
    sizes = [int(s) for s in args.sizes.split(",")]

    wanted = fingerprint(args.block)
    if args.rebuild or not (seed_is_current(wanted) or (args.reuse_seed and database_exists(SEED_DB))):
        build_seed(args.config, args.block, today, wanted)
    else:
        say(f"seed database {SEED_DB} is current")
        release(SEED_DB)

    results = []
    for size in sizes:
        db = f"{args.db_prefix}_{size}"
        copy_database(SEED_DB, db)
        grow(db, size, args.block, today)
        if args.prepare_only:
            release(db)
            continue
        results += bench_size(db, size, today)
        release(db)
        if not args.keep:
            drop(db)
    verdicts(results)

    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, PostgreSQL {postgres_version()}"
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%d-%H%M")
    fields_ = [
        "size",
        "what",
        "records",
        "batches",
        "full_batches",
        "seconds",
        "queries",
        "queries_per_batch",
        "sql_seconds",
        "sql_rows",
        "ratio",
        "target",
    ]
    with open(out / f"bench-{stamp}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields_)
        writer.writeheader()
        writer.writerows(results)
    table = markdown(results, machine)
    (out / "latest.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    say(f"saved bench/results/bench-{stamp}.csv and bench/results/latest.md")


def postgres_version():
    with admin_connection() as cn, cn.cursor() as cr:
        cr.execute("SHOW server_version")
        return cr.fetchone()[0].split()[0]


if __name__ == "__main__":
    main()
