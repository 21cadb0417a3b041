# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .competition_common import CompetitionCase


@tagged("post_install", "-at_install")
class TestWinLoss(CompetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        x, y = cls.rival_x, cls.rival_y
        # Won against X and Y (X offered twice: still one deal).
        cls.won_xy = cls._order(cls.client_a, 100.0, [(x, 90.0), (x, 85.0), (y, 95.0)])
        cls.won_xy.action_confirm()
        # Won against X alone.
        cls.won_x = cls._order(cls.client_b, 200.0, [(x, 210.0)])
        cls.won_x.action_confirm()
        # Lost to X on price, with an offer from Y that did not win either.
        cls.lost_x_price = cls._order(cls.client_a, 300.0, [(x, 250.0), (y, 280.0)])
        cls.lost_x_price._cs_mark_lost(cls.reason_price, x)
        # Lost to X on price without having recorded their offer.
        cls.lost_x_price_2 = cls._order(cls.client_b, 400.0)
        cls.lost_x_price_2._cs_mark_lost(cls.reason_price, x)
        # Lost to Y on delivery time.
        cls.lost_y_delivery = cls._order(cls.client_a, 500.0, [(y, 520.0)])
        cls.lost_y_delivery._cs_mark_lost(cls.reason_delivery, y)
        # Lost, winner unknown.
        cls.lost_unknown = cls._order(cls.client_b, 600.0)
        cls.lost_unknown._cs_mark_lost(cls.reason_delivery)
        # Not counted: an open quotation and a plain cancellation, both with offers.
        cls._order(cls.client_a, 700.0, [(x, 1.0)])
        cls._order(cls.client_a, 800.0, [(x, 1.0)]).action_cancel()
        cls.orders = cls.env["sale.order"].search([("partner_id", "in", (cls.client_a | cls.client_b).ids)])
        cls.Report = cls.env["client_specialist.win.loss.report"]

    def _by(self, groupby, aggregates, user=None):
        report = self.Report.with_user(user) if user else self.Report
        return report._read_group([("order_id", "in", self.orders.ids)], groupby, aggregates)

    def test_wins_losses_and_win_rate_by_competitor(self):
        rows = {
            competitor: (won, lost, round(rate, 2))
            for competitor, won, lost, rate in self._by(
                ["competitor_id"], ["won_count:sum", "lost_count:sum", "win_rate:avg"]
            )
        }
        self.assertEqual(
            rows,
            {
                self.rival_x: (2, 2, 50.0),
                self.rival_y: (1, 1, 50.0),
                self.Partner: (0, 1, 0.0),  # lost, winner unknown
            },
        )

    def test_losses_by_reason_and_competitor(self):
        rows = {
            (reason, competitor): count
            for reason, competitor, count in self._by(["lost_reason_id", "competitor_id"], ["lost_count:sum"])
            if reason
        }
        self.assertEqual(
            rows,
            {
                (self.reason_price, self.rival_x): 2,
                (self.reason_delivery, self.rival_y): 1,
                (self.reason_delivery, self.Partner): 1,
            },
        )

    def test_amounts_of_deals_lost_to_each_competitor(self):
        rows = dict(
            self.Report._read_group(
                [("order_id", "in", self.orders.ids), ("result", "=", "lost")], ["competitor_id"], ["amount:sum"]
            )
        )
        self.assertEqual(rows[self.rival_x], 700.0)
        self.assertEqual(rows[self.rival_y], 500.0)

    def test_competitor_card_counts(self):
        self.assertEqual((self.rival_x.cs_competitor_won_count, self.rival_x.cs_competitor_lost_count), (2, 2))
        self.assertEqual((self.rival_y.cs_competitor_won_count, self.rival_y.cs_competitor_lost_count), (1, 1))

    def test_specialist_sees_the_deals_of_their_portfolio(self):
        rows = dict(self._by(["result"], ["__count"], user=self.user_a))
        # Client of A: won against X and Y (2 rows), lost to X and to Y.
        self.assertEqual(rows, {"won": 2, "lost": 2})
        rows = dict(self._by(["result"], ["__count"], user=self.head))
        self.assertEqual(rows, {"won": 3, "lost": 4})

    def test_competitor_list_columns_cost_the_same_for_many_rows(self):
        columns = ["cs_competitor_policy_count", "cs_competitor_won_count", "cs_competitor_lost_count"]
        many = self.Partner.create(
            [{"name": f"Rival {n}", "is_company": True, "cs_is_competitor": True} for n in range(8)]
        )
        self.env["client_specialist.competitor.policy"].create(
            [{"competitor_id": rival.id, "name": "Discount", "discount_percent": 5} for rival in many]
        )

        def queries(partners):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners.with_user(self.head).read(columns)
            return self.env.cr.sql_log_count - before

        queries(many[:1])  # warm the access caches
        self.assertEqual(queries(many[:2]), queries(many))
