# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Feedback and Claims",
    "summary": "Clients' requirements, suggestions and claims with deadlines, the portal and satisfaction ratings",
    "version": "18.0.1.1.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist", "rating", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/client_specialist_feedback_rules.xml",
        "data/client_specialist_feedback_data.xml",
        "data/ir_cron_data.xml",
        "views/client_specialist_feedback_views.xml",
        "views/portal_templates.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/client_specialist_feedback_demo.xml"],
    "assets": {"web.assets_tests": ["client_specialist_feedback/static/tests/tours/*.js"]},
}
