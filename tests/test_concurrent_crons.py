"""Two Odoo servers with cron workers on one database run all the addon's crons at the same time.

The data makes every cron do several batches of real work, on overlapping clients (follow-ups,
reliability and obligations share partners), so that the workers meet on the same rows.
"""

import datetime
import time
import xmlrpc.client
from collections import Counter

from conftest import appoint, pg_connect, run_cron_now, serve, server_backends, wait_until, xmlid

CRONS = (
    "ir_cron_partner_contact_followup",
    "ir_cron_feedback_deadlines",
    "ir_cron_absence_refresh_state",
    "ir_cron_specialist_eligibility",
    "ir_cron_partner_reliability",
    "ir_cron_tier_review",
    "ir_cron_job_description_acknowledgement",
    "ir_cron_obligation_overdue",
)


def _ref(admin, name):
    return xmlid(admin, name)


def _digest_reminders(admin):
    """The default, set again: another test may have asked for one activity per record."""
    settings = (
        "followup",
        "eligibility",
        "feedback_risk",
        "feedback_breach",
        "obligation_overdue",
        "obligation_escalation",
    )
    companies = admin.call("res.company", "search", [])
    admin.call("res.company", "write", companies, {f"cs_reminder_{name}": "digest" for name in settings})


def _call_action(admin, model, method, ids):
    """Call a button that returns nothing: Odoo commits, then XML-RPC cannot say None; that is success."""
    try:
        admin.call(model, method, ids)
    except xmlrpc.client.Fault as fault:
        if "cannot marshal None" not in fault.faultString:
            raise


def _day(delta=0):
    return (datetime.date.today() + datetime.timedelta(days=delta)).isoformat()


def _activities(admin, model, res_ids, fields=("res_id", "summary", "user_id")):
    return admin.call(
        "mail.activity", "search_read", [("res_model", "=", model), ("res_id", "in", res_ids)], list(fields)
    )


def _make_specialists(admin, db, user, count):
    """Specialists of no category with the experience for category II: due for eligibility and acknowledgement."""
    users = admin.call(
        "res.users", "create", [{"name": f"Cron specialist {i}", "login": f"cron_spec_{i}"} for i in range(count)]
    )
    experience = {"post": "Economist", "date_start": "2015-01-01", "date_end": "2019-12-31"}
    specialists = admin.call(
        "client_specialist.specialist",
        "create",
        [{"user_id": u, "head_id": admin.uid, "experience_ids": [(0, 0, experience)]} for u in users],
    )
    category_none = _ref(admin, "category_none")
    appoint(admin, specialists, category_none, "2020-01-01", "T-1")
    description = admin.call(
        "client_specialist.job.description",
        "create",
        {"name": "Cron test", "category_id": category_none},
    )
    admin.call(
        "client_specialist.job.description",
        "action_approve",
        [description],
        approver_name="Director",
        approval_date=_day(),
    )
    # Absences whose state is yesterday's: written in SQL, as a day passing leaves them; the cron,
    # not their creation, starts and ends them (their state is a decision of the dates).
    half = count // 2
    starting = admin.call(
        "client_specialist.absence",
        "create",
        [
            {"specialist_id": s, "deputy_id": user, "date_from": _day(5), "date_to": _day(10)}
            for s in specialists[:half]
        ],
    )
    ending = admin.call(
        "client_specialist.absence",
        "create",
        [
            {"specialist_id": s, "deputy_id": user, "date_from": "2020-01-01", "date_to": _day(5)}
            for s in specialists[half:]
        ],
    )
    with pg_connect(db) as connection, connection.cursor() as cr:
        cr.execute(
            "UPDATE client_specialist_absence SET date_from = %s, date_to = %s WHERE id = ANY(%s)",
            (_day(-1), _day(10), starting),
        )
        cr.execute("UPDATE client_specialist_absence SET date_to = %s WHERE id = ANY(%s)", (_day(-3), ending))
    return users, specialists, description, starting, ending


def _make_obligations(admin, user, clients):
    """Two late obligations on a quotation of each client, late enough to be escalated as well."""
    orders = admin.call(
        "sale.order",
        "create",
        [{"partner_id": c, "user_id": user, "date_order": "2020-01-01 10:00:00"} for c in clients],
    )
    values = [
        {"name": f"Act {i:03d}-{k}", "order_id": o, "kind": "documents", "party": "client", "date_due": "2020-02-01"}
        for i, o in enumerate(orders)
        for k in (1, 2)
    ]
    return orders, admin.call("client_specialist.obligation", "create", values)


def _run_on_two_servers(admin, db, cron_ids):
    """Make the crons due and let two servers with a cron worker each run them until none is left."""
    # Not due before both workers are up (a copied database has crons due since its install).
    admin.call("ir.cron", "write", cron_ids, {"nextcall": "2100-01-01 00:00:00"})
    with serve(db, cron_threads=1, drop=False), serve(db, cron_threads=1, drop=False):
        time.sleep(3)
        started = admin.call("ir.cron", "read", cron_ids, ["lastcall"])
        admin.call("ir.cron", "write", cron_ids, {"nextcall": "2000-01-01 00:00:00"})
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            time.sleep(3)
            done = admin.call("ir.cron", "read", cron_ids, ["lastcall", "nextcall"])
            # A cron may ask to be called again (a trigger): it is done when none is left.
            triggers = admin.call("ir.cron.trigger", "search_count", [("cron_id", "in", cron_ids)])
            if not triggers and all(
                d["lastcall"] and d["lastcall"] != s["lastcall"] and d["nextcall"] > "2001"
                for d, s in zip(done, started, strict=True)
            ):
                return
        raise AssertionError(f"the crons did not all run: {done}")


def _make_clients(admin, user):
    """Clients overdue for contact; claims, reliability and obligations on some of the same clients."""
    clients = admin.call(
        "res.partner",
        "create",
        [
            {"name": f"Overdue client {i}", "is_company": True, "user_id": user, "cs_stage": "client"}
            for i in range(120)
        ],
    )
    admin.call("res.partner", "write", clients, {"cs_last_contact_date": "2020-01-01"})
    feedback = admin.call(
        "client_specialist.feedback",
        "create",
        [
            {"subject": f"Late {i}", "type": "claim", "partner_id": clients[i], "date_received": "2020-01-01"}
            for i in range(60)
        ],
    )
    # Reliability on the same clients as the follow-ups: both crons lock these partners.
    assessments = admin.call(
        "client_specialist.reliability.assessment", "create", [{"partner_id": c} for c in clients[:60]]
    )
    admin.call("client_specialist.reliability.assessment", "write", assessments, {"valid_until": _day(5)})
    admin.call("res.partner", "write", clients[:60], {"cs_reliability_dirty": True})
    # Obligations of follow-up clients: marking them overdue recomputes the clients' on-time rates.
    orders, obligations = _make_obligations(admin, user, clients[30:60])
    return clients, feedback, assessments, orders, obligations


def _digests(admin, kinds):
    """The digests of these kinds, each with its open activities."""
    digests = admin.call(
        "client_specialist.digest",
        "search_read",
        [("kind", "in", list(kinds))],
        ["kind", "user_id", "on_behalf_of_id", "company_id", "res_ids", "activity_ids"],
    )
    people = Counter(
        (d["kind"], d["user_id"][0], d["on_behalf_of_id"] and d["on_behalf_of_id"][0], d["company_id"][0])
        for d in digests
    )
    assert set(people.values()) <= {1}, f"one digest per person and kind: {people}"
    odd = [
        (d["kind"], d["user_id"], d["on_behalf_of_id"], d["activity_ids"])
        for d in digests
        if len(d["activity_ids"]) != 1
    ]
    assert not odd, f"one activity per digest: {odd}"
    return digests


def _listed(digests, kind):
    """{record id: in how many digests of ``kind`` it is listed}."""
    return Counter(res_id for d in digests if d["kind"] == kind for res_id in d["res_ids"])


def _per_record(activities, text):
    """{res_id: how many times ``text`` is in its activities' summaries} (merged activities count each)."""
    counts = Counter()
    for activity in activities:
        counts[activity["res_id"]] += (activity["summary"] or "").count(text)
    return +counts


def _check_clients(admin, clients, feedback, assessments):
    digests = _digests(admin, ["followup", "feedback_breach"])
    listed = _listed(digests, "followup")
    assert {c: listed[c] for c in clients} == dict.fromkeys(clients, 1), "each overdue client in one digest"
    breached = _listed(digests, "feedback_breach")
    assert {f: breached[f] for f in feedback} == dict.fromkeys(feedback, 1), "each breached claim in one digest"
    flags = admin.call(
        "client_specialist.feedback", "read", feedback, ["response_breach_escalated", "resolution_breach_escalated"]
    )
    assert all(f["response_breach_escalated"] and f["resolution_breach_escalated"] for f in flags)
    assert not _activities(admin, "client_specialist.feedback", feedback), "no activity per claim"
    dirty = admin.call("res.partner", "search", [("id", "in", clients[:60]), ("cs_reliability_dirty", "=", True)])
    assert not dirty, "every client marked for reliability is recomputed"
    reminders = _activities(admin, "client_specialist.reliability.assessment", assessments)
    assert _per_record(reminders, "expires on") == Counter(assessments), "one expiry reminder per assessment"


def _check_obligations(admin, orders, obligations):
    states = admin.call("client_specialist.obligation", "read", obligations, ["name", "state", "is_escalated"])
    assert {(o["state"], o["is_escalated"]) for o in states} == {("overdue", True)}
    assert not _activities(admin, "client_specialist.obligation", obligations), "no activity per obligation"
    digests = _digests(admin, ["obligation_overdue", "obligation_escalation"])
    for kind in ("obligation_overdue", "obligation_escalation"):
        listed = _listed(digests, kind)
        assert {o: listed[o] for o in obligations} == dict.fromkeys(obligations, 1), f"{kind}: each one once"
    messages = admin.call(
        "mail.message", "search_read", [("model", "=", "sale.order"), ("res_id", "in", orders)], ["body"]
    )
    notes = " ".join(m["body"] for m in messages)
    for obligation in states:
        assert notes.count(f"Overdue: {obligation['name']} (") == 1, obligation["name"]
        assert notes.count(f"Escalated to the head of sales: {obligation['name']} (") == 1, obligation["name"]


def _check_specialists(admin, spec_users, specialists, description, starting, ending):
    assert {a["state"] for a in admin.call("client_specialist.absence", "read", starting, ["state"])} == {"running"}
    assert {a["state"] for a in admin.call("client_specialist.absence", "read", ending, ["state"])} == {"done"}
    told = admin.call(
        "mail.message",
        "search_read",
        [("model", "=", "client_specialist.absence"), ("res_id", "in", starting), ("body", "ilike", "stands in")],
        ["res_id"],
    )
    assert Counter(m["res_id"] for m in told) == Counter(starting), "the deputy is told once per absence"
    listed = _listed(_digests(admin, ["eligibility"]), "eligibility")
    assert {s: listed[s] for s in specialists} == dict.fromkeys(specialists, 1), "each eligible one in one digest"
    asked = _activities(admin, "client_specialist.job.description", [description])
    per_user = Counter(a["user_id"][0] for a in asked if "acknowledge" in a["summary"])
    assert set(spec_users) <= set(per_user) and set(per_user.values()) == {1}, "each one reminded once, in person"
    pending = admin.call(
        "client_specialist.job.description.acknowledgement",
        "search_count",
        [("job_description_id", "=", description), ("reminder_sent", "=", False)],
    )
    assert pending == 0


def _check_tier_review(admin, clients, last_review):
    reviews = admin.call("client_specialist.tier.review", "search", [("id", ">", last_review)])
    assert len(reviews) == 1, "one review per company"
    lines = admin.call(
        "client_specialist.tier.review.line", "search_read", [("review_id", "=", reviews[0])], ["partner_id"]
    )
    proposed = Counter(line["partner_id"][0] for line in lines)
    assert set(clients) <= set(proposed) and set(proposed.values()) == {1}, "one proposal per client"
    assert len(_activities(admin, "client_specialist.tier.review", reviews)) == 1


def test_two_cron_workers_duplicate_nothing(odoo_server_with_addon):
    server = odoo_server_with_addon
    admin = server.login("admin", "admin")
    _digest_reminders(admin)
    user = admin.call("res.users", "create", {"name": "Cron tester", "login": "cron_tester"})
    clients, feedback, assessments, orders, obligations = _make_clients(admin, user)
    spec_users, specialists, description, starting, ending = _make_specialists(admin, server.db, user, 20)
    # The tier review waits while a review is undecided: decide any left by earlier tests.
    open_lines = admin.call("client_specialist.tier.review.line", "search", [("state", "=", "proposed")])
    if open_lines:
        _call_action(admin, "client_specialist.tier.review.line", "action_reject", open_lines)
    last_review = (admin.call("client_specialist.tier.review", "search", [], limit=1, order="id desc") or [0])[0]

    # Small batches, so that both workers have several rounds to take.
    admin.call("ir.config_parameter", "set_param", "client_specialist.cron_batch_size", "10")
    _run_on_two_servers(admin, server.db, [_ref(admin, xmlid) for xmlid in CRONS])

    _check_clients(admin, clients, feedback, assessments)
    _check_obligations(admin, orders, obligations)
    _check_specialists(admin, spec_users, specialists, description, starting, ending)
    _check_tier_review(admin, clients, last_review)


def test_a_batch_meeting_a_concurrent_update_is_run_again(odoo_server_with_addon):
    """Marking obligations overdue updates their clients (on-time rates). When another transaction,
    a user saving the client or the reliability cron, holds and changes such a client, the batch
    waits, then meets a row changed after it began: PostgreSQL refuses it (repeatable read).
    The batch must be run again, not left for the next day."""
    server = odoo_server_with_addon
    admin = server.login("admin", "admin")
    _digest_reminders(admin)
    user = admin.call("res.users", "create", {"name": "Conflicting", "login": "cron_conflicting"})
    clients = admin.call(
        "res.partner", "create", [{"name": f"Busy client {i}", "is_company": True, "user_id": user} for i in range(5)]
    )
    orders, obligations = _make_obligations(admin, user, clients)
    cron = _ref(admin, "ir_cron_obligation_overdue")
    admin.call("ir.cron", "write", admin.call("ir.cron", "search", [("id", "!=", cron)]), {"nextcall": "2100-01-01"})
    admin.call("ir.config_parameter", "set_param", "client_specialist.cron_batch_size", "100")

    locker, watcher = pg_connect(server.db), pg_connect(server.db, autocommit=True)
    try:
        with locker.cursor() as cr:
            cr.execute("UPDATE res_partner SET write_date = now() WHERE id = ANY(%s)", (clients,))
        with serve(server.db, cron_threads=1, drop=False) as worker:
            run_cron_now(admin, watcher, worker, cron)
            wait_until(
                "the batch to wait for the clients",
                lambda: any(
                    event == "Lock" and "res_partner" in query
                    for _pid, event, query in server_backends(watcher, server.db, worker)
                ),
                timeout=30,
            )
            locker.commit()
            wait_until(
                "the obligations to be marked overdue",
                lambda: not admin.call(
                    "client_specialist.obligation", "search", [("id", "in", obligations), ("state", "=", "open")]
                ),
                timeout=60,
                step=0.5,
            )
            wait_until(
                "the cron to finish",
                lambda: admin.call("ir.cron", "read", [cron], ["nextcall"])[0]["nextcall"] > "2001",
                timeout=30,
                step=0.5,
            )
    finally:
        locker.close()
        watcher.close()
    _check_obligations(admin, orders, obligations)
