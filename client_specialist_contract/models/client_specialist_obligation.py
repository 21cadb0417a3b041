# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.client_specialist.models.client_specialist_cron_mixin import retry_on_concurrent_update
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, create_index, format_amount, format_date
from odoo.tools.mail import generate_tracking_message_id

from .decision_defaults import without_decision_defaults

OBLIGATION_STATES = [
    ("open", "Open"),
    ("overdue", "Overdue"),
    ("done", "Done"),
    ("waived", "Waived"),
    ("cancelled", "Cancelled"),
]
PENDING_STATES = ("open", "overdue")
# What the on-time rates, the reliability score and the evaluations count an obligation by.
MEASURED_FIELDS = ("party", "partner_id", "order_id", "date_due", "user_id", "company_id")


class ClientSpecialistObligation(models.Model):
    """What one party owes the other under a contract, and by when (clauses 2.7 and 2.12).

    Generated when an order is confirmed (the client's payments per installment of the payment
    terms, our delivery), or added by hand (documents, services, acts). A daily scheduled action
    marks the late ones overdue, reminds the responsible user and escalates to the head of sales.
    """

    _name = "client_specialist.obligation"
    _description = "Obligation under a Contract"
    _check_company_auto = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.cron.mixin",
        "client_specialist.approval.mixin",
    ]
    _order = "date_due, id"

    name = fields.Char(string="Description", required=True, tracking=True)
    party = fields.Selection(
        [("company", "Our Company"), ("client", "Client")],
        string="Obligated Party",
        required=True,
        default="client",
        tracking=True,
        index=True,
    )
    kind = fields.Selection(
        [
            ("delivery", "Delivery"),
            ("payment", "Payment"),
            ("service", "Service"),
            ("documents", "Documents"),
            ("other", "Other"),
        ],
        required=True,
        default="documents",
        tracking=True,
    )
    date_due = fields.Date(string="Due Date", required=True, tracking=True, index=True)
    order_id = fields.Many2one("sale.order", ondelete="cascade", index=True, tracking=True, check_company=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    amount = fields.Monetary(tracking=True, help="For payments: the amount due.")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("share", "=", False)],
        tracking=True,
        index=True,
        help="Follows the fulfilment and receives the reminders (their deputy while they are absent).",
    )
    state = fields.Selection(
        OBLIGATION_STATES, required=True, default="open", readonly=True, copy=False, tracking=True, index=True
    )
    date_done = fields.Date(string="Fulfilled On", readonly=True, copy=False, tracking=True)
    waive_reason = fields.Text(string="Reason for Waiving", readonly=True, copy=False, tracking=True)
    waiver_requested = fields.Boolean(
        string="Waiver Asked For",
        readonly=True,
        copy=False,
        tracking=True,
        help="A specialist asked the head of sales to waive this obligation; the head decides.",
    )
    is_generated = fields.Boolean(string="Generated", readonly=True, copy=False)
    generation_key = fields.Char(
        readonly=True,
        copy=False,
        help="Technical: which generated obligation of the order this is (payment:1, delivery...).",
    )
    is_escalated = fields.Boolean(string="Escalated", readonly=True, copy=False)
    is_on_time = fields.Boolean(
        string="Fulfilled on Time",
        compute="_compute_is_on_time",
        store=True,
    )
    days_overdue = fields.Integer(compute="_compute_days_overdue")
    note = fields.Text()

    _sql_constraints = [
        (
            "generation_key_unique",
            "UNIQUE(order_id, generation_key)",
            "An order has each generated obligation once.",
        ),
    ]

    def init(self):
        result = super().init()
        # The overdue cron's batches: pending obligations (the same condition as its domain, so
        # that PostgreSQL can use it), a small part of all of them, in order of responsible user.
        create_index(
            self.env.cr,
            "client_specialist_obligation_pending_index",
            self._table,
            ["user_id", "id"],
            where="state = 'open' OR (state = 'overdue' AND (is_escalated IS NULL OR NOT is_escalated))",
        )
        return result

    @api.depends("order_id")
    def _compute_partner_id(self):
        for obligation in self:
            if obligation.order_id:
                obligation.partner_id = obligation.order_id.partner_id.commercial_partner_id
            elif obligation.partner_id:
                obligation.partner_id = obligation.partner_id.commercial_partner_id

    @api.depends("order_id")
    def _compute_company_id(self):
        for obligation in self:
            obligation.company_id = obligation.order_id.company_id or obligation.company_id or self.env.company

    @api.depends("order_id", "company_id")
    def _compute_currency_id(self):
        for obligation in self:
            obligation.currency_id = obligation.order_id.currency_id or obligation.company_id.currency_id

    @api.depends("order_id", "partner_id")
    def _compute_user_id(self):
        for obligation in self:
            if not obligation.user_id:
                obligation.user_id = obligation.order_id.user_id or obligation.partner_id.user_id or obligation.env.user

    @api.depends("state", "date_done", "date_due")
    def _compute_is_on_time(self):
        for obligation in self:
            obligation.is_on_time = bool(
                obligation.state == "done" and obligation.date_done and obligation.date_done <= obligation.date_due
            )

    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for obligation in self:
            late = obligation.state in PENDING_STATES and obligation.date_due and obligation.date_due < today
            obligation.days_overdue = (today - obligation.date_due).days if late else 0

    @api.constrains("amount", "kind")
    def _check_amount(self):
        for obligation in self:
            if obligation.currency_id.compare_amounts(obligation.amount, 0) < 0:
                raise ValidationError(
                    _(
                        "Obligation '%(name)s': the Amount cannot be negative.",
                        name=obligation.name,
                    )
                )
            if obligation.kind == "payment" and obligation.currency_id.is_zero(obligation.amount):
                raise ValidationError(
                    _(
                        "Obligation '%(name)s' is a payment: set the Amount to be paid.",
                        name=obligation.name,
                    )
                )

    @api.constrains("date_due", "order_id")
    def _check_date_due(self):
        for obligation in self.filtered("order_id"):
            order_day = fields.Date.context_today(obligation, obligation.order_id.date_order)
            if obligation.date_due < order_day:
                raise ValidationError(
                    _(
                        "Obligation '%(name)s': the Due Date %(due)s is before the date of order "
                        "%(order)s (%(order_date)s).",
                        name=obligation.name,
                        due=format_date(self.env, obligation.date_due),
                        order=obligation.order_id.name,
                        order_date=format_date(self.env, order_day),
                    )
                )

    # ------------------------------------------------------------------------------------------
    # Decision fields, and what a fulfilled or late obligation keeps
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        return dict(
            super()._cs_decision_fields(),
            state=_(
                "an obligation is marked fulfilled with its button or by the payment of the invoice, waived by "
                "the head of sales, cancelled with its order, and marked overdue by the daily check"
            ),
            date_done=_("the fulfilment date is the day it is marked fulfilled or the invoice is paid"),
            waive_reason=_("it is written with the waiver or the request for one"),
            waiver_requested=_("it is set by asking the head of sales for a waiver"),
            is_escalated=_("the daily check escalates overdue obligations; a new due date resets it"),
            is_generated=_("only the obligations an order generates are marked so"),
            generation_key=_("only the obligations an order generates are marked so"),
        )

    @api.model
    def default_get(self, fields_list):
        return super(ClientSpecialistObligation, without_decision_defaults(self)).default_get(fields_list)

    @api.model
    def _cs_approval_kinds(self):
        return dict(
            super()._cs_approval_kinds(),
            waiver={
                "what": _("waives obligations"),
                "activity_type": "client_specialist_contract.mail_activity_type_obligation_waiver",
                "label": _("waiver of an obligation"),
            },
        )

    def _cs_approval_waiting(self, kind):
        if kind != "waiver":
            return super()._cs_approval_waiting(kind)
        return self.filtered(lambda o: o.state in PENDING_STATES)

    def _cs_approval_on_request(self, kind, reasons):
        if kind != "waiver":
            return super()._cs_approval_on_request(kind, reasons)
        for reason, obligations in self.grouped(lambda o: "\n".join(reasons.get(o) or [])).items():
            obligations.write({"waiver_requested": True, "waive_reason": reason})
        return None

    def _cs_approval_on_decision(self, kind, approved, reason):
        if kind != "waiver":
            return super()._cs_approval_on_decision(kind, approved, reason)
        if not approved:
            self.write({"waiver_requested": False, "waive_reason": False})
            return None
        # The head's reason, else the one the waiver was asked with: a waiver always says why.
        for waive_reason, obligations in self.grouped(lambda o: reason or o.waive_reason).items():
            obligations.write({"state": "waived", "waive_reason": waive_reason, "waiver_requested": False})
        self._cs_close_activities(_("Waived: %(reason)s", reason=reason) if reason else _("Waived"))
        return None

    def write(self, vals):
        self._cs_check_values(vals)
        self._cs_check_measured_fields(vals)
        due_before = {obligation: obligation.date_due for obligation in self} if "date_due" in vals else {}
        result = super().write(vals)
        moved = self.filtered(lambda o: due_before and o.date_due != due_before[o])
        if moved:
            # A new due date gives new reminders: not late any more, not escalated yet.
            today = fields.Date.context_today(self)
            with moved._cs_deciding():
                moved.filtered(lambda o: o.state == "overdue" and o.date_due >= today).write({"state": "open"})
                moved.filtered("is_escalated").write({"is_escalated": False})
        return result

    def _cs_check_measured_fields(self, vals):
        """What was owed, by whom, to whom and by when is what the on-time rates, the reliability
        score and the evaluations measure: fixed once an obligation is fulfilled, waived or
        cancelled, and changed by the head of sales only once it is late."""
        names = [name for name in MEASURED_FIELDS if name in vals]
        if not names or self.env.su or self._cs_is_deciding():
            return
        today = fields.Date.context_today(self)

        def changed(obligation):
            return [
                name
                for name in names
                if obligation._fields[name].convert_to_cache(vals[name], obligation)
                != obligation._fields[name].convert_to_cache(obligation[name], obligation)
            ]

        changes = {obligation: changed(obligation) for obligation in self.sudo()}
        states = dict(self._fields["state"]._description_selection(self.env))
        for obligation, names_changed in changes.items():
            if names_changed and obligation.state not in PENDING_STATES:
                raise UserError(
                    _(
                        "Obligation '%(name)s' is %(state)s: %(fields)s no longer change. Reopen it first.",
                        name=obligation.name,
                        state=states[obligation.state].lower(),
                        fields=", ".join(
                            obligation._fields[name]._description_string(self.env) for name in names_changed
                        ),
                    )
                )
        if any(names_changed and obligation.date_due < today for obligation, names_changed in changes.items()):
            self.env["res.users"]._cs_check_head_of_sales(
                _("changes the due date, party, client, order or responsible of an overdue obligation")
            )

    # ------------------------------------------------------------------------------------------
    # The deciding methods
    # ------------------------------------------------------------------------------------------

    def action_done(self):
        """Fulfilled today: the responsible specialist, whoever stands in for them, or the head."""
        self.check_access("write")
        self._cs_mark_done(fields.Date.context_today(self))
        return True

    def _cs_mark_done(self, day):
        """Mark the pending ones fulfilled on ``day``: today, or the payment's day (the payment hook)."""
        pending = self.filtered(lambda o: o.state in PENDING_STATES)
        if not pending:
            return
        with pending._cs_deciding():
            pending.write({"state": "done", "date_done": day, "waiver_requested": False, "waive_reason": False})
        pending._cs_close_activities(_("Fulfilled"))

    def action_reopen(self):
        self.check_access("write")
        closed = self.filtered(lambda o: o.state in ("done", "waived"))
        if closed.filtered(lambda o: o.state == "waived"):
            self.env["res.users"]._cs_check_head_of_sales(_("reopens a waived obligation"))
        today = fields.Date.context_today(self)
        with closed._cs_deciding():
            for state, obligations in closed.grouped(lambda o: "overdue" if o.date_due < today else "open").items():
                obligations.write({"state": state, "date_done": False, "waive_reason": False})
        return True

    def action_waive(self):
        self.env["res.users"]._cs_check_head_of_sales(self._cs_approval_kinds()["waiver"]["what"])
        requested = self.filtered("waiver_requested")
        return self._cs_waive_wizard("waive", _("Waive Obligation"), requested[:1].waive_reason if requested else False)

    def action_cs_request_waiver(self, reason=None):
        """Ask the head of sales to waive these obligations. With a reason (over XML-RPC) at once;
        from the button, through the dialog that asks why."""
        self.check_access("write")
        if reason is None:
            return self._cs_waive_wizard("request", _("Ask for a Waiver"))
        self._cs_request_waiver(reason)
        return True

    def action_cs_reject_waiver(self):
        self.env["res.users"]._cs_check_head_of_sales(self._cs_approval_kinds()["waiver"]["what"])
        return self._cs_waive_wizard("reject", _("Refuse the Waiver"))

    def _cs_waive_wizard(self, mode, name, reason=False):
        context = {"default_obligation_ids": self.ids, "default_mode": mode}
        if reason:
            context["default_reason"] = reason
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "client_specialist.obligation.waive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _cs_waive(self, reason):
        """Release the obligated party from these obligations: the head of sales, with a reason."""
        self._cs_approval_check_decider("waiver")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the Reason for waiving the obligation."))
        if not self._cs_approval_waiting("waiver"):
            raise UserError(_("Only open or overdue obligations can be waived."))
        self._cs_approval_approve("waiver", reason)
        return True

    def _cs_request_waiver(self, reason):
        """A specialist asks the acting head of sales to waive these obligations, saying why."""
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the Reason for waiving the obligation."))
        obligations = self._cs_approval_waiting("waiver").filtered(lambda o: not o.waiver_requested)
        if not obligations:
            raise UserError(_("Only open or overdue obligations not waiting for a waiver can be asked to be waived."))
        obligations._cs_approval_request("waiver", {obligation: [reason] for obligation in obligations})
        return True

    def _cs_reject_waiver(self, reason):
        """The head of sales refuses the waivers asked for, saying why: the obligations stand."""
        self._cs_approval_check_decider("waiver")
        requested = self.filtered(lambda o: o.waiver_requested and o.state in PENDING_STATES)
        if not requested:
            raise UserError(_("No waiver was asked for on these obligations."))
        requested._cs_approval_reject("waiver", reason)
        return True

    def _cs_cancel_with_order(self):
        """The order was cancelled or no longer gives rise to these: the one way to cancel them."""
        with self._cs_deciding():
            self.write({"state": "cancelled", "waiver_requested": False})
        self._cs_close_activities(_("Cancelled with the order"))

    def _cs_close_activities(self, feedback):
        self.sudo().activity_ids.action_feedback(feedback=feedback)

    # ------------------------------------------------------------------------------------------
    # Scheduled action: overdue obligations, reminders and escalation
    # ------------------------------------------------------------------------------------------

    @api.model
    def _get_overdue_domain(self):
        """Open obligations past their due date, and overdue ones due for escalation.

        Processed ones leave the domain (overdue; escalated), so runs are idempotent.
        """
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        escalation = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    ("date_due", "<=", today - timedelta(days=company.cs_obligation_escalation_days)),
                ]
                for company in companies
            ]
        )
        return expression.OR(
            [
                [("state", "=", "open"), ("date_due", "<", today)],
                expression.AND([[("state", "=", "overdue"), ("is_escalated", "=", False)], escalation]),
            ]
        )

    @api.model
    @retry_on_concurrent_update
    def _cron_mark_overdue(self, batch_size=None):
        """Daily: mark late obligations overdue and escalate them, then bring each specialist's
        digest of overdue obligations and the head's digest of escalations to what is pending."""
        batch_size = self._cs_batch_size(batch_size, 500)
        domain = self._get_overdue_domain()
        # The batch writes its clients' rows (on-time rates, reliability to recompute), which people
        # change all day: locked with the batch, before any work.
        obligations = self._cs_lock_batch(domain, batch_size, order=("user_id", "id"), lock_also=("partner_id",))
        obligations._cs_process_overdue()
        return self._cs_cron_digests(
            ["obligation_overdue", "obligation_escalation"], len(obligations), domain, batch_size
        )

    @api.model
    def _cs_digest_domain(self, kind):
        if kind == "obligation_overdue":
            return [("state", "=", "overdue")]
        if kind == "obligation_escalation":
            return [("state", "=", "overdue"), ("is_escalated", "=", True)]
        return super()._cs_digest_domain(kind)

    @api.model
    def _cs_digest_order(self, kind):
        if kind in ("obligation_overdue", "obligation_escalation"):
            return "date_due, id"
        return super()._cs_digest_order(kind)

    def _cs_digest_rows(self, kind):
        if kind not in ("obligation_overdue", "obligation_escalation"):
            return super()._cs_digest_rows(kind)
        dates = {day: format_date(self.env, day) for day in set(self.mapped("date_due"))}
        rows = {}
        for obligation in self:
            details = [
                obligation.partner_id.display_name or "",
                self.env._("due %(date)s", date=dates[obligation.date_due]),
            ]
            if obligation.amount:
                details.append(format_amount(self.env, obligation.amount, obligation.currency_id))
            rows[obligation] = [detail for detail in details if detail]
        return rows

    def _cs_process_overdue(self):
        if not self:
            return
        today = fields.Date.context_today(self)
        newly = self.filtered(lambda o: o.state == "open")
        to_escalate = self.filtered(
            lambda o: o.date_due <= today - timedelta(days=o.company_id.cs_obligation_escalation_days)
        )
        # Set-based: the notes on the orders below say it; tracking would cost queries per record.
        quiet = self.with_context(tracking_disable=True)
        with self._cs_deciding():
            newly.with_env(quiet.env).write({"state": "overdue"})
            to_escalate.with_env(quiet.env).write({"is_escalated": True})

        descriptions = self._cs_descriptions()
        # One activity per record where the company wants it so (else the digests tell them).
        remind = newly._cs_reminded_per_record("obligation_overdue")
        escalate = to_escalate._cs_reminded_per_record("obligation_escalation")
        heads = escalate._cs_heads_of_sales()
        acting = remind.user_id._cs_acting_users()
        activity_type = self.env.ref("client_specialist_contract.mail_activity_type_obligation_overdue")
        # The summary says it all (what, whose, due, amount): no note to sanitize per activity.
        activities = [
            obligation._cs_reminder_values(
                activity_type,
                acting.get(obligation.user_id, obligation.user_id),
                self.env._("Overdue: %(what)s", what=descriptions[obligation]),
            )
            for obligation in remind
            if obligation.user_id
        ]
        activities += [
            obligation._cs_reminder_values(
                activity_type,
                head,
                self.env._("Escalated, overdue: %(what)s", what=descriptions[obligation]),
            )
            for obligation, head in heads.items()
            if head
        ]
        self._cs_create_activities(activities)
        self._cs_post_overdue_notes(newly, to_escalate, descriptions)

    def _cs_describe(self):
        self.ensure_one()
        return self._cs_descriptions()[self]

    def _cs_descriptions(self):
        """{obligation: "what (party), due date, amount"}: labels and dates formatted once per batch."""
        parties = dict(self._fields["party"]._description_selection(self.env))
        dates = {day: format_date(self.env, day) for day in set(self.mapped("date_due"))}
        result = {}
        for obligation in self:
            text = self.env._(
                "%(name)s (%(party)s), due %(due)s",
                name=obligation.name,
                party=parties[obligation.party],
                due=dates[obligation.date_due],
            )
            if obligation.amount:
                text += ", " + format_amount(self.env, obligation.amount, obligation.currency_id)
            result[obligation] = text
        return result

    @api.model
    def _cs_post_overdue_notes(self, newly, escalated, descriptions=None):
        """One note per order, created together: message_post per order would grow with the batch."""
        descriptions = descriptions or (newly | escalated)._cs_descriptions()
        lines_by_order = {}
        for obligation in newly.filtered("order_id"):
            lines_by_order.setdefault(obligation.order_id, []).append(
                self.env._("Overdue: %(what)s", what=descriptions[obligation])
            )
        for obligation in escalated.filtered("order_id"):
            lines_by_order.setdefault(obligation.order_id, []).append(
                self.env._("Escalated to the head of sales: %(what)s", what=descriptions[obligation])
            )
        if not lines_by_order:
            return
        subtype = self.env.ref("mail.mt_note")
        orders = self.env["sale.order"].union(*lines_by_order)
        author_id, email_from = self.env["mail.thread"]._message_compute_author(
            None, email_from=None, raise_on_email=False
        )
        # Internal notes that notify nobody (nor count as a contact), written in one INSERT: a
        # mail.message created through the ORM costs milliseconds (defaults, sanitizing what is
        # escaped already, inverses), and a run may mark the obligations of thousands of orders.
        orders = orders.sudo()
        notes = [
            (order, str(Markup("<br/>").join(lines)), generate_tracking_message_id(f"{order.id}-sale.order"))
            for order, lines in lines_by_order.items()
        ]
        self.env.execute_query(
            SQL(
                """INSERT INTO mail_message
                       (model, res_id, record_name, record_company_id, message_type, subtype_id, is_internal,
                        author_id, email_from, reply_to, body, message_id, date,
                        create_uid, write_uid, create_date, write_date)
                   SELECT 'sale.order', v.res_id, v.record_name, v.company_id, 'comment', %s, TRUE,
                          %s, %s, v.reply_to, v.body, v.message_id, now() AT TIME ZONE 'UTC',
                          %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                     FROM unnest(%s::int[], %s::varchar[], %s::int[], %s::varchar[], %s::text[], %s::varchar[])
                          AS v(res_id, record_name, company_id, reply_to, body, message_id)""",
                subtype.id,
                author_id,
                email_from,
                self.env.uid,
                self.env.uid,
                [order.id for order, _body, _id in notes],
                [order.name for order, _body, _id in notes],
                [order.company_id.id for order, _body, _id in notes],
                [email_from] * len(notes),  # a note sends no e-mail: no alias to look up per order
                [body for _order, body, _id in notes],
                [message_id for _order, _body, message_id in notes],
            )
        )
        orders.invalidate_recordset(["message_ids"])
