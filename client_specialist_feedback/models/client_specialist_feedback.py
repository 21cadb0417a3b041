# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from pytz import utc

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date, html2plaintext

from odoo.addons.client_specialist.models.client_specialist_cron_mixin import retry_on_concurrent_update

FEEDBACK_TYPES = [
    ("requirement", "Requirement"),
    ("suggestion", "Suggestion"),
    ("dissatisfaction", "Dissatisfaction"),
    ("claim", "Claim"),
    ("praise", "Praise"),
]
PORTAL_TYPES = ("requirement", "suggestion", "claim")
OPEN_STATES = ("new", "in_progress")


def working_days_after(calendar, start, count):
    """The ``count``-th working day after ``start`` on ``calendar`` (the day of ``start`` not counted),
    and the working day before it. Without a calendar, Monday to Friday."""
    horizon = start + timedelta(days=count * 3 + 30)
    if calendar:
        tz_start = datetime.combine(start + timedelta(days=1), time.min)
        tz_end = datetime.combine(horizon, time.max)
        intervals = calendar._work_intervals_batch(tz_start.replace(tzinfo=utc), tz_end.replace(tzinfo=utc))[False]
        working = sorted({interval[0].date() for interval in intervals})
    else:
        working = [
            start + timedelta(days=i)
            for i in range(1, (horizon - start).days + 1)
            if (start + timedelta(days=i)).weekday() < 5
        ]
    if count <= 0 or len(working) < count:
        return start, start
    return working[count - 1], (working[count - 2] if count > 1 else start)


class ClientSpecialistFeedback(models.Model):
    """Feedback from a client: requirements, suggestions, dissatisfaction, claims, praise (clause 2.13)."""

    _name = "client_specialist.feedback"
    _description = "Client Feedback"
    _check_company_auto = True
    _inherit = [  # rating.mixin brings mail.thread
        "portal.mixin",
        "rating.mixin",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.cron.mixin",
        "client_specialist.reminder.mixin",
    ]
    _order = "date_received desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default=lambda self: _("New"))
    subject = fields.Char(required=True, tracking=True)
    type = fields.Selection(FEEDBACK_TYPES, required=True, default="requirement", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain=[("parent_id", "=", False)],
        check_company=True,
    )
    contact_id = fields.Many2one(
        "res.partner", string="Contact Person", help="Who at the client sent it.", check_company=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    order_id = fields.Many2one("sale.order", index=True, tracking=True, check_company=True)
    product_id = fields.Many2one("product.product", tracking=True, check_company=True)
    medium_id = fields.Many2one("utm.medium", string="Channel", help="How the feedback reached us.")
    in_writing = fields.Boolean(
        string="Received in Writing",
        help="A claim received in writing must be answered within the legal term (Settings).",
    )
    date_received = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    description = fields.Html()
    cause_id = fields.Many2one("client_specialist.feedback.cause", string="Root Cause", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
        compute="_compute_user_id",
        store=True,
        readonly=False,
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("in_progress", "In Progress"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_state",
    )
    reject_reason = fields.Text(tracking=True, copy=False)
    resolution = fields.Html(copy=False, help="The answer to the client; shown to them on the portal once resolved.")
    corrective_action = fields.Text(help="What was done to put this case right.")
    preventive_action = fields.Text(help="What changes so that it does not happen again.")
    compensation = fields.Boolean(tracking=True)
    compensation_amount = fields.Monetary(tracking=True)
    compensation_approved = fields.Boolean(tracking=True, readonly=True, copy=False)
    credit_note_id = fields.Many2one(
        "account.move",
        domain="[('move_type', '=', 'out_refund'), ('partner_id', 'child_of', partner_id)]",
        copy=False,
        check_company=True,
    )
    date_responded = fields.Date(string="Responded On", readonly=True, copy=False)
    date_resolved = fields.Date(string="Resolved On", readonly=True, copy=False)
    response_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True)
    resolution_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True)
    response_risk_date = fields.Date(compute="_compute_deadlines", store=True)
    resolution_risk_date = fields.Date(compute="_compute_deadlines", store=True)
    deadline_status = fields.Selection(
        [("on_time", "On Time"), ("at_risk", "At Risk"), ("breached", "Breached")],
        compute="_compute_deadline_status",
        search="_search_deadline_status",
    )
    # Computed (not written) so that a 0 reaches the database: a late claim must weigh in averages.
    resolved_on_time = fields.Integer(
        string="Resolved within Deadline (%)",
        compute="_compute_resolution_stats",
        store=True,
        aggregator="avg",
        help="100 when resolved by the resolution deadline, 0 when late; averaged, the share on time.",
    )
    resolution_days = fields.Integer(
        string="Days to Resolve", compute="_compute_resolution_stats", store=True, aggregator="avg"
    )
    response_risk_notified = fields.Boolean(copy=False, readonly=True)
    resolution_risk_notified = fields.Boolean(copy=False, readonly=True)
    response_breach_escalated = fields.Boolean(copy=False, readonly=True)
    resolution_breach_escalated = fields.Boolean(copy=False, readonly=True)
    pattern_alerted = fields.Boolean(copy=False, readonly=True)

    _sql_constraints = [
        ("compensation_positive", "CHECK(compensation_amount >= 0)", "A compensation cannot be negative."),
    ]

    # ------------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_user_id(self):
        for feedback in self:
            if not feedback.user_id:
                feedback.user_id = feedback.partner_id.commercial_partner_id.user_id

    @api.depends("date_received", "type", "in_writing", "partner_id.cs_tier_id", "company_id")
    def _compute_deadlines(self):
        params = self.env["ir.config_parameter"].sudo()
        default_response = int(params.get_param("client_specialist.feedback_response_days", 5))
        default_resolution = int(params.get_param("client_specialist.feedback_resolution_days", 20))
        written_days = int(params.get_param("client_specialist.claim_written_days", 30))
        for feedback in self:
            if not feedback.date_received:
                continue
            tier = feedback.partner_id.commercial_partner_id.cs_tier_id
            calendar = feedback.company_id.resource_calendar_id
            response_days = tier.claim_response_days or default_response
            resolution_days = max(tier.claim_resolution_days or default_resolution, response_days)
            response, response_risk = working_days_after(calendar, feedback.date_received, response_days)
            resolution, resolution_risk = working_days_after(calendar, feedback.date_received, resolution_days)
            if feedback.type == "claim" and feedback.in_writing and written_days:
                legal = feedback.date_received + timedelta(days=written_days)
                if legal < response:
                    response, response_risk = legal, legal - timedelta(days=1)
            feedback.response_deadline, feedback.response_risk_date = response, response_risk
            feedback.resolution_deadline, feedback.resolution_risk_date = resolution, resolution_risk

    @api.depends_context("date")
    @api.depends("state", "response_deadline", "resolution_deadline", "date_resolved", "date_responded")
    def _compute_deadline_status(self):
        today = fields.Date.context_today(self)
        for feedback in self:
            if feedback.state in ("resolved", "closed"):
                late = (
                    feedback.date_resolved
                    and feedback.resolution_deadline
                    and feedback.date_resolved > feedback.resolution_deadline
                )
                feedback.deadline_status = "breached" if late else "on_time"
            elif feedback.state == "rejected":
                feedback.deadline_status = "on_time"
            else:
                deadline, risk = feedback._cs_pending_deadline()
                if deadline and today > deadline:
                    feedback.deadline_status = "breached"
                elif risk and today >= risk:
                    feedback.deadline_status = "at_risk"
                else:
                    feedback.deadline_status = "on_time"

    def _search_deadline_status(self, operator, value):
        if operator not in ("=", "!=") or value not in ("on_time", "at_risk", "breached"):
            raise UserError(_("Operation not supported"))
        today = fields.Date.context_today(self)
        is_new = [("state", "=", "new")]
        in_progress = [("state", "=", "in_progress")]
        breached = expression.OR(
            [
                expression.AND([is_new, [("response_deadline", "<", today)]]),
                expression.AND([[("state", "in", OPEN_STATES)], [("resolution_deadline", "<", today)]]),
                [("state", "in", ("resolved", "closed")), ("resolved_on_time", "=", 0)],
            ]
        )
        at_risk = expression.AND(
            [
                expression.OR(
                    [
                        expression.AND([is_new, [("response_risk_date", "<=", today)]]),
                        expression.AND([in_progress, [("resolution_risk_date", "<=", today)]]),
                    ]
                ),
                ["!", *breached],
            ]
        )
        domain = {"breached": breached, "at_risk": at_risk}.get(value)
        if domain is None:
            domain = ["!", *expression.OR([breached, at_risk])]
        return domain if operator == "=" else ["!", *domain]

    @api.depends("state", "date_resolved", "resolution_deadline", "date_received")
    def _compute_resolution_stats(self):
        for feedback in self:
            if feedback.state in ("resolved", "closed") and feedback.date_resolved:
                late = feedback.resolution_deadline and feedback.date_resolved > feedback.resolution_deadline
                feedback.resolved_on_time = 0 if late else 100
                feedback.resolution_days = (feedback.date_resolved - feedback.date_received).days
            else:
                feedback.resolved_on_time = False
                feedback.resolution_days = False

    @api.model
    def _read_group_state(self, states, domain):
        return [key for key, _label in self._fields["state"].selection if key != "rejected"]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for feedback in self:
            feedback.access_url = f"/my/feedback/{feedback.id}"
        return result

    def _cs_pending_deadline(self):
        """(deadline, at-risk date) of what is due next: the response, then the resolution."""
        self.ensure_one()
        if self.state == "new":
            return self.response_deadline, self.response_risk_date
        return self.resolution_deadline, self.resolution_risk_date

    # ------------------------------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------------------------------

    @api.constrains("compensation", "compensation_amount")
    def _check_compensation(self):
        for feedback in self:
            if feedback.compensation and feedback.compensation_amount <= 0:
                raise ValidationError(
                    _("%(name)s: a compensation needs an amount (Compensation Amount).", name=feedback.display_name)
                )

    @api.constrains("order_id", "partner_id")
    def _check_order_partner(self):
        for feedback in self.filtered("order_id"):
            if feedback.order_id.partner_id.commercial_partner_id != feedback.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(name)s: order %(order)s belongs to another client.",
                        name=feedback.display_name,
                        order=feedback.order_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cs_check_values(vals)
            if not vals.get("name") or vals["name"] == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("client_specialist.feedback") or _("New")
            if vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
        records = super().create(vals_list)
        records._cs_check_patterns()
        return records

    def write(self, vals):
        head_only = {"compensation_approved", "reject_reason"} & set(vals) or vals.get("state") == "rejected"
        if head_only and not self.env.su:
            self._cs_check_head(_("rejects claims and approves compensations"))
        if {"compensation", "compensation_amount"} & set(vals) and not self.env.su:
            vals = {**vals, "compensation_approved": False}  # a changed compensation is approved again
        result = super().write(vals)
        if "cause_id" in vals:
            self._cs_check_patterns()
        return result

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------

    def action_start(self):
        """Take it up: the client has their response."""
        today = fields.Date.context_today(self)
        for feedback in self.filtered(lambda f: f.state == "new"):
            feedback.write({"state": "in_progress", "date_responded": today})
        return True

    def action_resolve(self):
        today = fields.Date.context_today(self)
        for feedback in self:
            if feedback.state not in OPEN_STATES:
                raise UserError(_("%(name)s is not open.", name=feedback.display_name))
            if not feedback.resolution or not _html_has_text(feedback.resolution):
                raise UserError(
                    _("%(name)s: write the answer to the client first (Resolution).", name=feedback.display_name)
                )
            if feedback.compensation and not feedback.compensation_approved:
                raise UserError(
                    _(
                        "%(name)s: the compensation must be approved by the head of sales before resolving.",
                        name=feedback.display_name,
                    )
                )
            feedback.write(
                {"state": "resolved", "date_resolved": today, "date_responded": feedback.date_responded or today}
            )
        self._cs_request_rating()
        return True

    def action_close(self):
        self.filtered(lambda f: f.state == "resolved").write({"state": "closed"})
        return True

    def action_reopen(self):
        self.filtered(lambda f: f.state in ("resolved", "closed", "rejected")).write(
            {"state": "in_progress", "date_resolved": False}
        )
        return True

    def action_approve_compensation(self):
        self._cs_check_head(_("approves compensations"))
        for feedback in self:
            if not feedback.compensation or feedback.compensation_amount <= 0:
                raise UserError(_("%(name)s: there is no compensation amount to approve.", name=feedback.display_name))
        self.sudo().write({"compensation_approved": True})
        return True

    def action_open_reject_wizard(self):
        self._cs_check_head(_("rejects claims"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject"),
            "res_model": "client_specialist.feedback.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_feedback_ids": self.ids},
        }

    def _cs_reject(self, reason):
        self._cs_check_head(_("rejects claims"))
        if not (reason or "").strip():
            raise UserError(_("Say why it is rejected (Reason)."))
        self.sudo().write({"state": "rejected", "reject_reason": reason.strip()})

    def _cs_check_head(self, what):
        if not self.env.user.has_group("client_specialist.group_client_specialist_head"):
            raise AccessError(_("Only the head of sales %(what)s.", what=what))
        self.check_access("write")

    # ------------------------------------------------------------------------------------------
    # Rating, patterns, deadlines
    # ------------------------------------------------------------------------------------------

    def _cs_request_rating(self):
        template = self.env.ref("client_specialist_feedback.mail_template_feedback_rating", raise_if_not_found=False)
        for feedback in self.filtered(lambda f: f.partner_id.email and f.type != "praise"):
            feedback.sudo().rating_send_request(template, force_send=False)

    def _rating_get_partner(self):
        return self.contact_id or self.partner_id

    def _cs_check_patterns(self):
        """The same cause again and again for one client is a pattern: tell the head of sales, once."""
        params = self.env["ir.config_parameter"].sudo()
        threshold = int(params.get_param("client_specialist.pattern_count", 3))
        window = int(params.get_param("client_specialist.pattern_days", 90))
        candidates = self.filtered(lambda f: f.cause_id and f.partner_id)
        if not candidates or threshold <= 0:
            return
        today = fields.Date.context_today(self)
        since = today - timedelta(days=window)
        groups = self.sudo()._read_group(
            [
                ("cause_id", "in", candidates.cause_id.ids),
                ("partner_id", "in", candidates.partner_id.ids),
                ("date_received", ">=", since),
                ("state", "!=", "rejected"),
            ],
            ["partner_id", "cause_id"],
            ["id:array_agg", "pattern_alerted:bool_or"],
        )
        alerts = []
        for partner, cause, ids, alerted in groups:
            if len(ids) >= threshold and not alerted:
                alerts.append((partner, cause, self.sudo().browse(ids)))
        if not alerts:
            return
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for partner, cause, records in alerts:
            latest = records.sorted(lambda f: (f.date_received, f.id))[-1]
            head = latest._cs_head_of_sales()
            if head:
                values.append(
                    {
                        "res_model_id": model_id,
                        "res_id": latest.id,
                        "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                        "user_id": head.id,
                        "summary": _(
                            "Pattern: %(count)s times '%(cause)s' for %(client)s in %(days)s days",
                            count=len(records),
                            cause=cause.name,
                            client=partner.display_name,
                            days=window,
                        ),
                    }
                )
            records.write({"pattern_alerted": True})
        self._cs_create_activities(values)

    def _cs_head_of_sales(self):
        """The head of sales for this record (the responsible's own head, else the company's), or their deputy."""
        self.ensure_one()
        return self._cs_heads_of_sales()[self]

    @api.model
    def _get_deadline_domain(self):
        today = fields.Date.context_today(self)
        return expression.OR(
            [
                [("state", "=", "new"), ("response_risk_date", "<=", today), ("response_risk_notified", "=", False)],
                [("state", "=", "new"), ("response_deadline", "<", today), ("response_breach_escalated", "=", False)],
                [
                    ("state", "in", OPEN_STATES),
                    ("resolution_risk_date", "<=", today),
                    ("resolution_risk_notified", "=", False),
                ],
                [
                    ("state", "in", OPEN_STATES),
                    ("resolution_deadline", "<", today),
                    ("resolution_breach_escalated", "=", False),
                ],
            ]
        )

    @api.model
    @retry_on_concurrent_update
    def _cron_check_deadlines(self, batch_size=None):
        """Daily: at-risk deadlines to the responsible (or deputy), breaches to the head of sales; once each."""
        batch_size = self._cs_batch_size(batch_size, 500)
        domain = self._get_deadline_domain()
        records = self._cs_lock_batch(domain, batch_size, order=("user_id", "id"))
        records._cs_notify_deadlines()
        return self._cs_notify_progress(len(records), domain, batch_size)

    def _cs_notify_deadlines(self):
        if not self:
            return
        today = fields.Date.context_today(self)
        acting = self.user_id._cs_acting_users()
        heads = self._cs_heads_of_sales()
        todo = self.env.ref("mail.mail_activity_data_todo").id
        model_id = self.env["ir.model"]._get_id(self._name)
        values, flags = [], {}
        for feedback in self:
            marks = {}
            for kind, deadline, risk in (
                ("response", feedback.response_deadline, feedback.response_risk_date),
                ("resolution", feedback.resolution_deadline, feedback.resolution_risk_date),
            ):
                if kind == "response" and feedback.state != "new":
                    continue
                label = _("response") if kind == "response" else _("resolution")
                if deadline < today and not feedback[f"{kind}_breach_escalated"]:
                    marks[f"{kind}_breach_escalated"] = True
                    marks[f"{kind}_risk_notified"] = True
                    head = heads[feedback]
                    if head:
                        values.append(
                            feedback._cs_activity_values(
                                model_id,
                                todo,
                                head,
                                _(
                                    "Breached: %(what)s deadline of %(name)s was %(date)s",
                                    what=label,
                                    name=feedback.name,
                                    date=format_date(self.env, deadline),
                                ),
                            )
                        )
                elif risk <= today and not feedback[f"{kind}_risk_notified"]:
                    marks[f"{kind}_risk_notified"] = True
                    user = acting.get(feedback.user_id, feedback.user_id)
                    if user:
                        values.append(
                            feedback._cs_activity_values(
                                model_id,
                                todo,
                                user,
                                _(
                                    "At risk: %(what)s of %(name)s due %(date)s",
                                    what=label,
                                    name=feedback.name,
                                    date=format_date(self.env, deadline),
                                ),
                                deadline,
                            )
                        )
            key = tuple(sorted(marks))
            flags.setdefault(key, self.browse())
            flags[key] |= feedback
        self._cs_create_activities(values)
        for key, records in flags.items():
            if key:
                records.sudo().write(dict.fromkeys(key, True))

    def _cs_activity_values(self, model_id, activity_type_id, user, summary, deadline=None):
        return {
            "res_model_id": model_id,
            "res_id": self.id,
            "activity_type_id": activity_type_id,
            "user_id": user.id,
            "summary": summary,
            "date_deadline": deadline or fields.Date.context_today(self),
        }


def _html_has_text(html):
    return bool(html2plaintext(html or "").strip())
