# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .client_specialist_reliability_scheme import CRITERIA


class ClientSpecialistReliabilitySchemeLine(models.Model):
    _name = "client_specialist.reliability.scheme.line"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Reliability Criterion Weight"
    _order = "sequence, id"

    scheme_id = fields.Many2one("client_specialist.reliability.scheme", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="scheme_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    criterion = fields.Selection(CRITERIA, required=True)
    weight = fields.Integer(required=True)

    _sql_constraints = [
        ("criterion_unique", "UNIQUE(scheme_id, criterion)", "Each criterion is weighted once per scheme."),
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A weight is between 0 and 100."),
    ]
