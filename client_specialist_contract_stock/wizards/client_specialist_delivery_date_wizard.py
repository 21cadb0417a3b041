# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistDeliveryDateWizard(models.TransientModel):
    """The client agreed to a later delivery (a backorder's date): the new due date and how they agreed."""

    _name = "client_specialist.delivery.date.wizard"
    _inherit = ["client_specialist.reason.wizard"]
    _description = "New Due Date Agreed with the Client"

    obligation_id = fields.Many2one("client_specialist.obligation", required=True)
    date_due = fields.Date(string="New Due Date", required=True)

    def _cs_records(self):
        return self.obligation_id

    def _cs_apply(self, records, reason):
        records._cs_agree_due_date(self.date_due, reason)

    def action_agree(self):
        return self.action_confirm()
