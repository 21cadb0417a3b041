# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# Line fields that change the order's amount or its discounts.
AMOUNT_FIELDS = {"product_id", "product_uom_qty", "price_unit", "discount", "tax_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        order_ids = {vals["order_id"] for vals in vals_list if isinstance(vals.get("order_id"), int)}
        before = self._cs_figures_before(self.env["sale.order"].browse(order_ids))
        lines = super().create(vals_list)
        lines.order_id._cs_lines_changed(before)
        return lines

    def write(self, vals):
        if not AMOUNT_FIELDS & vals.keys():
            return super().write(vals)
        orders = self.order_id
        before = self._cs_figures_before(orders)
        result = super().write(vals)
        orders._cs_lines_changed(before)
        return result

    def unlink(self):
        orders = self.order_id
        before = self._cs_figures_before(orders)
        result = super().unlink()
        orders.exists()._cs_lines_changed(before)
        return result

    @api.model
    def _cs_figures_before(self, orders):
        """The approval figures of the orders whose changes are checked, before the change."""
        return orders._cs_authority_watched()._cs_approval_figures("order")
