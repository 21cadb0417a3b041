# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger


class ReliabilityCase(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scheme = cls.env["client_specialist.reliability.scheme"]._cs_for_company(cls.company)
        cls.scheme.write({"approval_amount": 1000, "credit_limit_a": 50000, "credit_limit_d": 0})
        Partner = cls.env["res.partner"]
        cls.good, cls.late, cls.prospect = Partner.create(
            [
                {"name": f"{n} payer", "is_company": True, "user_id": cls.user_a.id, "cs_stage": stage}
                for n, stage in (("Good", "client"), ("Late", "client"), ("New", "prospect"))
            ]
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Film", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.Assessment = cls.env["client_specialist.reliability.assessment"]

    def _invoice(self, partner, invoice_date, due, paid_on=None, amount=100.0):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": amount, "tax_ids": []})
                ],
            }
        )
        invoice.action_post()
        if paid_on:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": paid_on}).action_create_payments()
        return invoice

    def _line(self, assessment, criterion):
        return assessment.line_ids.filtered(lambda line: line.criterion == criterion)


@tagged("post_install", "-at_install")
class TestCriteria(ReliabilityCase):
    def test_on_time_payer_against_chronic_late_payer(self):
        today = fields.Date.today()
        for months in (3, 2, 1):
            day = today - timedelta(days=30 * months)
            self._invoice(self.good, day, day + timedelta(days=10), paid_on=day + timedelta(days=5))
            self._invoice(self.late, day, day + timedelta(days=10), paid_on=day + timedelta(days=40))
        self._invoice(self.late, today - timedelta(days=40), today - timedelta(days=20))  # unpaid, overdue
        good, late = self.Assessment.create(
            [{"partner_id": p.id, "registry_status": "active"} for p in (self.good, self.late)]
        )
        self.assertEqual(self._line(good, "late_share").score, 100)
        self.assertEqual(self._line(good, "days_late").score, 100)
        self.assertEqual(self._line(good, "overdue_amount").score, 100)
        self.assertEqual(self._line(late, "late_share").value, 100)
        self.assertEqual(self._line(late, "late_share").score, 0)
        self.assertEqual(self._line(late, "days_late").value, 30)
        self.assertEqual(self._line(late, "days_late").score, 40)
        self.assertEqual(self._line(late, "overdue_amount").value, 100)
        self.assertEqual(self._line(late, "overdue_amount").score, 50, "100 of 400 invoiced is overdue: 25 %")
        # Weighted over the criteria with data (no orders; clients since today, so relationship 0):
        # (15 * 100 + 10 * 100 + 15 * 100 + 15 * 100 + 5 * 40 + 5 * 0) / 65, (0 + 400 + 750 + 1500 + 200 + 0) / 65
        self.assertAlmostEqual(good.score, 87.7, 1)
        self.assertEqual(good.grade, "A")
        self.assertAlmostEqual(late.score, 43.8, 1)
        self.assertEqual(late.grade, "C")
        self.assertIn("paid invoices late", self._line(late, "late_share").explanation)
        self.assertAlmostEqual(
            sum(good.line_ids.mapped("contribution")) * 100 / sum(good.line_ids.filtered("has_data").mapped("weight")),
            good.score,
            1,
        )

    def test_prospect_without_history_is_graded_on_outside_sources(self):
        assessment = self.Assessment.create(
            {
                "partner_id": self.prospect.id,
                "registry_status": "active",
                "revenue": 1000000,
                "equity": 300000,
                "court_cases": 0,
                "court_date": fields.Date.today(),
                "has_guarantees": True,
            }
        )
        with_data = assessment.line_ids.filtered("has_data")
        self.assertEqual(
            set(with_data.mapped("criterion")), {"registry_status", "financials", "court_cases", "guarantees"}
        )
        # (15 * 100 + 10 * 60 + 5 * 100 + 5 * 100) / 35
        self.assertAlmostEqual(assessment.score, 88.6, 1)
        self.assertEqual(assessment.grade, "A")
        assessment.registry_status = "liquidation"
        self.assertEqual(assessment.grade, "C")

    def test_claims_relationship_and_volume(self):
        self.scheme.approval_amount = 0  # these orders confirm without an assessment
        with freeze_time(fields.Date.today() - timedelta(days=240)):
            old = self.env["sale.order"].create(
                {
                    "partner_id": self.good.id,
                    "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 10})],
                }
            )
            old.action_confirm()
        recent = self.env["sale.order"].create(
            {
                "partner_id": self.good.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 20})],
            }
        )
        recent.action_confirm()
        self.env["client_specialist.feedback"].create(
            {"subject": "Broken", "type": "claim", "partner_id": self.good.id}
        )
        self.good.sudo().cs_won_date = fields.Date.today() - timedelta(days=365 * 2)
        assessment = self.Assessment.create({"partner_id": self.good.id})
        self.assertEqual(self._line(assessment, "claims_per_order").value, 0.5)
        self.assertEqual(self._line(assessment, "claims_per_order").score, 50)
        self.assertEqual(self._line(assessment, "volume_trend").value, 100, "twice the volume of the half-year before")
        self.assertEqual(self._line(assessment, "relationship").score, round(24 * 100 / 36, 1))


@tagged("post_install", "-at_install")
class TestRules(ReliabilityCase):
    def test_grade_boundaries(self):
        self.assertEqual(self.scheme._cs_grade(80), "A")
        self.assertEqual(self.scheme._cs_grade(79.9), "B")
        self.assertEqual(self.scheme._cs_grade(60), "B")
        self.assertEqual(self.scheme._cs_grade(40), "C")
        self.assertEqual(self.scheme._cs_grade(39.9), "D")

    def test_bad_configuration_and_figures_are_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.scheme.line_ids[0].weight += 5
            self.scheme._check_weights()
        self.assertIn("add up to 100", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.scheme.write({"threshold_b": 90})
        self.assertIn("thresholds", str(caught.exception))
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.Assessment.create({"partner_id": self.prospect.id, "revenue": -5})

    def test_approval_gate_and_warning_on_the_quotation(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 20})],
            }
        )
        self.assertIn("no valid reliability assessment", order.cs_reliability_warning)
        small = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        self.assertFalse(small.cs_reliability_warning)
        self.Assessment.create({"partner_id": self.prospect.id, "registry_status": "liquidation"})
        self.assertEqual(self.prospect.cs_reliability_grade, "D")
        small.invalidate_recordset(["cs_reliability_warning"])
        self.assertIn("grade is D", small.cs_reliability_warning)
        self.assertEqual(small._cs_reliability_approval_reasons(), ["the client's reliability grade is D"])

    def test_grade_d_sends_the_order_to_the_head_of_sales(self):
        self.Assessment.create({"partner_id": self.prospect.id, "registry_status": "liquidation"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "user_id": self.user_a.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("draft", "to_approve"))
        self.assertIn("reliability grade is D", order.cs_approval_reasons)

    def test_grade_change_is_tracked_and_told_to_the_specialist(self):
        assessment = self.Assessment.create({"partner_id": self.prospect.id, "registry_status": "active"})
        assessment.registry_status = "liquidation"
        note = self.prospect.message_ids.filtered(
            lambda m: m.message_type == "notification" and "A → D" in (m.body or "")
        )
        self.assertEqual(len(note), 1, "one note in the client's chatter")
        told = self.env["mail.message"].search(
            [("message_type", "=", "user_notification"), ("partner_ids", "in", self.user_a.partner_id.ids)]
        )
        self.assertTrue(any("A → D" in message.body for message in told), "and the specialist is told")

    def test_credit_limit_suggested_by_grade(self):
        assessment = self.Assessment.create({"partner_id": self.prospect.id, "registry_status": "active"})
        with self.assertRaises(UserError):
            assessment.with_user(self.user_a).action_apply_credit_limit()
        assessment.with_user(self.head).action_apply_credit_limit()
        self.assertEqual(self.prospect.credit_limit, 50000)

    def test_assessments_are_private_to_the_portfolio(self):
        assessment = self.Assessment.create({"partner_id": self.prospect.id, "registry_status": "active"})
        assessment.with_user(self.user_a).read(["score"])
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_b).read(["score"])
        with self.assertRaises(AccessError):
            assessment.line_ids.with_user(self.user_b).read(["score"])
        assessment.with_user(self.head).read(["score"])


@tagged("post_install", "-at_install")
class TestKeepingCurrent(ReliabilityCase):
    def test_only_changed_clients_are_recomputed(self):
        today = fields.Date.today()
        good, late = self.Assessment.create([{"partner_id": p.id} for p in (self.good, self.late)])
        self.env.cr.execute(
            "UPDATE client_specialist_reliability_assessment SET computed_at = '2020-01-01' WHERE id IN %s",
            (tuple((good | late).ids),),
        )
        self.env.invalidate_all()
        self._invoice(self.late, today - timedelta(days=20), today - timedelta(days=10), paid_on=today)
        self.assertTrue(self.late.cs_reliability_dirty)
        self.assertFalse(self.good.cs_reliability_dirty)
        self.env["res.partner"]._cron_reliability()
        self.assertEqual(str(good.computed_at), "2020-01-01 00:00:00")
        self.assertNotEqual(str(late.computed_at), "2020-01-01 00:00:00")
        self.assertEqual(self._line(late, "late_share").value, 100)
        self.assertFalse(self.late.cs_reliability_dirty)

    def test_recompute_keeps_unchanged_criteria_and_replaces_changed_ones(self):
        assessment = self.Assessment.create({"partner_id": self.prospect.id, "registry_status": "active"})
        lines = assessment.line_ids
        assessment.action_recompute()
        self.assertEqual(assessment.line_ids, lines, "nothing changed: the same lines")
        kept = lines.filtered(lambda line: line.criterion != "registry_status")
        score = assessment.score
        assessment.registry_status = "liquidation"
        registry = self._line(assessment, "registry_status")
        self.assertNotIn(registry, lines, "the changed criterion is a new line")
        self.assertEqual(assessment.line_ids - registry, kept, "the others stay as they were")
        self.assertLess(assessment.score, score)

    def test_recompute_queries_do_not_grow_with_the_batch(self):
        today = fields.Date.today()

        def assessed(count, prefix):
            partners = self.env["res.partner"].create(
                [{"name": f"{prefix} {i}", "is_company": True, "user_id": self.user_a.id} for i in range(count)]
            )
            for partner in partners:
                self._invoice(
                    partner, today - timedelta(days=30), today - timedelta(days=20), paid_on=today - timedelta(days=10)
                )
            return self.Assessment.create([{"partner_id": p.id} for p in partners])

        small, large = assessed(3, "S"), assessed(30, "L")
        for batch in (small, large):
            self.env.invalidate_all()
            with self.assertQueryCount(30):
                batch._cs_compute_lines()
        self.assertEqual(
            set(large.line_ids.filtered(lambda line: line.criterion == "days_late").mapped("value")), {10.0}
        )

    def test_expiring_assessment_is_reminded_once(self):
        with freeze_time("2026-01-10"):
            assessment = self.Assessment.create({"partner_id": self.good.id, "registry_status": "active"})
        self.assertEqual(assessment.valid_until, date(2026, 7, 9))
        with freeze_time("2026-06-20"):
            self.env["res.partner"]._cron_reliability()
            self.assertFalse(assessment.activity_ids)
        with freeze_time("2026-06-26"):
            self.env["res.partner"]._cron_reliability()
            self.env["res.partner"]._cron_reliability()
            self.assertEqual(len(assessment.activity_ids), 1)
            self.assertEqual(assessment.activity_ids.user_id, self.user_a)
