# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _cs_obligation_values(self):
        """A due date the client agreed to is kept when the order changes."""
        values = super()._cs_obligation_values()
        delivery = values.get("delivery")
        if delivery:
            agreed = self.sudo().cs_obligation_ids.filtered(
                lambda o: o.generation_key == "delivery" and o.cs_agreed_date_due
            )
            if agreed:
                delivery["date_due"] = agreed[0].cs_agreed_date_due
        return values

    def _cs_sync_obligations(self):
        result = super()._cs_sync_obligations()
        self.sudo().cs_obligation_ids.filtered(lambda o: o.generation_key == "delivery")._cs_follow_pickings()
        return result

    def _cs_follow_delivery_orders(self):
        """Delivery orders were done, returned or cancelled: the deliveries follow."""
        self.sudo().cs_obligation_ids.filtered(lambda o: o.generation_key == "delivery")._cs_follow_pickings()
