"""A client's user sends requirements and claims from the portal and sees only their company's."""

import re

import pytest
import requests


@pytest.fixture(scope="module")
def clients(odoo_server_with_addon):
    admin = odoo_server_with_addon.login("admin", "admin")
    product = admin.call("product.product", "create", {"name": "Portal test film", "list_price": 10.0})
    portal_group = admin.call("ir.model.data", "check_object_reference", "base", "group_portal")[1]
    data = {}
    for key in ("a", "b"):
        company = admin.call("res.partner", "create", {"name": f"Portal client {key}", "is_company": True})
        contact = admin.call(
            "res.partner", "create", {"name": f"Buyer {key}", "parent_id": company, "email": f"buyer.{key}@example.com"}
        )
        admin.call(
            "res.users",
            "create",
            {
                "login": f"portal_{key}",
                "password": f"portal_{key}_pwd",
                "partner_id": contact,
                "groups_id": [(6, 0, [portal_group])],
            },
        )
        order = admin.call(
            "sale.order",
            "create",
            {"partner_id": company, "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 1})]},
        )
        admin.call("sale.order", "action_confirm", [order])
        feedback = admin.call(
            "client_specialist.feedback", "create", {"subject": f"Earlier request of {key}", "partner_id": company}
        )
        data[key] = {"company": company, "contact": contact, "order": order, "feedback": feedback}
    return admin, data


def _portal_session(server, login, password):
    session = requests.Session()
    page = session.get(f"{server.url}/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{server.url}/web/login",
        data={"login": login, "password": password, "csrf_token": token, "redirect": "/my"},
        timeout=30,
    )
    assert response.status_code == 200 and "/web/login" not in response.url, "portal login failed"
    return session


def _form_token(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def test_portal_user_sends_a_claim_and_follows_it(odoo_server_with_addon, clients):
    server = odoo_server_with_addon
    admin, data = clients
    session = _portal_session(server, "portal_a", "portal_a_pwd")

    listing = session.get(f"{server.url}/my/feedback", timeout=30)
    assert listing.status_code == 200
    assert "Earlier request of a" in listing.text
    assert "Earlier request of b" not in listing.text

    token = _form_token(session, f"{server.url}/my/feedback/new")
    sent = session.post(
        f"{server.url}/my/feedback/new",
        data={
            "csrf_token": token,
            "type": "claim",
            "subject": "Damaged packaging",
            "description": "Three boxes of the last delivery were crushed.",
            "order_id": str(data["a"]["order"]),
        },
        timeout=30,
    )
    assert sent.status_code == 200
    new_id = int(re.search(r"/my/feedback/(\d+)", sent.url).group(1))
    record = admin.call(
        "client_specialist.feedback",
        "read",
        [new_id],
        ["partner_id", "contact_id", "order_id", "type", "in_writing", "state"],
    )[0]
    assert record["partner_id"][0] == data["a"]["company"]
    assert record["contact_id"][0] == data["a"]["contact"]
    assert record["order_id"][0] == data["a"]["order"]
    assert (record["type"], record["in_writing"], record["state"]) == ("claim", True, "new")
    assert "Damaged packaging" in sent.text

    # The answer shows once resolved: the draft stays internal until then.
    admin.call("client_specialist.feedback", "write", [new_id], {"resolution": "<p>New boxes leave on Monday.</p>"})
    draft = session.get(f"{server.url}/my/feedback/{new_id}", timeout=30)
    assert "Damaged packaging" in draft.text and "New boxes leave on Monday." not in draft.text
    admin.call("client_specialist.feedback", "action_resolve", [new_id])
    page = session.get(f"{server.url}/my/feedback/{new_id}", timeout=30)
    assert "New boxes leave on Monday." in page.text


def test_portal_input_is_validated_and_isolated(odoo_server_with_addon, clients):
    server = odoo_server_with_addon
    admin, data = clients
    session = _portal_session(server, "portal_a", "portal_a_pwd")
    before = admin.call("client_specialist.feedback", "search_count", [])

    token = _form_token(session, f"{server.url}/my/feedback/new")
    for bad in (
        {"type": "claim", "subject": "Not mine", "description": "x", "order_id": str(data["b"]["order"])},
        {"type": "praise", "subject": "Wrong type", "description": "x"},
        {"type": "claim", "subject": "", "description": "x"},
        {"type": "claim", "subject": "No text", "description": "   "},
        {"type": "claim", "subject": "Bad order", "description": "x", "order_id": "abc"},
    ):
        answer = session.post(f"{server.url}/my/feedback/new", data={"csrf_token": token, **bad}, timeout=30)
        assert answer.status_code == 200
        assert "is-invalid" in answer.text, bad
    assert admin.call("client_specialist.feedback", "search_count", []) == before

    # Another company's record is not shown, whatever the URL.
    other = session.get(f"{server.url}/my/feedback/{data['b']['feedback']}", timeout=30)
    assert "Earlier request of b" not in other.text
    assert other.url.rstrip("/").endswith("/my")
