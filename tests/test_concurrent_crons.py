"""Two Odoo servers with cron workers on one database run the addon's crons at the same time."""

import time

from conftest import serve

CRONS = (
    "ir_cron_partner_contact_followup",
    "ir_cron_feedback_deadlines",
    "ir_cron_absence_refresh_state",
    "ir_cron_specialist_eligibility",
    "ir_cron_partner_reliability",
)


def _ref(admin, xmlid):
    return admin.call("ir.model.data", "check_object_reference", "client_specialist", xmlid)[1]


def test_two_cron_workers_duplicate_nothing(odoo_server_with_addon):
    server = odoo_server_with_addon
    admin = server.login("admin", "admin")
    user = admin.call("res.users", "create", {"name": "Cron tester", "login": "cron_tester"})
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
    followup = _ref(admin, "mail_activity_type_followup")
    cron_ids = [_ref(admin, xmlid) for xmlid in CRONS]
    # Small batches, so that both workers have several rounds to take.
    admin.call("ir.config_parameter", "set_param", "client_specialist.cron_batch_size", "10")

    with serve(server.db, cron_threads=1, drop=False), serve(server.db, cron_threads=1, drop=False):
        time.sleep(3)
        started = admin.call("ir.cron", "read", cron_ids, ["lastcall"])
        admin.call("ir.cron", "write", cron_ids, {"nextcall": "2000-01-01 00:00:00"})
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            time.sleep(3)
            done = admin.call("ir.cron", "read", cron_ids, ["lastcall", "nextcall"])
            if all(
                d["lastcall"] and d["lastcall"] != s["lastcall"] and d["nextcall"] > "2001"
                for d, s in zip(done, started, strict=True)
            ):
                break
        else:
            raise AssertionError(f"the crons did not all run: {done}")

    activities = admin.call(
        "mail.activity",
        "read_group",
        [("res_model", "=", "res.partner"), ("res_id", "in", clients), ("activity_type_id", "=", followup)],
        ["res_id"],
        ["res_id"],
    )
    assert len(activities) == 120, "every overdue client has a follow-up"
    assert all(group["res_id_count"] == 1 for group in activities), "and only one"
    breaches = admin.call(
        "mail.activity",
        "search_read",
        [
            ("res_model", "=", "client_specialist.feedback"),
            ("res_id", "in", feedback),
            ("summary", "ilike", "Breached: resolution"),
        ],
        ["res_id"],
    )
    assert sorted(b["res_id"] for b in breaches) == sorted(feedback), "one resolution breach per claim, no more"
