# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistCompletenessRule(models.Model):
    _inherit = "client_specialist.completeness.rule"

    # The INN is the Tax ID check; these two hold for Russian partners only, and the KPP for
    # organisations only (a sole proprietor has none): elsewhere they count as met.
    check = fields.Selection(
        selection_add=[("kpp", "KPP (Russian organisations)"), ("ogrn", "OGRN or OGRNIP (Russian partners)")],
        ondelete={"kpp": "cascade", "ogrn": "cascade"},
    )

    def _cs_is_met(self, partner):
        if self.check == "kpp":
            return bool(partner.cs_kpp) or not partner._cs_needs_kpp()
        if self.check == "ogrn":
            return bool(partner.company_registry) or partner.country_id.code != "RU"
        return super()._cs_is_met(partner)
