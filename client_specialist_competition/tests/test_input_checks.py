# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input as an integrator sends it: refused with a ValidationError or UserError naming the field,
never a TypeError or a database error, and records of another company are not linked.

The competition part of the application's former client_specialist/tests/test_input_checks.py."""

from odoo import Command
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestInputChecks(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.client_a = Partner.create({"name": "Client", "is_company": True, "user_id": cls.user_a.id})
        cls.rival = Partner.create({"name": "Rival", "is_company": True, "cs_is_competitor": True})
        cls.other_rival = Partner.create(
            {"name": "Their Rival", "is_company": True, "cs_is_competitor": True, "company_id": cls.other_company.id}
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.client_a.id})

    def test_wrong_types_are_refused_before_the_models_own_checks(self):
        Share = self.env["client_specialist.competitor.share"]
        Offer = self.env["client_specialist.competing.offer"]
        Policy = self.env["client_specialist.competitor.policy"]
        cases = [
            (Share, {"partner_id": self.client_a.id, "competitor_id": self.rival.id, "share_percent": "half"}),
            (Share, {"partner_id": "Client", "competitor_id": self.rival.id}),
            (Offer, {"order_id": self.order.id, "competitor_id": self.rival.id, "price": "cheap"}),
            (Policy, {"name": "Summer", "competitor_id": self.rival.id, "discount_percent": "ten"}),
            (Policy, {"name": "Summer", "competitor_id": self.rival.id, "payment_days": [30]}),
        ]
        for model, values in cases:
            with self.subTest(model=model._name, values=values), self.assertRaises(ValidationError) as caught:
                model.create(values)
            self.assertIn("is not a valid value for", str(caught.exception))
        share = Share.create({"partner_id": self.client_a.id, "competitor_id": self.rival.id, "share_percent": 10})
        with self.assertRaisesRegex(ValidationError, "Share of Spend"):
            share.write({"share_percent": "half"})

    def test_numbers_beyond_the_column_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "out of range for Sequence"):
            self.env["client_specialist.lost.reason"].create({"name": "Big", "sequence": 2**31})
        with self.assertRaisesRegex(ValidationError, "Quotation"):
            self.env["client_specialist.competing.offer"].create({"order_id": 2**40, "competitor_id": self.rival.id})

    def test_required_relations_of_wizards_are_required(self):
        Wizard = self.env["client_specialist.order.lost.wizard"]
        reason = self.env["client_specialist.lost.reason"].create({"name": "Price"})
        with self.assertRaisesRegex(ValidationError, "Quotations is required"):
            Wizard.create({"lost_reason_id": reason.id})
        wizard = Wizard.create({"lost_reason_id": reason.id, "order_ids": [Command.set(self.order.ids)]})
        with self.assertRaisesRegex(ValidationError, "Quotations is required"):
            wizard.write({"order_ids": [Command.clear()]})
        # Taken from the context, as the button opens it.
        self.assertTrue(Wizard.with_context(default_order_ids=self.order.ids).create({"lost_reason_id": reason.id}))

    def test_records_of_another_company_are_not_linked(self):
        cases = [
            ("client_specialist.competitor.policy", {"name": "Summer", "competitor_id": self.other_rival.id}),
            (
                "client_specialist.competitor.share",
                {"partner_id": self.client_a.id, "competitor_id": self.other_rival.id},
            ),
            ("client_specialist.competing.offer", {"order_id": self.order.id, "competitor_id": self.other_rival.id}),
        ]
        for model, values in cases:
            with self.subTest(model=model, values=values), self.assertRaisesRegex(UserError, "Incompatible companies"):
                self.env[model].create(values)
