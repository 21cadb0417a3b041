# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who decides what in evaluations and job descriptions, tried as each role: the head of sales
decides, the evaluated specialist alone acknowledges; a colleague, the specialist's deputy during
an absence, a Sales user outside Client Relations and a portal user decide nothing."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .test_results import ResultsCase


class EvaluationRolesCase(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Criterion = cls.env["client_specialist.evaluation.criterion"]
        Criterion.search([("company_id", "=", cls.company.id)]).active = False
        Criterion.create(
            [
                {"name": "Contracts", "indicator": "order_count", "weight": 60, "target": 4, "sequence": 1},
                {"name": "Conduct", "indicator": "manual", "weight": 40, "sequence": 2},
            ]
        )
        cls.spec_a.experience_ids = [
            (0, 0, {"post": "Economist", "date_start": "2019-01-01", "date_end": "2021-12-31"})
        ]
        cls._appoint(cls.spec_a, cls.category_none, cls.d("2024-01-15"))
        today = fields.Date.today()
        cls.deputy = new_test_user(
            cls.env, login="t_ev_deputy", name="Deputy C", groups="client_specialist.group_client_specialist"
        )
        cls.env["client_specialist.specialist"].create({"user_id": cls.deputy.id, "head_id": cls.head.id})
        cls.env["client_specialist.absence"].with_user(cls.head).create(
            {
                "specialist_id": cls.spec_a.id,
                "deputy_id": cls.deputy.id,
                "date_from": today,
                "date_to": today + timedelta(days=30),
            }
        )
        cls.sales_user = new_test_user(
            cls.env, login="t_ev_sales", name="Sales Only", groups="sales_team.group_sale_salesman"
        )
        cls.portal_user = new_test_user(cls.env, login="t_ev_portal", name="Portal", groups="base.group_portal")
        cls.outsiders = (cls.user_a, cls.deputy, cls.user_b, cls.sales_user, cls.portal_user, cls.plain_user)

    @classmethod
    def _evaluation(cls):
        with freeze_time("2025-07-01"):
            return (
                cls.env["client_specialist.evaluation"]
                .with_user(cls.head)
                .create({"specialist_id": cls.spec_a.id, "date_from": "2025-05-01", "date_to": "2025-05-31"})
            )

    def _stored(self, record, name):
        self.env.invalidate_all()
        return record.sudo()[name]


@tagged("post_install", "-at_install")
class TestEvaluationDecisions(EvaluationRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls._evaluation()
        cls.shared = cls._evaluation()
        cls.shared.outcome = "keep"
        cls.shared.action_share()

    def _decisions(self):
        return {
            "state": "done",
            "shared_date": "2020-01-01 00:00:00",
            "evaluator_id": self.user_b.id,
            "category_id": self.category_first.id,
            "indicators_date": "2020-01-01 00:00:00",
            "order_count": 99,
            "portfolio_revenue": 1e9,
            "contact_adherence": 100.0,
            "acknowledged_date": "2025-07-02 10:00:00",
            "acknowledged_by_id": self.user_a.id,
        }

    def test_the_head_writes_no_decision_field_but_the_outcome_and_the_scores(self):
        for name, value in self._decisions().items():
            with self.subTest(field=name):
                before = self._stored(self.draft, name)
                with self.assertRaises(AccessError) as caught:
                    self.draft.with_user(self.head).write({name: value})
                self.assertIn("cannot be set directly", str(caught.exception))
                self.assertEqual(self._stored(self.draft, name), before)
        with self.assertRaises(AccessError):
            self.shared.with_user(self.head).write({"acknowledged_date": "2025-07-02 10:00:00"})
        self.assertFalse(self._stored(self.shared, "acknowledged_date"))
        line = self.draft.line_ids.filtered(lambda line: line.indicator == "order_count")
        for name, value in (("value", 40.0), ("measured", False)):
            with self.subTest(line_field=name), self.assertRaises(AccessError):
                line.with_user(self.head).write({name: value})
        self.assertEqual(self._stored(line, "value"), 2)
        # What the head decides.
        self.draft.with_user(self.head).write(
            {"outcome": "improvement", "line_ids": [(1, line.id, {"score": 75, "weight": 60})]}
        )
        self.assertEqual((self.draft.outcome, line.score), ("improvement", 75))

    def test_the_head_evaluates_on_the_form(self):
        with Form(self.draft.with_user(self.head)) as form:
            form.outcome = "improvement"
            with form.line_ids.edit(1) as line:
                line.score = 80
        self.assertEqual(self.draft.outcome, "improvement")
        self.assertEqual(self.draft.line_ids[1].score, 80)
        self.assertEqual(self.draft.evaluator_id, self.head)

    def test_nobody_else_writes_an_evaluation_at_all(self):
        for user in self.outsiders:
            for name, value in {**self._decisions(), "outcome": "disciplinary"}.items():
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    self.shared.with_user(user).write({name: value})
        self.assertEqual(self._stored(self.shared, "outcome"), "keep")
        self.assertEqual(self._stored(self.shared, "state"), "done")

    def test_decision_fields_are_refused_on_create(self):
        Evaluation = self.env["client_specialist.evaluation"]
        count = Evaluation.search_count([])
        values = {"specialist_id": self.spec_a.id, "date_from": "2025-05-01", "date_to": "2025-05-31"}
        for user in (self.head, *self.outsiders):
            for name, value in self._decisions().items():
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    Evaluation.with_user(user).create({**values, name: value})
        self.assertEqual(Evaluation.search_count([]), count)

    def test_only_the_head_shares_and_sets_back_to_draft(self):
        self.draft.with_user(self.head).outcome = "keep"
        for user in (self.user_a, self.deputy):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as caught:
                self.draft.with_user(user).action_share()
            with self.assertRaises(AccessError):
                self.shared.with_user(user).action_reset_draft()
        self.assertIn("Only the head of sales", str(caught.exception))
        self.assertEqual(self._stored(self.draft, "state"), "draft")
        self.draft.with_user(self.head).action_share()
        self.assertEqual(self.draft.state, "done")
        self.assertTrue(self.draft.shared_date)
        with self.assertRaises(UserError):
            self.draft.with_user(self.head).action_share()
        self.draft.with_user(self.head).action_reset_draft()
        self.assertEqual((self.draft.state, self.draft.shared_date), ("draft", False))

    def test_nobody_acknowledges_for_the_specialist_not_even_the_head(self):
        for user in (self.head, self.deputy, self.user_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.shared.with_user(user).action_acknowledge()
        self.assertFalse(self._stored(self.shared, "acknowledged_date"))
        self.shared.with_user(self.user_a).action_acknowledge()
        self.assertTrue(self.shared.acknowledged_date)
        self.assertEqual(self.shared.acknowledged_by_id, self.user_a)


@tagged("post_install", "-at_install")
class TestJobDescriptionDecisions(EvaluationRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.JobDescription = cls.env["client_specialist.job.description"]
        cls.draft = cls.JobDescription.with_user(cls.head).create(
            {"name": "Client relations specialist", "category_id": cls.category_none.id, "duties": "<p>Calls.</p>"}
        )
        cls.approved = cls.JobDescription.with_user(cls.head).create(
            {"name": "Client relations specialist", "category_id": cls.category_none.id}
        )
        cls.approved.with_user(cls.head).action_approve(approver_name="P. S. Kozlov", approval_date="2025-03-01")
        cls.ack_a = cls.approved.acknowledgement_ids.filtered(lambda a: a.specialist_id == cls.spec_a)

    def _approval(self):
        return {
            "state": "approved",
            "approver_name": "Somebody",
            "approver_title": "Chairman",
            "approval_date": "2025-01-01",
            "approval_recorded_by_id": self.user_b.id,
            "version": 42,
        }

    def test_the_approval_fields_are_written_by_the_approval_only(self):
        for name, value in self._approval().items():
            with self.subTest(field=name):
                before = self._stored(self.draft, name)
                with self.assertRaises(AccessError) as caught:
                    self.draft.with_user(self.head).write({name: value})
                self.assertIn("cannot be set directly", str(caught.exception))
                self.assertEqual(self._stored(self.draft, name), before)
                with self.assertRaises(AccessError):
                    self.JobDescription.with_user(self.head).create(
                        {"name": "Forged", "category_id": self.category_first.id, name: value}
                    )
        self.assertFalse(self.JobDescription.search([("name", "=", "Forged")]))
        for user in self.outsiders:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.draft.with_user(user).write({"approver_name": "Somebody"})
            with self.assertRaises(AccessError):
                self.draft.with_user(user).action_approve(approver_name="Somebody", approval_date="2025-01-01")
        self.assertEqual(self._stored(self.draft, "state"), "draft")

    def test_the_head_records_the_approval_in_the_dialog(self):
        action = self.draft.with_user(self.head).action_open_approval_wizard()
        wizard = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        wizard.approver_name = "P. S. Kozlov"
        wizard.approver_title = "Director"
        wizard.approval_date = fields.Date.to_date("2025-09-01")
        wizard.save().action_apply()
        self.assertEqual(
            (self.draft.state, self.draft.approver_name, self.draft.approver_title, str(self.draft.approval_date)),
            ("approved", "P. S. Kozlov", "Director", "2025-09-01"),
        )
        self.assertEqual(self.draft.approval_recorded_by_id, self.head)
        self.assertEqual(self.approved.state, "archived", "the new version replaces the one in force")
        with self.assertRaises(AccessError):
            self.draft.with_user(self.user_a).action_open_approval_wizard()

    def test_a_new_version_is_numbered_by_the_system(self):
        action = self.approved.with_user(self.head).action_new_version()
        new = self.JobDescription.browse(action["res_id"])
        self.assertEqual((new.state, new.version), ("draft", self.approved.version + 1))
        self.assertFalse(new.approver_name, "nobody has approved the new draft yet")
        with self.assertRaises(AccessError):
            self.approved.with_user(self.user_a).action_new_version()

    def test_nobody_acknowledges_for_someone_else(self):
        for user in (self.head, self.deputy, self.user_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.ack_a.with_user(user).action_acknowledge()
        with self.assertRaises(UserError):
            self.approved.with_user(self.deputy).action_acknowledge()  # the deputy has none of their own
        for user in (self.head, *self.outsiders):
            for values in ({"state": "done"}, {"date": "2025-03-02 10:00:00"}, {"acknowledged_by_id": user.id}):
                with self.subTest(user=user.login, values=values), self.assertRaises(AccessError):
                    self.ack_a.with_user(user).write(values)
        self.assertEqual(self._stored(self.ack_a, "state"), "pending")
        self.approved.with_user(self.user_a).action_acknowledge()
        self.assertEqual((self.ack_a.state, self.ack_a.acknowledged_by_id), ("done", self.user_a))

    def test_the_reminder_goes_to_the_absent_specialist_not_to_the_deputy(self):
        self.env["client_specialist.job.description.acknowledgement"]._cron_remind_acknowledgement()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", self.approved._name), ("res_id", "=", self.approved.id)]
        )
        self.assertIn(self.user_a, activities.user_id)
        self.assertNotIn(self.deputy, activities.user_id)
        self.assertTrue(self.ack_a.reminder_sent)
