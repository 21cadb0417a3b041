# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistOrderLostWizard(models.TransientModel):
    """Mark quotations as lost: why, and which competitor won (CRM's lost-reason pattern)."""

    _name = "client_specialist.order.lost.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Mark Quotations as Lost"

    order_ids = fields.Many2many("sale.order", string="Quotations", required=True)
    lost_reason_id = fields.Many2one("client_specialist.lost.reason", required=True)
    winning_competitor_id = fields.Many2one(
        "res.partner",
        string="Won By",
        domain=[("cs_is_competitor", "=", True)],
        help="The competitor who got the deal, if known.",
    )
    note = fields.Text(help="What the client said; kept on the quotation and in its chatter.")

    def action_apply(self):
        self.ensure_one()
        self.order_ids._cs_mark_lost(self.lost_reason_id, self.winning_competitor_id, self.note)
        return {"type": "ir.actions.act_window_close"}
