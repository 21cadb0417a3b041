# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class ClientSpecialistWinLossReport(models.Model):
    """Deals won and lost against each competitor, and why they were lost.

    One row per won order and competitor who made a competing offer on it (a win against them),
    and one row per lost quotation, against the competitor who won it (empty when not known).
    Average of Win Rate gives the share of deals won.
    """

    _name = "client_specialist.win.loss.report"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Win/Loss Against Competitors"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    competitor_id = fields.Many2one("res.partner", readonly=True)
    result = fields.Selection([("won", "Deal Won"), ("lost", "Deal Lost")], readonly=True)
    lost_reason_id = fields.Many2one("client_specialist.lost.reason", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(readonly=True)
    amount = fields.Monetary(string="Untaxed Amount", currency_field="currency_id", readonly=True)
    won_count = fields.Integer(string="Deals Won", readonly=True)
    lost_count = fields.Integer(string="Deals Lost", readonly=True)
    win_rate = fields.Float(string="Win Rate (%)", aggregator="avg", readonly=True)

    _depends = {
        "sale.order": [
            "state",
            "partner_id",
            "user_id",
            "team_id",
            "company_id",
            "date_order",
            "amount_untaxed",
            "currency_rate",
            "cs_lost_reason_id",
            "cs_winning_competitor_id",
            "cs_lost_date",
        ],
        "client_specialist.competing.offer": ["order_id", "competitor_id"],
        "res.partner": ["commercial_partner_id"],
    }

    def _cs_query(self):
        amount = SQL("o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1.0)")
        return SQL(
            """
            SELECT MIN(off.id) * 2 AS id, o.id AS order_id, client.commercial_partner_id AS partner_id,
                   off.competitor_id, 'won' AS result, NULL::integer AS lost_reason_id,
                   o.user_id, o.team_id, o.company_id, company.currency_id,
                   o.date_order::date AS date, %(amount)s AS amount,
                   1 AS won_count, 0 AS lost_count, 100.0 AS win_rate
              FROM client_specialist_competing_offer off
              JOIN sale_order o ON o.id = off.order_id
              JOIN res_partner client ON client.id = o.partner_id
              JOIN res_company company ON company.id = o.company_id
             WHERE o.state = 'sale'
          GROUP BY o.id, client.commercial_partner_id, off.competitor_id, company.currency_id
            UNION ALL
            SELECT o.id * 2 + 1, o.id, client.commercial_partner_id,
                   o.cs_winning_competitor_id, 'lost', o.cs_lost_reason_id,
                   o.user_id, o.team_id, o.company_id, company.currency_id,
                   COALESCE(o.cs_lost_date, o.date_order::date), %(amount)s,
                   0, 1, 0.0
              FROM sale_order o
              JOIN res_partner client ON client.id = o.partner_id
              JOIN res_company company ON company.id = o.company_id
             WHERE o.state = 'cancel' AND o.cs_lost_reason_id IS NOT NULL
            """,
            amount=amount,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._cs_query()))
