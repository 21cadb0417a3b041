# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

from .client_specialist_result import INDICATORS


class ClientSpecialistEvaluationLine(models.Model):
    """One criterion of an evaluation: the frozen result, the weight it had, and the score."""

    _name = "client_specialist.evaluation.line"
    _inherit = ["client_specialist.input.mixin", "client_specialist.decision.mixin"]
    _description = "Evaluation Score"
    _check_company_auto = True
    _order = "sequence, id"

    evaluation_id = fields.Many2one("client_specialist.evaluation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)
    user_id = fields.Many2one(related="evaluation_id.user_id", store=True)
    state = fields.Selection(related="evaluation_id.state")
    criterion_id = fields.Many2one(
        "client_specialist.evaluation.criterion", string="From Criterion", ondelete="set null", check_company=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    indicator = fields.Selection([*INDICATORS, ("manual", "Scored by the head of sales")], required=True)
    weight = fields.Float(string="Weight (%)", required=True)
    target = fields.Float()
    value = fields.Float(string="Result", help="The result frozen when the indicators were taken.")
    measured = fields.Boolean(help="False when the result could not be measured: score it by hand.")
    score = fields.Float(
        compute="_compute_score",
        store=True,
        readonly=False,
        help="0 to 100; computed from the result and the target, the head of sales may correct it.",
    )
    weighted_score = fields.Float(compute="_compute_weighted_score", store=True)
    comment = fields.Char()

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score must be between 0 and 100."),
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A weight is between 0 and 100."),
    ]

    @api.model
    def _cs_decision_fields(self):
        results = _("the result is taken from the records (Take the Results Again).")
        scored = _("the head of sales gives the scores and their weights.")
        return {
            **super()._cs_decision_fields(),
            "value": results,
            "measured": results,
            "score": scored,
            "weight": scored,
        }

    @api.model
    def _cs_decision_free_for(self, field_name):
        return field_name in ("score", "weight") and self.env["res.users"]._cs_is_head_of_sales()

    @api.depends("value", "target", "indicator", "measured")
    def _compute_score(self):
        for line in self:
            if line.indicator == "manual" or not line.measured or not line.target:
                line.score = line.score or 0.0
            else:
                line.score = round(max(0.0, min(100.0, 100.0 * line.value / line.target)), 2)

    @api.depends("score", "weight")
    def _compute_weighted_score(self):
        for line in self:
            line.weighted_score = line.score * line.weight / 100.0
