# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _cs_client_obligation_rate(self):
        """The client's on-time rate of contract obligations; None before any is measured."""
        self.ensure_one()
        partner = self.commercial_partner_id.sudo()
        if not partner.cs_client_obligations_measured:
            return None
        return partner.cs_client_on_time_rate
