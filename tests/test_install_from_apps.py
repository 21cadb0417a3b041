"""An administrator installs the addon from the Apps menu, then uninstalls it."""


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
    before = _sell(admin, "Client before uninstall")

    admin.call("ir.module.module", "button_immediate_uninstall", [module_id])
    assert _module(admin, "client_specialist")[1]["state"] == "uninstalled"
    assert not admin.call("ir.model", "search", [("model", "=", "client_specialist.specialist")])

    # Partners and quotations keep working, old and new.
    partner = admin.call("res.partner", "read", [before[0]], ["name"])[0]
    assert partner["name"] == "Client before uninstall"
    assert admin.call("sale.order", "read", [before[1]], ["state"])[0]["state"] == "sale"
    _sell(admin, "Client after uninstall")
