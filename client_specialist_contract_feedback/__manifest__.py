# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Relations: Claims about Obligations",
    "summary": "Feedback and claims name the contract obligation they are about",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Relations",
    "website": "https://github.com/client-specialist/client_specialist",
    "author": "client_specialist contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["client_specialist_contract", "client_specialist_feedback"],
    "data": ["views/client_specialist_feedback_views.xml"],
    "auto_install": True,
}
