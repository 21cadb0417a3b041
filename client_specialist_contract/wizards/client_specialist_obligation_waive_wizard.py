# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistObligationWaiveWizard(models.TransientModel):
    """The head of sales releases a party from an obligation, with a written reason."""

    _name = "client_specialist.obligation.waive.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Waive Obligations"

    obligation_ids = fields.Many2many(
        "client_specialist.obligation",
        "client_specialist_obligation_waive_wizard_rel",
        "wizard_id",
        "obligation_id",
        string="Obligations",
        required=True,
    )
    reason = fields.Text(required=True)

    def action_waive(self):
        self.ensure_one()
        self.obligation_ids._cs_waive(self.reason)
        return {"type": "ir.actions.act_window_close"}
