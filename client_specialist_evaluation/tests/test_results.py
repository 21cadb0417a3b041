# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError
from odoo.tests import tagged


class ResultsCase(ClientSpecialistCase):
    """May 2025: A wins two clients and concludes two contracts, one of them for B's client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Result = cls.env["client_specialist.result"]
        cls.product = cls.env["product.product"].create({"name": "Stretch film", "list_price": 100.0, "type": "consu"})
        Partner = cls.env["res.partner"]
        cls.client_a1 = Partner.create(
            {
                "name": "Won in May",
                "is_company": True,
                "user_id": cls.user_a.id,
                "cs_stage": "client",
                "cs_won_date": "2025-05-05",
                "cs_contact_interval_override": 30,
            }
        )
        # A contact copies its company's won date: it must not count as a second client.
        Partner.create({"name": "Buyer at Won in May", "parent_id": cls.client_a1.id, "user_id": cls.user_a.id})
        cls.client_a2 = Partner.create(
            {
                "name": "Also won in May",
                "is_company": True,
                "user_id": cls.user_a.id,
                "cs_stage": "key_client",
                "cs_won_date": "2025-05-20",
                "cs_contact_interval_override": 5,
            }
        )
        cls.client_a3 = Partner.create(
            {
                "name": "Won in April",
                "is_company": True,
                "user_id": cls.user_a.id,
                "cs_stage": "client",
                "cs_won_date": "2025-04-01",
                "cs_contact_interval_override": 30,
            }
        )
        cls.client_b = Partner.create(
            {
                "name": "Client of B",
                "is_company": True,
                "user_id": cls.user_b.id,
                "cs_stage": "client",
                "cs_won_date": "2024-01-10",
            }
        )
        # Contact history: A's May client was contacted on 20 May, the April one never.
        cls.client_a1.cs_last_contact_date = "2025-05-20"
        cls.client_a2.cs_last_contact_date = "2025-05-28"
        cls.order_a1 = cls._confirmed_order(cls.client_a1, cls.user_a, 2, "2025-05-10 09:00:00")
        cls.order_b = cls._confirmed_order(cls.client_b, cls.user_a, 3, "2025-05-12 09:00:00")
        cls._confirmed_order(cls.client_a3, cls.user_a, 5, "2025-06-02 09:00:00")  # next month
        cls._order(cls.client_a1, cls.user_a, 7)  # a quotation is no contract

    @classmethod
    def _order(cls, partner, user, qty):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": qty, "price_unit": 100})
                ],
            }
        )

    @classmethod
    def _confirmed_order(cls, partner, user, qty, when):
        order = cls._order(partner, user, qty)
        order.action_confirm()
        order.date_order = when
        return order


@tagged("post_install", "-at_install")
class TestResults(ResultsCase):
    def test_each_indicator_on_crafted_data(self):
        with freeze_time("2025-07-01"):
            indicators = self.Result._cs_indicators(
                self.user_a | self.user_b, self.d("2025-05-01"), self.d("2025-05-31")
            )
        a, b = indicators[self.user_a.id], indicators[self.user_b.id]
        self.assertEqual(a["new_client_count"], 2, "companies won in May; their contacts do not count again")
        self.assertEqual(a["order_count"], 2, "confirmed in May by A, whoever's client")
        self.assertAlmostEqual(a["order_amount"], 500.0)
        self.assertAlmostEqual(a["portfolio_revenue"], 200.0, "orders of A's own clients")
        self.assertAlmostEqual(b["portfolio_revenue"], 300.0, "B's client ordered through A")
        self.assertEqual(b["order_count"], 0)
        # On 31 May: client 1 contacted 20 May (every 30 days), client 2 on 28 May (every 5 days),
        # client 3 won 1 April and never contacted (every 30 days): two of three kept.
        self.assertAlmostEqual(a["contact_adherence"], 66.67)
        expected = sum((self.client_a1 | self.client_a2 | self.client_a3).mapped("cs_completeness")) / 3
        self.assertAlmostEqual(a["completeness"], round(expected, 2))
        self.assertNotIn("obligations_on_time", a, "no obligation of ours was due in May")
        self.assertNotIn("claims_in_time", a, "no claim was resolved in May")

    def test_our_obligations_met_on_time(self):
        Obligation = self.env["client_specialist.obligation"]
        kept, late = Obligation.create(
            [
                {
                    "party": "company",
                    "kind": "documents",
                    "name": name,
                    "partner_id": self.client_a1.id,
                    "order_id": self.order_a1.id,
                    "user_id": self.user_a.id,
                    "date_due": "2025-05-20",
                }
                for name in ("Acts signed", "Certificates sent")
            ]
        )
        with freeze_time("2025-05-18"):
            kept.action_done()
        with freeze_time("2025-05-25"):
            late.action_done()
        with freeze_time("2025-07-01"):
            indicators = self.Result._cs_indicators(self.user_a, self.d("2025-05-01"), self.d("2025-05-31"))
            self.assertAlmostEqual(indicators[self.user_a.id]["obligations_on_time"], 50.0)
            self.env.flush_all()
            row = self.Result.search([("user_id", "=", self.user_a.id), ("month", "=", "2025-05-01")])
            self.assertAlmostEqual(row.obligations_on_time, 50.0)

    def test_claims_resolved_in_time(self):
        Feedback = self.env["client_specialist.feedback"]
        with freeze_time("2025-05-02"):
            on_time, late = Feedback.create(
                [
                    {"subject": s, "type": "claim", "partner_id": self.client_a1.id, "date_received": d}
                    for s, d in (("Quick", "2025-05-02"), ("Slow", "2025-03-01"))
                ]
            )
            (on_time | late).write({"resolution": "<p>Done.</p>"})
            (on_time | late).action_resolve()
        self.assertEqual((on_time.resolved_on_time, late.resolved_on_time), (100, 0))
        with freeze_time("2025-07-01"):
            indicators = self.Result._cs_indicators(self.user_a, self.d("2025-05-01"), self.d("2025-05-31"))
            self.assertAlmostEqual(indicators[self.user_a.id]["claims_in_time"], 50.0)
            self.env.flush_all()
            row = self.Result.search([("user_id", "=", self.user_a.id), ("month", "=", "2025-05-01")])
            self.assertAlmostEqual(row.claims_in_time, 50.0)

    def test_cadence_is_judged_on_the_last_day_of_the_period(self):
        with freeze_time("2025-07-01"):
            june = self.Result._cs_indicators(self.user_a, self.d("2025-06-01"), self.d("2025-06-30"))
        # On 30 June none of the three was contacted within their interval.
        self.assertEqual(june[self.user_a.id]["contact_adherence"], 0.0)
        self.assertEqual(june[self.user_a.id]["order_count"], 1)
        self.assertEqual(june[self.user_a.id]["new_client_count"], 0)

    def test_contact_messages_count_for_past_periods(self):
        """A later contact replaces the last-contact date; the message history still tells."""
        message = self.client_a3.message_post(
            body="Called about the autumn order", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        message.date = "2025-05-25 10:00:00"
        self.client_a3.cs_last_contact_date = "2025-06-20"
        with freeze_time("2025-07-01"):
            may = self.Result._cs_indicators(self.user_a, self.d("2025-05-01"), self.d("2025-05-31"))
        self.assertAlmostEqual(may[self.user_a.id]["contact_adherence"], 100.0)

    def test_dashboard_rows_per_specialist_and_month(self):
        self.env.flush_all()
        rows = self.Result.search([("specialist_id", "in", (self.spec_a | self.spec_b).ids)])
        may_a = rows.filtered(lambda r: r.specialist_id == self.spec_a and str(r.month) == "2025-05-01")
        self.assertEqual(len(may_a), 1)
        self.assertEqual(may_a.new_client_count, 2)
        self.assertEqual(may_a.order_count, 2)
        self.assertAlmostEqual(may_a.order_amount, 500.0)
        self.assertAlmostEqual(may_a.portfolio_revenue, 200.0)
        self.assertAlmostEqual(may_a.contact_adherence, 66.67)
        may_b = rows.filtered(lambda r: r.specialist_id == self.spec_b and str(r.month) == "2025-05-01")
        self.assertAlmostEqual(may_b.portfolio_revenue, 300.0)
        june_a = rows.filtered(lambda r: r.specialist_id == self.spec_a and str(r.month) == "2025-06-01")
        self.assertEqual(june_a.order_count, 1)
        # Comparable across specialists and months: grouped the way the pivot does.
        groups = self.Result._read_group(
            [("specialist_id", "in", (self.spec_a | self.spec_b).ids), ("month", "<", "2025-07-01")],
            ["specialist_id"],
            ["order_count:sum", "portfolio_revenue:sum"],
        )
        totals = {spec: (count, revenue) for spec, count, revenue in groups}
        self.assertEqual(totals[self.spec_a][0], 3)
        self.assertAlmostEqual(totals[self.spec_b][1], 300.0)

    def test_a_specialist_sees_only_their_own_rows(self):
        self.env.flush_all()
        mine = self.Result.with_user(self.user_a).search([("specialist_id", "in", (self.spec_a | self.spec_b).ids)])
        self.assertTrue(mine)
        self.assertEqual(mine.specialist_id, self.spec_a)
        theirs = self.Result.search([("specialist_id", "=", self.spec_b.id)], limit=1)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).read(["portfolio_revenue"])
        everyone = self.Result.with_user(self.head).search([("specialist_id", "in", (self.spec_a | self.spec_b).ids)])
        self.assertEqual(everyone.specialist_id, self.spec_a | self.spec_b)
        with self.assertRaises(AccessError):
            self.Result.with_user(self.plain_user).search([])
