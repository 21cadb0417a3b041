"""Reliability, evaluation and competition hold their rules over XML-RPC, against a real server.

Each test is one attack a user could try with an XML-RPC client instead of the forms: the
server refuses it readably (a user error or an access error, never a server error) and the
database reads afterwards as before, as the administrator sees it. The users are made by the
administrator over XML-RPC: a head of sales, two specialists with their own clients, a deputy, a
Sales user outside Client Relations and a portal user of a client.
"""

import datetime
import xmlrpc.client

import pytest

CS = "client_specialist."
READABLE = {2, 3, 4}  # Odoo's fault codes: user error, access denied, access error
ACCESS_ERROR = 4


class World:
    def __init__(self, server):
        self.server = server
        self.admin = server.login("admin", "admin")
        call = self.admin.call
        ref = self._ref
        head, specialist = (
            ref("client_specialist", "group_client_specialist_head"),
            ref("client_specialist", "group_client_specialist"),
        )
        salesman, portal = ref("sales_team", "group_sale_salesman"), ref("base", "group_portal")
        self.ids = {}
        for name, group in (
            ("hq", head),
            ("spec_a", specialist),
            ("spec_b", specialist),
            ("deputy", specialist),
            ("sales", salesman),
        ):
            self.ids[name] = call(
                "res.users",
                "create",
                {
                    "name": f"IR {name}",
                    "login": f"ir_{name}",
                    "password": f"ir_{name}-pw",
                    "email": f"ir_{name}@example.com",
                    "groups_id": [(4, group)],
                },
            )
        for name in ("spec_a", "spec_b", "deputy"):
            self.ids[f"card_{name}"] = call(
                CS + "specialist",
                "create",
                {"user_id": self.ids[name], "head_id": self.ids["hq"], "education_level": "higher"},
            )
        # spec_a is away: the deputy stands in for them.
        today = datetime.date.today()
        self.ids["absence"] = call(
            CS + "absence",
            "create",
            {
                "specialist_id": self.ids["card_spec_a"],
                "deputy_id": self.ids["deputy"],
                "date_from": today.isoformat(),
                "date_to": (today + datetime.timedelta(days=30)).isoformat(),
            },
        )
        assert call(CS + "absence", "read", [self.ids["absence"]], ["state"])[0]["state"] == "running"
        for name, user in (("client_a", "spec_a"), ("client_a2", "spec_a"), ("client_b", "spec_b")):
            self.ids[name] = call(
                "res.partner", "create", {"name": f"IR {name}", "is_company": True, "user_id": self.ids[user]}
            )
        self.ids["rival"] = call(
            "res.partner", "create", {"name": "IR rival", "is_company": True, "cs_is_competitor": True}
        )
        buyer = call(
            "res.partner",
            "create",
            {"name": "IR buyer", "parent_id": self.ids["client_a"], "email": "ir_buyer@example.com"},
        )
        self.ids["portal"] = call(
            "res.users",
            "create",
            {"login": "ir_portal", "password": "ir_portal-pw", "partner_id": buyer, "groups_id": [(6, 0, [portal])]},
        )
        self.ids["product"] = call("product.product", "create", {"name": "IR film", "list_price": 100.0})
        self.users = {name: server.login(f"ir_{name}", f"ir_{name}-pw") for name in (*self.ids_of_users(), "portal")}

    @staticmethod
    def ids_of_users():
        return ("hq", "spec_a", "spec_b", "deputy", "sales")

    def _ref(self, module, name):
        return self.admin.call("ir.model.data", "check_object_reference", module, name)[1]

    def read(self, model, record_id, names):
        return self.admin.call(model, "read", [record_id], names)[0]

    def order(self, client, user):
        return self.admin.call(
            "sale.order",
            "create",
            {
                "partner_id": self.ids[client],
                "user_id": self.ids[user],
                "order_line": [(0, 0, {"product_id": self.ids["product"], "product_uom_qty": 1})],
            },
        )


@pytest.fixture(scope="module")
def world(odoo_server_with_addon):
    return World(odoo_server_with_addon)


def refused(world, user, model, method, *args, **kwargs):
    """Call and expect a readable refusal; return the fault."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world.users[user].call(model, method, *args, **kwargs)
    assert caught.value.faultCode in READABLE, caught.value.faultString[-600:]
    return caught.value


# ----------------------------------------------------------------------------------------------
# Reliability
# ----------------------------------------------------------------------------------------------


def test_a_bad_assessment_is_not_re_pointed_at_a_colleague_s_client(world):
    a = world.users["spec_a"]
    theirs = world.admin.call(
        CS + "reliability.assessment", "create", {"partner_id": world.ids["client_b"], "registry_status": "active"}
    )
    before = world.read("res.partner", world.ids["client_b"], ["cs_reliability_id", "cs_reliability_grade"])
    bad = a.call(
        CS + "reliability.assessment", "create", {"partner_id": world.ids["client_a"], "registry_status": "liquidation"}
    )
    assert world.read(CS + "reliability.assessment", bad, ["grade"])["grade"] == "D"
    fault = refused(
        world, "spec_a", CS + "reliability.assessment", "write", [bad], {"partner_id": world.ids["client_b"]}
    )
    assert "stays with the client" in fault.faultString
    refused(world, "spec_a", CS + "reliability.assessment", "write", [theirs], {"registry_status": "liquidation"})
    assert world.read(CS + "reliability.assessment", bad, ["partner_id"])["partner_id"][0] == world.ids["client_a"]
    assert world.read("res.partner", world.ids["client_b"], ["cs_reliability_id", "cs_reliability_grade"]) == before
    assert before["cs_reliability_id"][0] == theirs


def test_the_validity_is_not_stretched_past_the_approval_gate(world):
    admin, a = world.admin, world.users["spec_a"]
    company = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    scheme = admin.call(CS + "reliability.scheme", "search", [("company_id", "=", company)], limit=1)[0]
    amount = world.read(CS + "reliability.scheme", scheme, ["approval_amount"])["approval_amount"]
    admin.call(CS + "reliability.scheme", "write", [scheme], {"approval_amount": 50})
    try:
        assessment = a.call(
            CS + "reliability.assessment", "create", {"partner_id": world.ids["client_a2"], "registry_status": "active"}
        )
        # A year and more ago, as the head of sales may date it: expired.
        admin.call(CS + "reliability.assessment", "write", [assessment], {"date": "2020-01-01"})
        expired = world.read(CS + "reliability.assessment", assessment, ["valid_until", "is_valid", "date"])
        assert not expired["is_valid"]
        for user in ("spec_a", "deputy"):
            for values in ({"valid_until": "2099-12-31"}, {"date": datetime.date.today().isoformat()}):
                fault = refused(world, user, CS + "reliability.assessment", "write", [assessment], values)
                assert fault.faultCode == ACCESS_ERROR and "cannot be set directly" in fault.faultString
        fault = refused(
            world,
            "spec_a",
            CS + "reliability.assessment",
            "create",
            {"partner_id": world.ids["client_a2"], "date": "2099-01-01", "registry_status": "active"},
        )
        assert "Date" in fault.faultString
        assert world.read(CS + "reliability.assessment", assessment, ["valid_until", "is_valid", "date"]) == expired
        order = a.call(
            "sale.order",
            "create",
            {
                "partner_id": world.ids["client_a2"],
                "order_line": [(0, 0, {"product_id": world.ids["product"], "product_uom_qty": 1})],
            },
        )
        warning = a.call("sale.order", "read", [order], ["cs_reliability_warning"])[0]["cs_reliability_warning"]
        assert "no valid reliability assessment" in warning
    finally:
        admin.call(CS + "reliability.scheme", "write", [scheme], {"approval_amount": amount})


def test_the_reliability_grade_is_read_by_client_relations_only(world):
    world.admin.call(CS + "reliability.assessment", "create", {"partner_id": world.ids["client_a"]})
    names = ["cs_reliability_grade", "cs_reliability_score"]
    assert world.users["spec_a"].call("res.partner", "read", [world.ids["client_a"]], names)
    for user in ("sales", "portal"):
        assert world.users[user].call("res.partner", "read", [world.ids["client_a"]], ["name"])
        for name in names:
            fault = refused(world, user, "res.partner", "read", [world.ids["client_a"]], [name])
            assert fault.faultCode == ACCESS_ERROR


# ----------------------------------------------------------------------------------------------
# Evaluation and job descriptions
# ----------------------------------------------------------------------------------------------


def test_the_head_decides_and_the_specialist_alone_acknowledges_the_evaluation(world):
    hq = world.users["hq"]
    period = {"date_from": "2025-01-01", "date_to": "2025-03-31"}
    evaluation = hq.call(CS + "evaluation", "create", {"specialist_id": world.ids["card_spec_a"], **period})
    hq.call(CS + "evaluation", "write", [evaluation], {"outcome": "keep"})
    names = ["state", "shared_date", "acknowledged_date", "acknowledged_by_id", "order_count", "outcome"]
    before = world.read(CS + "evaluation", evaluation, names)
    for values in ({"state": "done"}, {"order_count": 99}, {"acknowledged_date": "2025-04-01 10:00:00"}):
        fault = refused(world, "hq", CS + "evaluation", "write", [evaluation], values)
        assert "cannot be set directly" in fault.faultString
    refused(world, "spec_a", CS + "evaluation", "action_share", [evaluation])
    assert world.read(CS + "evaluation", evaluation, names) == before
    hq.call(CS + "evaluation", "action_share", [evaluation])
    for user in ("hq", "deputy", "spec_b"):
        refused(world, user, CS + "evaluation", "action_acknowledge", [evaluation])
    refused(world, "spec_a", CS + "evaluation", "write", [evaluation], {"outcome": "improvement"})
    assert not world.read(CS + "evaluation", evaluation, ["acknowledged_date"])["acknowledged_date"]
    world.users["spec_a"].call(CS + "evaluation", "action_acknowledge", [evaluation])
    done = world.read(CS + "evaluation", evaluation, ["acknowledged_date", "acknowledged_by_id", "outcome"])
    assert done["acknowledged_date"] and done["acknowledged_by_id"][0] == world.ids["spec_a"]
    assert done["outcome"] == "keep"


def test_job_description_approval_and_acknowledgement_by_their_methods_only(world):
    hq, admin = world.users["hq"], world.admin
    category = world._ref("client_specialist", "category_none")
    wizard = hq.call(
        CS + "appointment.wizard",
        "create",
        {"specialist_id": world.ids["card_spec_a"], "category_id": category, "order_number": "IR-1"},
    )
    hq.call(CS + "appointment.wizard", "action_appoint", [wizard])
    draft = hq.call(CS + "job.description", "create", {"name": "IR job description", "category_id": category})
    names = ["state", "approver_name", "approver_title", "approval_date", "version"]
    before = world.read(CS + "job.description", draft, names)
    for values in (
        {"approver_name": "Somebody", "approval_date": "2025-01-01"},
        {"state": "approved"},
        {"version": 99},
    ):
        fault = refused(world, "hq", CS + "job.description", "write", [draft], values)
        assert fault.faultCode == ACCESS_ERROR and "cannot be set directly" in fault.faultString
    refused(
        world,
        "hq",
        CS + "job.description",
        "create",
        {"name": "IR forged", "category_id": category, "state": "approved"},
    )
    refused(
        world,
        "spec_a",
        CS + "job.description",
        "action_approve",
        [draft],
        approver_name="Me",
        approval_date="2025-01-01",
    )
    assert world.read(CS + "job.description", draft, names) == before
    assert hq.call(
        CS + "job.description", "action_approve", [draft], approver_name="P. S. Kozlov", approval_date="2025-03-01"
    )
    approved = world.read(CS + "job.description", draft, names)
    assert (approved["state"], approved["approver_name"]) == ("approved", "P. S. Kozlov")
    ack = admin.call(
        CS + "job.description.acknowledgement",
        "search",
        [("job_description_id", "=", draft), ("specialist_id", "=", world.ids["card_spec_a"])],
    )
    assert ack
    for user in ("hq", "deputy", "spec_b"):
        refused(world, user, CS + "job.description.acknowledgement", "action_acknowledge", ack)
    refused(world, "hq", CS + "job.description.acknowledgement", "write", ack, {"state": "done"})
    assert world.read(CS + "job.description.acknowledgement", ack[0], ["state"])["state"] == "pending"
    world.users["spec_a"].call(CS + "job.description", "action_acknowledge", [draft])
    assert world.read(CS + "job.description.acknowledgement", ack[0], ["state"])["state"] == "done"


# ----------------------------------------------------------------------------------------------
# Competition
# ----------------------------------------------------------------------------------------------


def test_the_client_does_not_read_why_its_quotation_was_lost(world):
    a = world.users["spec_a"]
    order = world.order("client_a", "spec_a")
    world.admin.call("sale.order", "message_subscribe", [order], partner_ids=[world.ids["client_a"]])
    reason = world._ref("client_specialist_competition", "lost_reason_price")
    wizard = a.call(
        CS + "order.lost.wizard",
        "create",
        {
            "order_ids": [(6, 0, [order])],
            "lost_reason_id": reason,
            "winning_competitor_id": world.ids["rival"],
            "note": "IR: the rival gave 60 days to pay",
        },
    )
    a.call(CS + "order.lost.wizard", "action_apply", [wizard])
    portal = world.users["portal"]
    assert portal.call("sale.order", "read", [order], ["name", "state"])[0]["state"] == "cancel"
    for name in ("cs_lost_note", "cs_lost_reason_id", "cs_winning_competitor_id", "cs_outcome"):
        fault = refused(world, "portal", "sale.order", "read", [order], [name])
        assert fault.faultCode == ACCESS_ERROR
    fault = refused(world, "spec_a", "sale.order", "write", [order], {"cs_lost_note": "Rewritten"})
    assert "cannot be set directly" in fault.faultString
    assert world.read("sale.order", order, ["cs_lost_note"])["cs_lost_note"] == "IR: the rival gave 60 days to pay"


def test_a_share_is_not_moved_onto_a_colleague_s_client(world):
    share = world.users["spec_a"].call(
        CS + "competitor.share",
        "create",
        {"partner_id": world.ids["client_a"], "competitor_id": world.ids["rival"], "share_percent": 15},
    )
    for user in ("spec_a", "deputy"):
        fault = refused(world, user, CS + "competitor.share", "write", [share], {"partner_id": world.ids["client_b"]})
        assert fault.faultCode == ACCESS_ERROR
    refused(world, "spec_b", CS + "competitor.share", "write", [share], {"share_percent": 90})
    after = world.read(CS + "competitor.share", share, ["partner_id", "share_percent"])
    assert (after["partner_id"][0], after["share_percent"]) == (world.ids["client_a"], 15)
    assert not world.admin.call(CS + "competitor.share", "search", [("partner_id", "=", world.ids["client_b"])])


def test_a_competing_offer_is_not_moved_onto_a_colleague_s_quotation(world):
    mine, theirs = world.order("client_a", "spec_a"), world.order("client_b", "spec_b")
    offer = world.users["spec_a"].call(
        CS + "competing.offer", "create", {"order_id": mine, "competitor_id": world.ids["rival"], "price": 90}
    )
    fault = refused(world, "spec_a", CS + "competing.offer", "write", [offer], {"order_id": theirs})
    assert fault.faultCode == ACCESS_ERROR
    assert world.read(CS + "competing.offer", offer, ["order_id"])["order_id"][0] == mine
    assert not world.admin.call(CS + "competing.offer", "search", [("order_id", "=", theirs)])


def test_competitors_policies_are_recorded_in_one_s_own_name_and_archived_by_the_head(world):
    policy = world.users["spec_b"].call(
        CS + "competitor.policy", "create", {"name": "IR 5 % off", "competitor_id": world.ids["rival"]}
    )
    # Every specialist records and edits policies.
    world.users["spec_a"].call(CS + "competitor.policy", "write", [policy], {"description": "Seen at a fair"})
    refused(world, "spec_a", CS + "competitor.policy", "write", [policy], {"user_id": world.ids["spec_a"]})
    refused(world, "spec_a", CS + "competitor.policy", "write", [policy], {"active": False})
    refused(
        world,
        "spec_a",
        CS + "competitor.policy",
        "create",
        {"name": "IR forged", "competitor_id": world.ids["rival"], "user_id": world.ids["spec_b"]},
    )
    refused(world, "sales", CS + "competitor.policy", "write", [policy], {"description": "x"})
    after = world.read(CS + "competitor.policy", policy, ["user_id", "active", "description"])
    assert (after["user_id"][0], after["active"], after["description"]) == (world.ids["spec_b"], True, "Seen at a fair")
    world.users["hq"].call(CS + "competitor.policy", "write", [policy], {"active": False})
    assert not world.admin.call(CS + "competitor.policy", "read", [policy], ["active"], context={"active_test": False})[
        0
    ]["active"]
