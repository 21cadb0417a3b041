"""A cron killed in the middle of a run, and run again, loses nothing and duplicates nothing.

Odoo's cron runner commits batch by batch. Each test makes records for a dozen batches, lets a
server with one cron worker commit some of them, then holds the batch in flight at its very
end: a transaction of the test takes a SHARE lock on ir_cron_progress, so the batch, its
activities and marks written but not committed, waits to report its progress. The server is
killed there with SIGKILL, PostgreSQL rolls that batch back, and a fresh server finishes the run.
"""

import time
from collections import Counter

import pytest
from conftest import pg_connect, run_cron_now, serve, server_backends, wait_until, xmlid

BATCH = 5
RECORDS = 60  # twelve batches: some committed before the kill, some after


def _ref(admin, name):
    return xmlid(admin, name)


def _per_record(activities, text):
    """{res_id: how many times ``text`` is in its activities' summaries} (merged activities count each)."""
    counts = Counter()
    for activity in activities:
        counts[activity["res_id"]] += (activity["summary"] or "").count(text)
    return +counts


def _activities(admin, model, res_ids):
    return admin.call(
        "mail.activity", "search_read", [("res_model", "=", model), ("res_id", "in", res_ids)], ["res_id", "summary"]
    )


# ------------------------------------------------------------------------------------------------
# The crons under test: the records each makes due, and what it has done for them so far.
# ------------------------------------------------------------------------------------------------


def _clients(admin, user, name):
    clients = admin.call(
        "res.partner",
        "create",
        [
            {"name": f"{name} client {i}", "is_company": True, "user_id": user, "cs_stage": "client"}
            for i in range(RECORDS)
        ],
    )
    admin.call("res.partner", "write", clients, {"cs_last_contact_date": "2020-01-01"})
    return clients


def _followup_make(admin, user):
    return {"clients": _clients(admin, user, "Follow-up")}


def _followup_done(admin, data):
    """Follow-up activities per client."""
    followup = _ref(admin, "mail_activity_type_followup")
    activities = admin.call(
        "mail.activity",
        "search_read",
        [("res_model", "=", "res.partner"), ("res_id", "in", data["clients"]), ("activity_type_id", "=", followup)],
        ["res_id"],
    )
    return {"follow-up": Counter(a["res_id"] for a in activities)}, data["clients"]


def _feedback_make(admin, user):
    clients = _clients(admin, user, "Claiming")
    claims = admin.call(
        "client_specialist.feedback",
        "create",
        [
            {"subject": f"Late {i}", "type": "claim", "partner_id": c, "date_received": "2020-01-01"}
            for i, c in enumerate(clients)
        ],
    )
    return {"claims": claims}


def _feedback_done(admin, data):
    """Breach escalations per claim, of the response and of the resolution deadline."""
    activities = _activities(admin, "client_specialist.feedback", data["claims"])
    return {
        "response breach": _per_record(activities, "Breached: response"),
        "resolution breach": _per_record(activities, "Breached: resolution"),
    }, data["claims"]


def _obligation_make(admin, user):
    clients = _clients(admin, user, "Obliged")[: RECORDS // 2]
    orders = admin.call(
        "sale.order",
        "create",
        [{"partner_id": c, "user_id": user, "date_order": "2020-01-01 10:00:00"} for c in clients],
    )
    obligations = admin.call(
        "client_specialist.obligation",
        "create",
        [
            {"name": f"Act {i:03d}-{k}", "order_id": o, "kind": "documents", "date_due": "2020-02-01"}
            for i, o in enumerate(orders)
            for k in (1, 2)
        ],
    )
    return {"orders": orders, "obligations": obligations}


def _obligation_done(admin, data):
    """Reminders, escalations and lines of the notes on the orders, per obligation."""
    obligations = admin.call("client_specialist.obligation", "read", data["obligations"], ["name"])
    activities = _activities(admin, "client_specialist.obligation", data["obligations"])
    messages = admin.call(
        "mail.message", "search_read", [("model", "=", "sale.order"), ("res_id", "in", data["orders"])], ["body"]
    )
    notes = " ".join(m["body"] for m in messages)
    return {
        "reminder": _per_record(activities, "Overdue:"),
        "escalation": _per_record(activities, "Escalated, overdue:"),
        "note line": +Counter({o["id"]: notes.count(f"Overdue: {o['name']} (") for o in obligations}),
        "escalation note line": +Counter(
            {o["id"]: notes.count(f"Escalated to the head of sales: {o['name']} (") for o in obligations}
        ),
    }, data["obligations"]


def _obligation_flagged(admin, data):
    """With digests: the obligations marked overdue and escalated, and the lines of the order notes."""
    obligations = admin.call("client_specialist.obligation", "read", data["obligations"], ["name", "state"])
    messages = admin.call(
        "mail.message", "search_read", [("model", "=", "sale.order"), ("res_id", "in", data["orders"])], ["body"]
    )
    notes = " ".join(m["body"] for m in messages)
    return {
        "overdue": Counter(o["id"] for o in obligations if o["state"] == "overdue"),
        "note line": +Counter({o["id"]: notes.count(f"Overdue: {o['name']} (") for o in obligations}),
    }, data["obligations"]


def _obligation_digests(admin, data):
    """Once the run is over: each obligation once in its specialist's digest and in the head's, none per record."""
    assert not _activities(admin, "client_specialist.obligation", data["obligations"])
    digests = admin.call(
        "client_specialist.digest",
        "search_read",
        [("kind", "in", ["obligation_overdue", "obligation_escalation"])],
        ["kind", "res_ids", "activity_ids"],
    )
    for kind in ("obligation_overdue", "obligation_escalation"):
        listed = Counter(i for d in digests if d["kind"] == kind for i in d["res_ids"])
        assert {o: listed[o] for o in data["obligations"]} == dict.fromkeys(data["obligations"], 1), kind
    assert all(len(d["activity_ids"]) == 1 for d in digests)


PER_RECORD = (
    "cs_reminder_followup",
    "cs_reminder_feedback_risk",
    "cs_reminder_feedback_breach",
    "cs_reminder_obligation_overdue",
    "cs_reminder_obligation_escalation",
)

# name: (cron, reminders, make the records due, what was done for them, the tables a batch writes
# before its end, the check once the run is over)
CRONS = {
    "followup per record": (
        "ir_cron_partner_contact_followup",
        "per_record",
        _followup_make,
        _followup_done,
        ("mail_activity",),
        None,
    ),
    "feedback per record": (
        "ir_cron_feedback_deadlines",
        "per_record",
        _feedback_make,
        _feedback_done,
        ("mail_activity", "client_specialist_feedback"),
        None,
    ),
    "obligations per record": (
        "ir_cron_obligation_overdue",
        "per_record",
        _obligation_make,
        _obligation_done,
        ("mail_activity", "mail_message", "client_specialist_obligation"),
        None,
    ),
    # Digests: the batches mark and note; the digests come once nothing is left to mark.
    "obligations in digests": (
        "ir_cron_obligation_overdue",
        "digest",
        _obligation_make,
        _obligation_flagged,
        ("mail_message", "client_specialist_obligation"),
        _obligation_digests,
    ),
}


# ------------------------------------------------------------------------------------------------
# The kill
# ------------------------------------------------------------------------------------------------


def _holds_write_lock(pg, backend, table):
    with pg.cursor() as cr:
        cr.execute(
            """SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE l.pid = %s AND c.relname = %s AND l.mode = 'RowExclusiveLock' AND l.granted""",
            (backend, table),
        )
        return bool(cr.fetchone())


def _hold_batch_at_its_end(locker, watcher, db, server, table):
    """Lock ir_cron_progress until the batch in flight waits on it with its work done; its backend pid.

    A batch reports its progress last, just before its commit; when the lock instead catches the
    worker between two batches (creating the next progress record), let it go and try again.
    """
    for _attempt in range(50):
        with locker.cursor() as cr:
            cr.execute("LOCK TABLE ir_cron_progress IN SHARE MODE")
        waiting = wait_until(
            "the cron worker to wait on the lock",
            lambda: [(b, q) for b, event, q in server_backends(watcher, db, server) if event == "Lock"],
            timeout=30,
            step=0.02,
        )
        backend, query = waiting[0]
        if query.lstrip().upper().startswith("UPDATE") and _holds_write_lock(watcher, backend, table):
            return backend
        locker.rollback()
        time.sleep(0.05)
    raise AssertionError("the lock never caught a batch at its end")


@pytest.fixture(scope="module")
def admin(odoo_server_with_addon):
    admin = odoo_server_with_addon.login("admin", "admin")
    admin.call("ir.config_parameter", "set_param", "client_specialist.cron_batch_size", str(BATCH))
    return admin


@pytest.mark.parametrize("case", list(CRONS))
def test_cron_killed_in_a_batch_loses_and_duplicates_nothing(odoo_server_with_addon, admin, case):
    db = odoo_server_with_addon.db
    xmlid, mode, make, done, tables, final = CRONS[case]
    companies = admin.call("res.company", "search", [])
    admin.call("res.company", "write", companies, dict.fromkeys(PER_RECORD, mode))
    cron = _ref(admin, xmlid)
    login = f"killed_{case.replace(' ', '_')}"
    user = admin.call("res.users", "create", {"name": f"Killed {case}", "login": login})
    data = make(admin, user)
    # Only this cron runs: the others (Odoo's included) wait, so the worker is ours alone.
    others = admin.call("ir.cron", "search", [("id", "!=", cron)])
    admin.call("ir.cron", "write", others, {"nextcall": "2100-01-01 00:00:00"})

    def handled():
        counts, _records = done(admin, data)
        return sum(next(iter(counts.values())).values())

    locker, watcher = pg_connect(db), pg_connect(db, autocommit=True)
    try:
        with serve(db, cron_threads=1, drop=False) as doomed:
            run_cron_now(admin, watcher, doomed, cron)
            wait_until("a first batch of ours committed", handled, step=0.02)
            backend = _hold_batch_at_its_end(locker, watcher, db, doomed, tables[0])
            # Killed in the middle: the batch has written, and not committed, all it writes.
            for table in tables:
                assert _holds_write_lock(watcher, backend, table), table
            held, records = done(admin, data)  # what is committed; the batch in flight is not seen
            doomed.process.kill()
            doomed.process.wait()
        locker.rollback()  # the held batch goes on, finds its server gone, and is rolled back
        wait_until("the killed server's connections to close", lambda: not server_backends(watcher, db, doomed))
    finally:
        locker.close()
        watcher.close()

    counts, records = done(admin, data)
    assert counts == held, "the batch killed in flight left nothing behind"
    for what, per_record in counts.items():
        assert 0 < sum(per_record.values()) < len(records), f"{what}: the kill came in the middle"
        assert set(per_record.values()) == {1}, f"{what}: nothing twice before the restart"

    watcher = pg_connect(db, autocommit=True)
    with serve(db, cron_threads=1, drop=False) as fresh:
        run_cron_now(admin, watcher, fresh, cron)
        watcher.close()
        wait_until(
            "the cron to finish",
            lambda: admin.call("ir.cron", "read", [cron], ["nextcall"])[0]["nextcall"] > "2001",
            timeout=90,
            step=0.5,
        )
    counts, records = done(admin, data)
    for what, per_record in counts.items():
        assert per_record == Counter(records), f"{what}: every record once, none lost, none twice"
    if final:
        final(admin, data)
