"""An administrator installs the application from the Apps menu, switches features on from its
Settings (the bridges follow by themselves), then uninstalls it."""


def _module(admin, name):
    ids = admin.call("ir.module.module", "search", [("name", "=", name)])
    assert ids, f"{name} is not in the Apps list"
    return ids[0], admin.call("ir.module.module", "read", ids, ["state", "application"])[0]


def _sell(admin, partner_name):
    partner_id = admin.call("res.partner", "create", {"name": partner_name, "is_company": True})
    product_id = admin.call("product.product", "create", {"name": f"Service for {partner_name}", "list_price": 100.0})
    order_id = admin.call(
        "sale.order",
        "create",
        {"partner_id": partner_id, "order_line": [(0, 0, {"product_id": product_id, "product_uom_qty": 2})]},
    )
    admin.call("sale.order", "action_confirm", [order_id])
    state, amount = (
        admin.call("sale.order", "read", [order_id], ["state", "amount_untaxed"])[0][k]
        for k in ("state", "amount_untaxed")
    )
    assert state == "sale"
    assert amount == 200.0
    return partner_id, order_id


def test_install_and_uninstall_like_the_apps_menu(odoo_server):
    admin = odoo_server.login("admin", "admin")
    admin.call("ir.module.module", "update_list")
    module_id, module = _module(admin, "client_specialist")
    assert module["state"] == "uninstalled"
    assert module["application"] is True

    admin.call("ir.module.module", "button_immediate_install", [module_id])
    assert _module(admin, "client_specialist")[1]["state"] == "installed"
    codes = admin.call("client_specialist.category", "search_read", [], ["code"], order="level")
    assert [c["code"] for c in codes] == ["none", "second", "first"]
    groups = admin.call(
        "res.groups", "search_read", [("category_id.name", "=", "Client Relations")], ["name"], order="name"
    )
    assert [g["name"] for g in groups] == ["Client Specialist", "Head of Sales"]
    features = ("client_specialist_contract", "client_specialist_reliability", "client_specialist_feedback")
    assert {_module(admin, name)[1]["state"] for name in features} == {"uninstalled"}

    # Settings > Client Relations > Features, as the administrator ticks them.
    settings = admin.call(
        "res.config.settings",
        "create",
        {"module_client_specialist_contract": True, "module_client_specialist_reliability": True},
    )
    admin.call("res.config.settings", "execute", [settings])
    states = {
        name: _module(admin, name)[1]["state"]
        for name in (*features, "client_specialist_contract_reliability", "client_specialist_contract_feedback")
    }
    assert states == {
        "client_specialist_contract": "installed",
        "client_specialist_reliability": "installed",
        "client_specialist_feedback": "uninstalled",
        "client_specialist_contract_reliability": "installed",  # the bridge of the two
        "client_specialist_contract_feedback": "uninstalled",
    }
    assert admin.call("ir.model", "search", [("model", "=", "client_specialist.obligation")])
    before = _sell(admin, "Client before uninstall")
    assert admin.call("client_specialist.obligation", "search_count", [("order_id", "=", before[1])])

    admin.call("ir.module.module", "button_immediate_uninstall", [module_id])
    assert _module(admin, "client_specialist")[1]["state"] == "uninstalled"
    assert {_module(admin, name)[1]["state"] for name in features} == {"uninstalled"}
    assert not admin.call("ir.model", "search", [("model", "=", "client_specialist.specialist")])

    # Partners and quotations keep working, old and new.
    partner = admin.call("res.partner", "read", [before[0]], ["name"])[0]
    assert partner["name"] == "Client before uninstall"
    assert admin.call("sale.order", "read", [before[1]], ["state"])[0]["state"] == "sale"
    _sell(admin, "Client after uninstall")
