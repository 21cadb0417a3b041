# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models


class ClientSpecialistLostReason(models.Model):
    """Why a quotation was lost; CRM's lost-reason pattern, for quotations."""

    _name = "client_specialist.lost.reason"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Quotation Lost Reason"
    _order = "sequence, id"

    name = fields.Char(string="Reason", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Leave empty to use the reason in every company.")
    order_count = fields.Integer(
        string="Lost Quotations", compute="_compute_order_count", groups="sales_team.group_sale_salesman"
    )

    def _compute_order_count(self):
        counts = dict(
            self.env["sale.order"]
            .with_context(active_test=False)
            ._read_group([("cs_lost_reason_id", "in", self.ids)], ["cs_lost_reason_id"], ["__count"])
        )
        for reason in self:
            reason.order_count = counts.get(reason, 0)

    def action_view_orders(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Lost Quotations"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("cs_lost_reason_id", "in", self.ids)],
            "context": {"create": False},
        }
