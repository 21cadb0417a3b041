# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

try:
    from num2words import num2words
except ImportError:  # Odoo's amount_to_text says so itself
    num2words = None

# Figures of one statement in one query: the entries before the period fold into one row (the
# opening balance, move NULL), the entries of the period into one row per document.
STATEMENT_QUERY = """
    SELECT CASE WHEN aml.date < %(date_from)s THEN NULL ELSE aml.move_id END AS move_id,
           MIN(aml.date) AS date,
           MIN(move.name) AS name,
           MIN(move.ref) AS ref,
           MIN(move.move_type) AS move_type,
           BOOL_OR(move.origin_payment_id IS NOT NULL OR move.statement_line_id IS NOT NULL) AS is_payment,
           SUM(aml.debit) AS debit,
           SUM(aml.credit) AS credit,
           MIN(aml.currency_id) AS currency_id,
           COUNT(DISTINCT aml.currency_id) AS currencies,
           SUM(aml.amount_currency) AS amount_currency
      FROM account_move_line aml
      JOIN account_account account ON account.id = aml.account_id
      JOIN account_move move ON move.id = aml.move_id
      JOIN res_partner partner ON partner.id = aml.partner_id
     WHERE partner.commercial_partner_id = %(partner_id)s
       AND aml.company_id = %(company_id)s
       AND aml.parent_state = 'posted'
       AND account.account_type IN ('asset_receivable', 'liability_payable')
       AND aml.date <= %(date_to)s
  GROUP BY 1
  ORDER BY MIN(aml.date), MIN(move.name), 1
"""

# The currencies num2words declines in Russian (its lang_RU.CURRENCY_FORMS); others go to Odoo's amount_to_text.
try:
    from num2words.lang_RU import Num2Word_RU

    RUSSIAN_CURRENCIES = frozenset(Num2Word_RU.CURRENCY_FORMS)
except ImportError:
    RUSSIAN_CURRENCIES = frozenset()

STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("confirmed", "Confirmed by the Client"),
    ("disagreed", "Disputed by the Client"),
]


class ClientSpecialistReconciliationStatement(models.Model):
    """The reconciliation statement (акт сверки взаиморасчётов): who owes whom, document by document.

    The figures come from the posted entries on the client's receivable and payable accounts. The
    totals are kept on the record as they were sent; the lines are read again when printed.
    """

    _name = "client_specialist.reconciliation.statement"
    _description = "Reconciliation Statement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
    ]
    _check_company_auto = True
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, tracking=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    user_id = fields.Many2one(
        "res.users", string="Prepared By", default=lambda self: self.env.user, domain=[("share", "=", False)]
    )
    date_from = fields.Date(string="From", required=True, tracking=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(
        string="To", required=True, tracking=True, default=lambda self: fields.Date.context_today(self)
    )
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, copy=False, tracking=True)
    amount_opening = fields.Monetary(string="Opening Balance", readonly=True, copy=False)
    amount_debit = fields.Monetary(string="Debit Turnover", readonly=True, copy=False)
    amount_credit = fields.Monetary(string="Credit Turnover", readonly=True, copy=False)
    amount_closing = fields.Monetary(
        string="Closing Balance",
        readonly=True,
        copy=False,
        help="Positive: the client owes the company; negative: the company owes the client.",
    )
    client_amount_closing = fields.Monetary(
        string="Client's Closing Balance",
        readonly=True,
        copy=False,
        tracking=True,
        help="The closing balance in the client's books, from their answer (same sign as ours).",
    )
    answer_note = fields.Text(string="Client's Answer", readonly=True, copy=False, tracking=True)
    answer_date = fields.Date(string="Answered On", readonly=True, copy=False, tracking=True)
    signed_attachment_id = fields.Many2one("ir.attachment", string="Signed Copy", readonly=True, copy=False)
    statement_html = fields.Html(string="Statement", compute="_compute_statement_html", sanitize=False)

    @api.model
    def _default_date_from(self):
        today = fields.Date.context_today(self)
        return today.replace(day=1, month=((today.month - 1) // 3) * 3 + 1) - relativedelta(months=3)

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_name(self):
        for statement in self:
            statement.name = _(
                "%(client)s, %(date_from)s - %(date_to)s",
                client=statement.partner_id.name or "",
                date_from=format_date(self.env, statement.date_from),
                date_to=format_date(self.env, statement.date_to),
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for statement in self:
            if statement.date_from > statement.date_to:
                raise ValidationError(
                    _(
                        "Reconciliation statement %(name)s: the period starts (%(date_from)s) after it ends "
                        "(%(date_to)s).",
                        name=statement.name,
                        date_from=format_date(self.env, statement.date_from),
                        date_to=format_date(self.env, statement.date_to),
                    )
                )

    @api.constrains("partner_id")
    def _check_partner(self):
        for statement in self:
            if statement.partner_id != statement.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "A reconciliation statement is made with the company %(company)s, not with its contact "
                        "%(contact)s.",
                        company=statement.partner_id.commercial_partner_id.name,
                        contact=statement.partner_id.name,
                    )
                )

    @api.model
    def _cs_decision_fields(self):
        return dict(
            super()._cs_decision_fields(),
            state=_("a statement is marked sent by sending it, and answered with the client's answer"),
            amount_opening=_("the figures come from the posted entries"),
            amount_debit=_("the figures come from the posted entries"),
            amount_credit=_("the figures come from the posted entries"),
            amount_closing=_("the figures come from the posted entries"),
            client_amount_closing=_("it is recorded with the client's answer"),
            answer_note=_("it is recorded with the client's answer"),
            answer_date=_("it is recorded with the client's answer"),
            signed_attachment_id=_("it is recorded with the client's answer"),
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            partner = self.env["res.partner"].browse(vals.get("partner_id") or [])
            if partner and partner.commercial_partner_id != partner:
                vals["partner_id"] = partner.commercial_partner_id.id
        statements = super().create(vals_list)
        statements._cs_store_figures()
        return statements

    def write(self, vals):
        if {"partner_id", "company_id", "date_from", "date_to"} & vals.keys():
            answered = self.filtered(lambda s: s.state != "draft")
            if answered:
                raise UserError(
                    _(
                        "Reconciliation statement %(name)s was sent: its client, company and period no longer "
                        "change. Make a new statement.",
                        name=answered[0].name,
                    )
                )
        result = super().write(vals)
        if {"partner_id", "company_id", "date_from", "date_to"} & vals.keys():
            self._cs_store_figures()
        return result

    # ------------------------------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------------------------------

    def _cs_statement_data(self):
        """Opening balance, the documents of the period, turnover and closing balance, in one query.

        Amounts are in the company's currency, from the company's side: debit, the client owes more
        (an invoice, a refund paid to them); credit, they owe less (a payment, a credit note).
        """
        self.ensure_one()
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["name", "ref", "move_type", "origin_payment_id", "statement_line_id"])
        self.env.cr.execute(
            STATEMENT_QUERY,
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "date_from": self.date_from,
                "date_to": self.date_to,
            },
        )
        rows = self.env.cr.dictfetchall()
        currency = self.currency_id
        opening = 0.0
        lines = []
        labels = self._cs_document_labels()
        currencies = self.env["res.currency"].browse({row["currency_id"] for row in rows if row["currency_id"]})
        for row in rows:
            if row["move_id"] is None:
                opening = currency.round(row["debit"] - row["credit"])
                continue
            if row["is_payment"]:
                kind = "payment_in" if row["credit"] >= row["debit"] else "payment_out"
            else:
                kind = row["move_type"] if row["move_type"] in labels else "entry"
            document_currency = currencies.browse(row["currency_id"]) if row["currencies"] == 1 else currencies.browse()
            lines.append(
                {
                    "move_id": row["move_id"],
                    "date": row["date"],
                    "name": row["name"],
                    "ref": row["ref"],
                    "label": labels[kind],
                    "debit": currency.round(row["debit"]),
                    "credit": currency.round(row["credit"]),
                    # The document's own currency, shown where it is not the company's.
                    "document_currency": document_currency
                    if document_currency and document_currency != currency
                    else False,
                    "document_amount": abs(row["amount_currency"] or 0.0),
                }
            )
        debit = currency.round(sum(line["debit"] for line in lines))
        credit = currency.round(sum(line["credit"] for line in lines))
        closing = currency.round(opening + debit - credit)
        return {
            "opening": opening,
            "lines": lines,
            "debit": debit,
            "credit": credit,
            "closing": closing,
        }

    def _cs_document_labels(self):
        return {
            "out_invoice": _("Invoice"),
            "out_refund": _("Credit Note"),
            "in_invoice": _("Vendor Bill"),
            "in_refund": _("Vendor Credit Note"),
            "payment_in": _("Payment"),
            "payment_out": _("Refund Paid"),
            "entry": _("Journal Entry"),
        }

    def _cs_store_figures(self):
        for statement in self:
            data = statement._cs_statement_data()
            with statement._cs_deciding():
                statement.write(
                    {
                        "amount_opening": data["opening"],
                        "amount_debit": data["debit"],
                        "amount_credit": data["credit"],
                        "amount_closing": data["closing"],
                    }
                )

    def action_cs_refresh(self):
        """Read the figures again (entries posted since): a statement not sent yet."""
        self.check_access("write")
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(_("A statement sent to the client keeps the figures it was sent with."))
        self._cs_store_figures()
        return True

    # ------------------------------------------------------------------------------------------
    # Words: who owes whom
    # ------------------------------------------------------------------------------------------

    def _cs_amount_in_words(self, amount):
        """The amount in words in the language of the context: Russian with the currency declined
        (num2words' currency mode, kopecks in figures as Russian documents write them)."""
        self.ensure_one()
        currency = self.currency_id
        lang = self.env.context.get("lang") or "en_US"
        if num2words and lang.startswith("ru") and currency.name in RUSSIAN_CURRENCIES:
            text = num2words(float(f"{abs(amount):.2f}"), lang="ru", to="currency", currency=currency.name, cents=False)
            return text[:1].upper() + text[1:]
        return currency.amount_to_text(abs(amount))

    def _cs_debt_sentence(self, closing):
        """'According to <company>, on <date> <debtor> owes <creditor> <amount> (<words>).'"""
        self.ensure_one()
        company = self.company_id.name
        client = self.partner_id.name
        day = format_date(self.env, self.date_to)
        if self.currency_id.is_zero(closing):
            return _(
                "According to %(company)s, on %(date)s there is no debt between the parties.",
                company=company,
                date=day,
            )
        debtor, creditor = (client, company) if closing > 0 else (company, client)
        return _(
            "According to %(company)s, on %(date)s the debt of %(debtor)s to %(creditor)s is %(amount)s "
            "(%(words)s).",
            company=company,
            date=day,
            debtor=debtor,
            creditor=creditor,
            amount=format_amount(self.env, abs(closing), self.currency_id),
            words=self._cs_amount_in_words(closing),
        )

    def _cs_report_values(self):
        """What the report prints, in the language it is printed in."""
        self.ensure_one()
        data = self._cs_statement_data()
        data["sentence"] = self._cs_debt_sentence(data["closing"])
        return data

    @api.depends("partner_id", "company_id", "date_from", "date_to")
    def _compute_statement_html(self):
        for statement in self:
            if not (statement.id and statement.partner_id and statement.date_from and statement.date_to):
                statement.statement_html = False
                continue
            statement.statement_html = self.env["ir.qweb"]._render(
                "client_specialist_settlement.reconciliation_statement_table",
                {"o": statement, "data": statement._cs_report_values()},
            )

    # ------------------------------------------------------------------------------------------
    # Sending and the client's answer
    # ------------------------------------------------------------------------------------------

    def action_cs_send(self):
        """Odoo's e-mail composer with the statement's template and its PDF attached."""
        self.ensure_one()
        self.check_access("write")
        template = self.env.ref("client_specialist_settlement.mail_template_reconciliation_statement")
        return {
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": "mail.compose.message",
            "views": [(False, "form")],
            "view_id": False,
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_layout_with_responsible_signature",
                "force_email": True,
                "cs_mark_statement_sent": True,
            },
        }

    def message_post(self, **kwargs):
        if self.env.context.get("cs_mark_statement_sent"):
            drafts = self.filtered(lambda s: s.state == "draft")
            if drafts:
                drafts.check_access("write")
                with drafts._cs_deciding():
                    drafts.write({"state": "sent"})
        return super().message_post(**kwargs)

    def action_cs_record_answer(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Client's Answer"),
            "res_model": "client_specialist.statement.answer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_statement_id": self.id, "default_client_amount_closing": self.amount_closing},
        }

    def _cs_record_answer(self, answer, client_amount_closing=None, note=None, signed_copy=None, filename=None):
        """The client confirmed the statement, or disputed it with their figures and a note; the
        signed copy they sent back (base64, as Binary fields take it) is attached. The one way to
        record their answer."""
        self.ensure_one()
        self.check_access("write")
        if answer not in ("confirmed", "disagreed"):
            raise UserError(_("The client's answer is either Confirmed or Disputed."))
        if self.state not in ("draft", "sent"):
            raise UserError(_("The client already answered statement %(name)s.", name=self.name))
        note = (note or "").strip()
        if answer == "confirmed":
            client_amount_closing = self.amount_closing
        elif client_amount_closing is None or not note:
            raise UserError(
                _("A disputed statement needs the client's Closing Balance and a note of where their figures differ.")
            )
        values = {
            "state": answer,
            "client_amount_closing": client_amount_closing,
            "answer_note": note or False,
            "answer_date": fields.Date.context_today(self),
        }
        attachment = self.env["ir.attachment"]
        if signed_copy:
            attachment = attachment.create(
                {
                    "name": filename or _("Signed statement %(name)s.pdf", name=self.name),
                    "datas": signed_copy,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
            values["signed_attachment_id"] = attachment.id
        with self._cs_deciding():
            self.write(values)
        if answer == "confirmed":
            body = _("The client confirmed the statement.")
        else:
            body = _(
                "The client disputed the statement: their closing balance is %(amount)s. %(note)s",
                amount=format_amount(self.env, client_amount_closing, self.currency_id),
                note=note,
            )
        self.message_post(body=body, attachment_ids=attachment.ids, subtype_xmlid="mail.mt_note")
        return True
