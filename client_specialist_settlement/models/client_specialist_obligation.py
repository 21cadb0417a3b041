# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


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

    def action_done(self):
        self._cs_check_not_by_payments()
        return super().action_done()

    def action_reopen(self):
        self.filtered(lambda o: o.state == "done")._cs_check_not_by_payments()
        return super().action_reopen()

    def _cs_check_not_by_payments(self):
        """An invoice's installment is fulfilled by its payment and reopened by unreconciling it:
        marked by hand, the next reconciliation of the invoice would undo it."""
        linked = self.sudo().filtered("cs_move_line_id")
        if linked:
            raise UserError(
                _(
                    "Payment '%(name)s' follows the payments of invoice %(invoice)s: it is fulfilled when the "
                    "installment is paid. Register the payment on the invoice.",
                    name=linked[0].name,
                    invoice=linked[0].cs_move_line_id.move_id.name,
                )
            )
