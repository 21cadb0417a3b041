# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models

PAYMENT_PREFIX = "payment:"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------------------------------
    # The client's payments: the invoices' installments, then what is not invoiced yet
    # ------------------------------------------------------------------------------------------

    def _cs_invoices(self):
        """The posted customer invoices and credit notes whose first order is this one.

        An invoice of several orders is followed on the first of them, so that it is owed once.
        """
        self.ensure_one()
        moves = self.sudo().invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type in ("out_invoice", "out_refund")
        )
        return moves.filtered(lambda m: m.invoice_line_ids.sale_line_ids.order_id.sorted("id")[:1] == self)

    @staticmethod
    def _cs_installment_split(line):
        """(credited, paid, last payment day) of a receivable line, in the line's currency.

        Credit notes reconciled with it reduce what is owed; everything else reconciled with it
        (payments, bank entries, other offsets) pays it.
        """
        credited = paid = 0.0
        day = False
        for partial in line.matched_credit_ids:
            if partial.credit_move_id.move_id.move_type == "out_refund":
                credited += partial.debit_amount_currency
            else:
                paid += partial.debit_amount_currency
                day = max(day, partial.max_date) if day else partial.max_date
        return credited, paid, day

    def _cs_installment_values(self, common, order_day):
        """[values] of the client's payments per installment of the posted invoices, oldest first;
        open credit notes reduce the last installments."""
        moves = self._cs_invoices()
        invoices = moves.filtered(lambda m: m.move_type == "out_invoice").sorted(lambda m: (m.invoice_date, m.id))
        entries = []
        for invoice in invoices:
            lines = invoice.line_ids.filtered(lambda line: line.display_type == "payment_term").sorted(
                lambda line, day=invoice.invoice_date: (line.date_maturity or day, line.id)
            )
            for index, line in enumerate(lines, 1):
                credited = self._cs_installment_split(line)[0]
                if len(lines) > 1:
                    name = _(
                        "Installment %(index)s of %(count)s of %(invoice)s",
                        index=index,
                        count=len(lines),
                        invoice=invoice.name,
                    )
                else:
                    name = _("Payment of %(invoice)s", invoice=invoice.name)
                entries.append(
                    dict(
                        common,
                        party="client",
                        kind="payment",
                        name=name,
                        currency_id=line.currency_id.id,
                        date_due=max(line.date_maturity or invoice.invoice_date, order_day),
                        amount=abs(line.amount_currency) - credited,
                        cs_move_line_id=line.id,
                    )
                )
        # Credit notes not matched with an invoice yet still reduce what the client owes: the last
        # installments first, since those are the ones not yet due.
        open_credit = sum(
            abs(line.amount_residual_currency)
            for line in moves.filtered(lambda m: m.move_type == "out_refund").line_ids
            if line.display_type == "payment_term"
        )
        for entry in reversed(entries):
            currency = self.env["res.currency"].browse(entry["currency_id"])
            if currency.compare_amounts(open_credit, 0) <= 0:
                break
            take = min(open_credit, entry["amount"])
            entry["amount"] -= take
            open_credit -= take
        return [
            entry
            for entry in entries
            if self.env["res.currency"].browse(entry["currency_id"]).compare_amounts(entry["amount"], 0) > 0
        ]

    def _cs_invoiced_amount(self):
        """The amount of the order invoiced so far (posted invoices), in the order's currency."""
        self.ensure_one()
        total = 0.0
        for invoice in self._cs_invoices().filtered(lambda m: m.move_type == "out_invoice"):
            amount = sum(line.price_total for line in invoice.invoice_line_ids if line.sale_line_ids.order_id == self)
            total += invoice.currency_id._convert(
                amount, self.currency_id, self.company_id, invoice.invoice_date or fields.Date.today()
            )
        return total

    def _cs_obligation_values(self):
        """Once invoiced, the client's payments are the invoices' installments (due dates from the
        invoice), followed by the payments planned at confirmation for the part not invoiced yet.

        The keys stay payment:1, payment:2...: the planned obligations become the installments in
        place, so an order keeps one list of what the client pays, with no cancelled duplicates.
        """
        values = super()._cs_obligation_values()
        if not self._cs_invoices():
            return values
        planned = sorted(
            ((key, vals) for key, vals in values.items() if key.startswith(PAYMENT_PREFIX)),
            key=lambda item: int(item[0][len(PAYMENT_PREFIX) :]),
        )
        result = {key: vals for key, vals in values.items() if not key.startswith(PAYMENT_PREFIX)}
        order_day = fields.Date.context_today(self, self.date_order)
        common = {
            key: value
            for key, value in (planned[0][1] if planned else {}).items()
            if key in ("order_id", "partner_id", "company_id", "user_id", "is_generated")
        } or {
            "order_id": self.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "user_id": self.user_id.id,
            "is_generated": True,
        }
        entries = self._cs_installment_values(common, order_day)
        # What is invoiced replaces the planned payments, oldest due first.
        invoiced = self._cs_invoiced_amount()
        for _key, vals in planned:
            take = min(invoiced, vals["amount"])
            invoiced -= take
            if self.currency_id.compare_amounts(vals["amount"] - take, 0) > 0:
                entries.append(dict(vals, amount=vals["amount"] - take, cs_move_line_id=False))
        for index, vals in enumerate(entries, 1):
            result[f"{PAYMENT_PREFIX}{index}"] = vals
        return result

    def _cs_payment_obligations(self):
        # A search, not cs_obligation_ids: the one2many cached here would keep creation order.
        return (
            self.env["client_specialist.obligation"]
            .sudo()
            .search([("order_id", "in", self.ids), ("is_generated", "=", True), ("kind", "=", "payment")])
        )

    def _cs_sync_obligations(self):
        """The generic sync updates name, due date and amount; the installment link follows here."""
        result = super()._cs_sync_obligations()
        invoiced = self.filtered(lambda o: o.state == "sale" and o._cs_invoices())
        pending = invoiced._cs_payment_obligations().filtered(lambda o: o.state in ("open", "overdue"))
        for order in invoiced:
            wanted = order._cs_obligation_values()
            mine = pending.filtered(
                lambda o, order=order, wanted=wanted: o.order_id == order and o.generation_key in wanted
            )
            for obligation in mine:
                vals = wanted[obligation.generation_key]
                changes = {}
                if obligation.cs_move_line_id.id != (vals.get("cs_move_line_id") or False):
                    changes["cs_move_line_id"] = vals.get("cs_move_line_id") or False
                if obligation.currency_id.id != vals["currency_id"]:
                    changes["currency_id"] = vals["currency_id"]
                if changes:
                    obligation.write(changes)
        return result

    def _cs_update_payment_obligations(self):
        """Each installment is fulfilled when it is paid, on the day of the payment that completes
        it; a partial payment records the paid part (Odoo reconciles the oldest installment first).
        An installment no longer paid (a payment unreconciled) opens again."""
        invoiced = self.filtered(lambda o: o._cs_invoices())
        result = super(SaleOrder, self - invoiced)._cs_update_payment_obligations()
        invoiced.filtered(lambda o: o.state == "sale")._cs_sync_obligations()
        obligations = invoiced._cs_payment_obligations().filtered(
            lambda o: o.cs_move_line_id and o.state in ("open", "overdue", "done")
        )
        to_done = {}
        to_reopen = obligations.browse()
        for obligation in obligations:
            line = obligation.cs_move_line_id
            _credited, paid, day = self._cs_installment_split(line)
            if obligation.currency_id.compare_amounts(paid, obligation.cs_amount_paid):
                with obligation._cs_deciding():
                    obligation.write({"cs_amount_paid": paid})
            settled = line.currency_id.is_zero(line.amount_residual_currency) and line.move_id.state == "posted"
            if settled and obligation.state != "done":
                to_done.setdefault(day or fields.Date.context_today(self), obligations.browse())
                to_done[day or fields.Date.context_today(self)] |= obligation
            elif not settled and obligation.state == "done":
                to_reopen |= obligation
        for day, done in to_done.items():
            done._cs_mark_done(day)
        if to_reopen:
            today = fields.Date.context_today(self)
            with to_reopen._cs_deciding():
                for state, reopened in to_reopen.grouped(lambda o: "overdue" if o.date_due < today else "open").items():
                    reopened.write({"state": state, "date_done": False})
        return result
