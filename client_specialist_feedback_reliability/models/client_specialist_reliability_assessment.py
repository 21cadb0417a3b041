# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, models
from odoo.addons.client_specialist_reliability.models.client_specialist_reliability_assessment import clamp


class ClientSpecialistReliabilityAssessment(models.Model):
    _inherit = "client_specialist.reliability.assessment"

    def _cs_claim_criteria(self, partners, result, orders, year_ago):
        res = super()._cs_claim_criteria(partners, result, orders, year_ago)
        claims = dict(
            self.env["client_specialist.feedback"]
            .sudo()
            ._read_group(
                [("type", "=", "claim"), ("partner_id", "in", partners.ids), ("date_received", ">=", year_ago)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in partners:
            if orders[partner.id]:
                count = claims.get(partner, 0)
                ratio = count / orders[partner.id]
                result[partner.id]["claims_per_order"] = (
                    ratio,
                    clamp(100 - 100 * ratio),
                    _("claims: %(claims)s, orders: %(orders)s", claims=count, orders=orders[partner.id]),
                )
        return res
