# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    cs_dadata_api_key = fields.Char(related="company_id.cs_dadata_api_key", readonly=False)
    cs_dadata_base_url = fields.Char(related="company_id.cs_dadata_base_url", readonly=False)
