# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_contact_interval_days = fields.Integer(related="company_id.cs_contact_interval_days", readonly=False)
    cs_stale_days = fields.Integer(related="company_id.cs_stale_days", readonly=False)
    cs_reminder_followup = fields.Selection(related="company_id.cs_reminder_followup", readonly=False)
    cs_reminder_eligibility = fields.Selection(related="company_id.cs_reminder_eligibility", readonly=False)

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
    module_client_specialist_counterparty = fields.Boolean(
        string="Counterparties",
        help="Requisites of Russian and Belarusian companies, filled and checked daily in the state registry.",
    )

    def set_values(self):
        # Tiers give their clients a pricelist: the Pricelists feature stays on while one does
        # (turning it off archives every pricelist, theirs included).
        if not self.group_product_pricelist:
            tiers = self.env["client_specialist.tier"].sudo().search([("pricelist_id", "!=", False)])
            if tiers:
                raise UserError(
                    _(
                        "Pricelists stay on: the tiers %(tiers)s give their clients a pricelist. "
                        "Remove the pricelist from these tiers first (Configuration > Client Tiers).",
                        tiers=", ".join(tiers.mapped("name")),
                    )
                )
        return super().set_values()
