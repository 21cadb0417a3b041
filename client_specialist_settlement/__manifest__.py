# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Settlements",
    "summary": "The client's payments per invoice installment, and the reconciliation statement (акт сверки)",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist_contract"],
    "external_dependencies": {"python": ["num2words"]},
    "data": [
        "security/ir.model.access.csv",
        "security/client_specialist_settlement_rules.xml",
        "report/reconciliation_statement_report.xml",
        "data/mail_template_data.xml",
        "wizards/client_specialist_statement_answer_wizard_views.xml",
        "views/client_specialist_reconciliation_statement_views.xml",
        "views/client_specialist_obligation_views.xml",
        "views/res_partner_views.xml",
    ],
    "auto_install": True,
}
