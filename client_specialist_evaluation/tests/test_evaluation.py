# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .test_results import ResultsCase


@tagged("post_install", "-at_install")
class TestEvaluation(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Criterion = cls.env["client_specialist.evaluation.criterion"]
        Criterion.search([("company_id", "=", cls.company.id)]).active = False
        cls.crit_orders, cls.crit_cadence, cls.crit_manual = Criterion.create(
            [
                {"name": "Contracts", "indicator": "order_count", "weight": 50, "target": 4, "sequence": 1},
                {"name": "Cadence", "indicator": "contact_adherence", "weight": 30, "target": 100, "sequence": 2},
                {"name": "Conduct", "indicator": "manual", "weight": 20, "sequence": 3},
            ]
        )
        cls.spec_a.experience_ids = [
            (0, 0, {"post": "Economist", "date_start": "2019-01-01", "date_end": "2021-12-31"})
        ]
        cls._appoint(cls.spec_a, cls.category_none, cls.d("2024-01-15"))

    def _evaluate(self, user=None):
        with freeze_time("2025-07-01"):
            return (
                self.env["client_specialist.evaluation"]
                .with_user(user or self.head)
                .create({"specialist_id": self.spec_a.id, "date_from": "2025-05-01", "date_to": "2025-05-31"})
            )

    def test_results_are_frozen_in_the_evaluation(self):
        evaluation = self._evaluate()
        self.assertEqual(evaluation.order_count, 2)
        self.assertAlmostEqual(evaluation.order_amount, 500.0)
        self.assertAlmostEqual(evaluation.portfolio_revenue, 200.0)
        self.assertEqual(evaluation.new_client_count, 2)
        self.assertAlmostEqual(evaluation.contact_adherence, 66.67)
        self.assertFalse(evaluation.obligations_measured)
        self.assertFalse(evaluation.claims_measured)
        self.assertEqual(evaluation.category_id, self.category_none)
        lines = evaluation.line_ids
        self.assertEqual(lines.mapped("name"), ["Contracts", "Cadence", "Conduct"])
        self.assertEqual(lines.mapped("score"), [50.0, 66.67, 0.0])
        lines[2].score = 90
        # 50 % x 50 + 30 % x 66.67 + 20 % x 90
        self.assertAlmostEqual(evaluation.overall_score, 25 + 20 + 18, places=1)

        # The data changes afterwards: the evaluation keeps what was evaluated.
        self._confirmed_order(self.client_a1, self.user_a, 10, "2025-05-30 09:00:00")
        self.client_a3.cs_last_contact_date = "2025-05-30"
        self.env.invalidate_all()
        self.assertEqual(evaluation.order_count, 2)
        self.assertAlmostEqual(evaluation.contact_adherence, 66.67)
        self.assertEqual(evaluation.line_ids[0].value, 2)
        # The head takes them again on purpose while the evaluation is a draft.
        with freeze_time("2025-07-01"):
            evaluation.with_user(self.head).action_take_indicators()
        self.assertEqual(evaluation.order_count, 3)
        self.assertAlmostEqual(evaluation.contact_adherence, 100.0)

    def test_a_shared_evaluation_cannot_change(self):
        evaluation = self._evaluate()
        with self.assertRaises(ValidationError) as caught:
            evaluation.action_share()
        self.assertIn("outcome", str(caught.exception))
        evaluation.outcome = "keep"
        evaluation.action_share()
        self.assertEqual(evaluation.state, "done")
        self.assertIn(self.user_a.partner_id, evaluation.message_partner_ids)
        with self.assertRaises(UserError):
            evaluation.write({"order_count": 9})
        with self.assertRaises(UserError):
            evaluation.action_take_indicators()
        evaluation.action_reset_draft()
        evaluation.outcome = "improvement"

    def test_weights_must_sum_to_100(self):
        self.crit_manual.weight = 10
        with self.assertRaises(UserError) as caught:
            self._evaluate()
        self.assertIn("sum to 90.0, not 100", str(caught.exception))
        self.assertFalse(self.env["client_specialist.evaluation"].search([("specialist_id", "=", self.spec_a.id)]))
        self.crit_manual.weight = 20
        evaluation = self._evaluate()
        evaluation.line_ids[0].weight = 40
        evaluation.outcome = "keep"
        with self.assertRaises(ValidationError) as caught:
            evaluation.action_share()
        self.assertIn("not 100", str(caught.exception))
        self.assertEqual(evaluation.state, "draft")

    def test_recommending_the_next_category_opens_the_appointment(self):
        evaluation = self._evaluate()
        evaluation.write({"outcome": "next_category"})
        evaluation.action_share()
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_a).action_open_appointment_wizard()
        action = evaluation.with_user(self.head).action_open_appointment_wizard()
        self.assertEqual(action["res_model"], "client_specialist.appointment.wizard")
        wizard = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        self.assertEqual(wizard.specialist_id, self.spec_a)
        self.assertEqual(wizard.category_id, self.category_second)
        wizard.order_number = "12-к"
        wizard.date = self.d("2025-07-01")
        wizard.save().action_appoint()
        self.assertEqual(self.spec_a.category_id, self.category_second)

    def test_only_the_evaluated_specialist_acknowledges(self):
        evaluation = self._evaluate()
        evaluation.outcome = "keep"
        with self.assertRaises(UserError):
            evaluation.with_user(self.user_a).action_acknowledge()  # not shared yet: not even visible
        evaluation.action_share()
        with self.assertRaises(AccessError):
            evaluation.with_user(self.head).action_acknowledge()
        evaluation.with_user(self.user_a).action_acknowledge()
        self.assertTrue(evaluation.acknowledged_date)
        self.assertEqual(evaluation.acknowledged_by_id, self.user_a)

    def test_access_head_writes_specialist_reads_own(self):
        Evaluation = self.env["client_specialist.evaluation"]
        with self.assertRaises(AccessError):
            self._evaluate(user=self.user_a)
        evaluation = self._evaluate()
        evaluation.outcome = "keep"
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_a).read(["overall_score"])  # a draft stays with the head
        evaluation.action_share()
        evaluation.with_user(self.user_a).read(["overall_score", "comment"])
        evaluation.line_ids.with_user(self.user_a).read(["score"])
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_a).write({"comment": "<p>Excellent</p>"})
        with self.assertRaises(AccessError):
            evaluation.line_ids[:1].with_user(self.user_a).write({"score": 100})
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_b).read(["overall_score"])
        self.assertFalse(Evaluation.with_user(self.user_b).search([("id", "=", evaluation.id)]))
        with self.assertRaises(AccessError):
            self.crit_orders.with_user(self.user_a).write({"weight": 100})
        with self.assertRaises(AccessError):
            evaluation.with_user(self.plain_user).read(["overall_score"])
