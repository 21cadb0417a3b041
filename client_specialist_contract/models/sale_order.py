# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount, formatLang

from .decision_defaults import without_decision_defaults

APPROVAL_STATES = [
    ("not_needed", "Not Needed"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# Order fields whose change alters the generated obligations (lines tell by themselves).
OBLIGATION_FIELDS = {"payment_term_id", "commitment_date"}
# Order fields that change the currency of the amounts an approval covers.
CURRENCY_FIELDS = {"pricelist_id", "currency_id"}
# Sales staff read where their orders stand; the portal does not.
SALES_GROUP = "sales_team.group_sale_salesman"
# Marks, on the cursor, that the approval mechanism is telling its decision on orders.
TELLING_DECISION_KEY = "client_specialist_contract_telling_decision"


class SaleOrder(models.Model):
    _name = "sale.order"
    # The approval mixin first: the application already put its base (the decision mixin) on orders,
    # and Python needs the mixin ahead of its base.
    _inherit = ["client_specialist.approval.mixin", "sale.order"]

    # Odoo applies its own record rules to orders.
    _cs_recheck_rules_after_write = False

    cs_disagreement_ids = fields.One2many(
        "client_specialist.disagreement",
        "order_id",
        string="Disagreements",
        copy=False,
        groups="client_specialist.group_client_specialist",
    )

    cs_open_disagreement_count = fields.Integer(
        string="Open Disagreements",
        compute="_compute_cs_disagreement_counts",
        groups="client_specialist.group_client_specialist",
    )

    cs_obligation_ids = fields.One2many(
        "client_specialist.obligation",
        "order_id",
        string="Obligations",
        copy=False,
        groups="client_specialist.group_client_specialist",
    )

    cs_obligation_count = fields.Integer(
        string="Obligation Count",
        compute="_compute_cs_obligation_count",
        groups="client_specialist.group_client_specialist",
    )

    cs_approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Approval",
        default="not_needed",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        groups=SALES_GROUP,
        help="Orders beyond the authority of the salesperson or of whoever confirms them (category "
        "limits, the client's reliability) are confirmed only once the head of sales approves them.",
    )

    cs_approval_reasons = fields.Text(string="Why Approval Is Needed", readonly=True, copy=False, groups=SALES_GROUP)

    cs_approved_amount = fields.Monetary(
        string="Approved Untaxed Amount", readonly=True, copy=False, groups=SALES_GROUP
    )

    cs_approved_discount = fields.Float(
        string="Approved Largest Discount (%)", readonly=True, copy=False, groups=SALES_GROUP
    )

    cs_approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, groups=SALES_GROUP
    )

    cs_rejection_reason = fields.Text(string="Reason for Rejection", readonly=True, copy=False, groups=SALES_GROUP)

    def _compute_cs_disagreement_counts(self):
        for order in self:
            order.cs_open_disagreement_count = len(
                order.sudo().cs_disagreement_ids.filtered(lambda d: d.state == "open")
            )

    def _compute_cs_obligation_count(self):
        counts = dict(
            self.env["client_specialist.obligation"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.cs_obligation_count = counts.get(order, 0)

    # ------------------------------------------------------------------------------------------
    # Decision fields and the approval mechanism
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        approval = _("an order is sent for approval when it is confirmed beyond authority")
        decision = _("only the head of sales' approval or rejection writes it")
        return dict(
            super()._cs_decision_fields(),
            cs_approval_state=_("the approval state follows the confirmation and the head of sales' decision"),
            cs_approval_reasons=approval,
            cs_approved_amount=decision,
            cs_approved_discount=decision,
            cs_approved_by_id=decision,
            cs_rejection_reason=decision,
        )

    @api.model
    def default_get(self, fields_list):
        return super(SaleOrder, without_decision_defaults(self)).default_get(fields_list)

    @api.model
    def _cs_approval_kinds(self):
        return dict(
            super()._cs_approval_kinds(),
            order={
                "what": _("decides on orders beyond a salesperson's authority"),
                "activity_type": "client_specialist_contract.mail_activity_type_order_approval",
                "label": _("order beyond authority"),
            },
        )

    def _cs_approval_waiting(self, kind):
        if kind != "order":
            return super()._cs_approval_waiting(kind)
        return self.sudo().filtered(lambda o: o.cs_approval_state == "to_approve").with_env(self.env)

    def _cs_approval_on_request(self, kind, reasons):
        if kind != "order":
            return super()._cs_approval_on_request(kind, reasons)
        texts = {order: "\n".join(reasons.get(order) or []) for order in self}
        for text, orders in self.grouped(lambda o: texts[o]).items():
            orders.sudo().write(
                {"cs_approval_state": "to_approve", "cs_approval_reasons": text, "cs_rejection_reason": False}
            )
        return None

    def _cs_approval_on_decision(self, kind, approved, reason):
        if kind != "order":
            return super()._cs_approval_on_decision(kind, approved, reason)
        if not approved:
            self.sudo().write({"cs_approval_state": "rejected", "cs_rejection_reason": reason})
            return None
        figures = self._cs_approval_figures("order")
        for order in self:
            order.sudo().write(
                {
                    "cs_approval_state": "approved",
                    "cs_approved_amount": figures[order]["amount"],
                    "cs_approved_discount": figures[order]["discount"],
                    "cs_approved_by_id": self.env.uid,
                    "cs_rejection_reason": False,
                }
            )
        return None

    def _cs_approval_figures(self, kind):
        if kind != "order":
            return super()._cs_approval_figures(kind)
        return {order: {"amount": order.amount_untaxed, "discount": order._cs_max_discount()} for order in self}

    def _cs_approval_granted_figures(self, kind):
        if kind != "order":
            return super()._cs_approval_granted_figures(kind)
        return {
            order: {"amount": order.cs_approved_amount, "discount": order.cs_approved_discount} for order in self.sudo()
        }

    def _cs_approval_decide(self, kind, approved, reason=None):
        # The mechanism tells the salesperson as a comment, which Odoo also sends to the order's
        # followers, the client among them: the decision and its reason stay an internal note,
        # still sent to the salesperson.
        cache = self.env.cr.cache
        cache[TELLING_DECISION_KEY] = cache.get(TELLING_DECISION_KEY, 0) + 1
        try:
            return super()._cs_approval_decide(kind, approved, reason)
        finally:
            cache[TELLING_DECISION_KEY] -= 1

    def message_post(self, **kwargs):
        if self.env.cr.cache.get(TELLING_DECISION_KEY) and kwargs.get("subtype_xmlid") == "mail.mt_comment":
            kwargs["subtype_xmlid"] = "mail.mt_note"
        return super().message_post(**kwargs)

    def _cs_approval_granted(self):
        """{order: whether it is approved and the approval still covers it (nothing rose since)}."""
        approved = self.sudo().filtered(lambda o: o.cs_approval_state == "approved")
        covers = approved._cs_approval_covers("order") if approved else {}
        return {order: bool(covers.get(order)) for order in self}

    def _cs_write_decision(self, vals):
        """Write decision fields from code that decides (cancellation, a change that revokes)."""
        with self._cs_deciding():
            self.sudo().write(vals)

    # ------------------------------------------------------------------------------------------
    # Confirmation and cancellation
    # ------------------------------------------------------------------------------------------

    def write(self, vals):
        currencies = {order: order.currency_id for order in self} if CURRENCY_FIELDS & vals.keys() else {}
        result = super().write(vals)
        if currencies:
            # Approved figures are amounts in the order's currency: another currency is not covered.
            self.filtered(lambda o: o.currency_id != currencies[o])._cs_recheck_authority(covered=False)
        if OBLIGATION_FIELDS & vals.keys():
            self.filtered(lambda o: o.state == "sale")._cs_sync_obligations()
        return result

    def _action_confirm(self):
        result = super()._action_confirm()
        self._cs_sync_obligations()
        return result

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error:
            return error
        # Salespeople outside the Client Relations groups confirm too: read the clauses as sudo.
        order = self.sudo()
        open_clauses = order.cs_disagreement_ids.filtered(lambda d: d.state == "open" and not d.is_after_confirmation)
        if open_clauses:
            return _(
                "Order %(order)s cannot be confirmed while the client disagrees on: %(clauses)s. "
                "Settle or withdraw these disagreements first.",
                order=self.name,
                clauses=", ".join(open_clauses.mapped("clause")),
            )
        if order.cs_approval_state == "to_approve":
            return _("Order %(order)s is waiting for the head of sales' approval.", order=self.name)
        return False

    def action_confirm(self):
        """Orders beyond authority go to the head of sales instead; others follow Odoo unchanged.

        The authority is the stricter of the salesperson's and the confirming user's category; an
        approval covers the figures approved.
        """
        for order in self:
            error = order._confirmation_error_message()
            if error:
                raise UserError(error)
        granted = self._cs_approval_granted()
        reasons = {}
        for order in self:
            if not granted[order]:
                order_reasons = order._cs_approval_reasons()
                if order_reasons:
                    reasons[order] = order_reasons
        gated = self.browse([order.id for order in reasons])
        if gated:
            gated._cs_request_approval(reasons)
        confirmed = self - gated
        if not confirmed:
            return True
        # A rejection was about the order as it stood then: within authority now, it no longer applies.
        confirmed.sudo().filtered(lambda o: o.cs_approval_state == "rejected")._cs_write_decision(
            {"cs_approval_state": "not_needed"}
        )
        return super(SaleOrder, confirmed).action_confirm()

    def _action_cancel(self):
        result = super()._action_cancel()
        pending = self._cs_approval_waiting("order")
        if pending:
            pending._cs_approval_close_activities("order", _("Order cancelled"))
            pending._cs_write_decision({"cs_approval_state": "not_needed"})
        self._cs_sync_obligations()
        return result

    # ------------------------------------------------------------------------------------------
    # Approval: the XML-RPC surface, over the mechanism
    # ------------------------------------------------------------------------------------------

    def action_cs_approve(self):
        """The head of sales approves the figures as they stand; quotations are confirmed at once."""
        orders = self._cs_approval_approve("order")
        quotations = orders.filtered(lambda o: o.state in ("draft", "sent"))
        if quotations:
            quotations.action_confirm()
        return True

    def action_cs_reject(self):
        self.env["res.users"]._cs_check_head_of_sales(self._cs_approval_kinds()["order"]["what"])
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Order"),
            "res_model": "client_specialist.approval.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def _cs_reject(self, reason):
        """The head of sales rejects the orders waiting, saying why."""
        self._cs_approval_reject("order", reason)
        return True

    def _cs_request_approval(self, reasons):
        """Put the orders into 'to approve'; their acting head of sales gets one activity each.

        :param reasons: {order: [reason, ...]}
        """
        return self._cs_approval_request("order", reasons)

    def action_cs_view_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_specialist_contract.client_specialist_obligation_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "search_default_pending": 0}
        return action

    # ------------------------------------------------------------------------------------------
    # Authority
    # ------------------------------------------------------------------------------------------

    def _cs_max_discount(self):
        self.ensure_one()
        return max(self.order_line.filtered(lambda line: not line.display_type).mapped("discount"), default=0.0)

    def _cs_authority_categories(self):
        """The categories whose limits apply: the salesperson's (the creator's on an order without
        one) and the current user's, who confirms or changes the order. The stricter limit wins."""
        self.ensure_one()
        users = (self.user_id or self.create_uid) | self.env.user
        return users.sudo().client_specialist_ids.category_id

    def _cs_approval_reasons(self):
        """Why this order needs the head of sales' approval; empty when it does not.

        The extension hook: the base gives the reasons of the category limits; override to add
        reasons (the client's reliability, for instance) to the list super() returns.
        """
        self.ensure_one()
        reasons = []
        categories = self._cs_authority_categories()
        if not categories:
            return reasons
        day = fields.Date.context_today(self, self.date_order)
        limits = [
            (
                category.currency_id._convert(category.max_order_amount, self.currency_id, self.company_id, day),
                category,
            )
            for category in categories.filtered("max_order_amount")
        ]
        if limits:
            limit, category = min(limits, key=lambda pair: (pair[0], pair[1].id))
            if self.currency_id.compare_amounts(self.amount_untaxed, limit) > 0:
                amount = self.currency_id._convert(self.amount_untaxed, category.currency_id, self.company_id, day)
                reasons.append(
                    _(
                        "The untaxed amount %(amount)s is above the limit of %(limit)s for %(category)s.",
                        amount=format_amount(self.env, amount, category.currency_id),
                        limit=format_amount(self.env, category.max_order_amount, category.currency_id),
                        category=category.name,
                    )
                )
        category = categories.sorted(lambda c: (c.max_discount, c.id))[0]
        discount = self._cs_max_discount()
        if float_compare(discount, category.max_discount, precision_digits=2) > 0:
            reasons.append(
                _(
                    "A discount of %(discount)s %% is above the limit of %(limit)s %% for %(category)s.",
                    discount=formatLang(self.env, discount, dp="Discount"),
                    limit=formatLang(self.env, category.max_discount, dp="Discount"),
                    category=category.name,
                )
            )
        return reasons

    # ------------------------------------------------------------------------------------------
    # Changes after confirmation or approval
    # ------------------------------------------------------------------------------------------

    def _cs_authority_watched(self):
        """The orders whose changes are checked at once: confirmed, approved or waiting."""
        return (
            self.sudo()
            .filtered(lambda o: o.state == "sale" or o.cs_approval_state in ("approved", "to_approve"))
            .with_env(self.env)
        )

    def _cs_lines_changed(self, before):
        """Lines of these orders changed; ``before`` holds the figures of the watched ones before.

        A rise in amount or discount is checked again; obligations follow the confirmed orders.
        """
        watched = self.filtered(lambda o: o in before)
        now = watched._cs_approval_figures("order")
        rose = watched.filtered(
            lambda o: any(
                float_compare(value, before[o].get(name) or 0.0, precision_digits=2) > 0
                for name, value in now[o].items()
            )
        )
        rose._cs_recheck_authority()
        self.filtered(lambda o: o.state == "sale")._cs_sync_obligations()

    def _cs_recheck_authority(self, covered=True):
        """The amount or a discount of these orders rose (or, ``covered`` False, their currency
        changed): what was approved no longer covers them, and confirmed orders are checked
        against the authority again; a quotation waits for its confirmation."""
        if not self:
            return
        granted = self._cs_approval_granted() if covered else dict.fromkeys(self, False)
        to_request = {}
        released = self.browse()
        for order in self.filtered(lambda o: o.state != "cancel" and not granted[o]):
            state = order.sudo().cs_approval_state
            if order.state != "sale" and state != "to_approve":
                if state == "approved":
                    released |= order  # a quotation: confirming it will ask again if need be
                continue
            reasons = order._cs_approval_reasons()
            if reasons:
                intro = {
                    "approved": _("The order changed after it was approved."),
                    "to_approve": _("The order changed while it was waiting for approval."),
                }.get(state, _("The order changed after it was confirmed."))
                to_request[order] = [intro, *reasons]
            elif state in ("approved", "to_approve"):
                released |= order
        waiting = self._cs_approval_waiting("order")
        waiting._cs_approval_close_activities("order", _("The order changed"))
        if released:
            released._cs_write_decision({"cs_approval_state": "not_needed"})
            for order in released:
                order.message_post(
                    body=_("The order changed after it was approved: the approval no longer applies."),
                    subtype_xmlid="mail.mt_note",
                )
        if to_request:
            self.browse([order.id for order in to_request])._cs_request_approval(to_request)

    # ------------------------------------------------------------------------------------------
    # Obligations
    # ------------------------------------------------------------------------------------------

    def _cs_obligation_values(self):
        """{generation key: values} of the obligations this confirmed order gives rise to.

        The client pays per installment of the payment terms, counted from the order date (no
        terms: at once); we deliver at the commitment date, else the expected date.
        """
        self.ensure_one()
        order_day = fields.Date.context_today(self, self.date_order)
        common = {
            "order_id": self.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "user_id": self.user_id.id,
            "is_generated": True,
        }
        values = {}
        currency = self.currency_id
        if self.payment_term_id:
            terms = self.payment_term_id._compute_terms(
                date_ref=order_day,
                currency=currency,
                company=self.company_id,
                tax_amount=self.amount_tax,
                tax_amount_currency=self.amount_tax,
                sign=1,
                untaxed_amount=self.amount_untaxed,
                untaxed_amount_currency=self.amount_untaxed,
            )
            installments = [(line["date"], line["foreign_amount"]) for line in terms["line_ids"]]
        else:
            installments = [(order_day, self.amount_total)]
        installments = [(due, amount) for due, amount in installments if currency.compare_amounts(amount, 0) > 0]
        for index, (due, amount) in enumerate(installments, 1):
            if len(installments) > 1:
                name = _(
                    "Payment %(index)s of %(count)s for %(order)s",
                    index=index,
                    count=len(installments),
                    order=self.name,
                )
            else:
                name = _("Payment for %(order)s", order=self.name)
            values[f"payment:{index}"] = dict(
                common,
                party="client",
                kind="payment",
                name=name,
                date_due=max(due, order_day),
                amount=amount,
            )
        delivery = self.commitment_date or self.expected_date
        if delivery:
            values["delivery"] = dict(
                common,
                party="company",
                kind="delivery",
                name=_("Delivery of %(order)s", order=self.name),
                date_due=max(fields.Date.context_today(self, delivery), order_day),
                amount=0.0,
            )
        return values

    def _cs_sync_obligations(self):
        """Bring the generated obligations in line with the orders, without duplicates.

        Missing ones are created, changed ones updated while still pending, and those an order
        no longer gives rise to (or of a cancelled order) are cancelled. Fulfilled and waived
        obligations are history and stay as they are. The one place that cancels obligations.
        """
        if not self:
            return
        Obligation = self.env["client_specialist.obligation"].sudo()
        existing = Obligation.search([("order_id", "in", self.ids), ("is_generated", "=", True)])
        by_key = {(o.order_id.id, o.generation_key): o for o in existing}
        to_create = []
        to_cancel = Obligation
        for order in self:
            wanted = order._cs_obligation_values() if order.state == "sale" else {}
            for key, vals in wanted.items():
                obligation = by_key.pop((order.id, key), None)
                if obligation is None:
                    to_create.append(dict(vals, generation_key=key))
                    continue
                if obligation.state in ("done", "waived"):
                    continue
                # The responsible user may have been changed by hand: keep them.
                changes = {field: vals[field] for field in ("name", "date_due") if obligation[field] != vals[field]}
                if order.currency_id.compare_amounts(obligation.amount, vals["amount"]):
                    changes["amount"] = vals["amount"]
                if obligation.state == "cancelled":
                    changes["state"] = "open"
                if changes:
                    obligation.write(changes)
        for obligation in by_key.values():
            if obligation.state in ("open", "overdue"):
                to_cancel |= obligation
        if to_cancel:
            to_cancel._cs_cancel_with_order()
        if to_create:
            Obligation.with_context(mail_create_nolog=True).create(to_create)

    def _cs_update_payment_obligations(self):
        """Mark the client's payment obligations fulfilled as far as the invoices are paid.

        The paid amount of the order's customer invoices covers the payment obligations oldest
        due first; each one fully covered is done, on the day of the payment.
        """
        today = fields.Date.context_today(self)
        to_done = self.env["client_specialist.obligation"].sudo()
        for order in self.sudo():
            invoices = order.invoice_ids.filtered(lambda m: m.state == "posted" and m.move_type == "out_invoice")
            paid = sum(
                invoice.currency_id._convert(
                    invoice.amount_total - invoice.amount_residual, order.currency_id, order.company_id, today
                )
                for invoice in invoices
            )
            payments = order.cs_obligation_ids.filtered(
                lambda o: o.party == "client" and o.kind == "payment" and o.state not in ("waived", "cancelled")
            ).sorted(lambda o: (o.date_due, o.id))
            for obligation in payments:
                if order.currency_id.compare_amounts(paid, obligation.amount) < 0:
                    break
                paid -= obligation.amount
                to_done |= obligation
        to_done._cs_mark_done(today)
