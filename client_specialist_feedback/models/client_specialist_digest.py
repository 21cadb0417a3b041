# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ClientSpecialistDigest(models.Model):
    _inherit = "client_specialist.digest"

    kind = fields.Selection(
        selection_add=[
            ("feedback_risk", "Claims at risk"),
            ("feedback_breach", "Escalations: breached deadlines of claims"),
        ],
        ondelete={"feedback_risk": "cascade", "feedback_breach": "cascade"},
    )

    @api.model
    def _cs_kinds(self):
        kinds = super()._cs_kinds()
        kinds["feedback_risk"] = {
            "model": "client_specialist.feedback",
            "to": "responsible",
            "setting": "cs_reminder_feedback_risk",
            "activity_type": "client_specialist.mail_activity_type_digest",
        }
        kinds["feedback_breach"] = {
            "model": "client_specialist.feedback",
            "to": "head",
            "setting": "cs_reminder_feedback_breach",
            "activity_type": "client_specialist.mail_activity_type_digest",
        }
        return kinds
