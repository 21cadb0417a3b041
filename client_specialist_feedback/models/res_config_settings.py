# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_feedback_response_days = fields.Integer(
        string="Response Time (working days)",
        config_parameter="client_specialist.feedback_response_days",
        default=5,
        help="For feedback of clients whose tier sets none.",
    )
    cs_feedback_resolution_days = fields.Integer(
        string="Resolution Time (working days)",
        config_parameter="client_specialist.feedback_resolution_days",
        default=20,
        help="For feedback of clients whose tier sets none.",
    )
    cs_claim_written_days = fields.Integer(
        string="Written Claim Answer (calendar days)",
        config_parameter="client_specialist.claim_written_days",
        default=30,
        help="A claim received in writing is answered within this many calendar days at the latest.",
    )
    cs_pattern_count = fields.Integer(
        string="Pattern: Same Cause Times",
        config_parameter="client_specialist.pattern_count",
        default=3,
    )
    cs_pattern_days = fields.Integer(
        string="Pattern: Within (days)",
        config_parameter="client_specialist.pattern_days",
        default=90,
    )
