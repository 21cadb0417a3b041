# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input on obligations and disagreements as an integrator sends it: refused with a
ValidationError or UserError naming the field, never a TypeError or a database error, and
records of another company are not linked. (The contract parts of the application's former
test_input_checks.py.)"""

from odoo import Command
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContractInputChecks(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.client_a = Partner.create({"name": "Client", "is_company": True, "user_id": cls.user_a.id})
        cls.other_client = Partner.create(
            {"name": "Their Client", "is_company": True, "company_id": cls.other_company.id}
        )
        cls.other_user = new_test_user(
            cls.env,
            login="t_contract_other_co",
            name="Other Company User",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.client_a.id})
        cls.other_order = cls.env["sale.order"].create(
            {"partner_id": cls.other_client.id, "company_id": cls.other_company.id}
        )
        cls.obligation = cls.env["client_specialist.obligation"].create(
            {"name": "Act", "partner_id": cls.client_a.id, "date_due": "2030-01-01"}
        )

    def test_wrong_types_are_refused_before_the_models_own_checks(self):
        with self.assertRaisesRegex(ValidationError, "Due Date"):
            self.obligation.write({"date_due": "next week"})
        with self.assertRaisesRegex(ValidationError, "Due Date"):
            self.obligation.write({"date_due": 5})
        with self.assertRaisesRegex(ValidationError, "Contract Clause"):
            self.env["client_specialist.disagreement"].create(
                {"order_id": self.order.id, "clause": ["5.2"], "client_wording": "60 days"}
            )

    def test_numbers_that_are_not_finite_are_refused(self):
        for value in (float("inf"), float("nan")):
            with self.subTest(value=value), self.assertRaisesRegex(ValidationError, "Amount"):
                self.obligation.write({"amount": value})

    def test_text_booleans_and_ids_of_the_wrong_type_are_refused(self):
        for values in ({"name": ["Act"]}, {"note": {"text": "x"}}, {"partner_id": True}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.obligation.write(values)
        self.assertEqual(self.obligation.name, "Act")

    def test_required_relations_of_the_dialogs_are_required(self):
        for model, field in (
            ("client_specialist.approval.reject.wizard", "Orders"),
            ("client_specialist.obligation.waive.wizard", "Obligations"),
        ):
            with self.subTest(model=model), self.assertRaisesRegex(ValidationError, f"{field} is required"):
                self.env[model].with_user(self.head).create({"reason": "x"})

    def test_records_of_another_company_are_not_linked(self):
        cases = [
            {"name": "Pay", "order_id": self.other_order.id, "company_id": self.company.id, "date_due": "2030-01-01"},
            {"name": "Act", "partner_id": self.other_client.id, "date_due": "2030-01-01"},
        ]
        for values in cases:
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "Incompatible companies"):
                self.env["client_specialist.obligation"].create(values)

    def test_buttons_answer_a_value_xmlrpc_can_carry(self):
        """XML-RPC cannot carry None: a button that returned nothing was a server error to the caller."""
        disagreement = self.env["client_specialist.disagreement"].create(
            {"order_id": self.order.id, "clause": "5.2", "our_wording": "30 days", "client_wording": "60 days"}
        )
        for action in ("action_accept_ours", "action_reopen", "action_accept_theirs", "action_reopen", "action_agree"):
            with self.subTest(action=action):
                self.assertIs(getattr(disagreement, action)(), True)
        self.assertIs(disagreement.action_withdraw(), True)
        self.assertIs(self.obligation.action_done(), True)
        self.assertIs(self.obligation.with_user(self.head).action_reopen(), True)
        self.assertIs(self.obligation.with_user(self.head).action_cs_request_waiver("Not needed"), True)
