# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input as an integrator sends it to the application's models: refused with a ValidationError or
UserError naming the field, never a TypeError or a database error, and records of another company
are not linked. The feature modules test their own models the same way."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ClientSpecialistCase


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
        cls.other_user = new_test_user(
            cls.env,
            login="t_other_co",
            name="Other Company User",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.client_a.id})
        cls.other_order_of_client = cls.env["sale.order"].create(
            {"partner_id": cls.client_a.id, "company_id": cls.other_company.id}
        )

    def test_wrong_types_are_refused_before_the_models_own_checks(self):
        Need = self.env["client_specialist.need"]
        for values in (
            {"name": "Film", "partner_id": "Client"},
            {"name": ["Film"], "partner_id": self.client_a.id},
            {"name": "Film", "partner_id": self.client_a.id, "expected_volume": "a lot"},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                Need.create(values)
            self.assertIn("is not a valid value for", str(caught.exception))
        with self.assertRaisesRegex(ValidationError, "Education"):
            self.spec_a.write({"education_level": 5})

    def test_numbers_beyond_the_column_and_not_finite_are_refused(self):
        Tier = self.env["client_specialist.tier"]
        with self.assertRaisesRegex(ValidationError, "out of range for Contact Every"):
            Tier.create({"name": "Big", "contact_interval_days": 1e12})
        for value in (float("inf"), float("nan")):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                Tier.create({"name": "Endless", "contact_interval_days": value})
        self.assertFalse(Tier.search([("name", "in", ("Big", "Endless"))]))

    def test_malformed_relation_commands_are_refused(self):
        need = self.env["client_specialist.need"].create({"name": "Film", "partner_id": self.client_a.id})
        for value in (
            "S0001",
            {"id": 1},
            [(6, 0, "x")],
            [(6, 0, [self.order.id, "x"])],
            [(4, "x")],
            [(3,)],
            [(99, 0, 0)],
        ):
            with self.subTest(value=value), self.assertRaisesRegex(ValidationError, "Quotations"):
                need.write({"sale_order_ids": value})
        need.write({"sale_order_ids": [self.order.id]})  # bare ids are a set, as Odoo takes them
        self.assertEqual(need.sale_order_ids, self.order)
        Review = self.env["client_specialist.tier.review"]
        tier = self.env["client_specialist.tier"].create({"name": "Gold"})
        with self.assertRaisesRegex(ValidationError, "Proposals"):
            Review.create({"date_from": "2025-01-01", "line_ids": [(0, 0, "Client")]})
        # The web client creates lines with a virtual id in the middle.
        review = Review.create(
            {
                "date_from": "2025-01-01",
                "line_ids": [(0, "virtual_1", {"partner_id": self.client_a.id, "proposed_tier_id": tier.id})],
            }
        )
        self.assertEqual(review.line_ids.proposed_tier_id, tier)

    def test_required_relations_of_wizards_are_required(self):
        Wizard = self.env["client_specialist.partner.lost.wizard"]
        with self.assertRaisesRegex(ValidationError, "Clients is required"):
            Wizard.create({"reason": "Moved abroad"})
        wizard = Wizard.create({"reason": "Moved abroad", "partner_ids": [Command.set(self.client_a.ids)]})
        with self.assertRaisesRegex(ValidationError, "Clients is required"):
            wizard.write({"partner_ids": [Command.clear()]})

    def test_records_of_another_company_are_not_linked(self):
        other_pricelist = self.env["product.pricelist"].create({"name": "Theirs", "company_id": self.other_company.id})
        other_tier = self.env["client_specialist.tier"].create({"name": "Theirs", "company_id": self.other_company.id})
        review = self.env["client_specialist.tier.review"].create({"date_from": "2025-01-01"})
        cases = [
            ("client_specialist.tier", {"name": "T", "pricelist_id": other_pricelist.id}),
            ("client_specialist.tier", {"name": "T", "individual_user_id": self.other_user.id}),
            ("client_specialist.need", {"name": "Film", "partner_id": self.other_client.id}),
            (
                "client_specialist.need",
                {
                    "name": "Film",
                    "partner_id": self.client_a.id,
                    "sale_order_ids": [Command.set(self.other_order_of_client.ids)],
                },
            ),
            (
                "client_specialist.absence",
                {
                    "specialist_id": self.spec_a.id,
                    "deputy_id": self.other_user.id,
                    "date_from": "2030-01-01",
                    "date_to": "2030-01-05",
                },
            ),
            (
                "client_specialist.tier.review.line",
                {"review_id": review.id, "partner_id": self.client_a.id, "proposed_tier_id": other_tier.id},
            ),
        ]
        for model, values in cases:
            with self.subTest(model=model, values=values), self.assertRaisesRegex(UserError, "Incompatible companies"):
                self.env[model].create(values)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.spec_a.head_id = self.other_user
