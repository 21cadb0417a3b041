# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class SaleOrder(models.Model):
    # Decisions on orders (approval, loss) are the feature modules'; the mixin is added once, here,
    # so that they combine whichever of them is installed.
    _name = "sale.order"
    _inherit = ["sale.order", "client_specialist.decision.mixin"]
    # Odoo's own rules for orders stay as Odoo applies them.
    _cs_recheck_rules_after_write = False

    cs_need_ids = fields.Many2many(
        "client_specialist.need",
        "client_specialist_need_sale_order_rel",
        "order_id",
        "need_id",
        string="Client Needs",
        domain="[('partner_id', 'parent_of', partner_id)]",
        groups="client_specialist.group_client_specialist",
        copy=False,
        help="The client's needs this quotation answers.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.sudo().cs_need_ids._cs_follow_orders()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if "cs_need_ids" in vals:
            self.sudo().cs_need_ids._cs_follow_orders()
        return result

    def _action_confirm(self):
        result = super()._action_confirm()
        # The first confirmed order makes a client of a prospect; it satisfies the needs it answers.
        for date_order, orders in self.grouped(lambda o: o.date_order.date()).items():
            orders.partner_id._cs_mark_won(date_order)
        self.sudo().cs_need_ids._cs_follow_orders()
        return result
