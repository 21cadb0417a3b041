# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Reliability of Clients",
    "summary": "Reliability assessments of clients: scores, grades, credit limits, nightly recompute",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist"],
    "data": [
        "security/ir.model.access.csv",
        "security/client_specialist_reliability_rules.xml",
        "data/client_specialist_reliability_data.xml",
        "data/ir_cron_data.xml",
        "views/client_specialist_reliability_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/client_specialist_reliability_demo.xml"],
}
