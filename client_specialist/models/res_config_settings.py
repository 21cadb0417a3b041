# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_contact_interval_days = fields.Integer(
        string="Default Contact Interval (days)",
        config_parameter="client_specialist.contact_interval_days",
        default=30,
        help="For clients whose tier sets no contact interval.",
    )
    cs_stale_days = fields.Integer(
        string="Stale After (days)",
        config_parameter="client_specialist.stale_days",
        default=180,
        help="A client record neither updated nor contacted for this long is stale.",
    )

    # The application's optional features, installed from here as Odoo's own apps do it.
    module_client_specialist_contract = fields.Boolean(
        string="Contracts",
        help="Disagreements, approval beyond authority and both parties' obligations.",
    )
    module_client_specialist_reliability = fields.Boolean(
        string="Reliability of Clients",
        help="Reliability assessments, grades and credit limits.",
    )
    module_client_specialist_feedback = fields.Boolean(
        string="Feedback and Claims",
        help="Clients' feedback and claims with deadlines, the portal and satisfaction ratings.",
    )
    module_client_specialist_competition = fields.Boolean(
        string="Competitors",
        help="Competitors' policies, shares of clients, deals won and lost, terms compared.",
    )
    module_client_specialist_evaluation = fields.Boolean(
        string="Results and Evaluation",
        help="Monthly results, evaluations by the head of sales, job descriptions.",
    )

    def set_values(self):
        previous = self.env["res.partner"]._cs_default_contact_interval()
        result = super().set_values()
        if self.cs_contact_interval_days != previous:
            partners = self.env["res.partner"].with_context(active_test=False).search([("cs_stage", "!=", False)])
            self.env.add_to_compute(partners._fields["cs_contact_interval"], partners)
        return result
