# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.osv import expression


class MailActivitySchedule(models.TransientModel):
    _inherit = "mail.activity.schedule"

    def _get_plan_available_base_domain(self):
        """On clients, offer the approach schemes made for their stage and tier."""
        domain = super()._get_plan_available_base_domain()
        if self.res_model != "res.partner":
            return domain
        partners = self._get_applied_on_records()
        if len(partners) != 1:
            return domain
        partner = partners.commercial_partner_id
        stage_domain = [("cs_stage", "=", False)]
        if partner.cs_stage:
            stage_domain = expression.OR([stage_domain, [("cs_stage", "=", partner.cs_stage)]])
        tier_domain = [("cs_tier_ids", "=", False)]
        if partner.cs_tier_id:
            tier_domain = expression.OR([tier_domain, [("cs_tier_ids", "in", partner.cs_tier_id.ids)]])
        return expression.AND([domain, stage_domain, tier_domain])
