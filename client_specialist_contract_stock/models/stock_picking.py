# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        self._cs_orders()._cs_follow_delivery_orders()
        return result

    def action_cancel(self):
        result = super().action_cancel()
        self._cs_orders()._cs_follow_delivery_orders()
        return result

    def _cs_orders(self):
        pickings = self.sudo()
        return (pickings.sale_id | pickings.move_ids.sale_line_id.order_id).filtered(lambda o: o.state == "sale")
