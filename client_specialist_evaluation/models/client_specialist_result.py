# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

# Indicator keys, in the order the dashboard and the evaluations show them.
INDICATORS = [
    ("new_client_count", "New clients won"),
    ("order_count", "Contracts concluded"),
    ("order_amount", "Amount of contracts concluded"),
    ("portfolio_revenue", "Revenue of the portfolio"),
    ("obligations_on_time", "Our obligations met on time (%)"),
    ("claims_in_time", "Claims resolved within deadline (%)"),
    ("contact_adherence", "Contact cadence kept (%)"),
    ("completeness", "Database completeness (%)"),
]
# What counts as a contact in the message history; the same rule as the partner's last contact.
CONTACT_MESSAGE_SQL = """
    m.model = 'res.partner' AND m.res_id = p.id AND m.date < %(ref)s + 1
    AND (m.mail_activity_type_id IS NOT NULL OR (m.message_type IN ('email', 'comment') AND m.is_internal IS NOT TRUE))
"""


class ClientSpecialistResult(models.Model):
    """Results of each specialist per month (clause 5.1), read live from the records.

    One row per active specialist and month with activity (and the current month). Counts and
    amounts are sums over the month. The two portfolio indicators describe the portfolio on the
    last day of the month (today for the current month), with what is known on that day:

    - Contact cadence kept: share of the specialist's clients and key clients won by that day whose
      latest contact on or before it (the last-contact date, or a contact message or done activity
      on the client) is no older than their contact interval. A client not contacted yet counts
      from the day they were won.
    - Database completeness: average completeness score of those clients (the current score: the
      history of a record's completeness is not kept).

    - Our obligations met on time: of the company's obligations due in the month and fulfilled
      or overdue, the share fulfilled by their due date.
    - Claims resolved in time: of the claims resolved in the month, the share within deadline.
    """

    _name = "client_specialist.result"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Client Specialist Results"
    _auto = False
    _order = "month desc, specialist_id"
    _rec_name = "specialist_id"

    specialist_id = fields.Many2one("client_specialist.specialist", readonly=True)
    user_id = fields.Many2one("res.users", string="Specialist User", readonly=True)
    category_id = fields.Many2one("client_specialist.category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    month = fields.Date(readonly=True)
    new_client_count = fields.Integer(string="New Clients Won", readonly=True)
    order_count = fields.Integer(string="Contracts Concluded", readonly=True)
    order_amount = fields.Monetary(string="Contracts Amount", readonly=True)
    portfolio_revenue = fields.Monetary(readonly=True)
    obligations_on_time = fields.Float(string="Obligations Met on Time (%)", readonly=True, aggregator="avg")
    claims_in_time = fields.Float(string="Claims Resolved in Time (%)", readonly=True, aggregator="avg")
    contact_adherence = fields.Float(string="Contact Cadence Kept (%)", readonly=True, aggregator="avg")
    completeness = fields.Float(string="Database Completeness (%)", readonly=True, aggregator="avg")
    portfolio_client_count = fields.Integer(string="Clients in Portfolio", readonly=True, aggregator="max")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._cs_query()))

    @api.model
    def _cs_query(self):
        return SQL(
            """
            WITH spec AS (
                SELECT s.id, s.user_id, s.company_id, s.category_id
                  FROM client_specialist_specialist s
                 WHERE s.active
            ), confirmed AS (
                SELECT so.user_id, cp.user_id AS owner_id, so.company_id,
                       date_trunc('month', so.date_order)::date AS month,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE so.state = 'sale'
            ), won AS (
                SELECT p.user_id, date_trunc('month', p.cs_won_date)::date AS month, count(*) AS n
                  FROM res_partner p
                 WHERE p.cs_won_date IS NOT NULL AND p.id = p.commercial_partner_id AND p.user_id IS NOT NULL
                 GROUP BY 1, 2
            ), concluded AS (
                SELECT user_id, company_id, month, count(*) AS n, sum(amount) AS amount
                  FROM confirmed WHERE user_id IS NOT NULL GROUP BY 1, 2, 3
            ), revenue AS (
                SELECT owner_id, company_id, month, sum(amount) AS amount
                  FROM confirmed WHERE owner_id IS NOT NULL GROUP BY 1, 2, 3
            ), months AS (
                SELECT user_id, month FROM won
                 UNION SELECT user_id, month FROM concluded
                 UNION SELECT owner_id, month FROM revenue
                 UNION SELECT user_id, date_trunc('month', CURRENT_DATE)::date FROM spec
            ), rows AS (
                SELECT spec.id AS specialist_id, spec.user_id, spec.company_id, spec.category_id, months.month,
                       LEAST((months.month + interval '1 month' - interval '1 day')::date, CURRENT_DATE) AS ref
                  FROM spec JOIN months ON months.user_id = spec.user_id
                 WHERE months.month <= CURRENT_DATE
            )
            SELECT rows.specialist_id * 100000 + (EXTRACT(YEAR FROM rows.month) * 12
                       + EXTRACT(MONTH FROM rows.month))::int AS id,
                   rows.specialist_id, rows.user_id, rows.company_id, rows.category_id, rows.month,
                   company.currency_id,
                   COALESCE(won.n, 0) AS new_client_count,
                   COALESCE(concluded.n, 0) AS order_count,
                   COALESCE(concluded.amount, 0) AS order_amount,
                   COALESCE(revenue.amount, 0) AS portfolio_revenue,
                   obligations.rate AS obligations_on_time,
                   claims.rate AS claims_in_time,
                   portfolio.adherence AS contact_adherence,
                   portfolio.completeness,
                   COALESCE(portfolio.n, 0) AS portfolio_client_count
              FROM rows
              JOIN res_company company ON company.id = rows.company_id
              LEFT JOIN won ON won.user_id = rows.user_id AND won.month = rows.month
              LEFT JOIN concluded ON concluded.user_id = rows.user_id AND concluded.month = rows.month
                   AND concluded.company_id = rows.company_id
              LEFT JOIN revenue ON revenue.owner_id = rows.user_id AND revenue.month = rows.month
                   AND revenue.company_id = rows.company_id
              LEFT JOIN (%s) obligations ON obligations.user_id = rows.user_id AND obligations.month = rows.month
              LEFT JOIN (%s) claims ON claims.user_id = rows.user_id AND claims.month = rows.month
              LEFT JOIN LATERAL (%s) portfolio ON TRUE
            """,
            self._cs_obligations_on_time_sql(),
            self._cs_claims_in_time_sql(),
            self._cs_portfolio_sql(SQL("rows.user_id"), SQL("rows.ref")),
        )

    @api.model
    def _cs_no_rate_sql(self):
        return SQL("SELECT NULL::int AS user_id, NULL::date AS month, NULL::float AS rate WHERE FALSE")

    @api.model
    def _cs_obligations_on_time_sql(self):
        """Rows (user_id, month, rate) of our obligations met on time; filled where contracts are."""
        return self._cs_no_rate_sql()

    @api.model
    def _cs_claims_in_time_sql(self):
        """Rows (user_id, month, rate) of claims resolved within deadline; filled where claims are."""
        return self._cs_no_rate_sql()

    @api.model
    def _cs_portfolio_sql(self, user_sql, ref_sql):
        """Snapshot of one specialist's portfolio on a day: client count, cadence kept and completeness."""
        return SQL(
            """
            SELECT count(*) AS n,
                   round(avg(p.cs_completeness), 2)::float AS completeness,
                   round(100.0 * count(*) FILTER (
                       WHERE COALESCE(GREATEST(
                                 CASE WHEN p.cs_last_contact_date <= ref.day THEN p.cs_last_contact_date END,
                                 (SELECT max(m.date)::date FROM mail_message m WHERE %s)),
                             p.cs_won_date) + COALESCE(NULLIF(p.cs_contact_interval, 0), 30) >= ref.day
                   ) / NULLIF(count(*), 0), 2)::float AS adherence
              FROM res_partner p, (SELECT %s AS day) ref
             WHERE p.user_id = %s AND p.id = p.commercial_partner_id AND p.active
               AND p.cs_stage IN ('client', 'key_client') AND p.cs_won_date <= ref.day
            """,
            SQL(CONTACT_MESSAGE_SQL.replace("%(ref)s", "ref.day")),
            ref_sql,
            user_sql,
        )

    # ------------------------------------------------------------------------------------------
    # Indicators of any period, for evaluations
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_indicators(self, users, date_from, date_to):
        """Every indicator of ``users`` over [date_from, date_to], set-based.

        Returns {user_id: {indicator key: value}}; an indicator that cannot be measured (its part
        of the application is not installed) is missing from the inner dict.
        """
        start = datetime.combine(date_from, time.min)
        stop = datetime.combine(date_to + timedelta(days=1), time.min)
        result = {user.id: {} for user in users}
        if not users:
            return result
        Partner = self.env["res.partner"].sudo()
        # Contacts copy their company's won date: count commercial partners only.
        won = dict(
            Partner._read_group(
                [
                    ("user_id", "in", users.ids),
                    ("cs_won_date", ">=", date_from),
                    ("cs_won_date", "<=", date_to),
                    "|",
                    ("is_company", "=", True),
                    ("parent_id", "=", False),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("state", "=", "sale"),
                    ("date_order", ">=", start),
                    ("date_order", "<", stop),
                    "|",
                    ("user_id", "in", users.ids),
                    ("partner_id.commercial_partner_id.user_id", "in", users.ids),
                ]
            )
        )
        for user in users:
            values = result[user.id]
            values["new_client_count"] = won.get(user, 0)
            values.update(order_count=0, order_amount=0.0, portfolio_revenue=0.0)
        for order in orders:
            amount = order.amount_untaxed / (order.currency_rate or 1.0)
            if order.user_id.id in result:
                result[order.user_id.id]["order_count"] += 1
                result[order.user_id.id]["order_amount"] += amount
            owner = order.partner_id.commercial_partner_id.user_id
            if owner.id in result:
                result[owner.id]["portfolio_revenue"] += amount
        reference = min(date_to, fields.Date.context_today(self))
        self.env.flush_all()
        for user_id, _count, completeness, adherence in self.env.execute_query(
            SQL(
                "SELECT u.id, portfolio.* FROM unnest(%s) AS u(id), LATERAL (%s) portfolio",
                users.ids,
                self._cs_portfolio_sql(SQL("u.id"), SQL("%s::date", reference)),
            )
        ):
            result[user_id]["contact_adherence"] = adherence or 0.0
            result[user_id]["completeness"] = completeness or 0.0
        for key, method in (
            ("obligations_on_time", self._cs_indicator_obligations_on_time),
            ("claims_in_time", self._cs_indicator_claims_in_time),
        ):
            for user_id, value in method(users, date_from, date_to).items():
                if user_id in result and value is not None:
                    result[user_id][key] = value
        return result

    @api.model
    def _cs_indicator_obligations_on_time(self, users, date_from, date_to):
        """Share (%) of our obligations due in the period that were met on time, per user id."""
        return {}

    @api.model
    def _cs_indicator_claims_in_time(self, users, date_from, date_to):
        """Share (%) of the claims closed in the period that were resolved within their deadline."""
        return {}
