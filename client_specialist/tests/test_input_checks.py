# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bad input as an integrator sends it: refused with a ValidationError or UserError naming the field,
never a TypeError or a database error, and records of another company are not linked."""

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestInputChecks(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.other_company = cls.env["res.company"].create({"name": "Other Company"})
        cls.client_a = Partner.create({"name": "Client", "is_company": True, "user_id": cls.user_a.id})
        cls.rival = Partner.create({"name": "Rival", "is_company": True, "cs_is_competitor": True})
        cls.other_client, cls.other_rival = Partner.create(
            [
                {"name": "Their Client", "is_company": True, "company_id": cls.other_company.id},
                {
                    "name": "Their Rival",
                    "is_company": True,
                    "cs_is_competitor": True,
                    "company_id": cls.other_company.id,
                },
            ]
        )
        cls.other_user = new_test_user(
            cls.env,
            login="t_other_co",
            name="Other Company User",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.client_a.id})
        cls.other_order = cls.env["sale.order"].create(
            {"partner_id": cls.other_client.id, "company_id": cls.other_company.id}
        )
        cls.other_order_of_client = cls.env["sale.order"].create(
            {"partner_id": cls.client_a.id, "company_id": cls.other_company.id}
        )
        cls.obligation = cls.env["client_specialist.obligation"].create(
            {"name": "Act", "partner_id": cls.client_a.id, "date_due": "2030-01-01"}
        )

    # ------------------------------------------------------------------------------------------
    # Types: checked before the models' own create and write read the values
    # ------------------------------------------------------------------------------------------

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
            (self.env["client_specialist.feedback"], {"subject": "Late", "partner_id": "Client"}),
            (self.env["client_specialist.reliability.assessment"], {"partner_id": self.client_a.id, "company_id": "x"}),
        ]
        for model, values in cases:
            with self.subTest(model=model._name, values=values), self.assertRaises(ValidationError) as caught:
                model.create(values)
            self.assertIn("is not a valid value for", str(caught.exception))
        share = Share.create({"partner_id": self.client_a.id, "competitor_id": self.rival.id, "share_percent": 10})
        with self.assertRaisesRegex(ValidationError, "Share of Spend"):
            share.write({"share_percent": "half"})
        with self.assertRaisesRegex(ValidationError, "Due Date"):
            self.obligation.write({"date_due": "next week"})
        with self.assertRaisesRegex(ValidationError, "Due Date"):
            self.obligation.write({"date_due": 5})

    def test_numbers_beyond_the_column_and_not_finite_are_refused(self):
        Tier = self.env["client_specialist.tier"]
        with self.assertRaisesRegex(ValidationError, "out of range for Contact Every"):
            Tier.create({"name": "Big", "contact_interval_days": 1e12})
        with self.assertRaisesRegex(ValidationError, "out of range for Sequence"):
            self.env["client_specialist.lost.reason"].create({"name": "Big", "sequence": 2**31})
        for value in (float("inf"), float("nan")):
            with self.subTest(value=value), self.assertRaisesRegex(ValidationError, "Amount"):
                self.obligation.write({"amount": value})
        with self.assertRaisesRegex(ValidationError, "Quotation"):
            self.env["client_specialist.competing.offer"].create({"order_id": 2**40, "competitor_id": self.rival.id})

    def test_text_booleans_and_ids_of_the_wrong_type_are_refused(self):
        for values in ({"name": ["Act"]}, {"note": {"text": "x"}}, {"partner_id": True}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.obligation.write(values)
        feedback = self.env["client_specialist.feedback"].create({"subject": "Late", "partner_id": self.client_a.id})
        with self.assertRaisesRegex(ValidationError, "Compensation"):
            feedback.write({"compensation": "yes"})
        self.assertEqual(self.obligation.name, "Act")

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
        Wizard = self.env["client_specialist.order.lost.wizard"]
        reason = self.env["client_specialist.lost.reason"].create({"name": "Price"})
        with self.assertRaisesRegex(ValidationError, "Quotations is required"):
            Wizard.create({"lost_reason_id": reason.id})
        wizard = Wizard.create({"lost_reason_id": reason.id, "order_ids": [Command.set(self.order.ids)]})
        with self.assertRaisesRegex(ValidationError, "Quotations is required"):
            wizard.write({"order_ids": [Command.clear()]})
        # Taken from the context, as the button opens it.
        self.assertTrue(Wizard.with_context(default_order_ids=self.order.ids).create({"lost_reason_id": reason.id}))

    # ------------------------------------------------------------------------------------------
    # Ranges
    # ------------------------------------------------------------------------------------------

    @mute_logger("odoo.sql_db")
    def test_weights_scores_and_versions_keep_their_range(self):
        Criterion = self.env["client_specialist.evaluation.criterion"]
        Criterion.search([("company_id", "=", self.company.id)]).active = False
        Criterion.create({"name": "Conduct", "weight": 100})
        evaluation = self.env["client_specialist.evaluation"].create(
            {"specialist_id": self.spec_a.id, "date_from": "2025-01-01", "date_to": "2025-01-31"}
        )
        assessment = self.env["client_specialist.reliability.assessment"].create({"partner_id": self.client_a.id})
        line = assessment.line_ids[:1]
        description = self.env["client_specialist.job.description"].create(
            {"name": "JD", "category_id": self.category_none.id}
        )
        for record, values in (
            (evaluation.line_ids, {"weight": -10}),
            (evaluation.line_ids, {"weight": 150}),
            (line, {"score": 150}),
            (line, {"weight": -5}),
            (description, {"version": 0}),
        ):
            with self.subTest(model=record._name, values=values), self.assertRaises(IntegrityError):
                with self.cr.savepoint():
                    record.write(values)
                    record.flush_recordset()

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

    # ------------------------------------------------------------------------------------------
    # Another company's records
    # ------------------------------------------------------------------------------------------

    def test_records_of_another_company_are_not_linked(self):
        other_pricelist = self.env["product.pricelist"].create({"name": "Theirs", "company_id": self.other_company.id})
        other_tier = self.env["client_specialist.tier"].create({"name": "Theirs", "company_id": self.other_company.id})
        other_criterion = self.env["client_specialist.evaluation.criterion"].create(
            {"name": "Theirs", "weight": 100, "company_id": self.other_company.id}
        )
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
            ("client_specialist.feedback", {"subject": "Late", "partner_id": self.other_client.id}),
            ("client_specialist.competitor.policy", {"name": "Summer", "competitor_id": self.other_rival.id}),
            (
                "client_specialist.competitor.share",
                {"partner_id": self.client_a.id, "competitor_id": self.other_rival.id},
            ),
            ("client_specialist.competing.offer", {"order_id": self.order.id, "competitor_id": self.other_rival.id}),
            (
                "client_specialist.obligation",
                {
                    "name": "Pay",
                    "order_id": self.other_order.id,
                    "company_id": self.company.id,
                    "date_due": "2030-01-01",
                },
            ),
            (
                "client_specialist.obligation",
                {"name": "Act", "partner_id": self.other_client.id, "date_due": "2030-01-01"},
            ),
            ("client_specialist.reliability.assessment", {"partner_id": self.other_client.id}),
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
        evaluation_line = {"name": "Theirs", "indicator": "manual", "weight": 10, "criterion_id": other_criterion.id}
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["client_specialist.evaluation.line"].create(
                {**evaluation_line, "evaluation_id": self._evaluation().id}
            )

    def _evaluation(self):
        Criterion = self.env["client_specialist.evaluation.criterion"]
        Criterion.search([("company_id", "=", self.company.id)]).active = False
        Criterion.create({"name": "Conduct", "weight": 100})
        return self.env["client_specialist.evaluation"].create(
            {"specialist_id": self.spec_a.id, "date_from": "2025-01-01", "date_to": "2025-01-31"}
        )

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

    # ------------------------------------------------------------------------------------------
    # Buttons over XML-RPC
    # ------------------------------------------------------------------------------------------

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
