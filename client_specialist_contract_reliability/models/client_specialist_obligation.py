# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# What the client's on-time rate, and so the reliability score, is counted from.
RATE_FIELDS = {"state", "date_done", "date_due", "party", "partner_id"}


class ClientSpecialistObligation(models.Model):
    _inherit = "client_specialist.obligation"

    @api.model_create_multi
    def create(self, vals_list):
        obligations = super().create(vals_list)
        obligations.partner_id._cs_mark_reliability_dirty()
        return obligations

    def write(self, vals):
        if not RATE_FIELDS & vals.keys():
            return super().write(vals)
        partners = self.partner_id
        result = super().write(vals)
        # Obligations met or missed change the client's reliability: the nightly recompute takes it.
        (partners | self.partner_id)._cs_mark_reliability_dirty()
        return result
