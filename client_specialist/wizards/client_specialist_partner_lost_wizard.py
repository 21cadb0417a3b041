# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError


class ClientSpecialistPartnerLostWizard(models.TransientModel):
    """Mark prospects or clients as lost, with the reason the stage requires."""

    _name = "client_specialist.partner.lost.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Mark Clients as Lost"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    reason = fields.Text(required=True)

    def action_mark_lost(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(_("Say why the client is lost (Reason)."))
        self.partner_ids.commercial_partner_id._cs_move_stage("lost", lost_reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
