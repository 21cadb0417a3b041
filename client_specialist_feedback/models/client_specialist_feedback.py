# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import Counter
from datetime import datetime, time, timedelta

from markupsafe import Markup
from pytz import utc

from odoo import _, api, fields, models
from odoo.addons.client_specialist.models.client_specialist_cron_mixin import retry_on_concurrent_update
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_amount, format_date, html2plaintext, plaintext2html

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


INTERNAL = "base.group_user"  # fields the client does not read on the portal


def portal_text_to_html(text):
    """What a client typed, as HTML that shows it literally: escaped, no link or image kept."""
    lines = str(text or "").replace("\r\n", "\n").split("\n")
    return Markup("<p>%s</p>") % Markup("<br>").join(lines)


class ClientSpecialistFeedback(models.Model):
    """Feedback from a client: requirements, suggestions, dissatisfaction, claims, praise (clause 2.13).

    Its decisions (state, decision dates, the head's rejection and compensation approval, the
    deadlines and the flags of the reminders already sent) are written by the buttons and crons
    that take them, through ``client_specialist.decision.mixin``; a compensation is approved
    through ``client_specialist.approval.mixin``.
    """

    _name = "client_specialist.feedback"
    _description = "Client Feedback"
    _check_company_auto = True
    _inherit = [  # rating.mixin brings mail.thread
        "portal.mixin",
        "rating.mixin",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.cron.mixin",
        "client_specialist.approval.mixin",
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
    medium_id = fields.Many2one("utm.medium", string="Channel", help="How the feedback reached us.", groups=INTERNAL)
    in_writing = fields.Boolean(
        string="Received in Writing",
        help="A claim received in writing must be answered within the legal term (Settings).",
        groups=INTERNAL,
    )
    date_received = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    description = fields.Html(help="What the client says; what a client sends from the portal is kept as plain text.")
    cause_id = fields.Many2one("client_specialist.feedback.cause", string="Root Cause", tracking=True, groups=INTERNAL)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
        compute="_compute_user_id",
        store=True,
        readonly=False,
        groups=INTERNAL,
        help="The client's salesperson; the head of sales may take the feedback on or hand it to another head.",
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
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_state",
    )
    reject_reason = fields.Text(readonly=True, tracking=True, copy=False, groups=INTERNAL)
    resolution = fields.Html(
        copy=False,
        groups=INTERNAL,
        help="The answer to the client; they read it on the portal once the feedback is resolved.",
    )
    portal_answer = fields.Html(
        string="Our Answer",
        compute="_compute_portal_answer",
        compute_sudo=True,
        help="What the client reads on the portal: the resolution once resolved, the reason once rejected.",
    )
    corrective_action = fields.Text(help="What was done to put this case right.", groups=INTERNAL)
    preventive_action = fields.Text(help="What changes so that it does not happen again.", groups=INTERNAL)
    compensation = fields.Boolean(tracking=True, groups=INTERNAL)
    compensation_amount = fields.Monetary(tracking=True, groups=INTERNAL)
    compensation_state = fields.Selection(
        [("to_approve", "Waiting for Approval"), ("approved", "Approved"), ("rejected", "Rejected")],
        string="Compensation Approval",
        readonly=True,
        tracking=True,
        copy=False,
        groups=INTERNAL,
    )
    compensation_approved = fields.Boolean(
        compute="_compute_compensation_approved", store=True, tracking=True, groups=INTERNAL
    )
    compensation_approved_amount = fields.Monetary(
        string="Approved Compensation",
        readonly=True,
        copy=False,
        groups=INTERNAL,
        help="The amount the head of sales approved: a lower compensation stays approved, a higher one is asked again.",
    )
    compensation_reject_reason = fields.Text(
        string="Why the Compensation Was Rejected", readonly=True, copy=False, groups=INTERNAL
    )
    credit_note_id = fields.Many2one(
        "account.move",
        domain="[('move_type', '=', 'out_refund'), ('partner_id', 'child_of', partner_id)]",
        copy=False,
        check_company=True,
        groups=INTERNAL,
    )
    date_responded = fields.Date(string="Responded On", readonly=True, copy=False)
    date_resolved = fields.Date(string="Resolved On", readonly=True, copy=False)
    response_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True)
    resolution_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True)
    response_risk_date = fields.Date(compute="_compute_deadlines", store=True, groups=INTERNAL)
    resolution_risk_date = fields.Date(compute="_compute_deadlines", store=True, groups=INTERNAL)
    deadline_status = fields.Selection(
        [("on_time", "On Time"), ("at_risk", "At Risk"), ("breached", "Breached")],
        compute="_compute_deadline_status",
        compute_sudo=True,  # from the risk dates, which the client does not read
        search="_search_deadline_status",
    )
    # Computed (not written) so that a 0 reaches the database: a late claim must weigh in averages.
    resolved_on_time = fields.Integer(
        string="Resolved within Deadline (%)",
        compute="_compute_resolution_stats",
        store=True,
        aggregator="avg",
        groups=INTERNAL,
        help="100 when resolved by the resolution deadline, 0 when late; averaged, the share on time.",
    )
    resolution_days = fields.Integer(
        string="Days to Resolve", compute="_compute_resolution_stats", store=True, aggregator="avg", groups=INTERNAL
    )
    response_risk_notified = fields.Boolean(copy=False, readonly=True, groups=INTERNAL)
    resolution_risk_notified = fields.Boolean(copy=False, readonly=True, groups=INTERNAL)
    response_breach_escalated = fields.Boolean(copy=False, readonly=True, groups=INTERNAL)
    resolution_breach_escalated = fields.Boolean(copy=False, readonly=True, groups=INTERNAL)
    pattern_alerted = fields.Boolean(copy=False, readonly=True, groups=INTERNAL)

    _sql_constraints = [
        ("compensation_positive", "CHECK(compensation_amount >= 0)", "A compensation cannot be negative."),
    ]

    # ------------------------------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        state = _(
            "it moves with the buttons Take Up, Resolve, Close and Reopen; only the head of sales rejects "
            "feedback and reopens rejected feedback."
        )
        responded = _("it is the day the feedback is taken up or resolved, set by those buttons.")
        resolved = _("it is the day the feedback is resolved, set by the Resolve button.")
        rejection = _("the head of sales writes it when rejecting the feedback (Reject).")
        compensation = _("only the head of sales approves or rejects a compensation.")
        deadline = _("it is computed from the date received, the client's tier and the company's terms.")
        stats = _("it is computed when the feedback is resolved.")
        reminder = _("the daily deadline check sets it once it has told the responsible or the head of sales.")
        pattern = _("the pattern check sets it once it has alerted the head of sales.")
        return {
            **super()._cs_decision_fields(),
            "state": state,
            "date_responded": responded,
            "date_resolved": resolved,
            "reject_reason": rejection,
            "user_id": _("it is the client's salesperson; only the head of sales assigns a head of sales instead."),
            # The deadlines count from it: moved later, a breach would never be one.
            "date_received": _("it is entered with the feedback; afterwards only the head of sales corrects it."),
            "compensation_state": compensation,
            "compensation_approved": compensation,
            "compensation_approved_amount": compensation,
            "compensation_reject_reason": compensation,
            "response_deadline": deadline,
            "resolution_deadline": deadline,
            "response_risk_date": deadline,
            "resolution_risk_date": deadline,
            "resolved_on_time": stats,
            "resolution_days": stats,
            "response_risk_notified": reminder,
            "resolution_risk_notified": reminder,
            "response_breach_escalated": reminder,
            "resolution_breach_escalated": reminder,
            "pattern_alerted": pattern,
        }

    @api.model
    def _cs_decision_free_for(self, field_name):
        # The head of sales takes feedback on (or hands it to another head) and corrects the date
        # received on the form.
        if field_name in ("user_id", "date_received"):
            return self.env["res.users"]._cs_is_head_of_sales()
        return super()._cs_decision_free_for(field_name)

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        if field_name == "date_received":
            return True  # whoever records the feedback says when it came (never in the future)
        return super()._cs_decision_allowed_on_create(field_name, value)

    # ------------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------------

    @api.depends("partner_id.commercial_partner_id.user_id")
    def _compute_user_id(self):
        # Open feedback follows the client's salesperson (who alone sees it with their deputy);
        # feedback already answered stays with whom it was, for the results.
        for feedback in self:
            if feedback.state in OPEN_STATES or not feedback.user_id:
                feedback.user_id = feedback.partner_id.commercial_partner_id.user_id

    @api.depends("state", "resolution", "reject_reason")
    def _compute_portal_answer(self):
        for feedback in self:
            if feedback.state in ("resolved", "closed"):
                feedback.portal_answer = feedback.resolution
            elif feedback.state == "rejected" and feedback.reject_reason:
                feedback.portal_answer = plaintext2html(feedback.reject_reason)
            else:
                feedback.portal_answer = False

    @api.depends("compensation", "compensation_state")
    def _compute_compensation_approved(self):
        for feedback in self:
            feedback.compensation_approved = feedback.compensation and feedback.compensation_state == "approved"

    @api.depends("date_received", "type", "in_writing", "partner_id.cs_tier_id", "company_id")
    def _compute_deadlines(self):
        for feedback in self:
            if not feedback.date_received:
                continue
            company = feedback.company_id
            tier = feedback.partner_id.commercial_partner_id.cs_tier_id
            calendar = company.resource_calendar_id
            response_days = tier.claim_response_days or company.cs_feedback_response_days
            resolution_days = max(tier.claim_resolution_days or company.cs_feedback_resolution_days, response_days)
            response, response_risk = working_days_after(calendar, feedback.date_received, response_days)
            resolution, resolution_risk = working_days_after(calendar, feedback.date_received, resolution_days)
            written_days = company.cs_claim_written_days
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

    @api.constrains("date_received")
    def _check_date_received(self):
        today = fields.Date.context_today(self)
        for feedback in self:
            if feedback.date_received > today:
                raise ValidationError(
                    _(
                        "%(name)s: the feedback cannot be received in the future (Date Received).",
                        name=feedback.display_name,
                    )
                )

    @api.model
    def _cs_check_responsible(self, user_id, partners):
        """A responsible chosen by hand works on the client: its salesperson, or a head of sales.
        Checked on the choice only: answered feedback keeps its responsible when the client
        changes salesperson. Whoever may not choose is refused the decision itself."""
        user = self.env["res.users"].browse(user_id)
        if not self._cs_decision_free_for("user_id") or not user or user._cs_is_head_of_sales():
            return
        for partner in partners:
            if partner.commercial_partner_id.sudo().user_id != user:
                raise ValidationError(
                    _(
                        "The responsible is the client's salesperson or a head of sales; %(user)s does not work "
                        "on %(client)s (Responsible).",
                        user=user.sudo().name,
                        client=partner.display_name,
                    )
                )

    def _cs_check_portfolio(self, partners):
        """Refuse feedback on clients outside the current user's portfolio (their salesperson is
        neither the user nor someone they stand in for today); the head of sales works on all."""
        if self.env.su or not partners or self.env.user._cs_is_head_of_sales():
            return
        portfolio = self.env["res.users"]._cs_portfolio_domain("user_id")
        mine = self.env["res.partner"].sudo().search([("id", "in", partners.ids), *portfolio])
        outside = partners - mine
        if outside:
            raise AccessError(
                _(
                    "%(clients)s: not in your portfolio. Feedback is recorded by the client's salesperson, "
                    "their deputy during an absence, or the head of sales (Client).",
                    clients=", ".join(outside.mapped("display_name")),
                )
            )

    @api.model
    def _cs_commercial_partner(self, vals):
        """Feedback is about the client company: a contact given as the client stands for its company."""
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"]).commercial_partner_id
            vals["partner_id"] = partner.id
            # The salesperson is the default responsible: naming them is no decision.
            if "user_id" in vals and vals["user_id"] == partner.sudo().user_id.id:
                del vals["user_id"]
            return partner
        return self.env["res.partner"]

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        partners, chosen = self.env["res.partner"], []
        if not self.env.su:
            self.check_access("create")
        for vals in vals_list:
            self._cs_check_values(vals)
            if not vals.get("name") or vals["name"] == _("New"):
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("client_specialist.feedback") or _("New")
            partner = self._cs_commercial_partner(vals)
            partners |= partner
            if vals.get("user_id"):
                chosen.append((vals["user_id"], partner))
            if vals.get("description") and self.env.user.share:
                vals["description"] = portal_text_to_html(vals["description"])
        self._cs_check_portfolio(partners)
        for user_id, partner in chosen:
            self._cs_check_responsible(user_id, partner)
        records = super().create(vals_list)
        records._cs_compensation_sync()
        records._cs_check_patterns()
        return records

    def write(self, vals):
        vals = dict(vals)
        self._cs_check_values(vals)
        if not self.env.su:
            self.check_access("write")
        partner = self._cs_commercial_partner(vals)
        self._cs_check_portfolio(partner)
        if vals.get("user_id"):
            self._cs_check_responsible(vals["user_id"], partner or self.sudo().partner_id)
        if vals.get("description") and self.env.user.share:
            vals["description"] = portal_text_to_html(vals["description"])
        compensation_changed = {"compensation", "compensation_amount"} & vals.keys()
        before = {f: (f.compensation, f.compensation_amount) for f in self.sudo()} if compensation_changed else {}
        result = super().write(vals)
        if compensation_changed:
            self._cs_compensation_sync(before)
        if "cause_id" in vals:
            self._cs_check_patterns()
        return result

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------

    def action_start(self):
        """Take it up: the client has their response."""
        today = fields.Date.context_today(self)
        new = self.filtered(lambda f: f.state == "new")
        with new._cs_deciding():
            new.write({"state": "in_progress", "date_responded": today})
        return True

    def action_resolve(self):
        today = fields.Date.context_today(self)
        for feedback in self:
            if feedback.state not in OPEN_STATES:
                raise UserError(_("%(name)s is not open.", name=feedback.display_name))
            if not _html_has_text(feedback.resolution):
                raise UserError(
                    _("%(name)s: write the answer to the client first (Resolution).", name=feedback.display_name)
                )
            if feedback.compensation and not feedback.compensation_approved:
                if feedback.compensation_state == "rejected":
                    message = _(
                        "%(name)s: the head of sales rejected the compensation; change or remove it before "
                        "resolving (Compensation).",
                        name=feedback.display_name,
                    )
                else:
                    message = _(
                        "%(name)s: the compensation must be approved by the head of sales before resolving.",
                        name=feedback.display_name,
                    )
                raise UserError(message)
        responded = self.filtered("date_responded")
        with self._cs_deciding():
            responded.write({"state": "resolved", "date_resolved": today})
            (self - responded).write({"state": "resolved", "date_resolved": today, "date_responded": today})
        self._cs_request_rating()
        return True

    def action_close(self):
        resolved = self.filtered(lambda f: f.state == "resolved")
        with resolved._cs_deciding():
            resolved.write({"state": "closed"})
        return True

    def action_reopen(self):
        """Open again: resolved or closed feedback by whoever works on it, rejected feedback by the head."""
        to_reopen = self.filtered(lambda f: f.state in ("resolved", "closed", "rejected"))
        if any(f.state == "rejected" for f in to_reopen):
            self.env["res.users"]._cs_check_head_of_sales(_("reopens rejected feedback"))
        with to_reopen._cs_deciding():
            to_reopen.write({"state": "in_progress", "date_resolved": False, "reject_reason": False})
        return True

    def action_open_reject_wizard(self):
        self.env["res.users"]._cs_check_head_of_sales(_("rejects feedback"))
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject"),
            "res_model": "client_specialist.feedback.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_feedback_ids": self.ids},
        }

    def _cs_reject(self, reason):
        self.env["res.users"]._cs_check_head_of_sales(_("rejects feedback"))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Say why it is rejected (Reason)."))
        closed = self.filtered(lambda f: f.state not in OPEN_STATES)
        if closed:
            raise UserError(
                _("%(names)s: only open feedback is rejected.", names=", ".join(closed.mapped("display_name")))
            )
        with self._cs_deciding():
            self.write({"state": "rejected", "reject_reason": reason})
        self.filtered(lambda f: f.compensation_state == "to_approve")._cs_compensation_withdraw()
        return True

    # ------------------------------------------------------------------------------------------
    # Compensation: the head of sales approves it (client_specialist.approval.mixin)
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_approval_kinds(self):
        return {
            **super()._cs_approval_kinds(),
            "compensation": {
                "what": _("approves compensations"),
                "activity_type": "client_specialist_feedback.mail_activity_type_compensation_approval",
                "label": _("compensation"),
            },
        }

    def _cs_approval_waiting(self, kind):
        if kind != "compensation":
            return super()._cs_approval_waiting(kind)
        return self.filtered(lambda f: f.compensation_state == "to_approve")

    def _cs_approval_on_request(self, kind, reasons):
        if kind != "compensation":
            return super()._cs_approval_on_request(kind, reasons)
        self.write({"compensation_state": "to_approve", "compensation_reject_reason": False})
        return None

    def _cs_approval_on_decision(self, kind, approved, reason):
        if kind != "compensation":
            return super()._cs_approval_on_decision(kind, approved, reason)
        if not approved:
            self.write({"compensation_state": "rejected", "compensation_reject_reason": reason})
            return None
        for amount, records in self.grouped("compensation_amount").items():
            records.write({"compensation_state": "approved", "compensation_approved_amount": amount})
        return None

    def _cs_approval_figures(self, kind):
        if kind != "compensation":
            return super()._cs_approval_figures(kind)
        return {f: {"compensation_amount": f.compensation_amount} for f in self}

    def _cs_approval_granted_figures(self, kind):
        if kind != "compensation":
            return super()._cs_approval_granted_figures(kind)
        return {f: {"compensation_amount": f.compensation_approved_amount} for f in self}

    def _cs_approval_decide(self, kind, approved, reason=None):
        # The client follows the claim on the portal: the decision is an internal note to the
        # responsible, never a message to the followers.
        return super(ClientSpecialistFeedback, self.with_context(cs_feedback_internal_post=True))._cs_approval_decide(
            kind, approved, reason
        )

    def message_post(self, **kwargs):
        if self.env.context.get("cs_feedback_internal_post") and kwargs.get("subtype_xmlid") == "mail.mt_comment":
            kwargs["subtype_xmlid"] = "mail.mt_note"
        return super().message_post(**kwargs)

    def _cs_compensation_sync(self, before=None):
        """Ask the head of sales for a compensation entered or raised; withdraw a request whose
        compensation was removed. A compensation lowered under the approved amount stays approved,
        one rejected is asked again once changed.

        :param before: {record: (compensation, amount)} before the write; none on create
        """
        before = before or {}
        records = self.sudo()
        covers = records._cs_approval_covers("compensation")
        ask, withdraw = self.browse(), self.browse()
        for feedback in records:
            wanted = feedback.compensation and feedback.compensation_amount > 0
            state = feedback.compensation_state
            if not wanted:
                if state == "to_approve":
                    withdraw |= feedback
            elif state == "approved" and not covers[feedback]:
                ask |= feedback
            elif not state or (
                state == "rejected" and before.get(feedback) != (feedback.compensation, feedback.compensation_amount)
            ):
                ask |= feedback
        withdraw._cs_compensation_withdraw()
        ask = self.browse(ask.ids)
        ask._cs_approval_request(
            "compensation",
            {
                feedback: [
                    _(
                        "Compensation of %(amount)s to %(client)s (%(subject)s).",
                        amount=format_amount(self.env, feedback.compensation_amount, feedback.currency_id),
                        client=feedback.partner_id.display_name,
                        subject=feedback.subject,
                    )
                ]
                for feedback in ask.sudo()
            },
        )

    def _cs_compensation_withdraw(self):
        """No decision is needed any more: the request ends, the head's activity with it."""
        if not self:
            return
        with self._cs_deciding():
            self.write({"compensation_state": False})
        self.sudo()._cs_approval_close_activities("compensation", _("The compensation was withdrawn."))

    def action_approve_compensation(self):
        self._cs_compensation_check_waiting()
        self._cs_approval_approve("compensation")
        return True

    def action_open_compensation_reject_wizard(self):
        self._cs_compensation_check_waiting()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject the Compensation"),
            "res_model": "client_specialist.feedback.compensation.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_feedback_ids": self.ids},
        }

    def _cs_reject_compensation(self, reason):
        self._cs_compensation_check_waiting()
        self._cs_approval_reject("compensation", reason)
        return True

    def _cs_compensation_check_waiting(self):
        """The head of sales decides on compensations that wait for a decision, and on no other."""
        self.env["res.users"]._cs_check_head_of_sales(_("approves compensations"))
        not_waiting = self.filtered(lambda f: f.compensation_state != "to_approve")
        if not_waiting:
            raise UserError(
                _(
                    "%(names)s: there is no compensation waiting for approval.",
                    names=", ".join(not_waiting.mapped("display_name")),
                )
            )

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
        """The same cause again and again for one client is a pattern: tell the head of sales, once.

        How many times within how many days is the feedback's company's setting.
        """
        candidates = self.sudo().filtered(lambda f: f.cause_id and f.partner_id)
        today = fields.Date.context_today(self)
        alerts = self.sudo().browse()
        for company, records in candidates.grouped("company_id").items():
            threshold, window = company.cs_pattern_count, company.cs_pattern_days
            if threshold <= 0:
                continue
            groups = self.sudo()._read_group(
                [
                    ("company_id", "=", company.id),
                    ("cause_id", "in", records.cause_id.ids),
                    ("partner_id", "in", records.partner_id.ids),
                    ("date_received", ">=", today - timedelta(days=window)),
                    ("state", "!=", "rejected"),
                ],
                ["partner_id", "cause_id"],
                ["id:array_agg", "pattern_alerted:bool_or"],
            )
            for _partner, _cause, ids, alerted in groups:
                if len(ids) >= threshold and not alerted:
                    alerts |= self.sudo().browse(ids)
        if not alerts:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        latest = {}
        for feedback in alerts.sorted(lambda f: (f.date_received, f.id)):
            latest[(feedback.partner_id, feedback.cause_id)] = feedback
        heads = self.browse().union(*latest.values())._cs_heads_of_sales()
        counts = Counter((f.partner_id, f.cause_id) for f in alerts)
        values = [
            feedback._cs_reminder_values(
                todo,
                heads[feedback],
                _(
                    "Pattern: %(count)s times '%(cause)s' for %(client)s in %(days)s days",
                    count=counts[key],
                    cause=feedback.cause_id.name,
                    client=feedback.partner_id.display_name,
                    days=feedback.company_id.cs_pattern_days,
                ),
            )
            for key, feedback in latest.items()
            if heads[feedback]
        ]
        with alerts._cs_deciding():
            alerts.write({"pattern_alerted": True})
        self._cs_create_activities(values)

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
        return self._cs_cron_digests(["feedback_risk", "feedback_breach"], len(records), domain, batch_size)

    @api.model
    def _cs_digest_domain(self, kind):
        # Told at risk and not breached yet; breached (the response only while it is still due).
        if kind == "feedback_risk":
            return [
                ("state", "in", OPEN_STATES),
                "|",
                "&",
                ("state", "=", "new"),
                "&",
                ("response_risk_notified", "=", True),
                ("response_breach_escalated", "=", False),
                "&",
                ("resolution_risk_notified", "=", True),
                ("resolution_breach_escalated", "=", False),
            ]
        if kind == "feedback_breach":
            return [
                ("state", "in", OPEN_STATES),
                "|",
                "&",
                ("state", "=", "new"),
                ("response_breach_escalated", "=", True),
                ("resolution_breach_escalated", "=", True),
            ]
        return super()._cs_digest_domain(kind)

    @api.model
    def _cs_digest_order(self, kind):
        if kind in ("feedback_risk", "feedback_breach"):
            return "resolution_deadline, id"
        return super()._cs_digest_order(kind)

    def _cs_digest_rows(self, kind):
        if kind not in ("feedback_risk", "feedback_breach"):
            return super()._cs_digest_rows(kind)
        days = set(self.mapped("response_deadline")) | set(self.mapped("resolution_deadline"))
        dates = {day: format_date(self.env, day) for day in days if day}
        rows = {}
        for feedback in self:
            details = [feedback.partner_id.display_name or ""]
            if feedback.state == "new" and feedback.response_deadline:
                details.append(self.env._("response due %(date)s", date=dates[feedback.response_deadline]))
            if feedback.resolution_deadline:
                details.append(self.env._("resolution due %(date)s", date=dates[feedback.resolution_deadline]))
            rows[feedback] = [detail for detail in details if detail]
        return rows

    def _cs_notify_deadlines(self):
        if not self:
            return
        today = fields.Date.context_today(self)
        # One activity per deadline where the company wants it so; else the digests tell them.
        risk_per_record = self._cs_reminded_per_record("feedback_risk")
        breach_per_record = self._cs_reminded_per_record("feedback_breach")
        acting = risk_per_record.user_id._cs_acting_users()
        heads = breach_per_record._cs_heads_of_sales()
        todo = self.env.ref("mail.mail_activity_data_todo")
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
                    head = heads.get(feedback)
                    if head:
                        values.append(
                            feedback._cs_reminder_values(
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
                    if user and feedback in risk_per_record:
                        values.append(
                            feedback._cs_reminder_values(
                                todo,
                                user,
                                _(
                                    "At risk: %(what)s of %(name)s due %(date)s",
                                    what=label,
                                    name=feedback.name,
                                    date=format_date(self.env, deadline),
                                ),
                                date_deadline=deadline,
                            )
                        )
            key = tuple(sorted(marks))
            flags.setdefault(key, self.browse())
            flags[key] |= feedback
        self._cs_create_activities(values)
        with self._cs_deciding():
            for key, records in flags.items():
                if key:
                    records.write(dict.fromkeys(key, True))


def _html_has_text(html):
    return bool(html2plaintext(html or "").strip())
