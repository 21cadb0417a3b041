"""The application's decisions over XML-RPC, as each role would try them: owner, stage, tier of a client,
appointments, absences. Refused with a readable fault, the database unchanged; the head still decides."""

import itertools
import xmlrpc.client

import pytest

READABLE = {2, 3, 4}  # Odoo's fault codes for user, access-denied and access errors (1: server error)
_counter = itertools.count()


@pytest.fixture(scope="module")
def people(odoo_server_with_addon):
    """Users of each role, a client for each specialist, over XML-RPC as the administrator."""
    server = odoo_server_with_addon
    admin = server.login("admin", "admin")
    ref = {
        name: _xmlid(admin, xmlid)
        for name, xmlid in (
            ("specialist", "client_specialist.group_client_specialist"),
            ("head", "client_specialist.group_client_specialist_head"),
            ("salesman", "sales_team.group_sale_salesman"),
            ("partner_manager", "base.group_partner_manager"),
            ("portal", "base.group_portal"),
        )
    }
    logins = {
        "owner": [ref["specialist"]],
        "colleague": [ref["specialist"]],
        "deputy": [ref["specialist"]],
        "head": [ref["head"]],
        "salesman": [ref["salesman"], ref["partner_manager"]],
        "portal": [ref["portal"]],
    }
    uids = {}
    for role, groups in logins.items():
        login = f"integrity_core_{role}"
        uids[role] = admin.call(
            "res.users",
            "create",
            {
                "name": f"Integrity {role}",
                "login": login,
                "password": login,
                "email": f"{login}@example.com",
                "groups_id": [(6, 0, groups)],
            },
        )
    specialists = admin.call(
        "client_specialist.specialist",
        "create",
        [{"user_id": uids[role]} for role in ("owner", "colleague", "deputy")],
    )
    # The deputy stands in for the owner today.
    admin.call(
        "client_specialist.absence",
        "create",
        {
            "specialist_id": specialists[0],
            "deputy_id": uids["deputy"],
            "date_from": "2000-01-01",
            "date_to": "2100-01-01",
        },
    )
    users = {role: server.login(f"integrity_core_{role}", f"integrity_core_{role}") for role in logins}
    users["admin"] = admin
    users["uids"] = uids
    return users


def _xmlid(admin, xmlid):
    module, name = xmlid.split(".")
    return admin.call("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"])[0][
        "res_id"
    ]


def _client(people, **values):
    return people["admin"].call(
        "res.partner",
        "create",
        {
            "name": f"Integrity client {next(_counter)}",
            "is_company": True,
            "user_id": people["uids"]["owner"],
            "cs_stage": "prospect",
            **values,
        },
    )


def _read(people, partner_id):
    return people["admin"].call(
        "res.partner", "read", [partner_id], ["user_id", "cs_stage", "cs_tier_id", "cs_won_date", "active"]
    )[0]


def _refused(user, *call, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        user.call(*call, **kwargs)
    assert caught.value.faultCode in READABLE, caught.value.faultString
    return caught.value.faultString


@pytest.mark.parametrize("role", ["owner", "colleague", "deputy", "salesman", "portal"])
def test_only_the_head_gives_a_client_to_another_specialist(people, role):
    client = _client(people)
    before = _read(people, client)
    taker = people["uids"]["colleague" if role == "owner" else role]  # the owner would give it away
    _refused(people[role], "res.partner", "write", [client], {"user_id": taker})
    assert _read(people, client) == before
    people["head"].call("res.partner", "write", [client], {"user_id": people["uids"]["colleague"]})
    assert _read(people, client)["user_id"][0] == people["uids"]["colleague"]


@pytest.mark.parametrize("role", ["owner", "colleague", "deputy", "salesman", "head"])
@pytest.mark.parametrize("values", [{"cs_stage": "key_client"}, {"cs_stage": "client"}, {"cs_won_date": "2001-01-01"}])
def test_no_role_writes_a_stage_past_its_rules(people, role, values):
    client = _client(people)
    before = _read(people, client)
    message = _refused(people[role], "res.partner", "write", [client], values)
    if role in ("owner", "deputy", "head"):  # theirs to work: the decision itself is refused
        assert ("Relationship Stage" if "cs_stage" in values else "Client Since") in message
    assert _read(people, client) == before


def test_a_specialist_creates_no_key_client_with_a_tier(people):
    tier = people["admin"].call("client_specialist.tier", "create", {"name": "Integrity gold"})
    count = people["admin"].call("res.partner", "search_count", [("name", "=", "Integrity shortcut")])
    for values in ({"cs_stage": "key_client"}, {"cs_stage": "prospect", "cs_tier_id": tier}):
        _refused(
            people["owner"],
            "res.partner",
            "create",
            {"name": "Integrity shortcut", "is_company": True, "user_id": people["uids"]["owner"], **values},
        )
    assert people["admin"].call("res.partner", "search_count", [("name", "=", "Integrity shortcut")]) == count


@pytest.mark.parametrize("method", ["action_archive", "unlink"])
def test_a_colleague_s_client_is_neither_archived_nor_deleted(people, method):
    client = _client(people)
    _refused(people["colleague"], "res.partner", method, [client])
    assert _read(people, client)["active"]
    people["deputy"].call("res.partner", "write", [client], {"active": False})  # standing in for the owner
    assert not _read(people, client)["active"]


def test_the_stage_buttons_decide_for_the_portfolio(people):
    client = _client(people)
    _refused(people["colleague"], "res.partner", "action_cs_start_negotiation", [client])
    people["deputy"].call("res.partner", "action_cs_start_negotiation", [client])
    assert _read(people, client)["cs_stage"] == "negotiating"


def test_a_context_key_opens_no_door(people):
    client = _client(people)
    _refused(
        people["owner"],
        "res.partner",
        "write",
        [client],
        {"cs_stage": "client"},
        context={"cs_stage_auto": True, "client_specialist_deciding": True},
    )
    assert _read(people, client)["cs_stage"] == "prospect"


def test_appointments_and_absences_are_decided_by_their_methods(people):
    admin, head = people["admin"], people["head"]
    specialist = admin.call("client_specialist.specialist", "search", [("user_id", "=", people["uids"]["colleague"])])
    category = _xmlid(admin, "client_specialist.category_first")
    before = admin.call("client_specialist.appointment", "search_count", [])
    _refused(
        head,
        "client_specialist.appointment",
        "create",
        {
            "specialist_id": specialist[0],
            "category_id": category,
            "date": "2026-01-01",
            "order_number": "1",
            "order_date": "2026-01-01",
        },
    )
    assert admin.call("client_specialist.appointment", "search_count", []) == before
    absence = admin.call(
        "client_specialist.absence",
        "create",
        {
            "specialist_id": specialist[0],
            "deputy_id": people["uids"]["deputy"],
            "date_from": "2090-01-01",
            "date_to": "2090-01-05",
        },
    )
    _refused(head, "client_specialist.absence", "write", [absence], {"state": "running"})
    _refused(people["colleague"], "client_specialist.absence", "action_cancel", [absence])
    head.call("client_specialist.absence", "action_cancel", [absence])
    assert admin.call("client_specialist.absence", "read", [absence], ["state"])[0]["state"] == "cancelled"
