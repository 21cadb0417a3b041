# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, format_amount

APPROVAL_STATES = [
    ("not_needed", "Not Needed"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# Order fields whose change alters the generated obligations (lines tell by themselves).
OBLIGATION_FIELDS = {"payment_term_id", "commitment_date"}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "client_specialist.reminder.mixin"]

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
        help="Orders beyond the salesperson's authority (category limits, the client's "
        "reliability) are confirmed only once the head of sales approves them.",
    )

    cs_approval_reasons = fields.Text(string="Why Approval Is Needed", readonly=True, copy=False)

    cs_approved_amount = fields.Monetary(string="Approved Untaxed Amount", readonly=True, copy=False)

    cs_approved_discount = fields.Float(string="Approved Largest Discount (%)", readonly=True, copy=False)

    cs_approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)

    cs_rejection_reason = fields.Text(string="Reason for Rejection", readonly=True, copy=False)

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

    def write(self, vals):
        if not self.env.su and {"cs_approval_state", "cs_approved_amount", "cs_approved_by_id"} & set(vals):
            if vals.get("cs_approval_state") == "approved" or "cs_approved_by_id" in vals:
                self._cs_check_head()
        result = super().write(vals)
        if OBLIGATION_FIELDS & set(vals):
            self._cs_after_change()
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
        open_clauses = self.sudo().cs_disagreement_ids.filtered(
            lambda d: d.state == "open" and not d.is_after_confirmation
        )
        if open_clauses:
            return _(
                "Order %(order)s cannot be confirmed while the client disagrees on: %(clauses)s. "
                "Settle or withdraw these disagreements first.",
                order=self.name,
                clauses=", ".join(open_clauses.mapped("clause")),
            )
        if self.cs_approval_state == "to_approve":
            return _("Order %(order)s is waiting for the head of sales' approval.", order=self.name)
        return False

    def action_confirm(self):
        """Orders beyond the salesperson's authority go to the head of sales instead.

        Other orders follow Odoo's confirmation unchanged.
        """
        for order in self:
            error = order._confirmation_error_message()
            if error:
                raise UserError(error)
        reasons = {}
        for order in self:
            if not order._cs_approval_granted():
                order_reasons = order._cs_approval_reasons()
                if order_reasons:
                    reasons[order] = order_reasons
        if not reasons:
            return super().action_confirm()
        gated = self.browse([order.id for order in reasons])
        gated._cs_request_approval(reasons)
        if self - gated:
            return super(SaleOrder, self - gated).action_confirm()
        return True

    def _action_cancel(self):
        result = super()._action_cancel()
        pending = self.filtered(lambda o: o.cs_approval_state == "to_approve")
        if pending:
            pending._cs_close_approval_activities(_("Order cancelled"))
            pending.sudo().write({"cs_approval_state": "not_needed"})
        self._cs_sync_obligations()
        return result

    def action_cs_approve(self):
        """The head of sales approves; quotations are confirmed at once."""
        self._cs_check_head()
        orders = self.filtered(lambda o: o.cs_approval_state == "to_approve")
        if not orders:
            raise UserError(_("There is nothing waiting for approval on these orders."))
        for order in orders:
            order.write(
                {
                    "cs_approval_state": "approved",
                    "cs_approved_amount": order.amount_untaxed,
                    "cs_approved_discount": order._cs_max_discount(),
                    "cs_approved_by_id": self.env.user.id,
                    "cs_rejection_reason": False,
                }
            )
            order.message_post(
                body=_("Approved by %(name)s.", name=self.env.user.name),
                partner_ids=order.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        orders._cs_close_approval_activities(_("Approved"))
        quotations = orders.filtered(lambda o: o.state in ("draft", "sent"))
        if quotations:
            quotations.action_confirm()
        return True

    def action_cs_reject(self):
        self._cs_check_head()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Order"),
            "res_model": "client_specialist.approval.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def action_cs_view_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("client_specialist_contract.client_specialist_obligation_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "search_default_pending": 0}
        return action

    def _cs_check_head(self):
        if not self.env.user.has_group("client_specialist.group_client_specialist_head"):
            raise AccessError(_("Only the head of sales can approve or reject orders."))

    def _cs_max_discount(self):
        self.ensure_one()
        return max(self.order_line.filtered(lambda line: not line.display_type).mapped("discount"), default=0.0)

    def _cs_approval_granted(self):
        """Approved, and neither the amount nor the discounts have changed since."""
        self.ensure_one()
        return (
            self.cs_approval_state == "approved"
            and not self.currency_id.compare_amounts(self.amount_untaxed, self.cs_approved_amount)
            and not float_compare(self._cs_max_discount(), self.cs_approved_discount, precision_digits=2)
        )

    def _cs_approval_reasons(self):
        """Why this order needs the head of sales' approval; empty when it does not.

        Override to add reasons (the client's reliability, for instance): return the list of
        super() extended with readable sentences.
        """
        self.ensure_one()
        reasons = []
        specialist = self.user_id.sudo().client_specialist_ids[:1]
        category = specialist.category_id.with_env(self.env)
        if not category:
            return reasons
        if category.max_order_amount:
            amount = self.currency_id._convert(
                self.amount_untaxed,
                category.currency_id,
                self.company_id,
                fields.Date.context_today(self, self.date_order),
            )
            if category.currency_id.compare_amounts(amount, category.max_order_amount) > 0:
                reasons.append(
                    _(
                        "The untaxed amount %(amount)s is above the limit of %(limit)s for %(category)s.",
                        amount=format_amount(self.env, amount, category.currency_id),
                        limit=format_amount(self.env, category.max_order_amount, category.currency_id),
                        category=category.name,
                    )
                )
        discount = self._cs_max_discount()
        if float_compare(discount, category.max_discount, precision_digits=2) > 0:
            reasons.append(
                _(
                    "A discount of %(discount)s %% is above the limit of %(limit)s %% for %(category)s.",
                    discount=round(discount, 2),
                    limit=round(category.max_discount, 2),
                    category=category.name,
                )
            )
        return reasons

    def _cs_request_approval(self, reasons):
        """Put the orders into 'to approve' and give their head of sales one activity each.

        :param reasons: {order: [reason, ...]}
        """
        heads = self._cs_heads_of_sales()
        activity_type = self.env.ref("client_specialist_contract.mail_activity_type_order_approval")
        model_id = self.env["ir.model"]._get_id(self._name)
        activities = []
        for order in self:
            text = "\n".join(reasons[order])
            order.write({"cs_approval_state": "to_approve", "cs_approval_reasons": text})
            order.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    _("Sent to the head of sales for approval:"),
                    Markup().join(Markup("<li>%s</li>") % reason for reason in reasons[order]),
                ),
                subtype_xmlid="mail.mt_note",
            )
            head = heads[order]
            if head:
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": order.id,
                        "activity_type_id": activity_type.id,
                        "user_id": head.id,
                        "summary": _("Approve %(order)s", order=order.name),
                        "note": text,
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
        self.env["mail.activity"].sudo().create(activities)

    def _cs_close_approval_activities(self, feedback):
        activity_type = self.env.ref("client_specialist_contract.mail_activity_type_order_approval")
        activities = self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        activities.action_feedback(feedback=feedback)

    def _cs_reject(self, reason):
        self._cs_check_head()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the Reason for Rejection."))
        orders = self.filtered(lambda o: o.cs_approval_state == "to_approve")
        if not orders:
            raise UserError(_("There is nothing waiting for approval on these orders."))
        orders.write({"cs_approval_state": "rejected", "cs_rejection_reason": reason})
        for order in orders:
            order.message_post(
                body=_("Rejected by %(name)s: %(reason)s", name=self.env.user.name, reason=reason),
                partner_ids=order.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        orders._cs_close_approval_activities(_("Rejected: %(reason)s", reason=reason))

    def _cs_lines_changed(self):
        """Lines of these orders changed: only approved or confirmed orders have anything to redo."""
        self.filtered(lambda o: o.cs_approval_state == "approved" or o.state == "sale")._cs_after_change()

    def _cs_after_change(self):
        """Amounts, discounts, terms or dates changed: recheck the approval and the obligations."""
        changed = self.filtered(lambda o: o.cs_approval_state == "approved" and not o._cs_approval_granted())
        for order in changed:
            reasons = order._cs_approval_reasons() if order.state == "sale" else []
            if reasons:
                order._cs_request_approval({order: [_("The order changed after it was approved."), *reasons]})
            else:
                order.sudo().write({"cs_approval_state": "not_needed"})
                order.message_post(
                    body=_("The order changed after it was approved: the approval no longer applies."),
                    subtype_xmlid="mail.mt_note",
                )
        self.filtered(lambda o: o.state == "sale")._cs_sync_obligations()

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
        obligations are history and stay as they are.
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
            to_cancel.write({"state": "cancelled"})
            to_cancel.activity_ids.action_feedback(feedback=_("Cancelled with the order"))
        if to_create:
            Obligation.with_context(mail_create_nolog=True).create(to_create)

    def _cs_update_payment_obligations(self):
        """Mark the client's payment obligations fulfilled as far as the invoices are paid.

        The paid amount of the order's customer invoices covers the payment obligations oldest
        due first; each one fully covered is done.
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
