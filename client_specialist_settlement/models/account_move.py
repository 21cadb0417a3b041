# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


def _orders_of(moves):
    """The confirmed orders whose client payments these customer invoices or credit notes make."""
    invoices = moves.sudo().filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
    return invoices.invoice_line_ids.sale_line_ids.order_id.filtered(lambda o: o.state == "sale")


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        _orders_of(posted)._cs_update_payment_obligations()
        return posted

    def button_draft(self):
        orders = _orders_of(self)
        result = super().button_draft()
        orders._cs_update_payment_obligations()
        return result

    def button_cancel(self):
        orders = _orders_of(self)
        result = super().button_cancel()
        orders._cs_update_payment_obligations()
        return result


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        _orders_of((partials.debit_move_id | partials.credit_move_id).move_id)._cs_update_payment_obligations()
        return partials

    def unlink(self):
        orders = _orders_of((self.debit_move_id | self.credit_move_id).move_id)
        result = super().unlink()
        orders._cs_update_payment_obligations()
        return result
