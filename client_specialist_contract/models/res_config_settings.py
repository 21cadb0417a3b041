# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_obligation_escalation_days = fields.Integer(
        related="company_id.cs_obligation_escalation_days",
        readonly=False,
    )
    cs_reminder_obligation_overdue = fields.Selection(
        related="company_id.cs_reminder_obligation_overdue", readonly=False
    )
    cs_reminder_obligation_escalation = fields.Selection(
        related="company_id.cs_reminder_obligation_escalation", readonly=False
    )
