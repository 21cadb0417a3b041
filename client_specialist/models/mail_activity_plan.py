# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .res_partner import CS_STAGES


class MailActivityPlan(models.Model):
    _inherit = "mail.activity.plan"

    cs_stage = fields.Selection(
        CS_STAGES,
        string="For Stage",
        help="Client relations: offer this approach scheme to clients at this stage only (empty: any stage).",
    )
    cs_tier_ids = fields.Many2many(
        "client_specialist.tier",
        string="For Tiers",
        help="Client relations: offer this approach scheme to clients of these tiers only (empty: any tier).",
    )
