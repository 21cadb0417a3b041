"""Feedback and claims keep their rules on the data, whatever an integrator sends over XML-RPC,
JSON-RPC or the portal's HTTP routes: each test is one attack that used to work."""

import json
import re
import urllib.request
import xmlrpc.client
from datetime import date, timedelta

import pytest
import requests

FEEDBACK = "client_specialist.feedback"


def _group(admin, xmlid):
    module, name = xmlid.split(".")
    return admin.call("ir.model.data", "check_object_reference", module, name)[1]


@pytest.fixture(scope="module")
def world(odoo_server_with_addon):
    """Users of every role and two clients, created by the admin as an integrator would."""
    server = odoo_server_with_addon
    admin = server.login("admin", "admin")
    groups = {
        "specialist": _group(admin, "client_specialist.group_client_specialist"),
        "head": _group(admin, "client_specialist.group_client_specialist_head"),
        "sales": _group(admin, "sales_team.group_sale_salesman"),
        "portal": _group(admin, "base.group_portal"),
        "user": _group(admin, "base.group_user"),
    }
    users = {}
    for key, group in (
        ("owner", "specialist"),
        ("colleague", "specialist"),
        ("deputy", "specialist"),
        ("head", "head"),
        ("sales", "sales"),
    ):
        users[key] = admin.call(
            "res.users",
            "create",
            {
                "name": f"Integrity {key}",
                "login": f"integrity_{key}",
                "password": f"integrity_{key}_pwd",
                "email": f"integrity.{key}@example.com",
                "groups_id": [(6, 0, [groups["user"], groups[group]])],
            },
        )
    cards = admin.call(
        "client_specialist.specialist",
        "create",
        [{"user_id": users[k], "head_id": users["head"]} for k in ("owner", "colleague", "deputy")],
    )
    today = date.today()
    admin.call(
        "client_specialist.absence",
        "create",
        {
            "specialist_id": cards[0],
            "deputy_id": users["deputy"],
            "date_from": str(today - timedelta(days=1)),
            "date_to": str(today + timedelta(days=10)),
        },
    )
    client_a, client_b = admin.call(
        "res.partner",
        "create",
        [
            {"name": "Integrity client A", "is_company": True, "user_id": users["owner"], "email": "a@example.com"},
            {"name": "Integrity client B", "is_company": True, "user_id": users["colleague"]},
        ],
    )
    contact = admin.call(
        "res.partner", "create", {"name": "Integrity buyer", "parent_id": client_a, "email": "buyer@example.com"}
    )
    users["portal"] = admin.call(
        "res.users",
        "create",
        {
            "name": "Integrity buyer",
            "login": "integrity_portal",
            "password": "integrity_portal_pwd",
            "partner_id": contact,
            "groups_id": [(6, 0, [groups["portal"]])],
        },
    )
    rpc = {key: server.login(f"integrity_{key}", f"integrity_{key}_pwd") for key in users}
    return {"server": server, "admin": admin, "rpc": rpc, "users": users, "a": client_a, "b": client_b}


def _refused(call, *texts):
    """The call is refused by the server; its message says each of ``texts``."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    for text in texts:
        assert text in caught.value.faultString, caught.value.faultString
    return caught.value.faultString


def _claim(world, who="owner", **values):
    return world["rpc"][who].call(
        FEEDBACK, "create", {"subject": "Torn rolls", "type": "claim", "partner_id": world["a"], **values}
    )


def _read(world, feedback, fields):
    return world["admin"].call(FEEDBACK, "read", [feedback], fields)[0]


def test_feedback_is_not_written_resolved_with_a_back_dated_date(world):
    owner = world["rpc"]["owner"]
    count = world["admin"].call(FEEDBACK, "search_count", [])
    _refused(lambda: _claim(world, state="resolved", date_resolved="2020-01-01"), "is a decision")
    assert world["admin"].call(FEEDBACK, "search_count", []) == count
    feedback = _claim(world, resolution="<p>Six new rolls leave on Monday.</p>")
    both = {"state": "resolved", "date_resolved": "2020-01-01"}
    _refused(lambda: owner.call(FEEDBACK, "write", [feedback], both), "is a decision")
    _refused(
        lambda: owner.call(FEEDBACK, "write", [feedback], {"date_resolved": "2020-01-01"}), "Resolved On is a decision"
    )
    assert _read(world, feedback, ["state", "date_resolved"]) == {
        "id": feedback,
        "state": "new",
        "date_resolved": False,
    }
    # The head is refused too: the date is the day the Resolve button is pressed.
    _refused(lambda: world["rpc"]["head"].call(FEEDBACK, "write", [feedback], {"date_resolved": "2020-01-01"}))
    owner.call(FEEDBACK, "action_resolve", [feedback])
    assert _read(world, feedback, ["state", "date_resolved"])["date_resolved"] == str(date.today())


def test_a_claim_is_not_created_with_its_compensation_approved(world):
    count = world["admin"].call(FEEDBACK, "search_count", [])
    for values in (
        {"compensation_approved": True},
        {"compensation_state": "approved"},
        {"compensation_approved_amount": 500},
    ):
        for who in ("owner", "deputy", "head"):
            _refused(
                lambda v=values, w=who: _claim(world, w, compensation=True, compensation_amount=500, **v),
                "is a decision",
            )
    assert world["admin"].call(FEEDBACK, "search_count", []) == count
    feedback = _claim(world, compensation=True, compensation_amount=500)
    assert _read(world, feedback, ["compensation_state"])["compensation_state"] == "to_approve"
    approval = world["admin"].call(
        "mail.activity", "search_read", [("res_model", "=", FEEDBACK), ("res_id", "=", feedback)], ["user_id"]
    )
    assert [a["user_id"][0] for a in approval] == [world["users"]["head"]], "one activity, to the head"
    _refused(
        lambda: world["rpc"]["owner"].call(FEEDBACK, "action_approve_compensation", [feedback]),
        "Only the head of sales",
    )
    world["rpc"]["head"].call(FEEDBACK, "action_approve_compensation", [feedback])
    assert _read(world, feedback, ["compensation_approved"])["compensation_approved"] is True


def test_breaches_cannot_be_kept_from_the_head(world):
    feedback = _claim(world, date_received=str(date.today() - timedelta(days=60)))
    tampering = {
        "response_breach_escalated": True,
        "resolution_breach_escalated": True,
        "response_risk_notified": True,
        "resolution_risk_notified": True,
        "pattern_alerted": True,
        "response_deadline": "2099-12-31",
        "resolution_deadline": "2099-12-31",
    }
    before = _read(world, feedback, list(tampering))
    for who in ("owner", "deputy", "head"):
        for name, value in tampering.items():
            _refused(
                lambda w=who, n=name, v=value: world["rpc"][w].call(FEEDBACK, "write", [feedback], {n: v}),
                "is a decision",
            )
        _refused(lambda w=who: _claim(world, w, response_breach_escalated=True), "is a decision")
    assert _read(world, feedback, list(tampering)) == before
    assert before["response_breach_escalated"] is False


def test_the_specialist_does_not_reopen_a_claim_the_head_rejected(world):
    head, owner = world["rpc"]["head"], world["rpc"]["owner"]
    feedback = _claim(world)
    _refused(
        lambda: owner.call(FEEDBACK, "write", [feedback], {"state": "rejected", "reject_reason": "x"}), "is a decision"
    )
    wizard = head.call(
        "client_specialist.feedback.reject.wizard",
        "create",
        {"feedback_ids": [(6, 0, [feedback])], "reason": "Out of warranty"},
    )
    head.call("client_specialist.feedback.reject.wizard", "action_reject", [wizard])
    assert _read(world, feedback, ["state"])["state"] == "rejected"
    for who in ("owner", "deputy"):
        _refused(
            lambda w=who: world["rpc"][w].call(FEEDBACK, "action_reopen", [feedback]), "Only the head of sales reopens"
        )
        _refused(
            lambda w=who: world["rpc"][w].call(FEEDBACK, "write", [feedback], {"state": "in_progress"}), "is a decision"
        )
    assert _read(world, feedback, ["state"])["state"] == "rejected"
    head.call(FEEDBACK, "action_reopen", [feedback])
    assert _read(world, feedback, ["state"])["state"] == "in_progress"


def test_no_claim_against_a_client_outside_the_portfolio(world):
    owner, users = world["rpc"]["owner"], world["users"]
    count = world["admin"].call(FEEDBACK, "search_count", [])
    _refused(
        lambda: owner.call(
            FEEDBACK, "create", {"subject": "Not mine", "partner_id": world["b"], "user_id": users["owner"]}
        ),
        "not in your portfolio",
    )
    assert world["admin"].call(FEEDBACK, "search_count", []) == count
    feedback = _claim(world)
    _refused(lambda: owner.call(FEEDBACK, "write", [feedback], {"partner_id": world["b"]}), "not in your portfolio")
    assert _read(world, feedback, ["partner_id"])["partner_id"][0] == world["a"]
    # Not even the head names the specialist responsible for another client's case.
    _refused(
        lambda: world["rpc"]["head"].call(
            FEEDBACK, "create", {"subject": "Theirs", "partner_id": world["b"], "user_id": users["owner"]}
        ),
        "The responsible is the client's salesperson or a head of sales",
    )
    theirs = world["rpc"]["head"].call(FEEDBACK, "create", {"subject": "Theirs", "partner_id": world["b"]})
    assert owner.call(FEEDBACK, "search", [("id", "=", theirs)]) == []
    # The deputy works on the absent owner's clients; the colleague does not.
    assert world["rpc"]["deputy"].call(FEEDBACK, "create", {"subject": "By phone", "partner_id": world["a"]})
    _refused(lambda: world["rpc"]["colleague"].call(FEEDBACK, "create", {"subject": "x", "partner_id": world["a"]}))
    _refused(lambda: world["rpc"]["sales"].call(FEEDBACK, "create", {"subject": "x", "partner_id": world["a"]}))


def test_the_portal_user_reads_no_internal_field_of_their_feedback(world):
    feedback = world["admin"].call(
        FEEDBACK,
        "create",
        {
            "subject": "Torn rolls",
            "type": "claim",
            "partner_id": world["a"],
            "corrective_action": "Replace six rolls",
            "preventive_action": "Corner guards",
            "compensation": True,
            "compensation_amount": 900,
            "resolution": "<p>Draft: we might refund.</p>",
        },
    )
    portal = world["rpc"]["portal"]
    mine = portal.call(FEEDBACK, "read", [feedback], ["subject", "state", "response_deadline", "portal_answer"])[0]
    assert (mine["subject"], mine["state"], mine["portal_answer"]) == ("Torn rolls", "new", False)
    internal = (
        "corrective_action",
        "preventive_action",
        "cause_id",
        "compensation",
        "compensation_amount",
        "resolution",
    )
    for name in internal:
        _refused(lambda n=name: portal.call(FEEDBACK, "read", [feedback], [n]), "You do not have enough rights")
    assert not set(internal) & set(portal.call(FEEDBACK, "read", [feedback])[0])
    _refused(lambda: portal.call(FEEDBACK, "search", [("compensation_amount", ">", 0)]))
    # JSON-RPC is the same server: refused as well.
    server, uid = world["server"], portal.uid
    for name, expect_error in (("corrective_action", True), ("subject", False)):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [server.db, uid, "integrity_portal_pwd", FEEDBACK, "read", [[feedback], [name]]],
            },
        }
        request = urllib.request.Request(
            f"{server.url}/jsonrpc", json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        answer = json.load(urllib.request.urlopen(request, timeout=30))
        assert ("error" in answer) is expect_error, answer


def _session(server, login, password):
    session = requests.Session()
    page = session.get(f"{server.url}/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{server.url}/web/login",
        data={"login": login, "password": password, "csrf_token": token, "redirect": "/my/account"},
        timeout=30,
    )
    assert "/web/login" not in response.url, f"{login} could not log in"
    return session, re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)


def test_the_portal_routes_serve_portal_users_only(world):
    server, admin = world["server"], world["admin"]
    session, token = _session(server, "integrity_owner", "integrity_owner_pwd")
    count = admin.call(FEEDBACK, "search_count", [])
    sent = session.post(
        f"{server.url}/my/feedback/new",
        data={"csrf_token": token, "type": "claim", "subject": "As sudo", "description": "x"},
        timeout=30,
        allow_redirects=False,
    )
    assert sent.status_code == 403
    assert admin.call(FEEDBACK, "search_count", []) == count, "nothing created as sudo"
    listing = session.get(f"{server.url}/my/feedback", timeout=30, allow_redirects=False)
    assert listing.status_code in (301, 302, 303) and "/odoo/action-" in listing.headers["Location"]


def test_what_a_client_sends_is_kept_as_plain_text(world):
    server = world["server"]
    session, _token = _session(server, "integrity_portal", "integrity_portal_pwd")
    page = session.get(f"{server.url}/my/feedback/new", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    text = 'Photos: <a href="https://evil.example.com">here</a> <img src="https://evil.example.com/x.png">'
    sent = session.post(
        f"{server.url}/my/feedback/new",
        data={"csrf_token": token, "type": "claim", "subject": "Links inside", "description": text},
        timeout=30,
    )
    assert sent.status_code == 200
    new_id = int(re.search(r"/my/feedback/(\d+)", sent.url).group(1))
    stored = _read(world, new_id, ["description", "partner_id", "contact_id"])
    assert "<a" not in stored["description"] and "<img" not in stored["description"]
    assert "&lt;a href=" in stored["description"], "kept as the client typed it"
    assert stored["partner_id"][0] == world["a"]
    assert '<img src="https://evil' not in sent.text
