# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ClientSpecialistAppointmentWizard(models.TransientModel):
    """Appoint a specialist to a category by an order, showing what the rules say first."""

    _name = "client_specialist.appointment.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Appoint a Client Specialist to a Category"

    specialist_id = fields.Many2one("client_specialist.specialist", required=True, readonly=True)
    current_category_id = fields.Many2one(related="specialist_id.category_id", string="Current Category")
    category_id = fields.Many2one("client_specialist.category", string="New Category", required=True)
    date = fields.Date(string="Effective From", required=True, default=fields.Date.context_today)
    order_number = fields.Char(string="Order No.", required=True)
    order_date = fields.Date(required=True, default=fields.Date.context_today)
    rules_met = fields.Boolean(compute="_compute_rules")
    missing_requirements = fields.Text(string="Rules Not Met", compute="_compute_rules")
    override_reason = fields.Text(
        help="Required to appoint someone whom the rules do not allow yet; kept on the "
        "appointment and in the specialist's history."
    )

    @api.depends("specialist_id", "category_id", "date")
    def _compute_rules(self):
        for wizard in self:
            missing = []
            if wizard.specialist_id and wizard.category_id and wizard.date:
                missing = wizard.specialist_id._cs_missing_requirements(wizard.category_id, wizard.date)
            wizard.rules_met = not missing
            wizard.missing_requirements = "\n".join(missing)

    def action_appoint(self):
        self.ensure_one()
        self.specialist_id._cs_appoint(
            self.category_id,
            self.date,
            self.order_number,
            self.order_date,
            override_reason=self.override_reason,
        )
        return {"type": "ir.actions.act_window_close"}
