# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_obligation_escalation_days = fields.Integer(
        string="Escalate Overdue Obligations After (days)",
        default=3,
        help="An obligation this many days overdue is escalated to the head of sales (0: on the first day).",
    )

    _sql_constraints = [
        (
            "cs_obligation_escalation_days_positive",
            "CHECK(cs_obligation_escalation_days >= 0)",
            "The number of days before escalating an overdue obligation cannot be negative.",
        ),
    ]
