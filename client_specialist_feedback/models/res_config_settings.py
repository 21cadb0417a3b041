# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # The terms are the company's: Settings shows those of the company being set up.
    cs_feedback_response_days = fields.Integer(related="company_id.cs_feedback_response_days", readonly=False)
    cs_feedback_resolution_days = fields.Integer(related="company_id.cs_feedback_resolution_days", readonly=False)
    cs_claim_written_days = fields.Integer(related="company_id.cs_claim_written_days", readonly=False)
    cs_pattern_count = fields.Integer(related="company_id.cs_pattern_count", readonly=False)
    cs_pattern_days = fields.Integer(related="company_id.cs_pattern_days", readonly=False)
    cs_reminder_feedback_risk = fields.Selection(related="company_id.cs_reminder_feedback_risk", readonly=False)
    cs_reminder_feedback_breach = fields.Selection(related="company_id.cs_reminder_feedback_breach", readonly=False)
