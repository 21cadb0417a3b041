# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ClientSpecialistDigest(models.Model):
    _inherit = "client_specialist.digest"

    kind = fields.Selection(
        selection_add=[
            ("obligation_overdue", "Overdue obligations of your clients"),
            ("obligation_escalation", "Escalations: overdue obligations"),
        ],
        ondelete={"obligation_overdue": "cascade", "obligation_escalation": "cascade"},
    )

    @api.model
    def _cs_kinds(self):
        kinds = super()._cs_kinds()
        kinds["obligation_overdue"] = {
            "model": "client_specialist.obligation",
            "to": "responsible",
            "setting": "cs_reminder_obligation_overdue",
            "activity_type": "client_specialist.mail_activity_type_digest",
        }
        kinds["obligation_escalation"] = {
            "model": "client_specialist.obligation",
            "to": "head",
            "setting": "cs_reminder_obligation_escalation",
            "activity_type": "client_specialist.mail_activity_type_digest",
        }
        return kinds
