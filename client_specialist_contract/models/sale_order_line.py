# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# Line fields that change the order's amount or its discounts.
AMOUNT_FIELDS = {"product_id", "product_uom_qty", "price_unit", "discount", "tax_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._cs_lines_changed()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if AMOUNT_FIELDS & set(vals):
            self.order_id._cs_lines_changed()
        return result

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders.exists()._cs_lines_changed()
        return result
