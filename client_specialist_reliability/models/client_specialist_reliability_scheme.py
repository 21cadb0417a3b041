# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CRITERIA = [
    ("late_share", "Invoices paid late (share)"),
    ("days_late", "Average days late"),
    ("overdue_amount", "Amount overdue now"),
    ("obligation_rate", "Obligations met on time"),
    ("claims_per_order", "Claims per order"),
    ("relationship", "Length of the relationship"),
    ("volume_trend", "Trend of ordered volume"),
    ("registry_status", "Registry status"),
    ("financials", "Revenue and equity"),
    ("court_cases", "Court cases"),
    ("guarantees", "Collateral or guarantees"),
]
MANUAL_CRITERIA = {"registry_status", "financials", "court_cases", "guarantees"}
GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]


class ClientSpecialistReliabilityScheme(models.Model):
    """How a client's business reliability is scored in a company (clause 2.5)."""

    _name = "client_specialist.reliability.scheme"
    _description = "Reliability Scoring Scheme"
    _inherit = ["mail.thread", "client_specialist.input.mixin"]

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    line_ids = fields.One2many("client_specialist.reliability.scheme.line", "scheme_id", string="Criteria", copy=True)
    weight_total = fields.Integer(compute="_compute_weight_total")
    threshold_a = fields.Integer(string="Grade A From", default=80, tracking=True)
    threshold_b = fields.Integer(string="Grade B From", default=60, tracking=True)
    threshold_c = fields.Integer(string="Grade C From", default=40, tracking=True)
    validity_days = fields.Integer(string="Valid For (days)", default=180, tracking=True)
    expiry_notice_days = fields.Integer(string="Remind Before Expiry (days)", default=14)
    approval_amount = fields.Monetary(
        string="Approval Above",
        tracking=True,
        help="Orders above this untaxed amount need a valid assessment; without one they go to the head of sales.",
    )
    credit_limit_a = fields.Monetary(string="Suggested Credit Limit, Grade A")
    credit_limit_b = fields.Monetary(string="Suggested Credit Limit, Grade B")
    credit_limit_c = fields.Monetary(string="Suggested Credit Limit, Grade C")
    credit_limit_d = fields.Monetary(string="Suggested Credit Limit, Grade D")

    _sql_constraints = [
        ("company_unique", "UNIQUE(company_id, active)", "A company has one active reliability scheme."),
    ]

    @api.depends("line_ids.weight")
    def _compute_weight_total(self):
        for scheme in self:
            scheme.weight_total = sum(scheme.line_ids.mapped("weight"))

    @api.constrains("line_ids")
    def _check_weights(self):
        for scheme in self:
            if scheme.line_ids and scheme.weight_total != 100:
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s: the weights of the criteria must add up to 100 (they add up to %(total)s).",
                        scheme=scheme.name,
                        total=scheme.weight_total,
                    )
                )

    @api.constrains("threshold_a", "threshold_b", "threshold_c")
    def _check_thresholds(self):
        for scheme in self:
            if not (100 >= scheme.threshold_a > scheme.threshold_b > scheme.threshold_c > 0):
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s: the grade thresholds must go down from A to C, between 100 and 0 "
                        "(A %(a)s, B %(b)s, C %(c)s).",
                        scheme=scheme.name,
                        a=scheme.threshold_a,
                        b=scheme.threshold_b,
                        c=scheme.threshold_c,
                    )
                )

    @api.constrains(
        "validity_days",
        "expiry_notice_days",
        "approval_amount",
        "credit_limit_a",
        "credit_limit_b",
        "credit_limit_c",
        "credit_limit_d",
    )
    def _check_positive(self):
        for scheme in self:
            if scheme.validity_days <= 0:
                raise ValidationError(
                    _("Scheme %(scheme)s: an assessment must be valid for at least a day.", scheme=scheme.name)
                )
            if scheme.expiry_notice_days < 0:
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s: the reminder before expiry cannot be negative (Remind Before Expiry).",
                        scheme=scheme.name,
                    )
                )
            if scheme.approval_amount < 0:
                raise ValidationError(
                    _(
                        "Scheme %(scheme)s: the amount above which orders need an assessment cannot be negative "
                        "(Approval Above).",
                        scheme=scheme.name,
                    )
                )
            if min(scheme.credit_limit_a, scheme.credit_limit_b, scheme.credit_limit_c, scheme.credit_limit_d) < 0:
                raise ValidationError(_("Scheme %(scheme)s: a credit limit cannot be negative.", scheme=scheme.name))

    @api.model
    def _cs_for_company(self, company):
        scheme = self.sudo().search([("company_id", "=", company.id)], limit=1)
        if not scheme:
            raise ValidationError(
                _(
                    "Company %(company)s has no reliability scheme: create one in the configuration.",
                    company=company.name,
                )
            )
        return scheme

    def _cs_grade(self, score):
        self.ensure_one()
        if score >= self.threshold_a:
            return "A"
        if score >= self.threshold_b:
            return "B"
        if score >= self.threshold_c:
            return "C"
        return "D"

    def _cs_credit_limit(self, grade):
        self.ensure_one()
        return self[f"credit_limit_{grade.lower()}"]
