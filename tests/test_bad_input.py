"""Bad input over XML-RPC, as a careless integrator would send it: a readable refusal, nothing partial."""

import xmlrpc.client

import pytest

# Odoo's fault codes: 1 is a server error with a traceback; 2 a user or validation error,
# 3 access denied, 4 an access error.
READABLE = {2, 3, 4}


@pytest.fixture(scope="module")
def admin_and_partner(odoo_server_with_addon):
    admin = odoo_server_with_addon.login("admin", "admin")
    partner = admin.call(
        "res.partner", "create", {"name": "Bad input client", "is_company": True, "cs_stage": "prospect"}
    )
    return admin, partner


CASES = [
    ("client_specialist.tier", {"name": "x", "contact_interval_days": -1}),
    ("client_specialist.tier", {"name": "x", "contact_interval_days": "abc"}),
    ("client_specialist.tier", {"name": "x", "pricelist_id": "abc"}),
    ("client_specialist.need", {}),
    ("client_specialist.need", {"name": "x", "partner_id": 999999999}),
    ("client_specialist.need", {"name": "x", "partner_id": "PARTNER", "priority": "9"}),
    (
        "client_specialist.feedback",
        {"subject": "x", "partner_id": "PARTNER", "compensation": True, "compensation_amount": -5},
    ),
    ("client_specialist.feedback", {"subject": "x", "partner_id": "PARTNER", "type": "bogus"}),
    ("client_specialist.feedback", {"subject": "x", "partner_id": "PARTNER", "date_received": "2020-13-45"}),
    ("client_specialist.feedback", {"subject": "x", "partner_id": "PARTNER", "no_such_field": 1}),
    ("client_specialist.competitor.policy", {}),
    ("client_specialist.competitor.policy", {"competitor_id": "PARTNER", "aspect": "price", "discount_percent": 150}),
    ("client_specialist.reliability.assessment", {"partner_id": "PARTNER", "revenue": -1}),
    ("client_specialist.reliability.assessment", {"partner_id": "PARTNER", "court_cases": "many"}),
    (
        "client_specialist.obligation",
        {"name": "x", "party": "client", "kind": "payment", "partner_id": "PARTNER", "date_due": "2020-13-45"},
    ),
    (
        "client_specialist.obligation",
        {"name": "x", "party": "client", "kind": "payment", "partner_id": "PARTNER", "date_due": "2030-01-01"},
    ),
    ("client_specialist.category", {"name": "x", "code": "none"}),
    ("client_specialist.category", {"name": "x", "code": "x1", "max_discount": 150}),
    ("client_specialist.specialist", {"user_id": "abc"}),
    (
        "client_specialist.absence",
        {"specialist_id": 999999999, "deputy_id": 2, "date_from": "2026-01-10", "date_to": "2026-01-01"},
    ),
]


@pytest.mark.parametrize(("model", "values"), CASES, ids=[f"{m}-{i}" for i, (m, _v) in enumerate(CASES)])
def test_bad_create_is_refused_readably_and_leaves_nothing(admin_and_partner, model, values):
    admin, partner = admin_and_partner
    values = {k: partner if v == "PARTNER" else v for k, v in values.items()}
    before = admin.call(model, "search_count", [], context={"active_test": False})
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin.call(model, "create", values)
    assert caught.value.faultCode in READABLE, caught.value.faultString[-400:]
    assert admin.call(model, "search_count", [], context={"active_test": False}) == before


def test_bad_write_is_refused_readably(admin_and_partner):
    admin, partner = admin_and_partner
    need = admin.call("client_specialist.need", "create", {"name": "Film", "partner_id": partner})
    for values in (
        {"priority": "9"},
        {"expected_volume": "lots"},
        {"date_identified": "yesterday"},
        {"partner_id": "x"},
    ):
        with pytest.raises(xmlrpc.client.Fault) as caught:
            admin.call("client_specialist.need", "write", [need], values)
        assert caught.value.faultCode in READABLE, caught.value.faultString[-400:]
    assert admin.call("client_specialist.need", "read", [need], ["priority"])[0]["priority"] == "1"
