# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.tools import format_amount


class SaleOrder(models.Model):
    _inherit = "sale.order"

    cs_reliability_warning = fields.Char(
        string="Reliability Warning",
        compute="_compute_cs_reliability_warning",
        groups="client_specialist.group_client_specialist",
        help="Why this order will need the head of sales' approval because of the client's reliability.",
    )

    @api.depends(
        "partner_id",
        "amount_untaxed",
        "currency_id",
        "company_id",
        "date_order",
        "partner_id.commercial_partner_id.cs_reliability_grade",
        "partner_id.commercial_partner_id.cs_reliability_valid_until",
    )
    def _compute_cs_reliability_warning(self):
        schemes = self._cs_reliability_schemes()
        for order in self:
            order.cs_reliability_warning = "; ".join(
                order._cs_reliability_approval_reasons(schemes.get(order.company_id))
            )

    def _cs_reliability_schemes(self):
        """{company: its reliability scheme}, in one query for the orders' companies."""
        schemes = (
            self.env["client_specialist.reliability.scheme"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)], order="id")
        )
        result = {}
        for scheme in schemes:
            result.setdefault(scheme.company_id, scheme)
        return result

    def _cs_reliability_approval_reasons(self, scheme=None):
        """Reasons, from the client's reliability, to have the order approved by the head of sales.

        :param scheme: the company's reliability scheme, when the caller has looked it up
        """
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id.sudo()
        if not partner:
            return []
        if scheme is None:
            scheme = self._cs_reliability_schemes().get(self.company_id)
        today = fields.Date.context_today(self)
        valid = partner.cs_reliability_valid_until and partner.cs_reliability_valid_until >= today
        if valid and partner.cs_reliability_grade == "D":
            return [_("the client's reliability grade is D")]
        if scheme and scheme.approval_amount and not valid:
            currency = self.company_id.currency_id
            day = fields.Date.context_today(self, self.date_order) if self.date_order else today
            amount = self.currency_id._convert(self.amount_untaxed, currency, self.company_id, day)
            if currency.compare_amounts(amount, scheme.approval_amount) > 0:
                return [
                    _(
                        "no valid reliability assessment for an order above %(amount)s",
                        amount=format_amount(self.env, scheme.approval_amount, currency),
                    )
                ]
        return []

    def _cs_approval_reasons(self):
        """The client's reliability adds its reasons to those of the authority."""
        return self._cs_reliability_approval_reasons() + super()._cs_approval_reasons()
