# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


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
        agreed = {o.order_id.id: o.cs_agreed_date_due for o in self._cs_deliveries() if o.cs_agreed_date_due}
        result = super(SaleOrder, self.with_context(cs_agreed_dates=agreed))._cs_sync_obligations()
        self._cs_follow_delivery_orders()
        return result

    def _cs_follow_delivery_orders(self):
        """Delivery orders were done, returned or cancelled: the deliveries follow."""
        self._cs_deliveries()._cs_follow_pickings()
