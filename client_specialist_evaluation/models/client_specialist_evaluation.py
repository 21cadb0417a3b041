# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, format_date

FROZEN_FIELDS = {
    "specialist_id",
    "date_from",
    "date_to",
    "new_client_count",
    "order_count",
    "order_amount",
    "portfolio_revenue",
    "obligations_on_time",
    "obligations_measured",
    "claims_in_time",
    "claims_measured",
    "contact_adherence",
    "completeness",
    "line_ids",
    "outcome",
}
# The results copied from the records when the evaluation takes them.
RESULT_FIELDS = (
    "indicators_date",
    "category_id",
    "new_client_count",
    "order_count",
    "order_amount",
    "portfolio_revenue",
    "obligations_on_time",
    "obligations_measured",
    "claims_in_time",
    "claims_measured",
    "contact_adherence",
    "completeness",
)


class ClientSpecialistEvaluation(models.Model):
    """The head of sales' evaluation of a specialist's results over a period (clause 5.1).

    The results are copied when the evaluation is made, so that later orders or edits do not
    change what was evaluated; the head may take them again while the evaluation is a draft.
    """

    _name = "client_specialist.evaluation"
    _description = "Evaluation of a Client Specialist"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
    ]
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    specialist_id = fields.Many2one(
        "client_specialist.specialist", required=True, ondelete="restrict", index=True, tracking=True
    )
    user_id = fields.Many2one(related="specialist_id.user_id", store=True, string="Specialist User", index=True)
    company_id = fields.Many2one(related="specialist_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    category_id = fields.Many2one(
        "client_specialist.category", string="Category at Evaluation", readonly=True, ondelete="restrict"
    )
    next_category_id = fields.Many2one(related="specialist_id.next_category_id")
    evaluator_id = fields.Many2one(
        "res.users", string="Evaluated By", default=lambda self: self.env.user, readonly=True, tracking=True
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Shared with the Specialist")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    indicators_date = fields.Datetime(string="Results Taken On", readonly=True, copy=False)
    new_client_count = fields.Integer(string="New Clients Won", readonly=True)
    order_count = fields.Integer(string="Contracts Concluded", readonly=True)
    order_amount = fields.Monetary(string="Contracts Amount", readonly=True)
    portfolio_revenue = fields.Monetary(readonly=True)
    obligations_on_time = fields.Float(string="Obligations Met on Time (%)", readonly=True)
    obligations_measured = fields.Boolean(readonly=True)
    claims_in_time = fields.Float(string="Claims Resolved in Time (%)", readonly=True)
    claims_measured = fields.Boolean(readonly=True)
    contact_adherence = fields.Float(string="Contact Cadence Kept (%)", readonly=True)
    completeness = fields.Float(string="Database Completeness (%)", readonly=True)
    line_ids = fields.One2many("client_specialist.evaluation.line", "evaluation_id", string="Scores", copy=False)
    overall_score = fields.Float(compute="_compute_overall_score", store=True, tracking=True, aggregator="avg")
    outcome = fields.Selection(
        [
            ("keep", "Keep in the current category"),
            ("next_category", "Recommend the next category"),
            ("improvement", "Improvement plan"),
            ("disciplinary", "Disciplinary measure"),
        ],
        tracking=True,
    )
    comment = fields.Html(string="Comments")
    shared_date = fields.Datetime(string="Shared On", readonly=True, copy=False, tracking=True)
    acknowledged_date = fields.Datetime(string="Acknowledged On", readonly=True, copy=False, tracking=True)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    is_evaluated_user = fields.Boolean(compute="_compute_is_evaluated_user")

    _sql_constraints = [
        ("period_order", "CHECK(date_from <= date_to)", "An evaluation period must end on or after its start."),
    ]

    @api.depends("specialist_id.name", "date_from", "date_to")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = _(
                "%(name)s, %(date_from)s – %(date_to)s",
                name=evaluation.specialist_id.name or "",
                date_from=format_date(self.env, evaluation.date_from),
                date_to=format_date(self.env, evaluation.date_to),
            )

    @api.depends("line_ids.weighted_score")
    def _compute_overall_score(self):
        for evaluation in self:
            evaluation.overall_score = round(sum(evaluation.line_ids.mapped("weighted_score")), 2)

    @api.depends_context("uid")
    def _compute_is_evaluated_user(self):
        for evaluation in self:
            evaluation.is_evaluated_user = evaluation.user_id == self.env.user

    # ------------------------------------------------------------------------------------------
    # Decisions: the head of sales evaluates, the specialist alone acknowledges
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        results = _("the results are taken from the records (Take the Results Again).")
        acknowledged = _("only the evaluated specialist acknowledges their evaluation (I Have Read It).")
        return {
            **super()._cs_decision_fields(),
            **dict.fromkeys(RESULT_FIELDS, results),
            "state": _("the head of sales shares an evaluation or sets it back to draft with the buttons."),
            "shared_date": _("it is set when the head of sales shares the evaluation."),
            "outcome": _("the head of sales decides the outcome."),
            "evaluator_id": _("the evaluator is the head of sales who makes the evaluation."),
            "acknowledged_date": acknowledged,
            "acknowledged_by_id": acknowledged,
        }

    @api.model
    def _cs_decision_free_for(self, field_name):
        return field_name == "outcome" and self.env["res.users"]._cs_is_head_of_sales()

    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        evaluations._cs_take_indicators()
        return evaluations

    def write(self, vals):
        self.check_access("write")  # who may not write at all is told so first
        if FROZEN_FIELDS & set(vals) and any(e.state == "done" for e in self):
            raise UserError(
                _("A shared evaluation keeps its period, results, scores and outcome: set it back to draft first.")
            )
        return super().write(vals)

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------

    def action_take_indicators(self):
        self.env["res.users"]._cs_check_head_of_sales(_("takes the results into an evaluation"))
        if any(e.state != "draft" for e in self):
            raise UserError(_("Only a draft evaluation takes the results again."))
        self._cs_take_indicators()
        return True

    def action_share(self):
        self.env["res.users"]._cs_check_head_of_sales(_("shares evaluations with the specialist"))
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(_("%(name)s is shared already.", name=evaluation.name))
            total = sum(evaluation.line_ids.mapped("weight"))
            if float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(
                    _(
                        "%(name)s: the weights of the scores sum to %(total)s, not 100 (Weight).",
                        name=evaluation.name,
                        total=round(total, 2),
                    )
                )
            if not evaluation.outcome:
                raise ValidationError(_("%(name)s: choose the outcome before sharing.", name=evaluation.name))
        with self._cs_deciding():
            self.write({"state": "done", "shared_date": fields.Datetime.now()})
        for evaluation in self:
            evaluation.message_subscribe(partner_ids=evaluation.user_id.partner_id.ids)
            evaluation.message_post(
                body=_(
                    "The evaluation is shared with %(name)s for acknowledgement.", name=evaluation.specialist_id.name
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=evaluation.user_id.partner_id.ids,
            )
        return True

    def action_reset_draft(self):
        self.env["res.users"]._cs_check_head_of_sales(_("sets evaluations back to draft"))
        with self._cs_deciding():
            self.write(
                {"state": "draft", "shared_date": False, "acknowledged_date": False, "acknowledged_by_id": False}
            )
        return True

    def action_acknowledge(self):
        """The evaluated specialist confirms having read the evaluation; nobody signs for them."""
        for evaluation in self:
            if evaluation.user_id != self.env.user:
                raise AccessError(
                    _("Only %(name)s can acknowledge their own evaluation.", name=evaluation.specialist_id.name)
                )
            if evaluation.state != "done":
                raise UserError(_("An evaluation is acknowledged once the head of sales has shared it."))
        todo = self.filtered(lambda e: not e.acknowledged_date)
        # sudo: a specialist reads their evaluation and writes nothing else of it.
        with todo._cs_deciding():
            todo.sudo().write({"acknowledged_date": fields.Datetime.now(), "acknowledged_by_id": self.env.uid})
        return True

    def action_open_appointment_wizard(self):
        """Recommend the next category: open the appointment by an order, with the category proposed."""
        self.ensure_one()
        self.env["res.users"]._cs_check_head_of_sales(_("appoints specialists to a category"))
        if self.outcome != "next_category" or not self.next_category_id:
            raise UserError(_("%(name)s does not recommend a next category.", name=self.name))
        return self.specialist_id.action_open_appointment_wizard()

    # ------------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------------

    def _cs_take_indicators(self):
        """Copy the results of each evaluated period and rebuild the scores from the criteria."""
        self.env["res.users"]._cs_check_head_of_sales(_("takes the results into an evaluation"))
        Result = self.env["client_specialist.result"]
        Criterion = self.env["client_specialist.evaluation.criterion"]
        now = fields.Datetime.now()
        for (date_from, date_to), evaluations in self.grouped(lambda e: (e.date_from, e.date_to)).items():
            indicators = Result._cs_indicators(evaluations.user_id, date_from, date_to)
            for evaluation in evaluations:
                values = indicators.get(evaluation.user_id.id, {})
                criteria = Criterion._cs_active_criteria(evaluation.company_id)
                evaluation._cs_write_results(
                    {
                        "indicators_date": now,
                        "category_id": evaluation.specialist_id.category_id.id,
                        "new_client_count": values.get("new_client_count", 0),
                        "order_count": values.get("order_count", 0),
                        "order_amount": values.get("order_amount", 0.0),
                        "portfolio_revenue": values.get("portfolio_revenue", 0.0),
                        "obligations_on_time": values.get("obligations_on_time", 0.0),
                        "obligations_measured": "obligations_on_time" in values,
                        "claims_in_time": values.get("claims_in_time", 0.0),
                        "claims_measured": "claims_in_time" in values,
                        "contact_adherence": values.get("contact_adherence", 0.0),
                        "completeness": values.get("completeness", 0.0),
                        "line_ids": [Command.clear()]
                        + [
                            Command.create(
                                {
                                    "criterion_id": criterion.id,
                                    "sequence": criterion.sequence,
                                    "name": criterion.name,
                                    "indicator": criterion.indicator,
                                    "weight": criterion.weight,
                                    "target": criterion.target,
                                    "value": values.get(criterion.indicator, 0.0),
                                    "measured": criterion.indicator in values,
                                }
                            )
                            for criterion in criteria
                        ],
                    }
                )

    def _cs_write_results(self, values):
        """Write results taken from the records, with the score lines built from them."""
        with self._cs_deciding(), self.env["client_specialist.evaluation.line"]._cs_deciding():
            self.write(values)
