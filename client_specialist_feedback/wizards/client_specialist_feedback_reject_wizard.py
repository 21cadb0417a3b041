# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistFeedbackRejectWizard(models.TransientModel):
    """The head of sales rejects feedback (a claim not accepted), saying why."""

    _name = "client_specialist.feedback.reject.wizard"
    _inherit = ["client_specialist.reason.wizard"]
    _description = "Reject Client Feedback"

    feedback_ids = fields.Many2many(
        "client_specialist.feedback", "client_specialist_feedback_reject_rel", "wizard_id", "feedback_id", required=True
    )

    def _cs_records(self):
        return self.feedback_ids

    def _cs_apply(self, records, reason):
        records._cs_reject(reason)

    def action_reject(self):
        return self.action_confirm()


class ClientSpecialistFeedbackCompensationRejectWizard(models.TransientModel):
    """The head of sales rejects a compensation asked for a claim, saying why."""

    _name = "client_specialist.feedback.compensation.reject.wizard"
    _inherit = ["client_specialist.reason.wizard"]
    _description = "Reject a Compensation"

    feedback_ids = fields.Many2many(
        "client_specialist.feedback",
        "client_specialist_feedback_compensation_reject_rel",
        "wizard_id",
        "feedback_id",
        required=True,
    )

    def _cs_records(self):
        return self.feedback_ids

    def _cs_apply(self, records, reason):
        records._cs_reject_compensation(reason)

    def action_reject(self):
        return self.action_confirm()
