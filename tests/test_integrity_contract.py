"""Contracts hold their rules over XML-RPC: each way around them that once worked, tried as the
specialist (or the portal user, or an internal user outside Client Relations) would try it, is
refused readably and leaves the database as it was.

The users are made here by the administrator: specialist A (a category limited to 10,000 and
5 %), colleague B, their head of sales, a Sales user outside Client Relations, a plain internal
user, and the portal user of A's client.
"""

import xmlrpc.client
from datetime import datetime, timezone

import pytest

READABLE = {2, 3, 4}  # Odoo's fault codes: user or validation error, access denied, access error
CS = "client_specialist."
PASSWORD = "integrity-contract-1"


def _ref(admin, xmlid):
    module, name = xmlid.split(".")
    return admin.call("ir.model.data", "check_object_reference", module, name)[1]


def _refused(call, *texts):
    """The call is refused with a readable fault saying ``texts``."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    fault = caught.value
    assert fault.faultCode in READABLE, fault.faultString[-800:]
    for text in texts:
        assert text in fault.faultString, fault.faultString[-800:]
    return fault.faultString


class Team:
    def __init__(self, server):
        self.server = server
        self.admin = admin = server.login("admin", "admin")
        self.ids = {}
        groups = {
            key: _ref(admin, xmlid)
            for key, xmlid in (
                ("specialist", "client_specialist.group_client_specialist"),
                ("head", "client_specialist.group_client_specialist_head"),
                ("salesman", "sales_team.group_sale_salesman"),
                ("user", "base.group_user"),
                ("portal", "base.group_portal"),
            )
        }
        category = admin.call(
            CS + "category",
            "create",
            {
                "name": "Integrity Junior",
                "code": "it_junior",
                "level": 90,
                "max_order_amount": 10000,
                "max_discount": 5,
            },
        )
        for key, group in (
            ("head", "head"),
            ("a", "specialist"),
            ("b", "specialist"),
            ("salesman", "salesman"),
            ("internal", "user"),
        ):
            self.ids[key] = admin.call(
                "res.users",
                "create",
                {
                    "name": f"Integrity {key}",
                    "login": f"it_contract_{key}",
                    "email": f"it_contract_{key}@example.com",
                    "password": PASSWORD,
                    "groups_id": [(6, 0, [groups[group]])],
                },
            )
        for key in ("a", "b"):
            card = admin.call(
                CS + "specialist",
                "create",
                {"user_id": self.ids[key], "head_id": self.ids["head"], "education_level": "higher"},
            )
            self.ids[f"card_{key}"] = card
        wizard = admin.call(
            CS + "appointment.wizard",
            "create",
            {
                "specialist_id": self.ids["card_a"],
                "category_id": category,
                "date": "2024-01-15",
                "order_number": "IT-1",
                "order_date": "2024-01-15",
            },
        )
        admin.call(CS + "appointment.wizard", "action_appoint", [wizard])
        self.ids["client_a"] = admin.call(
            "res.partner", "create", {"name": "Integrity client of A", "is_company": True, "user_id": self.ids["a"]}
        )
        self.ids["client_b"] = admin.call(
            "res.partner", "create", {"name": "Integrity client of B", "is_company": True, "user_id": self.ids["b"]}
        )
        self.ids["portal"] = admin.call(
            "res.users",
            "create",
            {
                "name": "Integrity portal",
                "login": "it_contract_portal",
                "email": "it_contract_portal@example.com",
                "password": PASSWORD,
                "groups_id": [(6, 0, [groups["portal"]])],
            },
        )
        portal_partner = admin.call("res.users", "read", [self.ids["portal"]], ["partner_id"])[0]["partner_id"][0]
        admin.call("res.partner", "write", [portal_partner], {"parent_id": self.ids["client_a"]})
        self.ids["portal_partner"] = portal_partner
        self.ids["product"] = admin.call(
            "product.product", "create", {"name": "Integrity desk", "list_price": 100.0, "taxes_id": [(6, 0, [])]}
        )

    def login(self, key):
        return self.server.login(f"it_contract_{key}", PASSWORD)

    def quotation(self, user, client, qty=10, discount=0.0, **vals):
        """A quotation made by ``user`` for ``client``, one line at 100 a piece."""
        line = {"product_id": self.ids["product"], "product_uom_qty": qty, "price_unit": 100.0, "discount": discount}
        values = {"partner_id": self.ids[client], "order_line": [(0, 0, dict(line, tax_id=[(6, 0, [])]))], **vals}
        return user.call("sale.order", "create", values)

    def order(self, order_id, *names):
        return self.admin.call("sale.order", "read", [order_id], list(names or ("state", "cs_approval_state")))[0]


@pytest.fixture(scope="module")
def team(odoo_server_with_addon):
    return Team(odoo_server_with_addon)


def test_an_order_created_approved_does_not_confirm_beyond_the_limits(team):
    a = team.login("a")
    count = team.admin.call("sale.order", "search_count", [])
    approved = {"cs_approval_state": "approved", "cs_approved_amount": 1e6, "cs_approved_discount": 50.0}
    _refused(lambda: team.quotation(a, "client_a", qty=500, discount=50.0, **approved), "cannot be set directly")
    for name, value in approved.items():
        _refused(lambda n=name, v=value: team.quotation(a, "client_a", **{n: v}), "cannot be set directly")
    assert team.admin.call("sale.order", "search_count", []) == count
    # Defaults in the context do not choose a decision either.
    context = {f"default_{name}": value for name, value in approved.items()}
    order = a.call("sale.order", "create", {"partner_id": team.ids["client_a"]}, context=context)
    assert team.order(order, "cs_approval_state", "cs_approved_amount") == {
        "id": order,
        "cs_approval_state": "not_needed",
        "cs_approved_amount": 0.0,
    }
    # The same order made plainly goes to the head of sales.
    order = team.quotation(a, "client_a", qty=500, discount=50.0)
    a.call("sale.order", "action_confirm", [order])
    assert team.order(order) == {"id": order, "state": "draft", "cs_approval_state": "to_approve"}


def test_emptying_the_salesperson_does_not_skip_the_limits(team):
    a = team.login("a")
    order = team.quotation(a, "client_a", qty=200)  # 20,000: above A's 10,000
    a.call("sale.order", "write", [order], {"user_id": False})
    a.call("sale.order", "action_confirm", [order])
    a.call("sale.order", "write", [order], {"user_id": team.ids["a"]})
    _refused(lambda: a.call("sale.order", "action_confirm", [order]), "waiting for the head of sales")
    state = team.order(order, "state", "cs_approval_state", "cs_approval_reasons", "user_id")
    assert (state["state"], state["cs_approval_state"]) == ("draft", "to_approve")
    assert "10,000.00" in state["cs_approval_reasons"]


def test_raising_what_was_approved_asks_the_head_again(team):
    a, head = team.login("a"), team.login("head")
    order = team.quotation(a, "client_a", discount=12.0)
    a.call("sale.order", "action_confirm", [order])
    head.call("sale.order", "action_cs_approve", [order])
    assert team.order(order) == {"id": order, "state": "sale", "cs_approval_state": "approved"}
    before = team.order(order, "cs_approved_amount", "cs_approved_discount", "cs_approved_by_id")
    for values in ({"cs_approved_discount": 50.0}, {"cs_approved_amount": 1e6}, {"cs_approved_by_id": team.ids["a"]}):
        _refused(lambda v=values: a.call("sale.order", "write", [order], v), "cannot be set directly")
    assert team.order(order, "cs_approved_amount", "cs_approved_discount", "cs_approved_by_id") == before
    line = team.order(order, "order_line")["order_line"][0]
    a.call("sale.order.line", "write", [line], {"discount": 50.0})
    state = team.order(order, "state", "cs_approval_state", "cs_approval_reasons")
    assert (state["state"], state["cs_approval_state"]) == ("sale", "to_approve")
    assert "50.00 %" in state["cs_approval_reasons"]


def test_an_overdue_obligation_is_neither_cancelled_nor_back_dated(team):
    a, admin = team.login("a"), team.admin
    obligation = a.call(
        CS + "obligation",
        "create",
        {"name": "Integrity act", "partner_id": team.ids["client_a"], "kind": "documents", "date_due": "2020-01-01"},
    )
    cron = _ref(admin, "client_specialist_contract.ir_cron_obligation_overdue")
    admin.call("ir.cron", "method_direct_trigger", [cron])
    fields = ["state", "date_done", "is_on_time", "date_due"]
    before = admin.call(CS + "obligation", "read", [obligation], fields)[0]
    assert before["state"] == "overdue"
    for values in (
        {"state": "cancelled"},
        {"state": "done", "date_done": "2019-12-31"},
        {"date_done": "2019-12-31"},
        {"date_due": "2099-01-01"},
    ):
        _refused(lambda v=values: a.call(CS + "obligation", "write", [obligation], v))
        assert admin.call(CS + "obligation", "read", [obligation], fields)[0] == before
    # Fulfilled today, as it happened: late.
    assert a.call(CS + "obligation", "action_done", [obligation]) is True
    after = admin.call(CS + "obligation", "read", [obligation], fields)[0]
    today = datetime.now(timezone.utc).date().isoformat()
    assert (after["state"], after["date_done"], after["is_on_time"]) == ("done", today, False)
    rate = a.call("res.partner", "read", [team.ids["client_a"]], ["cs_client_on_time_rate"])[0]
    assert rate["cs_client_on_time_rate"] == 0.0


def test_a_disagreement_cannot_be_moved_to_a_colleague_s_quotation(team):
    a, b = team.login("a"), team.login("b")
    mine = team.quotation(a, "client_a")
    theirs = team.quotation(b, "client_b")
    clause = a.call(CS + "disagreement", "create", {"order_id": mine, "clause": "4.2", "client_wording": "60 days"})
    _refused(lambda: a.call(CS + "disagreement", "write", [clause], {"order_id": theirs}))
    stored = team.admin.call(CS + "disagreement", "read", [clause], ["order_id", "partner_id"])[0]
    assert (stored["order_id"][0], stored["partner_id"][0]) == (mine, team.ids["client_a"])
    assert team.admin.call(CS + "disagreement", "search_count", [("order_id", "=", theirs)]) == 0


def test_the_portal_reads_none_of_the_internal_order_fields(team):
    a, head = team.login("a"), team.login("head")
    order = team.quotation(a, "client_a", discount=20.0)
    a.call("sale.order", "action_confirm", [order])
    assert head.call("sale.order", "action_cs_reject", [order])["res_model"] == CS + "approval.reject.wizard"
    wizard = head.call(
        CS + "approval.reject.wizard", "create", {"order_ids": [(6, 0, [order])], "reason": "Margin too thin"}
    )
    head.call(CS + "approval.reject.wizard", "action_reject", [wizard])
    assert team.order(order, "cs_rejection_reason")["cs_rejection_reason"] == "Margin too thin"
    team.admin.call("sale.order", "message_subscribe", [order], partner_ids=[team.ids["portal_partner"]])
    portal = team.login("portal")
    assert portal.call("sale.order", "read", [order], ["name"])[0]["id"] == order
    visible = portal.call("sale.order", "fields_get", attributes=["type"])
    for name in ("cs_approval_reasons", "cs_rejection_reason", "cs_reliability_warning", "cs_approval_state"):
        assert name not in visible
        _refused(lambda n=name: portal.call("sale.order", "read", [order], [n]))
    # Nor the chatter: the request and the decision are internal notes.
    messages = portal.call(
        "mail.message", "search_read", [("model", "=", "sale.order"), ("res_id", "=", order)], ["body"]
    )
    assert not [m for m in messages if "Margin too thin" in m["body"] or "A discount of" in m["body"]], messages


def test_on_time_rates_are_read_in_client_relations_only(team):
    rates = ["cs_client_on_time_rate", "cs_company_on_time_rate", "cs_client_obligations_measured"]
    client = team.ids["client_b"]
    assert team.login("b").call("res.partner", "read", [client], rates)
    for key in ("internal", "salesman", "portal"):
        user = team.login(key)
        visible = user.call("res.partner", "fields_get", attributes=["type"])
        assert not set(rates) & set(visible), key
        _refused(lambda u=user: u.call("res.partner", "read", [team.ids["client_a"]], rates))
