# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .client_specialist_reliability_scheme import CRITERIA, MANUAL_CRITERIA


class ClientSpecialistReliabilityLine(models.Model):
    """One criterion of an assessment: its value, its score and what it adds to the total."""

    _name = "client_specialist.reliability.line"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Reliability Criterion"
    _order = "weight desc, id"

    assessment_id = fields.Many2one(
        "client_specialist.reliability.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    criterion = fields.Selection(CRITERIA, required=True)
    is_manual = fields.Boolean(compute="_compute_is_manual")
    weight = fields.Integer()
    value = fields.Float(digits=(16, 2))
    score = fields.Float(digits=(5, 1), help="0 to 100")
    has_data = fields.Boolean(help="Criteria without data are left out and the others weigh more.")
    contribution = fields.Float(compute="_compute_contribution", store=True, digits=(5, 1))
    explanation = fields.Char()

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score must be between 0 and 100."),
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A weight is between 0 and 100."),
    ]

    @api.depends("criterion")
    def _compute_is_manual(self):
        for line in self:
            line.is_manual = line.criterion in MANUAL_CRITERIA

    @api.depends("score", "weight", "has_data")
    def _compute_contribution(self):
        for line in self:
            line.contribution = line.score * line.weight / 100 if line.has_data else 0.0
