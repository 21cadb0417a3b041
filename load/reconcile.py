"""`make load`, after each run: what the people were told against what the database holds.

The journal (one JSON line per event, see load/locustfile.py) says for each write its marker and
"sent", then "ok" (the user was told it worked) or "failed" (the user saw an error); a write with
no outcome is "unknown". Per kind of write:

- message: a message with the marker on the client, once; ok moves the client's last contact to its day.
- activity (scheduled) and activity_done: the activity with the marker as summary; once done it
  is gone and its "done" message with the marker is on the client, once.
- order (created) and confirm: one order with the marker as customer reference. Confirmed: its
  obligations, one per generation key (never two); to approve: waiting with one approval activity
  for the head of sales. A failed confirmation leaves a quotation with no obligation.
- approve: the order approved and confirmed, obligations once, no approval activity left.
- waive: the obligation waived with the marker as reason and one note.
- claim (portal): one claim with the marker as subject, of the user's company.
- resolve: the claim resolved with the marker in its answer.

"unknown" writes must be there entirely or not at all. Records carrying the run's marker that
the journal does not know are reported too. Returns a list of problems (empty: all reconciled)
and counts per kind.
"""

import json
from collections import defaultdict
from datetime import datetime, timezone

# The activity type of approval requests, by its XML id (any module; the approval mechanism may move it).
APPROVAL_ACTIVITY = "%order_approval%"


def read_journal(path):
    """{(kind, marker): fields seen, with "state": ok, failed or unknown (sent, never answered)}."""
    entries = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                event = json.loads(line)
                entry = entries.setdefault((event["kind"], event["marker"]), {"state": "unknown"})
                state = event.pop("state")
                entry.update(event)
                entry["state"] = "unknown" if state == "sent" else state
    return entries


def sent_on(entry):
    """The day (UTC, as Odoo dates a contact) the write was answered: a run may cross midnight."""
    return datetime.fromtimestamp(entry["t"], tz=timezone.utc).date()


def one(cr, query, args=()):
    cr.execute(query, args)
    return cr.fetchone()


class _Run:
    """What one reconciliation works on: the journal by kind and the problems found."""

    def __init__(self, cr, entries, run):
        self.cr, self.entries, self.run = cr, entries, run
        self.problems = []
        self.kinds = defaultdict(dict)
        for (kind, mark), entry in entries.items():
            self.kinds[kind][mark] = entry

    def problem(self, kind, mark, text):
        self.problems.append(f"{kind} {mark}: {text}")

    def approvals_by_order(self):
        by_order = {}
        for mark, entry in self.kinds["approve"].items():
            by_order.setdefault(entry["order_id"], []).append((mark, entry))
        return by_order


def reconcile(cr, journal_path, run):
    entries = read_journal(journal_path)
    r = _Run(cr, entries, run)
    for check in (_messages, _activities, _orders, _approvals, _waivers, _claims, _resolutions, _strangers):
        check(r)
    counts = defaultdict(lambda: defaultdict(int))
    for entry in entries.values():
        counts[entry["kind"]][entry["state"]] += 1
    return r.problems, {kind: dict(states) for kind, states in counts.items()}


def _messages(r):
    """Messages on clients."""
    for mark, entry in r.kinds["message"].items():
        (found,) = one(
            r.cr,
            "SELECT count(*) FROM mail_message WHERE model = 'res.partner' AND res_id = %s AND body::text LIKE %s",
            (entry["partner_id"], f"%{mark}%"),
        )
        check_presence(r.problem, "message", mark, entry["state"], found)
        if entry["state"] == "ok":
            _check_last_contact(r, "message", mark, entry, "the client's last contact is {last}, before the message")


def _check_last_contact(r, kind, mark, entry, problem):
    """The write moved the client's last contact to its day at least."""
    (last,) = one(
        r.cr,
        "SELECT c.cs_last_contact_date FROM res_partner p JOIN res_partner c ON c.id = p.commercial_partner_id"
        " WHERE p.id = %s",
        (entry["partner_id"],),
    )
    if not last or last < sent_on(entry):
        r.problem(kind, mark, problem.format(last=last))


def _activities(r):
    """Activities: scheduled, then marked done."""
    for mark, entry in r.kinds["activity"].items():
        done = r.kinds["activity_done"].get(mark, {"state": "never"})
        (open_count,) = one(r.cr, "SELECT count(*) FROM mail_activity WHERE summary = %s", (mark,))
        (done_count,) = one(
            r.cr,
            "SELECT count(*) FROM mail_message WHERE model = 'res.partner' AND res_id = %s"
            " AND mail_activity_type_id IS NOT NULL AND body::text LIKE %s",
            (entry["partner_id"], f"%{mark}%"),
        )
        total = open_count + done_count
        if entry["state"] == "failed":
            if total:
                r.problem("activity", mark, f"told it failed, yet {open_count} open and {done_count} done")
            continue
        if entry["state"] == "unknown" and total == 0:
            continue
        if total != 1:
            r.problem("activity", mark, f"{open_count} open and {done_count} done activities, expected one")
            continue
        if done["state"] == "ok" and done_count != 1:
            r.problem("activity", mark, "told it was marked done, but it is still open")
        if done["state"] == "failed" and done_count:
            r.problem("activity", mark, "told marking it done failed, but it is done")
        if done_count and entry["state"] == "ok":
            _check_last_contact(r, "activity", mark, entry, "done, but the client's last contact is {last}, before it")


def _orders(r):
    """Quotations and their confirmation."""
    approvals_by_order = r.approvals_by_order()
    for mark, entry in r.kinds["order"].items():
        r.cr.execute(
            "SELECT id, state, cs_approval_state FROM sale_order WHERE client_order_ref = %s",
            (mark,),
        )
        rows = r.cr.fetchall()
        check_presence(r.problem, "order", mark, entry["state"], len(rows))
        if len(rows) != 1:
            continue
        order_id, state, approval = rows[0]
        confirm = r.kinds["confirm"].get(mark, {"state": "never"})
        obligations = obligation_check(r.cr, r.problem, "order", mark, order_id)
        approval_activities = approval_activity_count(r.cr, order_id)
        approved_later = any(e["state"] != "failed" for _m, e in approvals_by_order.get(order_id, []))
        if confirm["state"] == "ok":
            if confirm.get("result") == "sale":
                if state != "sale" or not obligations:
                    r.problem("confirm", mark, f"told confirmed, but state {state} with {obligations} obligations")
            elif confirm.get("approval") == "to_approve" and not approved_later:
                if state == "sale" or approval != "to_approve" or approval_activities != 1:
                    r.problem(
                        "confirm",
                        mark,
                        f"told sent to approval, but state {state}, approval {approval},"
                        f" {approval_activities} approval activities",
                    )
        elif confirm["state"] in ("failed", "never"):
            if state == "sale" or obligations:
                r.problem("confirm", mark, f"told it failed, but state {state} with {obligations} obligations")
            if approval == "to_approve" and approval_activities and confirm["state"] == "failed":
                r.problem("confirm", mark, "told it failed, but it waits for approval")
        elif state == "sale" and not obligations:
            r.problem("confirm", mark, "confirmed without obligations")


def _approvals(r):
    """Approvals by the head of sales."""
    approvals_by_order = r.approvals_by_order()
    for order_id, decisions in approvals_by_order.items():
        told_ok = [m for m, e in decisions if e["state"] == "ok"]
        r.cr.execute(
            "SELECT state, cs_approval_state, client_order_ref FROM sale_order WHERE id = %s",
            (order_id,),
        )
        state, approval, ref = r.cr.fetchone()
        obligations = obligation_check(r.cr, r.problem, "approve", ref, order_id)
        waiting = approval_activity_count(r.cr, order_id)
        mark = ",".join(m for m, _e in decisions)
        if len(told_ok) > 1:
            r.problem("approve", mark, f"order {order_id} told approved {len(told_ok)} times")
        if told_ok:
            if state != "sale" or approval != "approved" or not obligations or waiting:
                r.problem(
                    "approve",
                    mark,
                    f"told approved, but state {state}, approval {approval}, {obligations} obligations,"
                    f" {waiting} approval activities left",
                )
        elif all(e["state"] == "failed" for _m, e in decisions):
            if approval == "approved" or state == "sale":
                r.problem("approve", mark, f"told it failed, but order {order_id} is {state} / {approval}")
        elif approval == "approved" and (state != "sale" or not obligations):
            r.problem("approve", mark, f"approved but state {state} with {obligations} obligations")


def _waivers(r):
    """Waivers: the note of the waiver once (the reminders it closes carry the reason too)."""
    for mark, entry in r.kinds["waive"].items():
        state, reason = one(
            r.cr,
            "SELECT state, waive_reason FROM client_specialist_obligation WHERE id = %s",
            (entry["obligation_id"],),
        )
        (notes,) = one(
            r.cr,
            "SELECT count(*) FROM mail_message WHERE model = 'client_specialist.obligation' AND res_id = %s"
            " AND body::text LIKE %s AND mail_activity_type_id IS NULL",
            (entry["obligation_id"], f"%{mark}%"),
        )
        done = state == "waived" and mark in (reason or "")
        if entry["state"] == "ok" and not (done and notes == 1):
            r.problem("waive", mark, f"told waived, but state {state}, reason {reason!r}, {notes} notes")
        if entry["state"] == "failed" and (mark in (reason or "") or notes):
            r.problem("waive", mark, f"told it failed, but state {state}, reason {reason!r}, {notes} notes")
        if entry["state"] == "unknown" and (done != (notes == 1) or notes > 1):
            r.problem("waive", mark, f"half there: state {state}, {notes} notes")


def _claims(r):
    """Claims from the portal."""
    for mark, entry in r.kinds["claim"].items():
        r.cr.execute(
            "SELECT f.id FROM client_specialist_feedback f JOIN res_users u ON u.login = %s"
            " JOIN res_partner p ON p.id = u.partner_id"
            " WHERE f.subject = %s AND f.partner_id = p.commercial_partner_id",
            (entry["login"], mark),
        )
        rows = [row[0] for row in r.cr.fetchall()]
        check_presence(r.problem, "claim", mark, entry["state"], len(rows))
        if entry["state"] == "ok" and rows and entry.get("feedback_id") not in rows:
            r.problem("claim", mark, f"told it is claim {entry.get('feedback_id')}, found {rows}")


def _resolutions(r):
    """Claims resolved by specialists."""
    for mark, entry in r.kinds["resolve"].items():
        state, resolution = one(
            r.cr, "SELECT state, resolution FROM client_specialist_feedback WHERE id = %s", (entry["feedback_id"],)
        )
        has = mark in (resolution or "")
        saved = r.kinds["resolve_saved"].get(mark, {}).get("state") == "ok"
        if entry["state"] == "ok" and not (state in ("resolved", "closed") and has):
            r.problem("resolve", mark, f"told resolved, but state {state}, answer saved: {has}")
        if entry["state"] == "failed":
            if saved and not has:
                r.problem("resolve", mark, "told the answer was saved, but it is not there")
            if not saved and has:
                r.problem("resolve", mark, "told saving failed, but the answer is there")
            if state in ("resolved", "closed") and has:
                r.problem("resolve", mark, f"told it failed, but it is {state}")


def _strangers(r):
    """Records of this run that nobody was told about."""
    known = {mark for (_kind, mark) in r.entries}
    for table, column in (
        ("sale_order", "client_order_ref"),
        ("client_specialist_feedback", "subject"),
        ("mail_activity", "summary"),
    ):
        r.cr.execute(f"SELECT {column} FROM {table} WHERE {column} LIKE %s", (f"{r.run}-%",))
        for (mark,) in r.cr.fetchall():
            if mark not in known:
                r.problem(table, mark, "in the database, never sent by the load")


def check_presence(problem, kind, mark, state, found):
    if state == "ok" and found != 1:
        problem(kind, mark, f"told it worked, found {found} times")
    elif state == "failed" and found:
        problem(kind, mark, f"told it failed, found {found} times")
    elif state == "unknown" and found > 1:
        problem(kind, mark, f"no answer, found {found} times")


def obligation_check(cr, problem, kind, mark, order_id):
    """The number of generated obligations of the order; a generation key twice is a problem."""
    cr.execute(
        "SELECT generation_key, count(*) FROM client_specialist_obligation"
        " WHERE order_id = %s AND is_generated AND state != 'cancelled' GROUP BY generation_key",
        (order_id,),
    )
    rows = cr.fetchall()
    for key, count in rows:
        if count > 1:
            problem(kind, mark, f"obligation {key} of order {order_id} is there {count} times")
    return sum(count for _key, count in rows)


def approval_activity_count(cr, order_id):
    (count,) = one(
        cr,
        "SELECT count(*) FROM mail_activity a JOIN ir_model_data d ON d.model = 'mail.activity.type'"
        " AND d.res_id = a.activity_type_id AND d.name LIKE %s"
        " WHERE a.res_model = 'sale.order' AND a.res_id = %s",
        (APPROVAL_ACTIVITY, order_id),
    )
    return count
