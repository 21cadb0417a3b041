# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistObligationWaiveWizard(models.TransientModel):
    """Why a party is released from an obligation: the head of sales waives, or refuses a waiver
    asked for; a specialist asks the head for one."""

    _name = "client_specialist.obligation.waive.wizard"
    _inherit = ["client_specialist.reason.wizard"]
    _description = "Waive Obligations"

    obligation_ids = fields.Many2many(
        "client_specialist.obligation",
        "client_specialist_obligation_waive_wizard_rel",
        "wizard_id",
        "obligation_id",
        string="Obligations",
        required=True,
    )
    mode = fields.Selection(
        [("waive", "Waive"), ("request", "Ask for a Waiver"), ("reject", "Refuse the Waiver")],
        required=True,
        default="waive",
    )

    def _cs_records(self):
        return self.obligation_ids

    def _cs_apply(self, records, reason):
        if self.mode == "request":
            records._cs_request_waiver(reason)
        elif self.mode == "reject":
            records._cs_reject_waiver(reason)
        else:
            records._cs_waive(reason)

    def action_waive(self):
        return self.action_confirm()
