# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may set what on an assessment, tried as each role: the portfolio owner, a colleague, the
owner's deputy during an absence, the head of sales, a Sales user outside Client Relations and a
portal user of the client."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .test_reliability import ReliabilityCase


class ReliabilityRolesCase(ReliabilityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.deputy = new_test_user(
            cls.env, login="t_rel_deputy", name="Deputy C", groups="client_specialist.group_client_specialist"
        )
        cls.env["client_specialist.specialist"].create({"user_id": cls.deputy.id, "head_id": cls.head.id})
        cls.absence = (
            cls.env["client_specialist.absence"]
            .with_user(cls.head)
            .create(
                {
                    "specialist_id": cls.spec_a.id,
                    "deputy_id": cls.deputy.id,
                    "date_from": today,
                    "date_to": today + timedelta(days=200),
                }
            )
        )
        cls.sales_user = new_test_user(
            cls.env, login="t_rel_sales", name="Sales Only", groups="sales_team.group_sale_salesman"
        )
        cls.client_b = cls.env["res.partner"].create(
            {"name": "Colleague's client", "is_company": True, "user_id": cls.user_b.id, "cs_stage": "client"}
        )
        cls.portal_user = new_test_user(cls.env, login="t_rel_portal", name="Buyer at Good", groups="base.group_portal")
        cls.portal_user.partner_id.parent_id = cls.good
        cls.scheme.write({"credit_limit_b": 20000, "credit_limit_c": 10000})
        cls.mine = cls.Assessment.with_user(cls.user_a).create({"partner_id": cls.good.id, "registry_status": "active"})
        cls.grade = cls.mine.grade
        cls.theirs = cls.Assessment.create({"partner_id": cls.client_b.id, "registry_status": "liquidation"})
        # A lenient scheme kept aside: nobody scores with it but the company's active one.
        cls.lenient = cls.env["client_specialist.reliability.scheme"].create(
            {
                "name": "Lenient",
                "active": False,
                "threshold_a": 3,
                "threshold_b": 2,
                "threshold_c": 1,
                "line_ids": [Command.create({"criterion": "registry_status", "weight": 100})],
            }
        )

    def _stored(self, record, name):
        self.env.invalidate_all()
        return record.sudo()[name]


@tagged("post_install", "-at_install")
class TestAssessmentDecisions(ReliabilityRolesCase):
    def _decisions(self):
        return {
            "score": 1.0,
            "grade": "D",
            "computed_at": "2020-01-01 00:00:00",
            "scheme_id": self.lenient.id,
            "date": "2099-01-01",
            "valid_until": "2099-12-31",
            "expiry_notified": True,
        }

    def test_every_decision_field_is_refused_on_write_to_who_does_not_decide(self):
        # The owner and the deputy may write the assessment, the others may not even that.
        for user in (self.user_a, self.deputy, self.user_b, self.sales_user, self.portal_user, self.plain_user):
            for name, value in self._decisions().items():
                with self.subTest(user=user.login, field=name):
                    before = self._stored(self.mine, name)
                    with self.assertRaises(AccessError) as caught:
                        self.mine.with_user(user).write({name: value})
                    if user in (self.user_a, self.deputy):
                        self.assertIn("cannot be set directly", str(caught.exception))
                        label = self.Assessment._fields[name]._description_string(self.env)
                        self.assertIn(label, str(caught.exception))
                    self.assertEqual(self._stored(self.mine, name), before)
        # The head of sales decides the dates and the validity, nothing computed.
        for name in ("score", "grade", "computed_at", "scheme_id", "expiry_notified"):
            with self.subTest(user="head", field=name), self.assertRaises(AccessError):
                self.mine.with_user(self.head).write({name: self._decisions()[name]})
        self.assertEqual(self._stored(self.mine, "grade"), self.grade)
        self.assertEqual(self._stored(self.mine, "scheme_id"), self.scheme)

    def test_every_decision_field_is_refused_on_create_to_who_does_not_decide(self):
        count = self.Assessment.search_count([])
        for user in (self.user_a, self.deputy, self.head, self.sales_user, self.portal_user):
            for name, value in self._decisions().items():
                if user == self.head and name in ("date", "valid_until"):
                    continue
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    self.Assessment.with_user(user).create({"partner_id": self.late.id, name: value})
        self.assertEqual(self.Assessment.search_count([]), count)
        # What the form sends for a new assessment is accepted: a date up to today, no validity.
        backdated = self.Assessment.with_user(self.user_a).create(
            {"partner_id": self.late.id, "date": fields.Date.today() - timedelta(days=3)}
        )
        self.assertEqual(backdated.valid_until, backdated.date + timedelta(days=self.scheme.validity_days))
        self.assertEqual(backdated.scheme_id, self.scheme)

    def test_the_form_works_for_the_specialist_and_the_head(self):
        with Form(self.Assessment.with_user(self.user_a)) as form:
            form.partner_id = self.late
            form.registry_status = "active"
            self.assertTrue(form._get_modifier("valid_until", "readonly"))
        assessment = form.record
        self.assertEqual(assessment.date, fields.Date.today())
        self.assertEqual(assessment.scheme_id, self.scheme)
        until = fields.Date.today() + timedelta(days=30)
        with Form(assessment.with_user(self.head)) as form:
            form.valid_until = until
        self.assertEqual(assessment.valid_until, until)

    def test_the_head_of_sales_decides_the_validity(self):
        until = fields.Date.today() + timedelta(days=400)
        self.mine.with_user(self.head).write({"valid_until": until})
        self.assertEqual(self.mine.valid_until, until)
        with self.assertRaises(UserError) as caught:
            self.mine.with_user(self.head).write({"valid_until": self.mine.date - timedelta(days=1)})
        self.assertIn("cannot expire before its date", str(caught.exception))
        future = self.Assessment.with_user(self.head).create(
            {"partner_id": self.late.id, "date": fields.Date.today() + timedelta(days=2)}
        )
        self.assertTrue(future.is_valid)

    def test_lines_are_written_by_the_computation_only(self):
        line = self.mine.line_ids[:1]
        for user in (self.user_a, self.deputy, self.head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).write({"score": 100})
        with self.assertRaises(AccessError):
            self.env["client_specialist.reliability.line"].with_user(self.head).create(
                {"assessment_id": self.mine.id, "criterion": "court_cases", "score": 100, "weight": 100}
            )
        self.assertEqual(self._stored(self.mine, "grade"), self.grade)


@tagged("post_install", "-at_install")
class TestAssessmentAttacks(ReliabilityRolesCase):
    def test_a_bad_assessment_is_not_re_pointed_at_a_colleague_s_client(self):
        bad = self.Assessment.with_user(self.user_a).create(
            {"partner_id": self.late.id, "registry_status": "liquidation"}
        )
        self.assertEqual(bad.grade, "D")
        for user, target in ((self.user_a, self.client_b), (self.deputy, self.client_b), (self.user_a, self.good)):
            with self.subTest(user=user.login, target=target.name), self.assertRaises(UserError):
                bad.with_user(user).write({"partner_id": target.id})
        self.assertEqual(self._stored(bad, "partner_id"), self.late)
        self.assertEqual(self._stored(self.client_b, "cs_reliability_id"), self.theirs)
        self.assertEqual(self._stored(self.client_b, "cs_reliability_grade"), "D")
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_a).write({"note": "<p>mine now</p>"})
        with self.assertRaises(AccessError):
            self.Assessment.with_user(self.user_a).create({"partner_id": self.client_b.id})

    def test_the_validity_is_not_stretched_past_the_approval_gate(self):
        with freeze_time("2026-01-10"):
            assessment = self.Assessment.with_user(self.user_a).create(
                {"partner_id": self.prospect.id, "registry_status": "active"}
            )
        with freeze_time("2026-09-01"):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.prospect.id,
                    "user_id": self.user_a.id,
                    "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 20})],
                }
            )
            self.assertIn("no valid reliability assessment", order.cs_reliability_warning)
            for values in ({"valid_until": "2099-12-31"}, {"date": "2026-09-01"}):
                for user in (self.user_a, self.deputy):
                    with self.subTest(values=values, user=user.login), self.assertRaises(AccessError):
                        assessment.with_user(user).write(values)
            self.assertEqual(str(self._stored(assessment, "valid_until")), "2026-07-09")
            with self.assertRaises(AccessError):
                self.Assessment.with_user(self.user_a).create(
                    {"partner_id": self.prospect.id, "date": "2099-01-01", "registry_status": "active"}
                )
            order.invalidate_recordset(["cs_reliability_warning"])
            self.assertIn("no valid reliability assessment", order.cs_reliability_warning)
            order.with_user(self.user_a).action_confirm()
            self.assertEqual((order.state, order.cs_approval_state), ("draft", "to_approve"))

    def test_grade_and_score_are_read_by_client_relations_only(self):
        fields_read = ["cs_reliability_grade", "cs_reliability_score", "cs_reliability_valid_until"]
        self.good.with_user(self.user_a).read(fields_read)
        self.good.with_user(self.deputy).read(fields_read)
        self.good.with_user(self.head).read(fields_read)
        for user in (self.sales_user, self.plain_user, self.portal_user):
            partner = self.good.with_user(user)
            partner.read(["name"])  # the client itself is readable
            for name in [*fields_read, "cs_reliability_id", "cs_reliability_ids"]:
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    partner.read([name])
        # Whoever posts an invoice marks the client for the nightly recompute, reading or not.
        self.good.with_user(self.sales_user)._cs_mark_reliability_dirty()
        self.assertTrue(self._stored(self.good, "cs_reliability_dirty"))

    def test_the_head_applies_the_suggested_credit_limit(self):
        for user in (self.user_a, self.deputy):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as caught:
                self.mine.with_user(user).action_apply_credit_limit()
            self.assertIn("Only the head of sales applies the suggested credit limit", str(caught.exception))
        self.assertFalse(self._stored(self.good, "credit_limit"))
        self.mine.with_user(self.head).action_apply_credit_limit()
        self.assertEqual(self._stored(self.good, "credit_limit"), self.scheme._cs_credit_limit(self.grade))
        self.assertTrue(self._stored(self.good, "credit_limit"))
        with freeze_time(fields.Date.today() + timedelta(days=365)), self.assertRaises(UserError) as caught:
            self.env.invalidate_all()
            self.mine.with_user(self.head).action_apply_credit_limit()
        self.assertIn("no longer valid", str(caught.exception))

    def test_the_expiry_reminder_goes_to_the_deputy_of_an_absent_specialist(self):
        with freeze_time(self.mine.valid_until - timedelta(days=3)):
            self.env["res.partner"]._cron_reliability()
        activity = self.mine.sudo().activity_ids
        self.assertEqual(activity.user_id, self.deputy)
        self.assertEqual(activity.date_deadline, self.mine.valid_until)
        self.assertIn(self.good.display_name, activity.summary)
        self.assertTrue(self.mine.expiry_notified)
