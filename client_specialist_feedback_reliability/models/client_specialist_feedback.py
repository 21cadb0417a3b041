# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ClientSpecialistFeedback(models.Model):
    _inherit = "client_specialist.feedback"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # A claim changes the client's reliability: the nightly recompute takes it.
        records.filtered(lambda f: f.type == "claim").partner_id._cs_mark_reliability_dirty()
        return records
