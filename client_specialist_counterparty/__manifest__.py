# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Counterparties",
    "summary": "Requisites of Russian and Belarusian companies with checksums, filled and monitored from the "
    "state registry (DaData)",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist"],
    "external_dependencies": {"python": ["python-stdnum", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "wizards/client_specialist_registry_branch_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/client_specialist_counterparty_demo.xml"],
}
