# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Counterparties and Reliability",
    "summary": "The registry status of the reliability assessment comes from the last registry check",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist_counterparty", "client_specialist_reliability"],
    "data": ["views/client_specialist_reliability_views.xml"],
    "auto_install": True,
}
