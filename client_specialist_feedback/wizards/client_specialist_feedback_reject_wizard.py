# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistFeedbackRejectWizard(models.TransientModel):
    _name = "client_specialist.feedback.reject.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Reject Client Feedback"

    feedback_ids = fields.Many2many(
        "client_specialist.feedback", "client_specialist_feedback_reject_rel", "wizard_id", "feedback_id", required=True
    )
    reason = fields.Text(required=True)

    def action_reject(self):
        self.feedback_ids._cs_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
