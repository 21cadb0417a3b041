# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .competition_common import CompetitionCase


@tagged("post_install", "-at_install")
class TestTermsComparison(CompetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        currency = cls.company.currency_id
        pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Gold -8 %",
                "currency_id": currency.id,
                "item_ids": [
                    Command.create({"compute_price": "percentage", "percent_price": 8.0}),
                    Command.create({"compute_price": "percentage", "percent_price": 5.0}),
                    # An expired promotion does not count.
                    Command.create(
                        {"compute_price": "percentage", "percent_price": 20.0, "date_end": "2020-01-31 23:59:59"}
                    ),
                    Command.create({"compute_price": "fixed", "fixed_price": 1.0}),
                ],
            }
        )
        term = cls.env["account.payment.term"].create(
            {
                "name": "Half at 30, half at 45 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 30}),
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 45}),
                ],
            }
        )
        Tier = cls.env["client_specialist.tier"]
        cls.tier_gold = Tier.create(
            {"name": "Gold", "pricelist_id": pricelist.id, "payment_term_id": term.id, "lead_time_days": 5}
        )
        cls.tier_basic = Tier.create({"name": "Basic"})
        policy = cls.env["client_specialist.competitor.policy"]
        x, y = cls.rival_x, cls.rival_y
        policy.create(
            [
                # X: an older, larger discount is superseded by the latest observation.
                {
                    "competitor_id": x.id,
                    "name": "Old",
                    "aspect": "price",
                    "discount_percent": 15,
                    "date_observed": "2025-01-01",
                },
                {
                    "competitor_id": x.id,
                    "name": "New",
                    "aspect": "price",
                    "discount_percent": 10,
                    "date_observed": "2026-01-01",
                },
                {
                    "competitor_id": x.id,
                    "name": "Pay",
                    "aspect": "payment",
                    "payment_days": 45,
                    "date_observed": "2026-01-01",
                },
                {
                    "competitor_id": x.id,
                    "name": "Ship",
                    "aspect": "delivery",
                    "lead_time_days": 3,
                    "date_observed": "2026-01-01",
                },
                # Y: smaller discount, shorter credit, slower delivery; a service note has no figure.
                {
                    "competitor_id": y.id,
                    "name": "Y price",
                    "aspect": "price",
                    "discount_percent": 8,
                    "date_observed": "2026-01-01",
                },
                {
                    "competitor_id": y.id,
                    "name": "Y pay",
                    "aspect": "payment",
                    "payment_days": 14,
                    "date_observed": "2026-01-01",
                },
                {
                    "competitor_id": y.id,
                    "name": "Y ship",
                    "aspect": "delivery",
                    "lead_time_days": 10,
                    "date_observed": "2026-01-01",
                },
                {"competitor_id": y.id, "name": "Y hotline", "aspect": "service", "date_observed": "2026-01-01"},
            ]
        )

    def _rows(self, rows):
        return {
            (row.tier_id, row.competitor_id, row.aspect): (row.our_value, row.their_value, row.status)
            for row in rows
            if row.competitor_id in (self.rival_x | self.rival_y) and row.tier_id in (self.tier_gold | self.tier_basic)
        }

    def test_our_terms_come_from_the_tiers(self):
        terms = {t["tier_id"]: t for t in self.env["client_specialist.terms.comparison"]._cs_our_terms()}
        gold = terms[self.tier_gold.id]
        self.assertEqual((gold["discount_percent"], gold["payment_days"], gold["lead_time_days"]), (8.0, 45, 5))
        basic = terms[self.tier_basic.id]
        self.assertEqual((basic["discount_percent"], basic["payment_days"], basic["lead_time_days"]), (0.0, 0, 0))
        self.assertIn(False, terms, "the standard terms are compared too")

    def test_where_we_are_weaker(self):
        rows = self._rows(self.env["client_specialist.terms.comparison"].with_user(self.head)._cs_build())
        gold, basic, x, y = self.tier_gold, self.tier_basic, self.rival_x, self.rival_y
        self.assertEqual(
            rows,
            {
                (gold, x, "price"): (8.0, 10.0, "weaker"),
                (gold, x, "payment"): (45.0, 45.0, "equal"),
                (gold, x, "delivery"): (5.0, 3.0, "weaker"),
                (gold, y, "price"): (8.0, 8.0, "equal"),
                (gold, y, "payment"): (45.0, 14.0, "stronger"),
                (gold, y, "delivery"): (5.0, 10.0, "stronger"),
                (basic, x, "price"): (0.0, 10.0, "weaker"),
                (basic, x, "payment"): (0.0, 45.0, "weaker"),
                (basic, x, "delivery"): (0.0, 3.0, "unknown"),
                (basic, y, "price"): (0.0, 8.0, "weaker"),
                (basic, y, "payment"): (0.0, 14.0, "weaker"),
                (basic, y, "delivery"): (0.0, 10.0, "unknown"),
            },
        )

    def test_compare_action_rebuilds_the_user_s_rows(self):
        Comparison = self.env["client_specialist.terms.comparison"].with_user(self.head)
        action = Comparison.action_compare()
        first = Comparison.search(action["domain"])
        self.assertTrue(first)
        Comparison.action_compare()
        self.assertFalse(first.exists(), "the previous comparison is replaced")
        weaker = Comparison.search(action["domain"] + [("status", "=", "weaker")])
        self.assertIn(self.rival_x, weaker.competitor_id)
        self.assertEqual(
            weaker.filtered(lambda r: r.tier_id == self.tier_gold and r.competitor_id == self.rival_x).mapped(
                "their_advantage"
            ),
            [2.0, 2.0],
        )

    def test_only_the_head_compares(self):
        with self.assertRaises(AccessError):
            self.env["client_specialist.terms.comparison"].with_user(self.user_a).action_compare()
