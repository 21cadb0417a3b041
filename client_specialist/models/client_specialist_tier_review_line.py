# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .client_specialist_tier import ABC_CLASSES


class ClientSpecialistTierReviewLine(models.Model):
    _name = "client_specialist.tier.review.line"
    _inherit = ["client_specialist.input.mixin", "client_specialist.decision.mixin"]
    _description = "Client Tier Proposal"
    _check_company_auto = True
    _order = "abc_class, revenue desc, id"

    review_id = fields.Many2one("client_specialist.tier.review", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="review_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, readonly=True, ondelete="cascade", check_company=True
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Specialist")
    revenue = fields.Monetary(string="Revenue, 12 Months", readonly=True)
    margin = fields.Monetary(string="Margin, 12 Months", readonly=True)
    revenue_class = fields.Selection(ABC_CLASSES, readonly=True)
    margin_class = fields.Selection(ABC_CLASSES, readonly=True)
    abc_class = fields.Selection(ABC_CLASSES, string="Class", readonly=True)
    current_tier_id = fields.Many2one("client_specialist.tier", readonly=True)
    proposed_tier_id = fields.Many2one("client_specialist.tier", readonly=True, required=True, check_company=True)
    state = fields.Selection(
        [("proposed", "Proposed"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
        readonly=True,
    )
    reject_reason = fields.Char()

    def action_accept(self):
        self._cs_check_decidable()
        for line in self:
            line.partner_id.cs_tier_id = line.proposed_tier_id
            line.partner_id.message_post(
                body=_(
                    "Tier changed to %(tier)s after the tier review (class %(abc)s).",
                    tier=line.proposed_tier_id.name,
                    abc=line.abc_class,
                ),
                subtype_xmlid="mail.mt_note",
            )
        with self._cs_deciding():
            self.write({"state": "accepted"})
        return True

    def action_reject(self):
        self._cs_check_decidable()
        with self._cs_deciding():
            self.write({"state": "rejected"})
        return True

    @api.model
    def _cs_decision_fields(self):
        return {
            **super()._cs_decision_fields(),
            "state": _("the head of sales accepts or rejects a tier proposal with its buttons."),
        }

    def _cs_check_decidable(self):
        self.env["res.users"]._cs_check_head_of_sales(_("decides on tier proposals"))
        decided = self.filtered(lambda line: line.state != "proposed")
        if decided:
            raise UserError(
                _("The proposal for %(client)s is already decided.", client=decided[0].partner_id.display_name)
            )
