# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        # A payment matched with an invoice changes the client's payment discipline.
        moves = (partials.debit_move_id | partials.credit_move_id).move_id
        moves.filtered(lambda m: m.is_sale_document()).commercial_partner_id._cs_mark_reliability_dirty()
        return partials
