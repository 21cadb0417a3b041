# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ClientSpecialistObligation(models.Model):
    _inherit = "client_specialist.obligation"

    @api.model_create_multi
    def create(self, vals_list):
        obligations = super().create(vals_list)
        obligations.partner_id._cs_mark_reliability_dirty()
        return obligations

    def write(self, vals):
        result = super().write(vals)
        if {"state", "date_done", "date_due"} & set(vals):
            # Obligations met or missed change the client's reliability: the nightly recompute takes it.
            self.partner_id._cs_mark_reliability_dirty()
        return result
