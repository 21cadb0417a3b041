# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Contracts and Inventory",
    "summary": "Our delivery obligations follow the order's delivery orders: done, partial, returned, moved",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist_contract", "sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "wizards/client_specialist_delivery_date_wizard_views.xml",
        "views/client_specialist_obligation_views.xml",
    ],
    "auto_install": True,
}
