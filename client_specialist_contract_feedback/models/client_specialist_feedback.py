# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ClientSpecialistFeedback(models.Model):
    _inherit = "client_specialist.feedback"

    obligation_id = fields.Many2one(
        "client_specialist.obligation",
        index=True,
        tracking=True,
        help="The contract obligation the feedback is about (a late delivery, a missing document...).",
        check_company=True,
        groups="base.group_user",  # the client reads the feedback on the portal, not our obligations
    )

    @api.constrains("obligation_id", "partner_id")
    def _check_obligation_partner(self):
        for feedback in self.filtered("obligation_id"):
            if feedback.obligation_id.partner_id != feedback.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(name)s: obligation %(obligation)s belongs to another client.",
                        name=feedback.display_name,
                        obligation=feedback.obligation_id.display_name,
                    )
                )
