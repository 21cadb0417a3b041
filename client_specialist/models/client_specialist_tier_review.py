# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL


class ClientSpecialistTierReview(models.Model):
    """A periodic ABC review of the clients: proposals of tier changes for the head of sales."""

    _name = "client_specialist.tier.review"
    _description = "Client Tier Review"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.reminder.mixin",
    ]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    date_from = fields.Date(string="Revenue From", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("client_specialist.tier.review.line", "review_id", string="Proposals")
    state = fields.Selection(
        [("open", "To Decide"), ("done", "Decided")], compute="_compute_state", store=True, tracking=True
    )
    pending_count = fields.Integer(compute="_compute_state", store=True, string="Undecided")

    @api.depends("date", "company_id")
    def _compute_name(self):
        for review in self:
            review.name = _("Tier review of %(date)s", date=review.date)

    @api.depends("line_ids.state")
    def _compute_state(self):
        for review in self:
            pending = review.line_ids.filtered(lambda line: line.state == "proposed")
            review.pending_count = len(pending)
            review.state = "open" if pending else "done"

    def action_accept_all(self):
        self.line_ids.filtered(lambda line: line.state == "proposed").action_accept()
        return True

    # ------------------------------------------------------------------------------------------
    # Ranking
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_classify(self, values, shares=(0.8, 0.95)):
        """ABC classes of {key: value}: A makes the first 80 % of the total, B the next 15 %, C the rest."""
        total = sum(v for v in values.values() if v > 0)
        classes, running = {}, 0.0
        for key, value in sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            if total <= 0 or value <= 0:
                classes[key] = "C"
                continue
            share_before = running / total
            running += value
            classes[key] = "A" if share_before < shares[0] else "B" if share_before < shares[1] else "C"
        return classes

    @api.model
    def _cs_create_review(self, company):
        """Rank the company's clients by 12-month revenue and margin and propose tier changes.

        A client ranks by the worse of its revenue class and its margin class: an A needs both.
        Nothing changes on the client until the head of sales accepts the proposal.
        """
        today = fields.Date.context_today(self)
        date_from = today - relativedelta(months=12)
        Partner = self.env["res.partner"].with_company(company)
        clients = Partner.search_fetch(
            [
                ("cs_stage", "in", ("client", "key_client")),
                ("parent_id", "=", False),
                "|",
                ("company_id", "=", False),
                ("company_id", "=", company.id),
            ],
            ["cs_tier_id"],
        )
        tiers = self.env["client_specialist.tier"].search([("company_id", "=", company.id), ("abc_class", "!=", False)])
        tier_by_class = {}
        for tier in tiers:
            tier_by_class.setdefault(tier.abc_class, tier)
        if not clients or not tier_by_class:
            return self.browse()
        revenue, margin = self._cs_sales_by_client(company, clients, date_from)
        by_revenue = self._cs_classify(revenue)
        by_margin = self._cs_classify(margin)
        lines = []
        for client in clients:
            abc = max(by_revenue[client.id], by_margin[client.id])  # "C" > "B" > "A": the worse one
            proposed = tier_by_class.get(abc)
            if proposed and proposed != client.cs_tier_id:
                lines.append(
                    {
                        "partner_id": client.id,
                        "revenue": revenue[client.id],
                        "margin": margin[client.id],
                        "revenue_class": by_revenue[client.id],
                        "margin_class": by_margin[client.id],
                        "abc_class": abc,
                        "current_tier_id": client.cs_tier_id.id,
                        "proposed_tier_id": proposed.id,
                    }
                )
        if not lines:
            return self.browse()
        # Open, with its proposals: given here, as the proposals are written below in one INSERT.
        review = self.create(
            {"company_id": company.id, "date_from": date_from, "state": "open", "pending_count": len(lines)}
        )
        review._cs_insert_proposals(lines)
        head = review._cs_heads_of_sales()[review]
        if head:
            review._cs_create_activities(
                [
                    review._cs_reminder_values(
                        self.env.ref("mail.mail_activity_data_todo"),
                        head,
                        _("Decide on %(count)s tier proposals", count=len(lines)),
                    )
                ]
            )
        return review

    @api.model
    def _cs_sales_by_client(self, company, clients, date_from):
        """({client id: revenue}, {client id: margin}) of the confirmed orders since ``date_from``.

        What sale.report says, read from the order lines themselves (a fifth of the time): in the
        company's currency as they are; the clients with orders in other currencies are read from
        sale.report, which converts at each order's rate.
        """
        revenue = dict.fromkeys(clients.ids, 0.0)
        margin = dict.fromkeys(clients.ids, 0.0)
        groups = self.env["sale.order.line"]._read_group(
            [
                ("state", "=", "sale"),
                ("order_id.date_order", ">=", fields.Datetime.to_datetime(date_from)),
                ("company_id", "=", company.id),
                ("display_type", "=", False),
            ],
            ["order_partner_id", "currency_id"],
            ["price_subtotal:sum", "margin:sum"],
        )
        buyers = self.env["res.partner"].union(*(partner for partner, _currency, _amount, _profit in groups))
        commercial = {
            partner.id: partner.commercial_partner_id.id
            for partner in buyers.with_context(active_test=False).search_fetch(
                [("id", "in", buyers.ids)], ["commercial_partner_id"]
            )
        }
        foreign = set()
        for partner, currency, amount, profit in groups:
            client = commercial.get(partner.id)
            if client not in revenue:
                continue
            if currency != company.currency_id:
                foreign.add(client)
                continue
            revenue[client] += amount or 0.0
            margin[client] += profit or 0.0
        if foreign:
            self.env.flush_all()  # sale.report is a SQL view over the order lines
            for partner, amount, profit in self.env["sale.report"]._read_group(
                [
                    ("state", "=", "sale"),
                    ("date", ">=", fields.Datetime.to_datetime(date_from)),
                    ("company_id", "=", company.id),
                    ("commercial_partner_id", "in", list(foreign)),
                ],
                ["commercial_partner_id"],
                ["price_subtotal:sum", "margin:sum"],
            ):
                revenue[partner.id] = amount or 0.0
                margin[partner.id] = profit or 0.0
        return revenue, margin

    def _cs_insert_proposals(self, lines):
        """Write the review's proposals (tens of thousands a year for a large base) in one INSERT.

        They are computed here from the company's own clients and tiers, read-only and created by
        nobody else: the ORM's create would spend a millisecond each on checks that hold by
        construction (companies, decision defaults, types).
        """
        self.ensure_one()
        columns = ("partner_id", "revenue", "margin", "revenue_class", "margin_class", "abc_class")
        columns += ("current_tier_id", "proposed_tier_id")
        types = ("int", "numeric", "numeric", "varchar", "varchar", "varchar", "int", "int")
        self.env.execute_query(
            SQL(
                """INSERT INTO client_specialist_tier_review_line
                       (review_id, company_id, state, create_uid, write_uid, create_date, write_date, %s)
                   SELECT %s, %s, 'proposed', %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', %s
                     FROM unnest(%s) AS v(%s)""",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                self.id,
                self.company_id.id,
                self.env.uid,
                self.env.uid,
                SQL(", ").join(SQL.identifier("v", column) for column in columns),
                SQL(", ").join(
                    SQL("%s::%s[]", [None if line[column] is False else line[column] for line in lines], SQL(kind))
                    for column, kind in zip(columns, types, strict=True)
                ),
                SQL(", ").join(SQL.identifier(column) for column in columns),
            )
        )
        self.invalidate_recordset(["line_ids"])

    @api.model
    def _get_review_company_domain(self):
        return []

    @api.model
    def _cron_review_tiers(self):
        """Periodic: one review per company, unless one is still waiting for decisions."""
        companies = self.env["res.company"].search(self._get_review_company_domain())
        waiting = self.search([("state", "=", "open"), ("company_id", "in", companies.ids)]).company_id
        reviews = self.browse()
        for company in companies - waiting:
            reviews |= self.with_company(company)._cs_create_review(company)
        return reviews
