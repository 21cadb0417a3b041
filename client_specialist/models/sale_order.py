# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    cs_need_ids = fields.Many2many(
        "client_specialist.need",
        "client_specialist_need_sale_order_rel",
        "order_id",
        "need_id",
        string="Client Needs",
        domain="[('partner_id', 'parent_of', partner_id)]",
        help="The client's needs this quotation answers.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.cs_need_ids.sudo()._cs_follow_orders()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if "cs_need_ids" in vals:
            self.cs_need_ids.sudo()._cs_follow_orders()
        return result

    def action_confirm(self):
        result = super().action_confirm()
        confirmed = self.filtered(lambda o: o.state == "sale")
        for date_order, orders in confirmed.grouped(lambda o: o.date_order.date()).items():
            orders.partner_id._cs_mark_won(date_order)
        confirmed.cs_need_ids.sudo()._cs_follow_orders()
        return result
