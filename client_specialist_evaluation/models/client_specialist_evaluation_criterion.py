# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .client_specialist_result import INDICATORS


class ClientSpecialistEvaluationCriterion(models.Model):
    """A criterion the head of sales scores a specialist on, with its weight in the overall score."""

    _name = "client_specialist.evaluation.criterion"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Evaluation Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    indicator = fields.Selection(
        [*INDICATORS, ("manual", "Scored by the head of sales")],
        required=True,
        default="manual",
        help="The result the score is computed from, or a score the head of sales gives by hand.",
    )
    weight = fields.Float(
        string="Weight (%)", required=True, default=10.0, help="The weights of a company's criteria sum to 100."
    )
    target = fields.Float(
        help="The result that earns the full score of 100; less earns proportionally less. "
        "For percentages, 100 usually.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "weight_range",
            "CHECK(weight > 0 AND weight <= 100)",
            "A criterion's weight must be above 0 and at most 100.",
        ),
        ("target_positive", "CHECK(target >= 0)", "A criterion's target cannot be negative."),
    ]

    @api.model
    def _cs_active_criteria(self, company):
        """The criteria an evaluation in ``company`` uses; refused unless their weights sum to 100."""
        criteria = self.sudo().search([("company_id", "=", company.id)])
        total = sum(criteria.mapped("weight"))
        if float_compare(total, 100.0, precision_digits=2):
            raise UserError(
                _(
                    "The weights of the evaluation criteria of %(company)s sum to %(total)s, not 100: "
                    "adjust them in Configuration → Evaluation Criteria (Weight).",
                    company=company.name,
                    total=round(total, 2),
                )
            )
        return criteria
