# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.tools import format_amount


class SaleOrder(models.Model):
    _inherit = "sale.order"

    cs_reliability_warning = fields.Char(
        string="Reliability Warning",
        compute="_compute_cs_reliability_warning",
        help="Why this order will need the head of sales' approval because of the client's reliability.",
    )

    @api.depends("partner_id", "amount_untaxed", "currency_id", "company_id", "date_order")
    def _compute_cs_reliability_warning(self):
        for order in self:
            order.cs_reliability_warning = "; ".join(order._cs_reliability_approval_reasons())

    def _cs_reliability_approval_reasons(self):
        """Reasons, from the client's reliability, to have the order approved by the head of sales."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        if not partner:
            return []
        scheme = (
            self.env["client_specialist.reliability.scheme"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)], limit=1)
        )
        assessment = partner.sudo().cs_reliability_id
        today = fields.Date.context_today(self)
        valid = assessment and assessment.valid_until and assessment.valid_until >= today
        if valid and assessment.grade == "D":
            return [_("the client's reliability grade is D")]
        if scheme and scheme.approval_amount and not valid:
            amount = self.currency_id._convert(
                self.amount_untaxed, self.company_id.currency_id, self.company_id, self.date_order or today
            )
            if amount > scheme.approval_amount:
                return [
                    _(
                        "no valid reliability assessment for an order above %(amount)s",
                        amount=format_amount(self.env, scheme.approval_amount, self.company_id.currency_id),
                    )
                ]
        return []

    def _cs_approval_reasons(self):
        return self._cs_reliability_approval_reasons() + super()._cs_approval_reasons()
