# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Claims in Results",
    "summary": "Claims resolved within deadline in the specialists' results and evaluations",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist_evaluation", "client_specialist_feedback"],
    "data": [],
    "auto_install": True,
}
