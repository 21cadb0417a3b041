# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistReasonWizard(models.AbstractModel):
    """The one dialog that asks the decider why: rejecting an order, waiving an obligation,
    rejecting a claim. Each dialog inherits it, names its records and applies the decision."""

    _name = "client_specialist.reason.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Client Relations: Reason for a Decision"

    reason = fields.Text(required=True)

    def _cs_records(self):
        """The records the decision is about."""
        raise NotImplementedError

    def _cs_apply(self, records, reason):
        """Take the decision on ``records`` with ``reason``: the model's deciding method."""
        raise NotImplementedError

    def action_confirm(self):
        self.ensure_one()
        self._cs_apply(self._cs_records(), self.reason)
        return {"type": "ir.actions.act_window_close"}
