# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Contracts",
    "summary": "Protocol of disagreements, approval beyond a specialist's authority, both parties' obligations",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "client_specialist"
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/client_specialist_contract_rules.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "report/client_specialist_disagreement_report.xml",
        "wizards/client_specialist_approval_reject_wizard_views.xml",
        "wizards/client_specialist_obligation_waive_wizard_views.xml",
        "views/client_specialist_disagreement_views.xml",
        "views/client_specialist_obligation_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/menus.xml"
    ],
    "demo": [
        "demo/client_specialist_contract_demo.xml"
    ],
    "assets": {
        "web.assets_tests": [
            "client_specialist_contract/static/tests/tours/*.js"
        ]
    }
}
