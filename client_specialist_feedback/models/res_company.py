# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.addons.client_specialist.models.res_company import REMINDER_MODES
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_feedback_response_days = fields.Integer(
        string="Response Time (working days)",
        default=5,
        help="For feedback of clients whose tier sets none.",
    )
    cs_feedback_resolution_days = fields.Integer(
        string="Resolution Time (working days)",
        default=20,
        help="For feedback of clients whose tier sets none.",
    )
    cs_claim_written_days = fields.Integer(
        string="Written Claim Answer (calendar days)",
        default=30,
        help="A claim received in writing is answered within this many calendar days at the latest (0: no such term).",
    )
    cs_pattern_count = fields.Integer(
        string="Pattern: Same Cause Times",
        default=3,
        help="The same cause this many times for one client alerts the head of sales (0: never).",
    )
    cs_pattern_days = fields.Integer(string="Pattern: Within (days)", default=90)
    cs_reminder_feedback_risk = fields.Selection(
        REMINDER_MODES,
        string="Claims at Risk",
        default="digest",
        required=True,
        help="Deadlines at risk: one digest per specialist, or one activity per deadline.",
    )
    cs_reminder_feedback_breach = fields.Selection(
        REMINDER_MODES,
        string="Breached Deadlines",
        default="digest",
        required=True,
        help="Breached deadlines escalated to the head of sales: one digest, or one activity per deadline.",
    )

    @api.constrains(
        "cs_feedback_response_days",
        "cs_feedback_resolution_days",
        "cs_claim_written_days",
        "cs_pattern_count",
        "cs_pattern_days",
    )
    def _check_cs_feedback_terms(self):
        at_least_one = ("cs_feedback_response_days", "cs_feedback_resolution_days", "cs_pattern_days")
        not_negative = ("cs_claim_written_days", "cs_pattern_count")
        for company in self:
            for name in at_least_one + not_negative:
                minimum = 1 if name in at_least_one else 0
                if company[name] < minimum:
                    raise ValidationError(
                        _(
                            "%(company)s: %(field)s must be at least %(minimum)s.",
                            company=company.display_name,
                            field=self._fields[name]._description_string(self.env),
                            minimum=minimum,
                        )
                    )
