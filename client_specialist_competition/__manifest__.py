# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Competitors",
    "summary": "Competitors' client policies and shares, deals won and lost against them, our terms compared",
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
        "security/client_specialist_competition_rules.xml",
        "data/client_specialist_lost_reason_data.xml",
        "report/client_specialist_terms_comparison_views.xml",
        "report/client_specialist_win_loss_report_views.xml",
        "wizards/client_specialist_order_lost_wizard_views.xml",
        "views/client_specialist_competitor_policy_views.xml",
        "views/client_specialist_competitor_share_views.xml",
        "views/client_specialist_lost_reason_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/menus.xml"
    ],
    "demo": [
        "demo/client_specialist_competition_demo.xml"
    ]
}
