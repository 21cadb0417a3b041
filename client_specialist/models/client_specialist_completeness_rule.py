# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .res_partner import CS_STAGES

# What a check looks at on the partner; each is a field the completeness compute depends on.
CHECKS = {
    "vat": lambda p: bool(p.vat),
    "email": lambda p: bool(p.email),
    "phone": lambda p: bool(p.phone or p.mobile),
    "address": lambda p: bool(p.street and p.city and p.country_id),
    "contact_person": lambda p: any(c.type == "contact" and not c.is_company for c in p.child_ids),
    "industry": lambda p: bool(p.industry_id),
    "website": lambda p: bool(p.website),
    "channel": lambda p: bool(p.cs_medium_id),
}


class ClientSpecialistCompletenessRule(models.Model):
    """What a client record must hold at a relationship stage (clause 2.14)."""

    _name = "client_specialist.completeness.rule"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Client Record Completeness Rule"
    _order = "stage, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    stage = fields.Selection(CS_STAGES, required=True)
    check = fields.Selection(
        [
            ("vat", "Tax ID"),
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("address", "Address (street, city, country)"),
            ("contact_person", "Contact person"),
            ("industry", "Industry"),
            ("website", "Website"),
            ("channel", "Channel"),
        ],
        required=True,
    )

    _sql_constraints = [
        ("stage_check_unique", 'UNIQUE(stage, "check")', "Each piece of information is required once per stage."),
    ]

    @api.model
    def _cs_rules_by_stage(self):
        rules = {}
        for rule in self.sudo().search([]):
            rules.setdefault(rule.stage, []).append(rule)
        return rules

    def _cs_is_met(self, partner):
        return CHECKS[self.check](partner)

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self._cs_recompute_partners()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self._cs_recompute_partners()
        return result

    def unlink(self):
        result = super().unlink()
        self._cs_recompute_partners()
        return result

    @api.model
    def _cs_recompute_partners(self):
        partners = self.env["res.partner"].with_context(active_test=False).search([("cs_stage", "!=", False)])
        self.env.add_to_compute(partners._fields["cs_completeness"], partners)
