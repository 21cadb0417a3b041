# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import float_compare


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _cs_deliveries(self):
        # A search, not cs_obligation_ids: reading the one2many here would cache it before the
        # sync creates obligations, in creation order instead of the obligations' order.
        return (
            self.env["client_specialist.obligation"]
            .sudo()
            .search([("order_id", "in", self.ids), ("is_generated", "=", True), ("generation_key", "=", "delivery")])
        )

    def _cs_obligation_values(self):
        """A due date the client agreed to is kept when the order changes."""
        values = super()._cs_obligation_values()
        delivery = values.get("delivery")
        if delivery:
            agreed = self.env.context.get("cs_agreed_dates")
            if agreed is None:
                agreed = {o.order_id.id: o.cs_agreed_date_due for o in self._cs_deliveries()}
            if agreed.get(self.id):
                delivery["date_due"] = agreed[self.id]
        return values

    def _cs_sync_obligations(self):
        if not self:
            return super()._cs_sync_obligations()
        deliveries = self._cs_deliveries()
        agreed = {o.order_id.id: o.cs_agreed_date_due for o in deliveries if o.cs_agreed_date_due}
        result = super(SaleOrder, self.with_context(cs_agreed_dates=agreed))._cs_sync_obligations()
        # Those created just now have nothing delivered yet: the existing ones follow their pickings.
        deliveries._cs_follow_pickings()
        # Odoo caches an order's one2many as empty when the order is created and appends what is
        # created later: read again, the obligations come in their own order (due date).
        self.invalidate_recordset(["cs_obligation_ids"])
        return result

    def _cs_follow_delivery_orders(self):
        """Delivery orders were done, returned or cancelled: the deliveries follow."""
        self._cs_deliveries()._cs_follow_pickings()

    def _cs_delivered_share(self):
        """(percent delivered by value, all goods delivered, the lines delivered by stock moves)."""
        self.ensure_one()
        lines = self.sudo().order_line.filtered(lambda line: line.qty_delivered_method == "stock_move")
        ordered = delivered = 0.0
        complete = True
        for line in lines:
            ordered += line.price_unit * line.product_uom_qty
            delivered += line.price_unit * min(line.qty_delivered, line.product_uom_qty)
            if (
                float_compare(line.qty_delivered, line.product_uom_qty, precision_rounding=line.product_uom.rounding)
                < 0
            ):
                complete = False
        if ordered:
            percent = round(100.0 * delivered / ordered, 1)
        else:
            percent = 100.0 if complete else 0.0
        return percent, complete, lines
