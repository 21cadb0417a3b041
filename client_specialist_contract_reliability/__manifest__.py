# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Contracts and Reliability",
    "summary": "Obligations met on time in the reliability score; orders of unreliable clients go to approval",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist_contract", "client_specialist_reliability"],
    "data": ["views/sale_order_views.xml"],
    "auto_install": True,
}
