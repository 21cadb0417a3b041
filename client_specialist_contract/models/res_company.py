# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.addons.client_specialist.models.res_company import REMINDER_MODES


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_obligation_escalation_days = fields.Integer(
        string="Escalate Overdue Obligations After (days)",
        default=3,
        help="An obligation this many days overdue is escalated to the head of sales (0: on the first day).",
    )

    cs_reminder_obligation_overdue = fields.Selection(
        REMINDER_MODES,
        string="Overdue Obligations",
        default="digest",
        required=True,
        help="Reminders of overdue obligations: one digest per specialist, or one activity per obligation.",
    )
    cs_reminder_obligation_escalation = fields.Selection(
        REMINDER_MODES,
        string="Escalated Obligations",
        default="digest",
        required=True,
        help="Escalations to the head of sales: one digest, or one activity per obligation.",
    )

    _sql_constraints = [
        (
            "cs_obligation_escalation_days_positive",
            "CHECK(cs_obligation_escalation_days >= 0)",
            "The number of days before escalating an overdue obligation cannot be negative.",
        ),
    ]
