# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input as an integrator sends it: refused with a ValidationError or UserError naming the field,
never a TypeError or a database error, and records of another company are not linked.

The reliability part of the application's former client_specialist/tests/test_input_checks.py."""

from psycopg2 import IntegrityError

from odoo import Command
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestInputChecks(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.client_a = Partner.create({"name": "Client", "is_company": True, "user_id": cls.user_a.id})
        cls.other_client = Partner.create(
            {"name": "Their Client", "is_company": True, "company_id": cls.other_company.id}
        )

    def test_wrong_types_are_refused_before_the_models_own_checks(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["client_specialist.reliability.assessment"].create(
                {"partner_id": self.client_a.id, "company_id": "x"}
            )
        self.assertIn("is not a valid value for", str(caught.exception))

    @mute_logger("odoo.sql_db")
    def test_scores_and_weights_keep_their_range(self):
        assessment = self.env["client_specialist.reliability.assessment"].create({"partner_id": self.client_a.id})
        line = assessment.line_ids[:1]
        for values in ({"score": 150}, {"weight": -5}):
            with self.subTest(values=values), self.assertRaises(IntegrityError):
                with self.cr.savepoint():
                    line.write(values)
                    line.flush_recordset()

    def test_scheme_reminder_and_approval_amount_cannot_be_negative(self):
        scheme = self.env["client_specialist.reliability.scheme"]._cs_for_company(self.company)
        for values, message in (
            ({"expiry_notice_days": -1}, "Remind Before Expiry"),
            ({"approval_amount": -1}, "Approval Above"),
        ):
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                with self.cr.savepoint():
                    scheme.write(values)
            self.env.invalidate_all()
        self.assertGreaterEqual(scheme.expiry_notice_days, 0)
        self.assertGreaterEqual(scheme.approval_amount, 0)

    def test_records_of_another_company_are_not_linked(self):
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["client_specialist.reliability.assessment"].create({"partner_id": self.other_client.id})

    def test_scheme_criteria_of_another_company_are_out_of_reach(self):
        other_scheme = self.env["client_specialist.reliability.scheme"].create(
            {
                "name": "Theirs",
                "company_id": self.other_company.id,
                "line_ids": [Command.create({"criterion": "relationship", "weight": 100})],
            }
        )
        line = other_scheme.line_ids.with_user(self.head)
        with self.assertRaises(AccessError):
            line.write({"weight": 50})
        with self.assertRaises(AccessError):
            line.read(["weight"])
        self.assertEqual(other_scheme.line_ids.weight, 100)
