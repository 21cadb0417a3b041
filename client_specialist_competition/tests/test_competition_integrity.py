# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may write what about competitors, tried as each role: the portfolio owner, a colleague, the
owner's deputy during an absence, the head of sales, a Sales user outside Client Relations and a
portal user of the client."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .competition_common import CompetitionCase

LOST_FIELDS = ["cs_lost_reason_id", "cs_winning_competitor_id", "cs_lost_note", "cs_lost_date", "cs_outcome"]


class CompetitionRolesCase(CompetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.deputy = new_test_user(
            cls.env, login="t_comp_deputy", name="Deputy C", groups="client_specialist.group_client_specialist"
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
            cls.env, login="t_comp_sales", name="Sales Only", groups="sales_team.group_sale_salesman"
        )
        cls.portal_user = new_test_user(cls.env, login="t_comp_portal", name="Buyer", groups="base.group_portal")
        cls.portal_user.partner_id.parent_id = cls.client_a
        cls.share_a = cls.Share.create(
            {"partner_id": cls.client_a.id, "competitor_id": cls.rival_x.id, "share_percent": 20}
        )
        cls.order_a = cls._order(cls.client_a, offers=[(cls.rival_x, 90.0)])
        cls.order_b = cls._order(cls.client_b, offers=[(cls.rival_y, 95.0)])
        cls.offer_a = cls.order_a.cs_competing_offer_ids

    def _stored(self, record, name):
        self.env.invalidate_all()
        return record.sudo()[name]

    def _refused_after_write(self, record, user, values):
        """The write is refused once done: the record as it was, as the server's rollback leaves it."""
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            record.with_user(user).write(values)
        self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestPolicyWriters(CompetitionRolesCase):
    def test_every_specialist_records_and_edits_policies_in_their_own_name(self):
        policies = self.Policy.browse()
        for user in (self.user_a, self.user_b, self.deputy, self.head):
            policies |= self.Policy.with_user(user).create({"competitor_id": self.rival_x.id, "name": user.name})
        self.assertEqual(policies.user_id, self.user_a | self.user_b | self.deputy | self.head)
        policies[0].with_user(self.user_b).write({"description": "Seen again"})
        for user in (self.user_a, self.user_b, self.deputy, self.head):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as caught:
                policies[0].with_user(user).write({"user_id": self.plain_user.id})
            self.assertIn("Recorded By", str(caught.exception))
            with self.assertRaises(AccessError):
                self.Policy.with_user(user).create(
                    {"competitor_id": self.rival_x.id, "name": "Forged", "user_id": self.plain_user.id}
                )
        self.assertEqual(self._stored(policies[0], "user_id"), self.user_a)
        self.assertFalse(self.Policy.search([("name", "=", "Forged")]))

    def test_the_form_records_a_policy_in_the_author_s_name(self):
        with Form(self.Policy.with_user(self.deputy)) as form:
            form.competitor_id = self.rival_y
            form.name = "Free delivery"
            form.aspect = "delivery"
        self.assertEqual((form.record.user_id, form.record.active), (self.deputy, True))

    def test_only_the_head_archives_even_on_creation(self):
        for user in (self.user_a, self.deputy, self.user_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Policy.with_user(user).create({"competitor_id": self.rival_x.id, "name": "Old", "active": False})
        self.assertFalse(self.Policy.with_context(active_test=False).search([("name", "=", "Old")]))
        archived = self.Policy.with_user(self.head).create(
            {"competitor_id": self.rival_x.id, "name": "Old", "active": False}
        )
        self.assertFalse(archived.active)

    def test_outside_client_relations_nobody_writes_policies(self):
        policy = self.Policy.with_user(self.user_a).create({"competitor_id": self.rival_x.id, "name": "Summer"})
        for user in (self.sales_user, self.portal_user, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                policy.with_user(user).write({"description": "x"})
            with self.assertRaises(AccessError):
                self.Policy.with_user(user).create({"competitor_id": self.rival_x.id, "name": "x"})
        self.assertFalse(self._stored(policy, "description"))


@tagged("post_install", "-at_install")
class TestPortfolioAfterWrite(CompetitionRolesCase):
    def test_a_share_is_not_moved_onto_a_colleague_s_client(self):
        for user in (self.user_a, self.deputy):
            with self.subTest(user=user.login):
                self._refused_after_write(self.share_a, user, {"partner_id": self.client_b.id})
                self.assertEqual(self._stored(self.share_a, "partner_id"), self.client_a)
        self.assertFalse(self.client_b.cs_competitor_share_ids)
        # Within the portfolio (the deputy's stand-in included) a share is changed.
        self.share_a.with_user(self.deputy).write({"share_percent": 25})
        self._refused_after_write(self.share_a, self.user_b, {"share_percent": 30})
        for user in (self.sales_user, self.portal_user):
            self._refused_after_write(self.share_a, user, {"share_percent": 30})
        self.assertEqual(self._stored(self.share_a, "share_percent"), 25)
        self.share_a.with_user(self.head).write({"partner_id": self.client_b.id})
        self.assertEqual(self.share_a.partner_id, self.client_b)

    def test_a_competing_offer_is_not_moved_onto_a_colleague_s_quotation(self):
        for user in (self.user_a, self.deputy):
            with self.subTest(user=user.login):
                self._refused_after_write(self.offer_a, user, {"order_id": self.order_b.id})
                self.assertEqual(self._stored(self.offer_a, "order_id"), self.order_a)
        self.assertEqual(len(self.order_b.cs_competing_offer_ids), 1)
        self.offer_a.with_user(self.deputy).write({"price": 85.0})
        self._refused_after_write(self.offer_a, self.user_b, {"price": 1.0})
        self.assertEqual(self._stored(self.offer_a, "price"), 85.0)
        self.offer_a.with_user(self.head).write({"order_id": self.order_b.id})
        self.assertEqual(self.offer_a.partner_id, self.client_b)


@tagged("post_install", "-at_install")
class TestLostQuotationFields(CompetitionRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_order = cls._order(cls.client_a)
        cls.sales_order.user_id = cls.sales_user
        cls.sales_order.message_subscribe(partner_ids=cls.client_a.ids)
        cls.sales_order._cs_mark_lost(cls.reason_price, cls.rival_x, "They gave 10 % more discount")

    def test_the_client_does_not_read_why_it_was_lost(self):
        order = self.sales_order.with_user(self.portal_user)
        order.read(["name", "state"])  # the client reads its own quotation
        for name in LOST_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                order.read([name])
        # Salespeople do, Client Relations or not.
        values = self.sales_order.with_user(self.sales_user).read(LOST_FIELDS)[0]
        self.assertEqual(values["cs_lost_note"], "They gave 10 % more discount")
        self.assertEqual(values["cs_outcome"], "lost")

    def test_the_loss_is_recorded_by_marking_the_quotation_lost_only(self):
        values = {
            "cs_lost_reason_id": self.reason_delivery.id,
            "cs_winning_competitor_id": self.rival_y.id,
            "cs_lost_note": "Rewritten",
            "cs_lost_date": "2020-01-01",
        }
        for user in (self.sales_user, self.head):
            for name, value in values.items():
                with self.subTest(user=user.login, field=name), self.assertRaises(AccessError):
                    self.sales_order.with_user(user).write({name: value})
        self.assertEqual(self._stored(self.sales_order, "cs_lost_note"), "They gave 10 % more discount")
        self.assertEqual(self._stored(self.sales_order, "cs_lost_reason_id"), self.reason_price)
        open_order = self._order(self.client_a)
        for name, value in values.items():
            with self.subTest(open_field=name), self.assertRaises(AccessError):
                open_order.with_user(self.user_a).write({name: value})
            with self.assertRaises(AccessError):
                self.env["sale.order"].with_user(self.user_a).create({"partner_id": self.client_a.id, name: value})
        self.assertEqual(self._stored(open_order, "cs_outcome"), "open")
        open_order.with_user(self.user_a)._cs_mark_lost(self.reason_delivery, self.rival_y)
        self.assertEqual(self._stored(open_order, "cs_outcome"), "lost")
        open_order.with_user(self.user_a).action_draft()
        self.assertFalse(self._stored(open_order, "cs_lost_reason_id"))
