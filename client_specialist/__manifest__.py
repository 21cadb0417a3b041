# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations Specialist",
    "summary": "The client relations specialist's job in Odoo: staff and categories, deputies, "
    "the client portfolio, tiers, needs and contact with clients",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["sale_management", "sale_margin"],
    "data": [
        "security/client_specialist_security.xml",
        "security/ir.model.access.csv",
        "security/client_specialist_rules.xml",
        "data/client_specialist_category_data.xml",
        "data/client_specialist_portfolio_data.xml",
        "data/ir_cron_data.xml",
        "data/client_specialist_digest_data.xml",
        "wizards/client_specialist_appointment_wizard_views.xml",
        "views/client_specialist_category_views.xml",
        "views/client_specialist_specialist_views.xml",
        "views/client_specialist_appointment_views.xml",
        "views/client_specialist_absence_views.xml",
        "views/client_specialist_tier_views.xml",
        "views/res_partner_views.xml",
        "views/client_specialist_need_views.xml",
        "views/res_config_settings_views.xml",
        "views/client_specialist_digest_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/client_specialist_demo.xml",
        "demo/client_specialist_portfolio_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "client_specialist/static/tests/tours/*.js",
        ],
    },
}
