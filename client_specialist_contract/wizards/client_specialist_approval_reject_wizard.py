# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistApprovalRejectWizard(models.TransientModel):
    """The head of sales refuses an order beyond the salesperson's authority, saying why."""

    _name = "client_specialist.approval.reject.wizard"
    _inherit = ["client_specialist.reason.wizard"]
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

    def _cs_records(self):
        return self.order_ids

    def _cs_apply(self, records, reason):
        records._cs_reject(reason)

    def action_reject(self):
        return self.action_confirm()
