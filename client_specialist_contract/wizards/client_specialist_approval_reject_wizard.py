# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistApprovalRejectWizard(models.TransientModel):
    """The head of sales refuses an order beyond the salesperson's authority, saying why."""

    _name = "client_specialist.approval.reject.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Reject an Order Awaiting Approval"

    order_ids = fields.Many2many(
        "sale.order",
        "client_specialist_approval_reject_wizard_order_rel",
        "wizard_id",
        "order_id",
        string="Orders",
        required=True,
        readonly=True,
    )
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        self.order_ids._cs_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
