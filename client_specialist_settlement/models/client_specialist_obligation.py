# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class ClientSpecialistObligation(models.Model):
    """A client's payment becomes an installment of a posted invoice once the order is invoiced."""

    _inherit = "client_specialist.obligation"

    cs_move_line_id = fields.Many2one(
        "account.move.line",
        string="Installment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The receivable line (installment of the payment terms) of the invoice this payment is.",
    )
    cs_invoice_id = fields.Many2one("account.move", string="Invoice", related="cs_move_line_id.move_id", readonly=True)
    cs_amount_paid = fields.Monetary(
        string="Paid",
        readonly=True,
        copy=False,
        tracking=True,
        help="The part of the installment paid so far (credit notes reduce the amount owed instead).",
    )

    @api.model
    def _cs_decision_fields(self):
        return dict(
            super()._cs_decision_fields(),
            cs_move_line_id=_("an installment is linked to its invoice when the invoice is posted"),
            cs_amount_paid=_("the paid part follows the payments reconciled with the invoice"),
        )
