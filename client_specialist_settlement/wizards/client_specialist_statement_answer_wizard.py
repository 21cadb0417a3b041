# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistStatementAnswerWizard(models.TransientModel):
    """What the client answered to a reconciliation statement, with the signed copy they sent."""

    _name = "client_specialist.statement.answer.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Client's Answer to a Reconciliation Statement"

    statement_id = fields.Many2one("client_specialist.reconciliation.statement", required=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    answer = fields.Selection(
        [("confirmed", "Confirmed"), ("disagreed", "Disputed")], required=True, default="confirmed"
    )
    client_amount_closing = fields.Monetary(string="Client's Closing Balance")
    note = fields.Text(string="Where the Figures Differ")
    signed_copy = fields.Binary(attachment=False)
    signed_copy_name = fields.Char(string="File Name")

    def action_record(self):
        self.ensure_one()
        self.statement_id._cs_record_answer(
            self.answer,
            self.client_amount_closing,
            self.note,
            self.signed_copy or None,
            self.signed_copy_name,
        )
        return {"type": "ir.actions.act_window_close"}
