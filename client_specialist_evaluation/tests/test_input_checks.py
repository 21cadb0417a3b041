# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input as an integrator sends it: refused with a ValidationError or UserError naming the field,
never a TypeError or a database error, and records of another company are not linked.

The results and evaluation part of the application's former client_specialist/tests/test_input_checks.py."""

from psycopg2 import IntegrityError

from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestInputChecks(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})

    def _evaluation(self):
        Criterion = self.env["client_specialist.evaluation.criterion"]
        Criterion.search([("company_id", "=", self.company.id)]).active = False
        Criterion.create({"name": "Conduct", "weight": 100})
        return self.env["client_specialist.evaluation"].create(
            {"specialist_id": self.spec_a.id, "date_from": "2025-01-01", "date_to": "2025-01-31"}
        )

    @mute_logger("odoo.sql_db")
    def test_weights_scores_and_versions_keep_their_range(self):
        evaluation = self._evaluation()
        description = self.env["client_specialist.job.description"].create(
            {"name": "JD", "category_id": self.category_none.id}
        )
        for record, values in (
            (evaluation.line_ids, {"weight": -10}),
            (evaluation.line_ids, {"weight": 150}),
            (description, {"version": 0}),
        ):
            with self.subTest(model=record._name, values=values), self.assertRaises(IntegrityError):
                with self.cr.savepoint():
                    record.write(values)
                    record.flush_recordset()

    def test_records_of_another_company_are_not_linked(self):
        other_criterion = self.env["client_specialist.evaluation.criterion"].create(
            {"name": "Theirs", "weight": 100, "company_id": self.other_company.id}
        )
        evaluation_line = {"name": "Theirs", "indicator": "manual", "weight": 10, "criterion_id": other_criterion.id}
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["client_specialist.evaluation.line"].create(
                {**evaluation_line, "evaluation_id": self._evaluation().id}
            )

    def test_buttons_answer_a_value_xmlrpc_can_carry(self):
        """XML-RPC cannot carry None: a button that returned nothing was a server error to the caller."""
        description = self.env["client_specialist.job.description"].create(
            {
                "name": "JD",
                "category_id": self.category_none.id,
                "approver_name": "Director",
                "approval_date": "2025-01-01",
            }
        )
        self.assertIs(description.with_user(self.head).action_approve(), True)
        evaluation = self._evaluation()
        self.assertIs(evaluation.action_take_indicators(), True)
        self.assertIs(evaluation.action_reset_draft(), True)
