# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .client_specialist_reliability_scheme import GRADES, MANUAL_CRITERIA


def clamp(value):
    return max(0.0, min(100.0, value))


class ClientSpecialistReliabilityAssessment(models.Model):
    """A forecast of a client's business reliability and financial soundness (clause 2.5).

    Criteria computed from what Odoo holds (payments, obligations, claims, orders) and criteria
    entered from outside sources make a weighted score from 0 to 100 and a grade; each line keeps
    its value and contribution, so the grade explains itself.
    """

    _name = "client_specialist.reliability.assessment"
    _description = "Reliability Assessment"
    _check_company_auto = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
        "client_specialist.reminder.mixin",
    ]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain=[("parent_id", "=", False)],
        check_company=True,
    )
    user_id = fields.Many2one(related="partner_id.user_id", store=True, string="Specialist", index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    scheme_id = fields.Many2one(
        "client_specialist.reliability.scheme", required=True, readonly=True, check_company=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    valid_until = fields.Date(compute="_compute_valid_until", store=True, readonly=False, tracking=True)
    computed_at = fields.Datetime(string="Criteria Computed", readonly=True)
    line_ids = fields.One2many("client_specialist.reliability.line", "assessment_id", string="Criteria")
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1), tracking=True, aggregator="avg")
    grade = fields.Selection(GRADES, compute="_compute_score", store=True, tracking=True, index=True)
    is_valid = fields.Boolean(compute="_compute_is_valid", search="_search_is_valid", string="Valid")
    expiry_notified = fields.Boolean(readonly=True, copy=False)
    note = fields.Html()
    # Manual criteria, from outside sources.
    registry_status = fields.Selection(
        [("active", "Active"), ("reorganising", "Reorganising"), ("liquidation", "In liquidation")], tracking=True
    )
    registry_source = fields.Char(string="Registry Checked In")
    registry_date = fields.Date(string="Registry Checked On")
    revenue = fields.Monetary(string="Revenue (last reporting)", tracking=True)
    equity = fields.Monetary(string="Equity (last reporting)", tracking=True)
    financials_source = fields.Char(string="Reporting Source")
    financials_date = fields.Date(string="Reporting Date")
    court_cases = fields.Integer(string="Court Cases as Defendant", tracking=True)
    court_source = fields.Char(string="Court Records Source")
    court_date = fields.Date(string="Court Records Checked On")
    has_guarantees = fields.Boolean(string="Collateral or Guarantees", tracking=True)
    guarantees_description = fields.Char(string="What Secures the Deals")

    _sql_constraints = [
        ("revenue_positive", "CHECK(revenue >= 0)", "Revenue cannot be negative."),
        ("court_cases_positive", "CHECK(court_cases >= 0)", "The number of court cases cannot be negative."),
    ]

    @api.depends("partner_id", "date")
    def _compute_name(self):
        for assessment in self:
            assessment.name = _(
                "%(client)s, %(date)s", client=assessment.partner_id.display_name or "", date=assessment.date or ""
            )

    @api.depends("date", "scheme_id.validity_days")
    def _compute_valid_until(self):
        for assessment in self:
            if assessment.date and assessment.scheme_id:
                assessment.valid_until = assessment.date + timedelta(days=assessment.scheme_id.validity_days)

    @api.depends("line_ids.contribution", "line_ids.has_data", "line_ids.weight", "scheme_id")
    def _compute_score(self):
        for assessment in self:
            lines = assessment.line_ids.filtered("has_data")
            weight = sum(lines.mapped("weight"))
            assessment.score = sum(lines.mapped("contribution")) * 100 / weight if weight else 0.0
            assessment.grade = assessment.scheme_id._cs_grade(assessment.score) if weight else False

    @api.depends_context("date")
    @api.depends("valid_until")
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for assessment in self:
            assessment.is_valid = bool(assessment.valid_until and assessment.valid_until >= today)

    def _search_is_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = [("valid_until", ">=", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("date", "valid_until")
    def _check_validity(self):
        for assessment in self:
            if assessment.valid_until and assessment.date and assessment.valid_until < assessment.date:
                raise ValidationError(
                    _(
                        "%(name)s: an assessment cannot expire before its date (Valid Until).",
                        name=assessment.display_name,
                    )
                )

    @api.constrains("revenue", "equity", "court_cases")
    def _check_figures(self):
        for assessment in self:
            if assessment.revenue < 0:
                raise ValidationError(
                    _("%(name)s: revenue cannot be negative (Revenue).", name=assessment.display_name)
                )
            if assessment.court_cases < 0:
                raise ValidationError(
                    _("%(name)s: the number of court cases cannot be negative.", name=assessment.display_name)
                )

    # ------------------------------------------------------------------------------------------
    # Decisions: what the computation and the head of sales set, nobody else
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        computed = _("it is computed from the criteria.")
        validity = _("it follows from the date and the scheme's validity; only the head of sales changes it.")
        return {
            **super()._cs_decision_fields(),
            "score": computed,
            "grade": computed,
            "computed_at": _("it is the time the criteria were last computed (Recompute)."),
            "scheme_id": _("an assessment is scored by the active scheme of its company."),
            "date": _("an assessment is dated the day it is made or earlier; only the head of sales changes the date."),
            "valid_until": validity,
            "expiry_notified": _("the expiry reminder sets it."),
        }

    @api.model
    def _cs_decision_free_for(self, field_name):
        # The head of sales decides how long an assessment stays valid (orders above the scheme's
        # amount go through on a valid one).
        return field_name in ("date", "valid_until") and self.env["res.users"]._cs_is_head_of_sales()

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        if field_name == "date" and value:
            # Backdated is less valid, never more: a date after today would stretch the validity.
            return fields.Date.to_date(value) <= fields.Date.context_today(self)
        if field_name == "scheme_id" and value:
            scheme = self.env["client_specialist.reliability.scheme"].sudo().browse(value).exists()
            return bool(scheme.active)
        return super()._cs_decision_allowed_on_create(field_name, value)

    @api.model_create_multi
    def create(self, vals_list):
        schemes = {}  # one look-up per company, not per assessment
        for vals in vals_list:
            self._cs_check_values(vals)
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            vals["partner_id"] = partner.commercial_partner_id.id
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            if company not in schemes:
                schemes[company] = self.env["client_specialist.reliability.scheme"]._cs_for_company(company)
            vals.setdefault("scheme_id", schemes[company].id)
        assessments = super().create(vals_list)
        assessments._cs_compute_lines()
        return assessments

    def write(self, vals):
        self._cs_check_values(vals)
        if vals.get("partner_id"):
            client = self.env["res.partner"].browse(vals["partner_id"]).commercial_partner_id
            moved = self.filtered(lambda a: a.partner_id != client)
            if moved:
                # The criteria were computed from this client's records: they do not describe another.
                raise UserError(
                    _(
                        "%(name)s: an assessment stays with the client it was made for (Client); "
                        "make a new assessment for %(client)s.",
                        name=moved[0].display_name,
                        client=client.display_name,
                    )
                )
        result = super().write(vals)
        manual = {"registry_status", "revenue", "equity", "court_cases", "has_guarantees"}
        if manual & set(vals):
            self._cs_compute_lines(manual_only=True)
        return result

    def action_recompute(self):
        self._cs_compute_lines()
        return True

    def action_apply_credit_limit(self):
        """Set the client's credit limit to what the scheme suggests for the grade (head of sales)."""
        self.env["res.users"]._cs_check_head_of_sales(_("applies the suggested credit limit to a client"))
        self.check_access("read")
        expired = self.filtered(lambda a: a.grade and not a.is_valid)
        if expired:
            raise UserError(
                _(
                    "%(name)s is no longer valid (Valid Until): make a new assessment before changing "
                    "the credit limit.",
                    name=expired[0].display_name,
                )
            )
        for assessment in self.filtered("grade"):
            limit = assessment.scheme_id._cs_credit_limit(assessment.grade)
            assessment.partner_id.sudo().with_company(assessment.company_id).write(
                {"credit_limit": limit, "use_partner_credit_limit": True}
            )
            assessment.message_post(
                body=_(
                    "Credit limit of %(client)s set to %(limit)s (grade %(grade)s).",
                    client=assessment.partner_id.display_name,
                    limit=limit,
                    grade=assessment.grade,
                )
            )
        return True

    # ------------------------------------------------------------------------------------------
    # Criteria
    # ------------------------------------------------------------------------------------------

    def _cs_compute_lines(self, manual_only=False):
        """(Re)compute the criteria lines of these assessments, set-based over their clients."""
        if not self:
            return
        old_grades = {p.id: p.cs_reliability_grade for p in self.partner_id}
        auto = {} if manual_only else self._cs_auto_values()
        Line = self.env["client_specialist.reliability.line"].sudo()
        no_data = self.env._("no data")
        # Changed lines are replaced in two statements, unchanged ones left alone; a write per
        # line would cost a dependency walk per line (eleven criteria per client).
        compared = ("weight", "value", "score", "has_data", "explanation")
        stale, values = [], []
        for assessment in self:
            existing = {line.criterion: line for line in assessment.line_ids}
            for scheme_line in assessment.scheme_id.line_ids:
                code = scheme_line.criterion
                if manual_only and code not in MANUAL_CRITERIA:
                    continue
                if code in MANUAL_CRITERIA:
                    value, score, text = assessment._cs_manual_value(code)
                else:
                    value, score, text = auto.get(assessment.partner_id.id, {}).get(code, (None, None, no_data))
                line_vals = {
                    "assessment_id": assessment.id,
                    "criterion": code,
                    "weight": scheme_line.weight,
                    "value": value or 0.0,
                    "score": score or 0.0,
                    "has_data": score is not None,
                    "explanation": text,
                }
                line = existing.get(code)
                if line and all(
                    line[name] == Line._fields[name].convert_to_cache(line_vals[name], line) for name in compared
                ):
                    continue
                if line:
                    stale.append(line.id)
                values.append(line_vals)
        Line.browse(stale).unlink()
        Line.create(values)
        if not manual_only:
            self.sudo().write({"computed_at": fields.Datetime.now()})
            self.partner_id._cs_write_technical({"cs_reliability_dirty": False})
        self.env.flush_all()
        self.partner_id._cs_notify_grade_change(old_grades)

    @api.model
    def _cs_remind_expiries(self):
        """One activity for the specialist when a client's current assessment is about to expire."""
        today = fields.Date.context_today(self)
        schemes = self.env["client_specialist.reliability.scheme"].sudo().search([])
        candidates = self.sudo().search(
            [
                ("expiry_notified", "=", False),
                ("valid_until", ">=", today),
                ("valid_until", "<=", today + timedelta(days=max(schemes.mapped("expiry_notice_days") or [0]))),
            ]
        )
        due = candidates.filtered(
            lambda a: a.partner_id.cs_reliability_id == a
            and a.valid_until <= today + timedelta(days=a.scheme_id.expiry_notice_days)
            and a.user_id
        )
        acting = due.user_id._cs_acting_users()
        todo = self.env.ref("mail.mail_activity_data_todo")
        self._cs_create_activities(
            [
                assessment._cs_reminder_values(
                    todo,
                    acting.get(assessment.user_id, assessment.user_id),
                    self.env._(
                        "Reliability assessment of %(client)s expires on %(date)s",
                        client=assessment.partner_id.display_name,
                        date=assessment.valid_until,
                    ),
                    date_deadline=assessment.valid_until,
                )
                for assessment in due
            ]
        )
        due.write({"expiry_notified": True})

    def _cs_manual_value(self, code):
        """(value, score 0-100 or None, explanation) of a criterion entered by the specialist."""
        self.ensure_one()
        return getattr(self, f"_cs_manual_{code}")()

    def _cs_manual_registry_status(self):
        if not self.registry_status:
            return None, None, _("not checked")
        score = {"active": 100.0, "reorganising": 30.0, "liquidation": 0.0}[self.registry_status]
        label = dict(self._fields["registry_status"]._description_selection(self.env))[self.registry_status]
        return score, score, label

    def _cs_manual_financials(self):
        if not self.revenue:
            return None, None, _("no reporting entered")
        share = self.equity * 100 / self.revenue
        return share, clamp(share * 2), _("equity is %(share)s %% of revenue", share=round(share))

    def _cs_manual_court_cases(self):
        if not self.court_date:
            return None, None, _("not checked")
        cases = self.court_cases
        score = 100.0 if cases == 0 else 70.0 if cases == 1 else 40.0 if cases <= 3 else 10.0
        return cases, score, _("court cases: %(count)s", count=cases)

    def _cs_manual_guarantees(self):
        if self.has_guarantees:
            return 1.0, 100.0, _("secured")
        return 0.0, 40.0, _("not secured")

    def _cs_auto_values(self):
        """{partner id: {criterion: (value, score, explanation)}} from Odoo's data, in a few queries."""
        partners = self.partner_id
        today = fields.Date.context_today(self)
        year_ago = today - relativedelta(months=12)
        half_year_ago = today - relativedelta(months=6)
        result = {partner.id: {} for partner in partners}
        self._cs_payment_criteria(partners, result, today, year_ago)
        # Orders: count over 12 months, volume of the last 6 months against the 6 before.
        Order = self.env["sale.order"].sudo()
        orders = dict.fromkeys(partners.ids, 0)
        recent = dict.fromkeys(partners.ids, 0.0)
        earlier = dict.fromkeys(partners.ids, 0.0)
        groups = Order._read_group(
            [("state", "=", "sale"), ("partner_id", "child_of", partners.ids), ("date_order", ">=", year_ago)],
            ["partner_id", "date_order:month"],
            ["__count", "amount_untaxed:sum"],
        )
        for partner, month, count, amount in groups:
            key = partner.commercial_partner_id.id
            if key not in orders:
                continue
            orders[key] += count
            if month.date() >= half_year_ago.replace(day=1):
                recent[key] += amount
            else:
                earlier[key] += amount
        for partner in partners:
            values = result[partner.id]
            if earlier[partner.id]:
                change = (recent[partner.id] - earlier[partner.id]) * 100 / earlier[partner.id]
                signed = f"{change:+.0f}"  # outside _(): an f-string there stops the term extraction
                values["volume_trend"] = (
                    change,
                    clamp(50 + change / 2),
                    _("%(change)s %% over six months", change=signed),
                )
            elif recent[partner.id]:
                values["volume_trend"] = (100.0, 75.0, _("new orders this half-year"))
            if partner.cs_won_date:
                months = (today.year - partner.cs_won_date.year) * 12 + today.month - partner.cs_won_date.month
                values["relationship"] = (
                    months,
                    clamp(months * 100 / 36),
                    _("client for %(months)s mo.", months=months),
                )
            rate = partner._cs_client_obligation_rate()
            if rate is not None:
                values["obligation_rate"] = (
                    rate,
                    clamp(rate),
                    _("%(rate)s %% of obligations met on time", rate=round(rate)),
                )
        self._cs_claim_criteria(partners, result, orders, year_ago)
        return result

    def _cs_claim_criteria(self, partners, result, orders, year_ago):
        """Fill the claims criterion in ``result``; claims are counted where feedback is installed.

        :param orders: {partner id: confirmed orders in the last 12 months}
        """

    def _cs_payment_criteria(self, partners, result, today, year_ago):
        """Payment discipline of these clients over a year, in one query over their invoices."""
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            SQL(
                """
                WITH inv AS (
                    SELECT m.commercial_partner_id AS partner_id, m.invoice_date_due AS due, m.payment_state,
                           m.amount_residual_signed AS residual, m.amount_total_signed AS total,
                           (SELECT max(apr.max_date)
                              FROM account_move_line aml
                              JOIN account_partial_reconcile apr ON apr.debit_move_id = aml.id
                             WHERE aml.move_id = m.id) AS paid_date
                      FROM account_move m
                     WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                       AND m.commercial_partner_id = ANY(%(partners)s) AND m.invoice_date >= %(since)s
                )
                SELECT partner_id,
                       count(*) FILTER (WHERE payment_state IN ('paid', 'in_payment')) AS paid_count,
                       count(*) FILTER (
                           WHERE payment_state IN ('paid', 'in_payment') AND paid_date > due
                       ) AS late_count,
                       avg(GREATEST(paid_date - due, 0))
                           FILTER (WHERE payment_state IN ('paid', 'in_payment')) AS days_late,
                       coalesce(sum(residual) FILTER (WHERE due < %(today)s
                           AND payment_state NOT IN ('paid', 'in_payment', 'reversed')), 0) AS overdue,
                       coalesce(sum(total), 0) AS invoiced
                  FROM inv
                 GROUP BY partner_id
                """,
                partners=partners.ids,
                since=year_ago,
                today=today,
            )
        )
        for row in rows:
            values = result[row["partner_id"]]
            if row["paid_count"]:
                share = row["late_count"] * 100.0 / row["paid_count"]
                values["late_share"] = (
                    share,
                    clamp(100 - share),
                    _("%(share)s %% of paid invoices late", share=round(share)),
                )
                days = float(row["days_late"] or 0)
                values["days_late"] = (
                    days,
                    clamp(100 - 2 * days),
                    _("%(days)s days late on average", days=round(days, 1)),
                )
            if row["invoiced"]:
                ratio = float(row["overdue"]) * 100 / float(row["invoiced"])
                values["overdue_amount"] = (
                    float(row["overdue"]),
                    clamp(100 - 2 * ratio),
                    _("%(ratio)s %% of the year's invoicing is overdue", ratio=round(ratio)),
                )
